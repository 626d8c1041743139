"""The reason prompt of the KPI dialog: saving a changed target once the fiscal year has started
is a target revision, so it asks why and from which month (the fields of the 目標を改訂 dialog) and
shows the monthly targets before and after (domain.target_change decides them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.errors import InvalidKpi
from domain.fiscal import YearMonth
from domain.target_change import TargetChange, changed_targets, revision_figures
from domain.target_revision import InvalidRevision, RevisionProblem, TargetRevision
from ui.dashboard_text import value_text
from ui.kpi_form import error_text as kpi_error_text
from ui.messages import error_text
from ui.screen_fit import resize_to_fit
from ui.target_revision_dialog import RevisionFields, problem_text

SaveRevision = Callable[[YearMonth, str], TargetRevision]  # (effective month, reason) → stored


class TargetChangeDialog(QDialog):
    """Asks the reason and effective month of ``change``; OK calls ``save`` and closes only when
    it succeeded (``revision`` then holds the record). Cancel saves nothing."""

    def __init__(
        self,
        change: TargetChange,
        *,
        fiscal_year: int,
        today: date,
        save: SaveRevision,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.change = change
        self._save = save
        self.revision: TargetRevision | None = None
        kpi = change.kpi
        self.setWindowTitle(self.tr("目標の改訂 — {0}").format(kpi.name))

        self.fields = RevisionFields(change.months, today=today)
        self.targets_label = QLabel()
        self.targets_label.setStyleSheet("font-weight: bold;")
        self.fields.form.insertRow(0, self.tr("年度の目標"), self.targets_label)
        note = QLabel(
            self.tr(
                "{0}年度はすでに始まっているため、目標の変更は改訂として理由とともに記録され、"
                "目標の改訂履歴に残ります。適用開始月より前の月の目標はそのまま残ります。"
            ).format(fiscal_year)
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button.setText(self.tr("改訂して保存"))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 780, 420)

        self.fields.effective.currentIndexChanged.connect(self._update_preview)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self._update_preview()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _result(self) -> list[float | None] | None:
        """The year's targets for the chosen month, or None with the problem shown."""
        try:
            return changed_targets(self.change, self.fields.effective_index())
        except InvalidRevision as exc:
            self.fields.message.setText(problem_text(exc.problem))
            return None

    def _update_preview(self, *_: object) -> None:
        change = self.change
        kpi = change.kpi
        self.fields.message.clear()
        after = self._result()
        if after is None:
            self.fields.show_preview(kpi, change.before, [None] * len(change.before))
            self.targets_label.setText(value_text(kpi, change.old_target))
            self.ok_button.setEnabled(False)
            return
        old, new = revision_figures(change, self.fields.effective_index(), after)
        self.fields.show_preview(kpi, change.before, after)
        self.targets_label.setText(
            self.tr("{0} → {1}").format(value_text(kpi, old), value_text(kpi, new))
        )
        self.ok_button.setEnabled(True)

    def _on_accept(self) -> None:
        if not self.fields.reason_text().strip():
            self.fields.message.setText(problem_text(RevisionProblem.NO_REASON))
            self.fields.reason.setFocus()
            return
        try:
            self.revision = self._save(self.fields.effective_month(), self.fields.reason_text())
        except InvalidRevision as exc:
            self.fields.message.setText(problem_text(exc.problem))
            return
        except InvalidKpi as exc:
            self.fields.message.setText("\n".join(kpi_error_text(code) for code in exc.errors))
            return
        except Exception as exc:  # a database problem: say it and stay open, nothing saved
            QMessageBox.warning(self, self.tr("保存できませんでした"), error_text(exc))
            return
        self.accept()
