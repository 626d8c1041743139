"""``main.py report-pdf``: the department report PDF from the command line (argparse only, no Qt).

The same report the dashboard draws (domain.dashboard), written by the PDF writer the composition
root passes in; it runs without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from domain.dashboard import DashboardFilter, apply_filter, default_fiscal_year, load_dashboard


def add_report_parser(sub: Any) -> None:
    report = sub.add_parser(
        "report-pdf", help="write the department report PDF (one page per department)"
    )
    report.add_argument("out", metavar="OUT.pdf", help="PDF to write")
    report.add_argument("--db", dest="sub_db", help="database file or URL")
    report.add_argument(
        "--fiscal-year", type=int, metavar="YYYY", help="fiscal year (default: the last finished)"
    )
    report.add_argument("--department", help="only this department (its name)")


def run_report_pdf(
    args: argparse.Namespace,
    *,
    open_database: Callable[[str], Any],
    target: str,
    writer: Callable[..., Path],
    today: date | None = None,
) -> int:
    today = today or date.today()
    db = open_database(target)
    try:
        with db.uow() as uow:
            company = uow.company.get()
        if company is None:
            print(f"{db.location} holds no company yet", file=sys.stderr)
            return 2
        year = args.fiscal_year or default_fiscal_year(today, company.fiscal_year_start)
        report = load_dashboard(db.uow(), fiscal_year=year, today=today)
    finally:
        db.close()
    if args.department:
        found = [s.department.id for s in report.sections if s.department.name == args.department]
        if not found:
            names = ", ".join(s.department.name for s in report.sections)
            print(f"no department named {args.department!r} (known: {names})", file=sys.stderr)
            return 2
        report = apply_filter(report, DashboardFilter(department_id=found[0]))
    path = writer(report, Path(args.out))
    warnings = sum(len(t.warnings) for t in report.tiles())
    print(
        f"{path}: {len(report.sections)} page(s), fiscal year {report.fiscal_year}, "
        f"{warnings} early warning(s)"
    )
    return 0
