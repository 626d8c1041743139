"""「目標を改訂」: change a KPI's target during the fiscal year, with a reason and a preview of the
monthly targets before and after (domain.target_revision does the work). :class:`RevisionFields`
are the fields every revision asks for, shared with the KPI dialog's reason prompt."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.fiscal import YearMonth
from domain.kpi_detail import KpiDetail
from domain.model import Kpi
from domain.parsing import ValueParseError, format_value, parse_value
from domain.ports import UnitOfWork
from domain.target_revision import (
    InvalidRevision,
    RevisionProblem,
    TargetRevision,
    revise_target,
    revised_targets,
    year_target,
)
from ui.dashboard_text import month_text, short_month, value_text
from ui.messages import error_text
from ui.screen_fit import resize_to_fit
from ui.value_errors import parse_error_text


def problem_text(problem: RevisionProblem) -> str:
    return {
        RevisionProblem.NO_REASON: QCoreApplication.translate(
            "TargetRevision", "改訂の理由を入力してください。"
        ),
        RevisionProblem.NOT_A_NUMBER: QCoreApplication.translate(
            "TargetRevision", "新しい目標を数値で入力してください。"
        ),
        RevisionProblem.RANGE_KPI: QCoreApplication.translate(
            "TargetRevision", "範囲で判定するKPIの目標はKPIの編集で変更してください。"
        ),
        RevisionProblem.OUTSIDE_YEAR: QCoreApplication.translate(
            "TargetRevision", "適用開始月がこの年度に含まれていません。"
        ),
        RevisionProblem.NO_MONTH_LEFT: QCoreApplication.translate(
            "TargetRevision", "適用開始月以降に計測する月がありません。"
        ),
        RevisionProblem.UNCHANGED: QCoreApplication.translate(
            "TargetRevision", "目標が変わっていません。"
        ),
    }[problem]


def preview_number(value: float | None, decimals: int) -> str:
    """A monthly target in the preview: the KPI's decimals, or up to two more when a split
    leaves a fraction (so 1/3 shows as 0.33, not 0)."""
    if value is None:
        return ""
    if abs(round(value, decimals) - value) < 1e-9:
        return format_value(value, decimals)
    text = format_value(value, decimals + 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


class RevisionFields(QWidget):
    """The fields every target revision asks for — 適用開始月, 改訂の理由 — and the preview of the
    monthly targets before and after, with a line for problems. ``form`` takes more rows on top."""

    def __init__(
        self, months: Sequence[YearMonth], *, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.months = tuple(months)
        self.effective = QComboBox()
        for month in self.months:
            self.effective.addItem(month_text(month), month.as_int())
        this_month = YearMonth(today.year, today.month)
        start = this_month if this_month in self.months else self.months[0]
        self.effective.setCurrentIndex(self.effective.findData(start.as_int()))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            self.tr("なぜ目標を変えるのか（例：採用市場の逼迫により計画を見直し）")
        )
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.preview = QTableWidget(2, len(self.months))
        self.preview.setVerticalHeaderLabels([self.tr("改訂前"), self.tr("改訂後")])
        self.preview.setHorizontalHeaderLabels([short_month(m) for m in self.months])
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setFixedHeight(90)
        self.preview.horizontalHeader().setDefaultSectionSize(54)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")

        self.form = QFormLayout()
        self.form.addRow(self.tr("適用開始月"), self.effective)
        self.form.addRow(self.tr("改訂の理由"), self.reason)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(QLabel(self.tr("月次目標のプレビュー")))
        layout.addWidget(self.preview)
        layout.addWidget(self.message)

    def effective_month(self) -> YearMonth:
        return YearMonth.from_int(int(self.effective.currentData()))

    def effective_index(self) -> int:
        return self.months.index(self.effective_month())

    def reason_text(self) -> str:
        return self.reason.toPlainText()

    def show_preview(
        self, kpi: Kpi, before: Sequence[float | None], after: Sequence[float | None]
    ) -> None:
        """Fill the two preview rows (``after`` all None = nothing to show yet)."""
        for column, (old, new) in enumerate(zip(before, after, strict=True)):
            for row, number in ((0, old), (1, new)):
                item = QTableWidgetItem(preview_number(number, kpi.decimals))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.preview.setItem(row, column, item)


class TargetRevisionDialog(QDialog):
    """After acceptance ``revision`` holds the stored revision."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        detail: KpiDetail,
        *,
        today: date,
        user: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._detail = detail
        self._user = user
        self.revision: TargetRevision | None = None
        kpi = detail.tile.kpi
        self.setWindowTitle(self.tr("目標を改訂 — {0}").format(kpi.name))

        self.fields = RevisionFields(detail.months, today=today)
        self.effective = self.fields.effective
        self.reason = self.fields.reason
        self.preview = self.fields.preview
        self.message = self.fields.message
        self.current_label = QLabel(value_text(kpi, year_target(kpi, detail.tile.targets)))
        self.new_target = QLineEdit()
        self.new_target.setPlaceholderText(self.tr("例：15"))
        self.fields.form.insertRow(0, self.tr("年度の目標（現在）"), self.current_label)
        self.fields.form.insertRow(1, self.tr("新しい目標"), self.new_target)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("改訂する"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "適用開始月より前の月の目標はそのまま残ります。改訂は理由とともに履歴に記録されます。"
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 760, 420)

        self.new_target.textChanged.connect(self._update_preview)
        self.effective.currentIndexChanged.connect(self._update_preview)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self._update_preview()

    def effective_month(self) -> YearMonth:
        return self.fields.effective_month()

    def _parsed(self) -> float | None:
        return parse_value(self.new_target.text(), unit=self._detail.tile.kpi.unit)

    def _update_preview(self) -> None:
        kpi = self._detail.tile.kpi
        current = list(self._detail.tile.targets)
        self.message.clear()
        after: list[float | None] = [None] * len(current)
        try:
            value = self._parsed()
            if value is not None:
                index = self._detail.months.index(self.effective_month())
                after = revised_targets(kpi, self._detail.months, current, index, value)
        except ValueParseError as exc:
            self.message.setText(parse_error_text(exc, self._detail.tile.kpi))
        except InvalidRevision as exc:
            self.message.setText(problem_text(exc.problem))
        self.fields.show_preview(kpi, current, after)

    def _on_accept(self) -> None:
        try:
            value = self._parsed()
        except ValueParseError as exc:
            self.message.setText(parse_error_text(exc, self._detail.tile.kpi))
            return
        if value is None:
            self.message.setText(problem_text(RevisionProblem.NOT_A_NUMBER))
            return
        try:
            self.revision = revise_target(
                self._uow(),
                kpi_id=self._detail.tile.kpi.id,
                fiscal_year=self._detail.fiscal_year,
                new_target=value,
                reason=self.reason.toPlainText(),
                effective_from=self.effective_month(),
                user=self._user,
                at=datetime.now().replace(microsecond=0),
            )
        except InvalidRevision as exc:
            self.message.setText(problem_text(exc.problem))
            return
        except Exception as exc:  # a database problem: say it and stay open
            QMessageBox.warning(self, self.tr("改訂できませんでした"), error_text(exc))
            return
        self.accept()
