"""「部門レポートPDF…」: ask where to save, then write the department report off the GUI thread.

The writer comes from the composition root (storage/pdf_department_report.py through main.py); the
UI only hands it the report the screen shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from domain.dashboard import DashboardReport
from ui.background_task import Progress, run_with_progress
from ui.messages import error_text

ReportWriter = Callable[..., Path]  # (report, path, *, progress) -> path


def default_file_name(report: DashboardReport) -> str:
    return QCoreApplication.translate("DashboardPdf", "部門レポート_{0}年度_{1}.pdf").format(
        report.fiscal_year, report.today.strftime("%Y%m%d")
    )


def _write(inputs: tuple[ReportWriter, DashboardReport, Path], progress: Progress) -> Path:
    writer, report, path = inputs
    return writer(report, path, progress=progress)


def export_department_report(
    parent: QWidget,
    report: DashboardReport,
    writer: ReportWriter | None,
    *,
    path: str | None = None,
) -> Path | None:
    """Write ``report`` as PDF (one page per department); returns the path, None if not written."""
    if writer is None:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("DashboardPdf", "部門レポート"),
            QCoreApplication.translate("DashboardPdf", "この画面からはPDFを作成できません。"),
        )
        return None
    if path is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("DashboardPdf", "部門レポートをPDFで保存"),
            str(Path(folder) / default_file_name(report)),
            QCoreApplication.translate("DashboardPdf", "PDF (*.pdf)"),
        )
        if not path:
            return None
    outcome = run_with_progress(
        parent,
        QCoreApplication.translate("DashboardPdf", "部門レポートを作成しています…"),
        _write,
        (writer, report, Path(path)),
    )
    if outcome.cancelled:
        return None
    if outcome.error is not None:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("DashboardPdf", "PDFを作成できませんでした"),
            error_text(outcome.error),
        )
        return None
    result: Any = outcome.result
    return Path(result)
