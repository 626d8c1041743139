"""``main.py export-pdf``: print 評価シート from the command line (argparse only, no Qt).

Without ``--period`` the most recent period (by start date) is used. ``--department`` and
``--member`` narrow the sheets; all chosen sheets go into one PDF.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from domain.appraisal_errors import NoPeriod
from domain.appraisal_ports import AppraisalDocuments
from domain.appraisal_report import build_reports
from domain.appraisal_services import find_period


def add_export_pdf_parser(sub: Any) -> None:
    export = sub.add_parser("export-pdf", help="write appraisal sheets (評価シート) as one PDF")
    export.add_argument("out", metavar="OUT.pdf", help="PDF file to write")
    export.add_argument("--db", dest="sub_db", help="database file or URL")
    export.add_argument("--period", help="appraisal period name (default: the most recent)")
    export.add_argument("--department", help="only this department (name)")
    export.add_argument("--member", help="only this member (employee number)")
    export.add_argument("--password", help="password needed to open the PDF")
    export.add_argument(
        "--evaluator-copy", action="store_true", help="the 一次評価者's copy (二次 columns hidden)"
    )


def export_pdf(args: argparse.Namespace, db: Any, documents: AppraisalDocuments) -> int:
    """Write the chosen sheets; 0 on success, 2 with a one-line reason on stderr otherwise."""
    uow = db.uow
    try:
        period = find_period(uow(), args.period)
    except NoPeriod:
        if args.period:
            return _fail(f"no appraisal period named '{args.period}'")
        return _fail("the database has no appraisal period")
    department_id = None
    if args.department:
        with uow() as u:
            found = [
                d
                for d in u.departments.list(include_archived=True)
                if d.name == args.department.strip()
            ]
        if not found:
            return _fail(f"no department named '{args.department}'")
        department_id = found[0].id
    reports = build_reports(
        uow(),
        period.id,
        department_id=department_id,
        employee_no=args.member.strip() if args.member else None,
        hide_second=args.evaluator_copy,
    )
    if not reports:
        return _fail(f"no appraisal sheets match in period '{period.name}'")
    out = documents.write_sheets(reports, Path(args.out), password=args.password)
    print(f"{out}: {len(reports)} sheet(s), period {period.name}")
    return 0


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2
