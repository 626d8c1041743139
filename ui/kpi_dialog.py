"""Create or edit one KPI: the fields of a Kpi, its monthly step targets for one fiscal year, live
warnings (not blocking) and errors (blocking), and examples from the KPI library.

Changing the targets of a fiscal year that has started is a target revision: saving asks the reason
and effective month first (ui/target_change_dialog.py; the rules are in domain.target_change)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from domain import services
from domain.achievement import monthly_targets
from domain.errors import InvalidKpi, MierukaError
from domain.fiscal import YearMonth, fiscal_months
from domain.kpi_checks import kpi_errors, kpi_warnings, name_key
from domain.library import LibraryEntry, entry_to_kpi
from domain.model import (
    LEVEL_COUNT,
    Aggregation,
    Department,
    Direction,
    Kpi,
    KpiKind,
    Member,
    Objective,
    Series,
)
from domain.months import parse_month_label
from domain.parsing import ValueParseError, format_value, parse_value
from domain.ports import UnitOfWork
from domain.target_change import TargetChange, save_kpi_with_revision, target_change, year_started
from domain.target_revision import TargetRevision
from ui.kpi_form import INVALID_STYLE, KpiFormView, error_text, month_label, warning_text
from ui.library_dialog import LibraryDialog, load_bundled_library
from ui.messages import error_text as mieruka_error_text
from ui.screen_fit import resize_to_fit
from ui.value_errors import parse_error_text

QUALITATIVE_UNIT = "レベル"  # the unit word stored for qualitative KPIs (data, not UI text)


def even_split(annual: float, aggregation: Aggregation, count: int, decimals: int) -> list[float]:
    """Monthly targets for ``count`` months from an annual target.

    SUM: the annual target divided over the months, rounded to ``decimals`` so that the months add
    up to the annual target exactly (the remainder goes one unit at a time to the first months);
    other aggregations: the annual target in every month.
    """
    if count <= 0:
        return []
    if aggregation is not Aggregation.SUM:
        return [annual] * count
    scale = 10**decimals
    units = round(annual * scale)
    base, extra = divmod(units, count)
    return [(base + (1 if i < extra else 0)) / scale for i in range(count)]


class KpiDialog(QDialog):
    """Edit ``kpi`` (None = a new KPI of ``department``); saves through services.save_kpi on OK.

    After acceptance ``saved_kpi`` holds the saved KPI.
    """

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        department: Department,
        kpi: Kpi | None,
        fiscal_year: int,
        fiscal_year_start: int,
        members: Sequence[Member],
        objectives: Sequence[Objective],
        user: str,
        today: date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._today = today or date.today()
        self._department = department
        self._kpi = kpi or Kpi(0, department.id, "")
        self._fiscal_year = fiscal_year
        self._fiscal_year_start = fiscal_year_start
        self._months = fiscal_months(fiscal_year, fiscal_year_start)
        self._members = list(members)
        self._objectives = list(objectives)
        self._user = user
        self._library_rationale = ""
        self._invalid: dict[QWidget, str] = {}
        self.saved_kpi: Kpi | None = None
        self.revision: TargetRevision | None = None  # recorded when a started year's target changed
        self.library_dialog: LibraryDialog | None = None
        self.reason_dialog: QDialog | None = None  # the reason prompt while it is open
        self._pending_kpi: Kpi | None = None
        self._loaded_numbers: dict[QLineEdit, tuple[str, float | None]] = {}

        active = services.count_active_kpis(uow_factory(), department.id)
        counted = self._kpi.id != 0 and not self._kpi.archived
        self._active_kpis = active if counted else active + 1
        self._taken_names = {  # other active KPIs of the department: no second one of a name
            name_key(k.name)
            for k in services.list_kpis(uow_factory(), department_id=department.id)
            if k.id != self._kpi.id
        }

        self._build_view()
        self._stored_targets = self._load_targets()
        self._load(self._kpi, self._stored_targets)
        self._connect_signals()
        self._on_changed()

    # --- view -----------------------------------------------------------------------------

    def _build_view(self) -> None:
        title = self.tr("KPIを追加") if self._kpi.id == 0 else self.tr("KPIを編集")
        self.setWindowTitle(f"{title} — {self._department.name}")
        self.form = KpiFormView(self._months, self._fiscal_year)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        below = QVBoxLayout()
        layout.addLayout(below)
        below.setContentsMargins(9, 0, 9, 9)
        below.addWidget(self.form.warnings_frame)
        below.addWidget(self.form.errors_label)
        below.addLayout(self.form.footer)
        f = self.form
        f.owner_combo.addItem(self.tr("（未設定）"), None)
        in_department = [m for m in self._members if m.department_id == self._department.id]
        others = [m for m in self._members if m.department_id != self._department.id]
        for member in in_department + others:
            if not member.archived or member.id == self._kpi.owner_id:
                f.owner_combo.addItem(f"{member.name}（{member.employee_no}）", member.id)
        f.objective_combo.addItem(self.tr("（未設定）"), None)
        for objective in sorted(
            self._objectives, key=lambda o: (o.department_id != self._department.id, o.sort_order)
        ):
            if not objective.archived or objective.id == self._kpi.objective_id:
                f.objective_combo.addItem(objective.title, objective.id)
        mission = self._department.mission.strip()
        f.mission_label.setText(
            self.tr("部門ミッション: {0}").format(mission)
            if mission
            else self.tr("部門ミッションはまだ書かれていません（部門の設定で書けます）。")
        )
        f.library_button.setEnabled(load_bundled_library() is not None)
        resize_to_fit(self, 920, 760)

    @property
    def ok_button(self) -> QPushButton:
        return self.form.buttons.button(self.form.buttons.StandardButton.Ok)

    # --- loading --------------------------------------------------------------------------

    def _load_targets(self) -> dict[YearMonth, float]:
        if self._kpi.id == 0:
            return {}
        cells = services.read_series(
            self._uow_factory(), Series.TARGET, [self._kpi.id], self._months[0], self._months[-1]
        )
        return {m: cell.value for (_kpi_id, m), cell in cells.items() if cell.value is not None}

    def _number_text(self, value: float | None, decimals: int) -> str:
        if value is None:
            return ""
        # Enough places to show the stored number exactly (a target of 8.5 in a 0-decimal KPI).
        places = decimals
        while places < 6 and round(value, places) != value:
            places += 1
        return format_value(value, places)

    def _set_number(self, edit: QLineEdit, value: float | None, decimals: int) -> None:
        """Show ``value``; while the text stays as shown, the form reads back ``value`` itself
        (a stored 10.8333333 shown as 10.833333 is not a change)."""
        text = self._number_text(value, decimals)
        edit.setText(text)
        self._loaded_numbers[edit] = (text, value)

    def _load(self, kpi: Kpi, targets: Mapping[YearMonth, float | None]) -> None:
        f = self.form
        d = kpi.decimals
        f.name_edit.setText(kpi.name)
        f.kind_combo.setCurrentIndex(f.kind_combo.findData(kpi.kind))
        f.unit_edit.setText(kpi.unit)
        f.direction_combo.setCurrentIndex(f.direction_combo.findData(kpi.direction))
        f.aggregation_combo.setCurrentIndex(f.aggregation_combo.findData(kpi.aggregation))
        f.decimals_spin.setValue(kpi.decimals)
        self._set_number(f.range_low_edit, kpi.range_low, d)
        self._set_number(f.range_high_edit, kpi.range_high, d)
        self._set_number(f.baseline_edit, kpi.baseline, d)
        self._set_number(f.annual_target_edit, kpi.annual_target, d)
        f.owner_combo.setCurrentIndex(max(f.owner_combo.findData(kpi.owner_id), 0))
        f.objective_combo.setCurrentIndex(max(f.objective_combo.findData(kpi.objective_id), 0))
        f.start_edit.setText("" if kpi.start is None else month_label(kpi.start))
        f.deadline_edit.setText("" if kpi.deadline is None else month_label(kpi.deadline))
        for edit, text in zip(f.level_edits, kpi.level_descriptions, strict=False):
            edit.setText(text)
        f.rationale_edit.setPlainText(kpi.rationale)
        grid = f.month_grid
        for check, edit, month in zip(
            grid.active_checks, grid.target_edits, self._months, strict=True
        ):
            check.setChecked(month.month in kpi.active_months)
            self._set_number(edit, targets.get(month), d)

    # --- behaviour ------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        f = self.form
        for edit in self._line_edits():
            edit.textChanged.connect(self._on_changed)
        for check in f.month_grid.active_checks:
            check.toggled.connect(self._on_changed)
        for combo in (f.direction_combo, f.aggregation_combo, f.owner_combo, f.objective_combo):
            combo.currentIndexChanged.connect(self._on_changed)
        f.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        f.decimals_spin.valueChanged.connect(self._on_changed)
        f.rationale_edit.textChanged.connect(self._on_changed)
        f.even_button.clicked.connect(self._on_fill_evenly)
        f.clear_targets_button.clicked.connect(self._on_clear_targets)
        f.library_button.clicked.connect(self.open_library)
        f.buttons.accepted.connect(self._on_accept)
        f.buttons.rejected.connect(self.reject)
        self._on_kind_changed()

    def _line_edits(self) -> list[QLineEdit]:
        f = self.form
        return [
            f.name_edit, f.unit_edit, f.range_low_edit, f.range_high_edit, f.baseline_edit,
            f.annual_target_edit, f.start_edit, f.deadline_edit,
            *f.level_edits, *f.month_grid.target_edits,
        ]  # fmt: skip

    def _kind(self) -> KpiKind:
        return KpiKind(self.form.kind_combo.currentData())

    def _on_kind_changed(self, *_: object) -> None:
        f = self.form
        qualitative = self._kind() is KpiKind.QUALITATIVE
        f.levels_group.setVisible(qualitative)
        f.unit_edit.setReadOnly(qualitative)
        if qualitative:
            f.unit_edit.setText(QUALITATIVE_UNIT)
        elif f.unit_edit.text() == QUALITATIVE_UNIT:
            f.unit_edit.clear()
        self._on_changed()

    def _unit(self) -> str:
        return self.form.unit_edit.text().strip()

    def _number(self, edit: QLineEdit, *, level: bool = False) -> float | None:
        """The number in ``edit`` (None when blank); records the edit as invalid when unreadable.

        ``level``: for a qualitative KPI the value is a level score and must lie in 1–5.
        """
        loaded = self._loaded_numbers.get(edit)
        try:
            value = parse_value(edit.text(), unit=self._unit())
            if loaded is not None and edit.text() == loaded[0]:
                value = loaded[1]
        except ValueParseError as exc:
            self._invalid[edit] = parse_error_text(exc, Kpi(0, 0, "", unit=self._unit()))
            return None
        if level and value is not None and not 1 <= value <= LEVEL_COUNT:
            self._invalid[edit] = self.tr("定性KPIの目標はレベル1〜{0}で入力してください").format(
                LEVEL_COUNT
            )
            return None
        return value

    def _month(self, edit: QLineEdit) -> YearMonth | None:
        text = edit.text().strip()
        if not text:
            return None
        month = parse_month_label(
            text, fiscal_year=self._fiscal_year, start_month=self._fiscal_year_start
        )
        if month is None:
            self._invalid[edit] = self.tr(
                "「{0}」を年月として読み取れません（例: 2026年3月、R8.3、2026/3）"
            ).format(text)
        return month

    def _read_form(self) -> tuple[Kpi, dict[YearMonth, float | None]]:
        """The KPI and monthly targets the form describes; fills ``self._invalid``."""
        f = self.form
        self._invalid = {}
        direction = Direction(f.direction_combo.currentData())
        ranged = direction is Direction.RANGE
        kind = self._kind()
        qualitative = kind is KpiKind.QUALITATIVE
        levels = tuple(e.text().strip() for e in f.level_edits)
        kpi = replace(
            self._kpi,
            name=f.name_edit.text().strip(),
            unit=self._unit(),
            direction=direction,
            aggregation=Aggregation(f.aggregation_combo.currentData()),
            baseline=self._number(f.baseline_edit, level=qualitative),
            annual_target=self._number(f.annual_target_edit, level=qualitative),
            range_low=self._number(f.range_low_edit) if ranged else None,
            range_high=self._number(f.range_high_edit) if ranged else None,
            decimals=f.decimals_spin.value(),
            kind=kind,
            level_descriptions=levels if qualitative and any(levels) else (),
            owner_id=f.owner_combo.currentData(),
            objective_id=f.objective_combo.currentData(),
            rationale=f.rationale_edit.toPlainText().strip(),
            active_months=tuple(
                sorted(
                    m.month
                    for m, c in zip(self._months, f.month_grid.active_checks, strict=True)
                    if c.isChecked()
                )
            ),
            start=self._month(f.start_edit),
            deadline=self._month(f.deadline_edit),
        )
        targets: dict[YearMonth, float | None] = {}
        grid = f.month_grid
        for month, check, edit in zip(
            self._months, grid.active_checks, grid.target_edits, strict=True
        ):
            value = self._number(edit, level=qualitative)
            targets[month] = value if check.isChecked() else None
        if kpi.start and kpi.deadline and kpi.start > kpi.deadline:
            self._invalid[f.deadline_edit] = self.tr("期限が開始月より前になっています")
        return kpi, targets

    def _problems(self, kpi: Kpi) -> list[str]:
        problems = [
            error_text(error.code) for error in kpi_errors(kpi, taken_names=self._taken_names)
        ]
        if not kpi.active_months:
            problems.append(self.tr("計測する月を1つ以上選んでください"))
        problems.extend(self._invalid.values())
        return problems

    def _on_changed(self, *_: object) -> None:
        f = self.form
        kpi, targets = self._read_form()
        f.set_range_visible(kpi.direction is Direction.RANGE)
        for edit in self._line_edits():
            reason = self._invalid.get(edit, "")
            edit.setStyleSheet(INVALID_STYLE if reason else "")
            edit.setToolTip(reason)
        self._update_month_grid(kpi)
        warnings = kpi_warnings(
            kpi,
            active_kpis_in_department=self._active_kpis,
            has_monthly_targets=any(v is not None for v in targets.values()),
        )
        f.warnings_label.setText("\n".join("⚠ " + warning_text(w) for w in warnings))
        f.warnings_frame.setVisible(bool(warnings))
        problems = self._problems(kpi)
        f.errors_label.setText("\n".join(problems))
        f.errors_label.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)

    def _update_month_grid(self, kpi: Kpi) -> None:
        """Blank months show, greyed, the target derived from the annual target."""
        f = self.form
        derived = monthly_targets(kpi, self._months, {})
        hint_places = kpi.decimals + 2
        for month, edit, value in zip(
            self._months, f.month_grid.target_edits, derived, strict=True
        ):
            active = month.month in kpi.active_months
            edit.setEnabled(active)
            hint = "" if value is None or not active else round(value, hint_places)
            edit.setPlaceholderText("" if hint == "" else self._number_text(hint, kpi.decimals))
        f.even_button.setEnabled(kpi.annual_target is not None and bool(kpi.active_months))

    def _on_fill_evenly(self) -> None:
        kpi, _targets = self._read_form()
        if kpi.annual_target is None:
            return
        grid = self.form.month_grid
        active = [i for i, c in enumerate(grid.active_checks) if c.isChecked()]
        values = even_split(kpi.annual_target, kpi.aggregation, len(active), kpi.decimals)
        for i, edit in enumerate(grid.target_edits):
            edit.blockSignals(True)
            edit.setText(format_value(values[active.index(i)], kpi.decimals) if i in active else "")
            edit.blockSignals(False)
        self._on_changed()

    def _on_clear_targets(self) -> None:
        for edit in self.form.month_grid.target_edits:
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self._on_changed()

    def open_library(self) -> None:
        """Show the example library on top of this dialog; a chosen example fills the form."""
        categories = load_bundled_library()
        if categories is None:
            return
        dialog = LibraryDialog(categories, department_name=self._department.name, parent=self)
        dialog.finished.connect(self._on_library_finished)
        self.library_dialog = dialog
        dialog.open()

    def _on_library_finished(self, result: int) -> None:
        dialog = self.library_dialog
        if dialog is None:
            return
        self.library_dialog = None
        if result == QDialog.DialogCode.Accepted:
            self._on_library_chosen(dialog.selected_entry)
        dialog.deleteLater()

    def _on_library_chosen(self, entry: LibraryEntry | None) -> None:
        """Fill the form from an example; owner, goal, months and period stay as they are."""
        if entry is None:
            return
        current, targets = self._read_form()
        example = entry_to_kpi(entry, department_id=self._department.id)
        rationale = current.rationale
        if not rationale or rationale == self._library_rationale:
            rationale = example.rationale
            self._library_rationale = example.rationale
        merged = replace(
            example,
            id=current.id,
            owner_id=current.owner_id,
            objective_id=current.objective_id,
            active_months=current.active_months,
            start=current.start,
            deadline=current.deadline,
            sort_order=current.sort_order,
            archived=current.archived,
            rationale=rationale,
        )
        self._load(merged, targets)
        self._on_kind_changed()

    def _on_accept(self) -> None:
        kpi, targets = self._read_form()
        if self._problems(kpi):
            self._on_changed()
            return
        change = self._target_change(kpi, targets)
        if change is not None:
            self._ask_reason(change, targets)
            return
        try:
            self.saved_kpi = services.save_kpi(
                self._uow_factory(), kpi, monthly_targets=targets, user=self._user
            )
        except InvalidKpi as exc:
            self.form.errors_label.setText("\n".join(error_text(code) for code in exc.errors))
            self.form.errors_label.setVisible(True)
            return
        except MierukaError as exc:
            self.form.errors_label.setText(mieruka_error_text(exc))
            self.form.errors_label.setVisible(True)
            return
        self.accept()

    # --- a target change in a started year: a revision with a reason --------------------------

    def _target_change(
        self, kpi: Kpi, targets: Mapping[YearMonth, float | None]
    ) -> TargetChange | None:
        today = YearMonth(self._today.year, self._today.month)
        if not year_started(self._months, today):
            return None
        return target_change(self._kpi, kpi, self._months, self._stored_targets, targets)

    def _ask_reason(self, change: TargetChange, targets: Mapping[YearMonth, float | None]) -> None:
        """Open the reason prompt on top; this dialog stays open until the revision is saved."""
        from ui.target_change_dialog import TargetChangeDialog

        def save(effective_from: YearMonth, reason: str) -> TargetRevision:
            return save_kpi_with_revision(
                self._uow_factory(),
                change.kpi,
                monthly_targets=targets,
                fiscal_year=self._fiscal_year,
                effective_from=effective_from,
                reason=reason,
                user=self._user,
                at=datetime.now().replace(microsecond=0),
            )

        dialog = TargetChangeDialog(
            change, fiscal_year=self._fiscal_year, today=self._today, save=save, parent=self
        )
        dialog.finished.connect(self._on_reason_finished)
        self._pending_kpi = change.kpi
        self.reason_dialog = dialog
        dialog.open()

    def _on_reason_finished(self, result: int) -> None:
        dialog = self.reason_dialog
        self.reason_dialog = None
        if dialog is None:
            return
        # The prompt stays a (hidden) child of this dialog and goes with it: deleting it from its
        # own finished signal crashed PySide once this dialog ran in the window's exec() loop.
        revision: TargetRevision | None = getattr(dialog, "revision", None)
        if result == QDialog.DialogCode.Accepted and revision is not None:
            self.revision = revision
            self.saved_kpi = self._pending_kpi
            self.accept()
