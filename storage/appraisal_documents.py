"""The appraisal document writers handed to the front ends (domain.appraisal_ports.
AppraisalDocuments): sheets into one PDF or one file each, the overview as PDF or Excel.

Importing this module is cheap: reportlab and openpyxl load only when a document is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from domain.appraisal_ports import Progress
from domain.appraisal_report import PeriodOverview, SheetReport


class AppraisalDocumentWriter:
    """Implements AppraisalDocuments with reportlab (PDF) and openpyxl (Excel)."""

    def __init__(self, *, font_path: Path | None = None, printed_on: date | None = None) -> None:
        self._font_path = font_path
        self._printed_on = printed_on

    def _options(self, password: str | None):  # noqa: ANN202 (reportlab-backed type, lazy)
        from storage.pdf_sheet import PdfOptions

        return PdfOptions(
            password=password or None, font_path=self._font_path, printed_on=self._printed_on
        )

    def sheet_file_name(self, report: SheetReport) -> str:
        from storage.pdf_sheet import sheet_file_name

        return sheet_file_name(report)

    def write_sheets(
        self,
        reports: Sequence[SheetReport],
        target: Path,
        *,
        password: str | None = None,
        progress: Progress | None = None,
    ) -> Path:
        from storage.pdf_sheet import write_sheets

        return write_sheets(reports, Path(target), self._options(password), progress)

    def write_each(
        self,
        reports: Sequence[SheetReport],
        folder: Path,
        *,
        password: str | None = None,
        progress: Progress | None = None,
    ) -> list[Path]:
        """One PDF per sheet in ``folder`` named 評価シート_{氏名}_{期間}.pdf (a second sheet with
        the same name gets the employee number added). Cancelling keeps the files already done."""
        from storage.pdf_sheet import Cancelled, write_sheets

        folder = Path(folder)
        options = self._options(password)
        written: list[Path] = []
        used: set[str] = set()
        total = len(reports)
        for done, report in enumerate(reports):
            if progress is not None and progress(done, total) is False:
                raise Cancelled()
            name = self.sheet_file_name(report)
            if name in used:
                name = name.removesuffix(".pdf") + f"_{report.member.employee_no}.pdf"
            used.add(name)
            written.append(write_sheets([report], folder / name, options))
        if progress is not None:
            progress(total, total)
        return written

    def write_overview_pdf(
        self, overview: PeriodOverview, target: Path, *, password: str | None = None
    ) -> Path:
        from storage.pdf_overview import write_overview

        return write_overview(overview, Path(target), self._options(password))

    def write_overview_xlsx(self, overview: PeriodOverview, target: Path) -> Path:
        from storage.xlsx_appraisal import write_overview_xlsx

        return write_overview_xlsx(overview, Path(target))
