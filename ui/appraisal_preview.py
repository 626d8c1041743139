"""Print preview of 評価シート inside the app: the real PDF, rendered by pdfium (pypdfium2).

The preview shows exactly the file that is saved or printed (same reportlab output), page by
page; 印刷… sends the rendered pages to a printer through QPrintDialog.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

PREVIEW_WIDTH = 800  # pixels per page on screen

from domain.appraisal_ports import AppraisalDocuments
from domain.appraisal_report import SheetReport
from ui.screen_fit import resize_to_fit


class PreviewDialog(QDialog):
    def __init__(
        self,
        documents: AppraisalDocuments,
        reports: Sequence[SheetReport],
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._documents = documents
        self._reports = list(reports)
        self._folder = tempfile.mkdtemp(prefix="mieruka-preview-")
        self.pdf_path = documents.write_sheets(self._reports, Path(self._folder) / "preview.pdf")
        import pypdfium2  # loaded with the first preview, not at start-up

        self.document = pypdfium2.PdfDocument(str(self.pdf_path))
        self.view = QScrollArea(self)
        self.view.setWidgetResizable(True)
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        pages = QWidget()
        pages.setStyleSheet("background: #808080;")
        pages_layout = QVBoxLayout(pages)
        pages_layout.setSpacing(12)
        for page in range(self.page_count()):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(self.render_page(page, PREVIEW_WIDTH)))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            pages_layout.addWidget(label)
        self.view.setWidget(pages)
        self.pages_label = QLabel(self.tr("{0}ページ").format(self.page_count()))
        self.print_button = QPushButton(self.tr("印刷…"))
        self.save_button = QPushButton(self.tr("PDFに保存…"))
        self.close_button = QPushButton(self.tr("閉じる"))
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.setWindowTitle(
            self.tr("印刷プレビュー — {0}").format(
                self._reports[0].period.name if self._reports else ""
            )
        )
        resize_to_fit(self, 860, 1000)
        self.print_button.clicked.connect(self._on_print)
        self.save_button.clicked.connect(self._on_save)
        self.close_button.clicked.connect(self.accept)
        self.finished.connect(lambda _r: self._cleanup())

    def page_count(self) -> int:
        return len(self.document)

    def render_page(self, page: int, width: int) -> QImage:
        """A page as an image ``width`` pixels wide, on white."""
        pdf_page = self.document[page]
        try:
            scale = width / pdf_page.get_width()
            bitmap = pdf_page.render(scale=scale, fill_color=(255, 255, 255, 255))
            image = bitmap.to_pil().convert("RGB")
        finally:
            pdf_page.close()
        data = image.tobytes("raw", "RGB")
        return QImage(
            data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888
        ).copy()

    def print_to(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            for page in range(self.page_count()):
                if page:
                    printer.newPage()
                target = painter.viewport()
                image = self.render_page(page, target.width())
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(0, 0, image.scaled(scaled))
        finally:
            painter.end()

    def _on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _on_save(self) -> None:
        name = (
            self._documents.sheet_file_name(self._reports[0])
            if len(self._reports) == 1
            else self.tr("評価シート_{0}.pdf").format(self._reports[0].period.name)
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("PDFに保存"), name, self.tr("PDF (*.pdf)")
        )
        if path:  # written again through the writer: temporary name, then renamed
            self._documents.write_sheets(self._reports, Path(path))

    def _cleanup(self) -> None:
        self.document.close()
        shutil.rmtree(self._folder, ignore_errors=True)
