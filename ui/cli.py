"""The command line: a second front end over the same services (argparse only, no Qt import)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from domain.errors import DatabaseOpenError, MierukaError


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
) -> int:
    target = args.db or default_target
    try:
        if args.command == "demo":
            return _demo(open_database(target))
        if args.command == "backup":
            db = open_database(target)
            if db.path is None:
                return _fail("backup works on SQLite files only; use the server's own tools")
            made = make_backup(db.path, "manual")
            print(made)
            return 0
    except MierukaError as exc:
        return _fail(describe_error(exc))
    return _fail(f"unknown command {args.command}")


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
