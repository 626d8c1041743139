"""KPI detail (opened from a dashboard tile): figures, forecast and why, warnings, the chart with
monthly/cumulative and last-year toggles, value notes, target revisions, PNG export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.forecast import Method
from domain.kpi_detail import KpiDetail, chart_series, load_kpi_detail
from domain.model import Direction
from domain.ports import UnitOfWork
from ui.dashboard_text import (
    STATUS_ACCENT,
    method_label,
    month_text,
    percent,
    reason_text,
    status_label,
    value_text,
    warning_text,
)
from ui.kpi_chart import KpiChart
from ui.labels import aggregation_label, direction_label
from ui.messages import error_text
from ui.screen_fit import resize_to_fit


class KpiDetailDialog(QDialog):
    """Shows one KPI of one fiscal year; ``changed`` is emitted after a target revision."""

    changed = Signal()

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        kpi_id: int,
        fiscal_year: int,
        today: date,
        user: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._kpi_id = kpi_id
        self._fiscal_year = fiscal_year
        self._today = today
        self._user = user
        self.detail: KpiDetail | None = None
        self._build()
        self._connect_signals()
        self.reload()

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #555;")
        self.status_chip = QLabel()
        self.latest = QLabel()
        self.ytd = QLabel()
        self.forecast = QLabel()
        self.method = QLabel()
        self.method.setWordWrap(True)
        self.pace = QLabel()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #c62828;")
        figures = QFormLayout()
        figures.addRow(self.tr("最新の実績"), self.latest)
        figures.addRow(self.tr("年度累計の達成率"), self.ytd)
        figures.addRow(self.tr("年度末の予測"), self.forecast)
        figures.addRow(self.tr("予測の方法"), self.method)
        figures.addRow(self.tr("進み具合"), self.pace)
        figures.addRow(self.tr("早期警告"), self.warnings)
        figures_box = QWidget()
        figures_box.setLayout(figures)

        self.chart = KpiChart()
        self.cumulative = QCheckBox(self.tr("累計で表示"))
        self.show_last_year = QCheckBox(self.tr("前年度を重ねる"))
        self.show_last_year.setChecked(True)
        self.export_button = QPushButton(self.tr("グラフをPNGで保存…"))
        chart_bar = QHBoxLayout()
        chart_bar.addWidget(self.cumulative)
        chart_bar.addWidget(self.show_last_year)
        chart_bar.addStretch(1)
        chart_bar.addWidget(self.export_button)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addLayout(chart_bar)
        chart_layout.addWidget(self.chart, 1)

        self.notes = QListWidget()
        self.revisions = QTableWidget(0, 6)
        self.revisions.setHorizontalHeaderLabels(
            [
                self.tr("改訂日時"),
                self.tr("適用開始"),
                self.tr("旧目標"),
                self.tr("新目標"),
                self.tr("理由"),
                self.tr("入力者"),
            ]
        )
        self.revisions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.revisions.horizontalHeader().setStretchLastSection(False)
        self.revisions.horizontalHeader().setSectionResizeMode(
            4, self.revisions.horizontalHeader().ResizeMode.Stretch
        )
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(self.notes, self.tr("実績のメモ"))
        self.lower_tabs.addTab(self.revisions, self.tr("目標の改訂履歴"))

        self.revise_button = QPushButton(self.tr("目標を改訂…"))
        self.close_button = QPushButton(self.tr("閉じる"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.revise_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(figures_box)
        upper.addWidget(chart_box)
        upper.setSizes([340, 640])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(upper)
        body.addWidget(self.lower_tabs)
        body.setSizes([430, 150])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(body, 1)
        layout.addLayout(buttons)
        resize_to_fit(self, 1040, 680)

    def _connect_signals(self) -> None:
        self.cumulative.toggled.connect(lambda _c: self._draw())
        self.show_last_year.toggled.connect(lambda _c: self._draw())
        self.export_button.clicked.connect(self._on_export)
        self.revise_button.clicked.connect(self._on_revise)
        self.close_button.clicked.connect(self.accept)

    # --- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            detail = load_kpi_detail(
                self._uow(), kpi_id=self._kpi_id, fiscal_year=self._fiscal_year, today=self._today
            )
        except Exception as exc:
            QMessageBox.warning(self, self.tr("読み込めませんでした"), error_text(exc))
            return
        self.detail = detail
        tile = detail.tile
        kpi = tile.kpi
        self.setWindowTitle(self.tr("{0} — {1}年度").format(kpi.name, detail.fiscal_year))
        self.title.setText(kpi.name)
        owner = tile.owner_name or self.tr("未設定")  # 「担当 未設定」, not 「担当 担当者なし」
        self.subtitle.setText(
            self.tr("{0}　担当：{1}　単位：{2}　{3}・{4}").format(
                detail.department.name,
                owner,
                kpi.unit or "—",
                direction_label(kpi.direction),
                aggregation_label(kpi.aggregation),
            )
        )
        accent = STATUS_ACCENT[tile.status].name()
        self.status_chip.setText(status_label(tile.status))
        self.status_chip.setStyleSheet(
            f"background: {accent}; color: white; padding: 4px 12px; border-radius: 4px;"
            "font-weight: bold;"
        )
        if tile.latest_month is None:
            self.latest.setText("—")
        else:
            self.latest.setText(
                self.tr("{0}（{1}）").format(
                    value_text(kpi, tile.latest_value), month_text(tile.latest_month)
                )
            )
        self.ytd.setText(percent(tile.ytd_achievement))
        forecast = tile.forecast
        if forecast.method is Method.NONE:
            self.forecast.setText("—")
        else:
            text = self.tr("{0}（達成率 {1}）").format(
                value_text(kpi, forecast.year_end), percent(forecast.achievement)
            )
            band = detail.band
            if band is not None:
                text += "\n" + self.tr("幅 {0}〜{1}（達成率 {2}〜{3}）").format(
                    value_text(kpi, band.low),
                    value_text(kpi, band.high),
                    percent(band.achievement_low),
                    percent(band.achievement_high),
                )
            self.forecast.setText(text)
        self.method.setText(f"{method_label(forecast.method)}：{reason_text(kpi, forecast)}")
        if tile.pace is None:
            self.pace.setText("—")
        else:
            self.pace.setText(
                self.tr("年度目標に対する進捗 {0}／この時点の目安 {1}").format(
                    percent(tile.pace.progress), percent(tile.pace.expected)
                )
            )
        self.warnings.setText("\n".join(warning_text(w) for w in tile.warnings) or self.tr("なし"))
        self.warnings.setStyleSheet("color: #c62828;" if tile.warnings else "color: #3c4043;")
        self.cumulative.setEnabled(detail.can_accumulate)
        if not detail.can_accumulate:
            self.cumulative.setChecked(False)
        self.revise_button.setEnabled(kpi.direction is not Direction.RANGE)
        self.notes.clear()
        for month, note in zip(detail.months, detail.notes, strict=True):
            if note:
                self.notes.addItem(f"{month_text(month)}：{note}")
        if self.notes.count() == 0:
            self.notes.addItem(self.tr("この年度の実績にメモはありません。"))
        self.revisions.setRowCount(len(detail.revisions))
        for row, revision in enumerate(detail.revisions):
            cells = (
                revision.at.strftime("%Y-%m-%d %H:%M"),
                month_text(revision.effective_from),
                value_text(kpi, revision.old_target),
                value_text(kpi, revision.new_target),
                revision.reason,
                revision.user,
            )
            for column, text in enumerate(cells):
                self.revisions.setItem(row, column, QTableWidgetItem(text))
        self.revisions.resizeColumnsToContents()
        self._draw()

    def _draw(self) -> None:
        detail = self.detail
        if detail is None:
            return
        series = chart_series(detail.tile, detail.months, cumulative=self.cumulative.isChecked())
        self.chart.set_series(
            detail.tile.kpi, series, detail.notes, show_last_year=self.show_last_year.isChecked()
        )

    # --- actions --------------------------------------------------------------------------
    def _on_export(self) -> None:
        if self.detail is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        suggested = str(Path(folder) / f"{self.detail.tile.kpi.name}_{self._fiscal_year}.png")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("グラフをPNGで保存"), suggested, self.tr("PNG画像 (*.png)")
        )
        if not path:
            return
        try:
            self.chart.export_png(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("保存できませんでした"), str(exc))

    def _on_revise(self) -> None:
        from ui.target_revision_dialog import TargetRevisionDialog

        if self.detail is None:
            return
        dialog = TargetRevisionDialog(
            self._uow, self.detail, today=self._today, user=self._user, parent=self
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.reload()
            self.lower_tabs.setCurrentWidget(self.revisions)
            self.changed.emit()
