"""Mieruka (見える化) — composition root.

argv → GUI (ui.app) or command line (ui.cli). This is the one place that knows both storage/ and ui/:
it builds the database opener from storage and hands it to the front ends.
"""

from __future__ import annotations

import sys


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mieruka")
    except PackageNotFoundError:
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).with_name("pyproject.toml")
        if pyproject.exists():
            return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
        return "0"


def _spreadsheets():  # noqa: ANN202 - the Excel/CSV reader and writer for the GUI
    from ui.import_actions import SpreadsheetIO

    return SpreadsheetIO(read_workbook=_read_workbook, write_kpi_workbook=_write_kpi_workbook)


def _read_workbook(path, **kwargs):  # noqa: ANN001, ANN003, ANN202 - storage adapter for ui
    from storage.spreadsheet_reader import read_workbook

    return read_workbook(path, **kwargs)


def _write_kpi_workbook(export, path):  # noqa: ANN001, ANN202 - storage adapter for ui
    from storage.xlsx_writer import write_kpi_workbook

    return write_kpi_workbook(export, path)


def _write_department_report(report, path, **kwargs):  # noqa: ANN001, ANN003, ANN202
    from storage.pdf_department_report import write_department_report  # reportlab: lazily

    return write_department_report(report, path, **kwargs)


def _copy_database(source, target):  # noqa: ANN001, ANN202 - storage adapter for the CLI
    from storage.transfer import copy_database

    return copy_database(source, target)


def main(argv: list[str] | None = None) -> int:
    from ui import cli

    args = cli.parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        print(f"Mieruka {_version()}")
        return 0
    if args.command == "import" and args.dry_run:  # reads a file only: no database, fast
        from ui.cli_import import run_import

        return run_import(args, read_workbook=_read_workbook, open_database=None, target="")

    from storage.database import open_database
    from storage.engine import default_database_path, demo_database_path

    if args.command is None:
        import storage.backup
        from storage.appraisal_documents import AppraisalDocumentWriter
        from functools import partial

        from ui.app import run_gui
        from ui.i18n import backup_keep

        return run_gui(
            open_database=partial(open_database, backup_keep=backup_keep()),
            target=args.db,
            default_target=str(default_database_path()),
            demo_target=str(demo_database_path()),
            version=_version(),
            language=args.lang,
            backups=storage.backup,
            appraisal_documents=AppraisalDocumentWriter(),
            department_report=_write_department_report,
            spreadsheets=_spreadsheets(),
        )
    from storage.backup import list_backups, make_backup, restore_backup
    from storage.appraisal_documents import AppraisalDocumentWriter

    return cli.run(
        args,
        open_database=open_database,
        default_target=str(default_database_path()),
        make_backup=make_backup,
        list_backups=list_backups,
        restore_backup=restore_backup,
        copy_database=_copy_database,
        appraisal_documents=AppraisalDocumentWriter(),
        read_workbook=_read_workbook,
        write_kpi_workbook=_write_kpi_workbook,
        department_report=_write_department_report,
    )


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen app's own helper processes (sheet parsing)
    sys.exit(main())
