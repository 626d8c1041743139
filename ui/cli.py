"""The command line: a second front end over the same services (argparse only, no Qt import)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from domain.errors import DatabaseOpenError, MierukaError
from ui.cli_appraisal import add_export_pdf_parser, export_pdf
from ui.cli_dashboard import add_report_parser, run_report_pdf
from ui.cli_import import add_import_parsers, run_export_xlsx, run_import, run_undo_import


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Mieruka (見える化): back-office KPIs, monthly values and appraisal sheets.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--db", help="database: a file path or an SQLAlchemy URL")
    parser.add_argument("--lang", choices=["ja", "en"], help="user interface language")
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="create a demo company in a new database")
    demo.add_argument("--db", dest="sub_db", help="database file or URL (must be empty)")

    backup = sub.add_parser("backup", help="back up the SQLite database file")
    backup.add_argument("--db", dest="sub_db", help="database file")
    backup.add_argument("--list", action="store_true", help="list the backups instead")

    copy_to = sub.add_parser(
        "copy-to", help="copy all data into another (empty) database, e.g. the shared server"
    )
    copy_to.add_argument("target", help="target database: an SQLAlchemy URL or a file path")
    copy_to.add_argument("--db", dest="sub_db", help="source database (default: this PC's file)")

    restore = sub.add_parser("restore", help="replace the database by a backup (backs it up first)")
    restore.add_argument("backup", help="backup file (see: backup --list)")
    restore.add_argument("--db", dest="sub_db", help="database file")

    add_export_pdf_parser(sub)
    add_import_parsers(sub)
    add_report_parser(sub)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    sub_db = getattr(args, "sub_db", None)
    if sub_db:
        args.db = sub_db
    return args


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def describe_error(exc: MierukaError) -> str:
    """One line for stderr (the GUI phrases the same errors in the user's language)."""
    if isinstance(exc, DatabaseOpenError):
        kind = type(exc).__name__.removeprefix("Database")
        detail = f" ({exc.detail})" if exc.detail else ""
        return f"cannot open database {exc.location}: {kind}{detail}"
    return f"{type(exc).__name__}: {exc}"


def run(
    args: argparse.Namespace,
    *,
    open_database: Callable[[str], Any],
    default_target: str,
    make_backup: Callable[..., Path],
    list_backups: Callable[[Path], list[Any]],
    restore_backup: Callable[[Path, Path], Path | None] | None = None,
    copy_database: Callable[..., dict[str, int]] | None = None,
    appraisal_documents: Any = None,
    read_workbook: Callable[..., Any] | None = None,
    write_kpi_workbook: Callable[..., Path] | None = None,
    department_report: Callable[..., Path] | None = None,
) -> int:
    target = args.db or default_target
    if args.command == "import" and read_workbook is not None:
        return run_import(args, read_workbook=read_workbook, open_database=open_database, target=target)
    if args.command == "undo-import":
        return run_undo_import(args, open_database=open_database, target=target)
    try:
        if args.command == "export-xlsx" and write_kpi_workbook is not None:
            return run_export_xlsx(
                args, open_database=open_database, target=target, write_workbook=write_kpi_workbook
            )
        if args.command == "demo":
            return _demo(open_database(target))
        if args.command == "report-pdf" and department_report is not None:
            return run_report_pdf(
                args, open_database=open_database, target=target, writer=department_report
            )
        if args.command == "export-pdf":
            db = open_database(target)
            try:
                return export_pdf(args, db, appraisal_documents)
            finally:
                db.close()
        if args.command == "copy-to" and copy_database is not None:
            return _copy_to(args, target, open_database, copy_database)
        if args.command == "restore" and restore_backup is not None:
            return _restore(args, target, restore_backup)
        if args.command == "backup" and args.list:
            db = open_database(target)
            db.close()
            if db.path is None:
                return _fail("backups exist for SQLite files only")
            for b in list_backups(db.path):
                print(f"{b.created:%Y-%m-%d %H:%M:%S}\t{b.size}\t{b.reason}\t{b.path}")
            return 0
        if args.command == "backup":
            db = open_database(target)
            if db.path is None:
                return _fail("backup works on SQLite files only; use the server's own tools")
            made = make_backup(db.path, "manual")
            print(made)
            return 0
    except MierukaError as exc:
        return _fail(describe_error(exc))
    except OSError as exc:  # disk full, folder not writable: the export was not written
        where = f" {exc.filename}" if exc.filename else ""
        return _fail(f"cannot write{where}: {exc.strerror or exc}; nothing was written")
    return _fail(f"unknown command {args.command}")


def _copy_to(
    args: argparse.Namespace,
    source_target: str,
    open_database: Callable[[str], Any],
    copy_database: Callable[..., dict[str, int]],
) -> int:
    source = open_database(source_target)
    try:
        target = open_database(args.target)  # creates and migrates the schema there
        try:
            counts = copy_database(source, target)
        finally:
            target.close()
    finally:
        source.close()
    total = sum(counts.values())
    print(f"copied {total} rows in {len(counts)} tables from {source.location} to {target.location}")
    return 0


def _restore(
    args: argparse.Namespace,
    target: str,
    restore_backup: Callable[[Path, Path], Path | None],
) -> int:
    backup = Path(args.backup)
    if not backup.is_file():
        return _fail(f"no such backup: {backup}")
    if "://" in target and not target.startswith("sqlite"):
        return _fail("restore works on SQLite files only; use the server's own tools")
    path = Path(target.split(":///", 1)[-1]) if "://" in target else Path(target)
    try:
        safety = restore_backup(backup, path)  # refuses while the app has the file open
    except MierukaError as exc:
        return _fail(describe_error(exc))
    except Exception as exc:  # a damaged backup: nothing was changed
        return _fail(f"cannot restore {backup}: {type(exc).__name__}; nothing was changed")
    print(f"restored {path} from {backup}" + (f"; previous data kept in {safety}" if safety else ""))
    return 0


def _demo(db: Any) -> int:
    from domain.demo import build_demo
    from domain.seed import DatabaseNotEmpty, create_demo_company

    try:
        company = create_demo_company(db.uow(), build_demo(date.today()))
    except DatabaseNotEmpty:
        return _fail(f"{db.location} already holds a company; choose a new file for the demo")
    finally:
        db.close()
    print(f"demo company '{company.name}' created in {db.location}")
    return 0
