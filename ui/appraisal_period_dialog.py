"""Dialogs of the 評価 tab: a period's settings (評価期間の設定) and starting it (評価を開始)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain.appraisal_model import (
    AchievementBand,
    AppraisalPeriod,
    GradeBand,
    ScoringRules,
)
from domain.model import Department, Member
from domain.scoring import weights_ok

DEFAULT_LABELS = ("大きく下回る", "やや下回る", "期待どおり", "上回る", "大きく上回る")


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _pairs(text: str) -> list[tuple[str, str]]:
    """ "S=90, A=75" → [("S", "90"), ("A", "75")]; ValueError when malformed."""
    pairs = []
    for part in text.replace("、", ",").replace("，", ",").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(part)
        pairs.append((key.strip(), value.strip()))
    return pairs


def grade_text(bands: tuple[GradeBand, ...]) -> str:
    ordered = sorted(bands, key=lambda b: b.min_points, reverse=True)
    return ", ".join(
        f"{b.grade}={'' if math.isinf(b.min_points) else f'{b.min_points:g}'}" for b in ordered
    )


def parse_grades(text: str) -> tuple[GradeBand, ...]:
    """ "S=90, A=75, B=60, C=45, D=" — an empty number is the open band (else)."""
    return tuple(GradeBand(g, float(v) if v else -math.inf) for g, v in _pairs(text))


def achievement_text(bands: tuple[AchievementBand, ...]) -> str:
    ordered = sorted(bands, key=lambda b: b.min_ratio, reverse=True)
    return ", ".join(
        f"{'' if math.isinf(b.min_ratio) else f'{b.min_ratio * 100:g}'}={b.score:g}"
        for b in ordered
    )


def parse_achievement(text: str) -> tuple[AchievementBand, ...]:
    """ "120=5, 100=4, 80=3, 60=2, =1" (percent = score; an empty percent is the open band)."""
    return tuple(
        AchievementBand(float(p) / 100 if p else -math.inf, float(s)) for p, s in _pairs(text)
    )


class PeriodDialog(QDialog):
    """Create or edit a period: name, dates, scale and labels, block weights, bands."""

    def __init__(
        self, period: AppraisalPeriod | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("評価期間の設定"))
        today = date.today()
        base = period or AppraisalPeriod(
            0,
            "",
            date(today.year, 4, 1),
            date(today.year, 9, 30),
            ScoringRules(scale_labels=DEFAULT_LABELS),
        )
        self._period = base
        rules = base.rules
        self.name = QLineEdit(base.name)
        self.name.setPlaceholderText(self.tr("例：2025年度上期"))
        self.start = QDateEdit(_qdate(base.start))
        self.end = QDateEdit(_qdate(base.end))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy/MM/dd")
        self.scale_min = QSpinBox()
        self.scale_max = QSpinBox()
        for spin, value in ((self.scale_min, rules.scale_min), (self.scale_max, rules.scale_max)):
            spin.setRange(0, 10)
            spin.setValue(value)
        self.labels = QLineEdit("、".join(rules.scale_labels))
        self.performance = QDoubleSpinBox()
        self.process = QDoubleSpinBox()
        for spin, value in (
            (self.performance, rules.performance_weight),
            (self.process, rules.process_weight),
        ):
            spin.setRange(0, 100)
            spin.setDecimals(1)
            spin.setSuffix("%")
            spin.setValue(value)
        self.weight_warning = QLabel()
        self.weight_warning.setStyleSheet("color: #c62828;")
        self.grades = QLineEdit(grade_text(rules.grade_bands))
        self.achievement = QLineEdit(achievement_text(rules.achievement_bands))
        self.self_counts = QCheckBox(self.tr("評価者の評点がないとき本人評価を採用する"))
        self.self_counts.setChecked(rules.self_counts)
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("開始日"), self.start)
        form.addRow(self.tr("終了日"), self.end)
        form.addRow(self.tr("評価尺度（最小）"), self.scale_min)
        form.addRow(self.tr("評価尺度（最大）"), self.scale_max)
        form.addRow(self.tr("段階の呼び方（低い順、「、」区切り）"), self.labels)
        form.addRow(self.tr("業績ブロックのウェイト"), self.performance)
        form.addRow(self.tr("プロセス・行動ブロックのウェイト"), self.process)
        form.addRow("", self.weight_warning)
        form.addRow(self.tr("評語（評語=点以上）"), self.grades)
        form.addRow(self.tr("KPI達成率→評点（%=評点）"), self.achievement)
        form.addRow("", self.self_counts)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        self.performance.valueChanged.connect(lambda _v: self._check_weights())
        self.process.valueChanged.connect(lambda _v: self._check_weights())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.result_period: AppraisalPeriod | None = None
        self._check_weights()

    def _check_weights(self) -> None:
        total = self.performance.value() + self.process.value()
        self.weight_warning.setText(
            ""
            if weights_ok(total)
            else self.tr("ブロックウェイトの合計が{0:g}%です（100%にしてください）").format(total)
        )

    def period(self) -> AppraisalPeriod:
        """The period as entered; ValueError when the bands cannot be read."""
        labels = tuple(
            t.strip() for t in self.labels.text().replace(",", "、").split("、") if t.strip()
        )
        rules = ScoringRules(
            scale_min=self.scale_min.value(),
            scale_max=self.scale_max.value(),
            scale_labels=labels,
            performance_weight=self.performance.value(),
            process_weight=self.process.value(),
            grade_bands=parse_grades(self.grades.text()),
            achievement_bands=parse_achievement(self.achievement.text()),
            self_counts=self.self_counts.isChecked(),
        )
        return replace(
            self._period,
            name=self.name.text().strip(),
            start=_pydate(self.start.date()),
            end=_pydate(self.end.date()),
            rules=rules,
        )

    def _on_accept(self) -> None:
        try:
            self.result_period = self.period()
        except ValueError:
            QMessageBox.warning(
                self,
                self.tr("評価期間の設定"),
                self.tr("評語またはKPI達成率の書き方が読めません（例：S=90, A=75）。"),
            )
            return
        self.accept()


class StartDialog(QDialog):
    """評価を開始: for one department or everyone, optionally copying the earlier period's goals."""

    def __init__(
        self,
        departments: list[Department],
        members: list[Member],
        *,
        previous: AppraisalPeriod | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("評価を開始（シートを一括作成）"))
        self.scope = QComboBox()
        self.scope.addItem(self.tr("全社員"), None)
        for d in departments:
            self.scope.addItem(d.name, d.id)
        self.copy = QCheckBox(
            self.tr("前の評価期間（{0}）の目標をコピーする").format(previous.name)
            if previous
            else self.tr("前の評価期間はありません")
        )
        self.copy.setEnabled(previous is not None)
        self.copy.setChecked(previous is not None)
        self.first = QComboBox()
        self.second = QComboBox()
        for combo in (self.first, self.second):
            combo.addItem(self.tr("（指定しない）"), None)
            for m in members:
                combo.addItem(f"{m.name}（{m.employee_no}）", m.id)
        form = QFormLayout()
        form.addRow(self.tr("対象"), self.scope)
        form.addRow("", self.copy)
        form.addRow(self.tr("一次評価者"), self.first)
        form.addRow(self.tr("二次評価者"), self.second)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "在籍中の社員ごとに下書きの評価シートを作ります。作成済みの社員は飛ばします。"
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
