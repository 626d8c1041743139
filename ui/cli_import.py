"""``main.py import`` / ``export-xlsx`` / ``undo-import``: the Excel/CSV commands (argparse, no Qt).

``import FILE --dry-run --json`` prints exactly one JSON object (DESIGN.md "Command line") and
opens no database. The file reader and writer are injected by main.py (ui/ may not import
storage/).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from domain.errors import DatabaseLocked, MierukaError
from domain.importing.errors import ImportCancelled, WorkbookUnreadable
from domain.importing.hidden import visible
from domain.importing.model import WorkbookAnalysis
from ui.import_text import problem_message, unreadable_message

ReadWorkbook = Callable[..., Any]


def _month_number(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 12:
        raise argparse.ArgumentTypeError("1〜12 で指定してください (1-12)")
    return value


def add_import_parsers(sub: Any) -> None:
    imp = sub.add_parser("import", help="import an Excel/CSV KPI sheet (.xlsx, .xlsm, .csv)")
    imp.add_argument("file", metavar="FILE", help="workbook or CSV file")
    imp.add_argument("--db", dest="sub_db", help="database file or URL")
    imp.add_argument("--sheet", help="only this sheet")
    imp.add_argument(
        "--fiscal-year-start", type=_month_number, metavar="N", help="fiscal year starts in month N"
    )
    imp.add_argument("--fiscal-year", type=int, metavar="YYYY", help="fiscal year of bare months")
    imp.add_argument("--department", help="department for KPIs whose sheet names none")
    imp.add_argument(
        "--keep-existing",
        action="store_true",
        help="keep stored values that differ (default: overwrite)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    imp.add_argument("--json", action="store_true", help="print JSON")

    exp = sub.add_parser(
        "export-xlsx", help="write a fiscal-year KPI workbook (one sheet per department)"
    )
    exp.add_argument("out", metavar="OUT.xlsx", help="workbook to write")
    exp.add_argument("--db", dest="sub_db", help="database file or URL")
    exp.add_argument(
        "--fiscal-year", type=int, metavar="YYYY", help="fiscal year (default: current)"
    )

    undo = sub.add_parser("undo-import", help="take an import back (list imports without ID)")
    undo.add_argument("batch", nargs="?", type=int, metavar="ID", help="import id")
    undo.add_argument("--db", dest="sub_db", help="database file or URL")


def _print(text: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write((text + "\n").encode("utf-8"))
        buffer.flush()
    else:
        print(text)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def dry_run_json(analysis: WorkbookAnalysis) -> dict[str, Any]:
    """The DESIGN.md object: values in the KPI's unit, blank months absent."""
    return {
        "kpis": [
            {
                "sheet": k.sheet,
                "department": k.department,
                "name": k.name,
                "unit": k.unit,
                "target": k.target,
                "values": {str(month): value for month, value in sorted(k.actuals.items())},
            }
            for k in visible(analysis.kpis)  # a KPI in hidden rows: reported, not taken
        ],
        "problems": [
            {"sheet": p.sheet, "cell": p.cell, "message": problem_message(p)}
            for p in analysis.problems
        ],
    }


def _text_report(analysis: WorkbookAnalysis) -> str:
    lines = []
    for sheet in analysis.sheets:
        layout = sheet.layout.value if sheet.layout else "-"
        header = sheet.header_row + 1 if sheet.header_row is not None else "-"
        lines.append(
            f"[{sheet.sheet}] {sheet.status.value} layout={layout} header_row={header} "
            f"fiscal_year={sheet.fiscal_year or '-'} department={sheet.department or '-'}"
        )
    for k in visible(analysis.kpis):  # as the import takes them
        values = ", ".join(f"{m}={v:g}" for m, v in k.actuals.items())
        target = "-" if k.target is None else f"{k.target:g}"
        lines.append(
            f"  {k.department or '-'} / {k.name} [{k.unit or '-'}] 目標={target}: {values}"
        )
    for p in analysis.problems:
        lines.append(f"  ! {p.sheet}!{p.cell}: {problem_message(p)}")
    return "\n".join(lines)


def _analyse(
    args: argparse.Namespace, read_workbook: ReadWorkbook, *, default_start: int, known: list[str]
) -> WorkbookAnalysis:
    from domain.importing.model import SheetOverrides
    from domain.importing.workbook import SheetBySheet

    path = Path(args.file)
    sheets: list[SheetBySheet] = []

    def on_sheet(grid: Any, names: tuple[str, ...]) -> None:  # analysed while the next is read
        if not sheets:
            overrides = {}
            if args.fiscal_year:
                overrides = {n: SheetOverrides(fiscal_year=args.fiscal_year) for n in names}
            sheets.append(
                SheetBySheet(
                    names,
                    file_name=path.name,
                    today=date.today(),
                    overrides=overrides,
                    start_month=args.fiscal_year_start,
                    default_start=default_start,
                )
            )
        sheets[0].add(grid)

    read_workbook(path, sheet=args.sheet, on_sheet=on_sheet)
    return sheets[0].result(known)


def run_import(
    args: argparse.Namespace,
    *,
    read_workbook: ReadWorkbook,
    open_database: Callable[[str], Any] | None,
    target: str,
    user: str = "cli",
) -> int:
    """``import``: a dry run reads the file only (``open_database`` may be None then)."""
    try:
        if args.dry_run:
            analysis = _analyse(
                args, read_workbook, default_start=args.fiscal_year_start or 4, known=[]
            )
            if args.json:
                _print(json.dumps(dry_run_json(analysis), ensure_ascii=False))
            else:
                _print(_text_report(analysis))
            return 0
        assert open_database is not None
        return _commit(args, read_workbook, open_database(target), user)
    except WorkbookUnreadable as exc:
        return _fail(unreadable_message(exc).replace("\n", " "))
    except DatabaseLocked as exc:
        return _fail(
            f"database {exc.location} is locked by another program; nothing was imported, try again"
        )
    except ImportCancelled:
        return _fail("cancelled; nothing was imported")
    except MierukaError as exc:
        return _fail(f"{type(exc).__name__}: {exc}; nothing was imported")


def _commit(args: argparse.Namespace, read_workbook: ReadWorkbook, db: Any, user: str) -> int:
    from domain import services
    from domain.importing.commit import ImportRequest, commit_import

    try:
        company = services.get_company(db.uow())
        if company is None:
            company = services.create_company(
                db.uow(), name="会社", fiscal_year_start=args.fiscal_year_start or 4
            )
        known = [d.name for d in services.list_departments(db.uow(), include_archived=True)]
        analysis = _analyse(
            args, read_workbook, default_start=company.fiscal_year_start, known=known
        )
        request = ImportRequest(
            file_name=analysis.file_name,
            kpis=visible(analysis.kpis),
            sheets=tuple(s.sheet for s in analysis.sheets),
            default_department=args.department or "",
        )
        if hasattr(db, "backup"):
            db.backup("before-import")  # every import can be taken back from a backup too
        result = commit_import(db.uow(), request, user=user, overwrite=not args.keep_existing)
    finally:
        db.close()
    summary = {
        "import_id": result.batch_id,
        "created_departments": result.created_departments,
        "created_kpis": result.created_kpis,
        "written_cells": result.written_cells,
        "kept_cells": result.kept_cells,
        "problems": [
            {"sheet": p.sheet, "cell": p.cell, "message": problem_message(p)}
            for p in analysis.problems
        ],
    }
    if args.json:
        _print(json.dumps(summary, ensure_ascii=False))
    else:
        _print(
            f"import {result.batch_id}: {result.written_cells} cell(s) written, "
            f"{result.created_kpis} KPI(s) and {result.created_departments} department(s) created, "
            f"{result.kept_cells} stored value(s) kept; "
            f"undo with: main.py undo-import {result.batch_id}"
        )
        for p in analysis.problems:
            _print(f"  ! {p.sheet}!{p.cell}: {problem_message(p)}")
    return 0


def run_undo_import(
    args: argparse.Namespace, *, open_database: Callable[[str], Any], target: str, user: str = "cli"
) -> int:
    from domain.importing.commit import ImportAlreadyUndone, list_imports, undo_import

    db = open_database(target)
    try:
        if args.batch is None:
            for b in list_imports(db.uow()):
                state = f"undone {b.undone_at:%Y-%m-%d %H:%M}" if b.undone_at else ""
                _print(
                    f"{b.id}\t{b.at:%Y-%m-%d %H:%M:%S}\t{b.user}\t{b.file_name}\t"
                    f"{b.cell_count}\t{state}"
                )
            return 0
        try:
            result = undo_import(db.uow(), args.batch, user=user)
        except ImportAlreadyUndone:
            return _fail(f"import {args.batch} was already undone")
    except MierukaError as exc:
        return _fail(f"{type(exc).__name__}: {exc}")
    finally:
        db.close()
    _print(
        f"import {args.batch} undone: {result.reverted} cell(s) reverted, "
        f"{result.deleted_kpis} KPI(s) "
        f"deleted, {result.skipped} cell(s) changed since and left as they are"
    )
    return 0


def run_export_xlsx(
    args: argparse.Namespace,
    *,
    open_database: Callable[[str], Any],
    target: str,
    write_workbook: Callable[..., Path],
) -> int:
    from domain.exporting import build_export

    db = open_database(target)
    try:
        export = build_export(db.uow(), fiscal_year=args.fiscal_year, today=date.today())
    except MierukaError as exc:
        return _fail(f"{type(exc).__name__}: {exc}")
    finally:
        db.close()
    try:
        out = write_workbook(export, Path(args.out))
    except OSError as exc:
        return _fail(f"cannot write {args.out}: {exc.strerror or exc}")
    _print(f"{out}: {len(export.departments)} department sheet(s), {export.fiscal_year}年度")
    return 0
