"""The Excel/CSV import wizard: what was read (every guess correctable), then old → new, commit.

Page 1 shows, per sheet, the sheet as read (header blue, values green, unreadable cells red with
the reason), every KPI with its monthly values, and the guesses: header row, fiscal year and its
start, department, column roles. Each correction re-analyses that sheet at once
(:class:`ui.import_session.ImportSession`). Page 2 matches the KPIs with stored ones (new or an
existing KPI) and lists stored values that would change, old → new, each to overwrite or keep.
The commit runs off the GUI thread with progress and a working Cancel (all or nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QInputDialog,
    QListWidgetItem,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from domain import services
from domain.errors import DatabaseLocked
from domain.importing.cells import column_letter, text_key
from domain.importing.commit import ImportPlan, ImportResult, commit_import, plan_import
from domain.importing.errors import ImportCancelled
from domain.importing.model import Layout, SheetStatus
from domain.importing.vocabulary import Role
from domain.ports import UnitOfWork
from ui.background_task import run_with_progress
from ui.import_models import role_label
from ui.import_session import ImportSession
from ui.import_text import problem_message
from ui.import_wizard_layout import build
from ui.messages import error_text

ROLE_CHOICES = (
    Role.NAME,
    Role.VALUES,
    Role.UNIT,
    Role.TARGET,
    Role.KIND,
    Role.GROUP,
    Role.DEPARTMENT,
    Role.OWNER,
    Role.DIRECTION,
    Role.AGGREGATION,
    Role.CODE,
    Role.ACTUAL,
    Role.IGNORE,
)


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _cell_position(cell: str) -> tuple[int, int] | None:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    if not letters or not digits:
        return None
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


class ImportWizard(QDialog):
    """``session`` holds the read file; ``uow_factory`` the database to plan and commit into."""

    imported = Signal(object)  # ImportResult

    def __init__(
        self,
        session: ImportSession,
        uow_factory: Callable[[], UnitOfWork],
        *,
        user: str,
        backup: Callable[[str], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backup = backup  # a copy of the database file before anything is imported
        self.session = session
        self._uow = uow_factory
        self._user = user
        self.plan: ImportPlan | None = None
        self.result_value: ImportResult | None = None
        self._sheet: str | None = None
        build(self)
        self._connect_signals()
        self._fill_sheets()
        self.setWindowTitle(self.tr("Excel/CSVを取り込む — {0}").format(session.file_name))
        self.resize(1280, 820)

    # --- layout ---------------------------------------------------------------------------
    def _connect_signals(self) -> None:
        self.sheet_list.currentRowChanged.connect(self._on_sheet_selected)
        self.include_combo.currentIndexChanged.connect(self._on_include_changed)
        self.header_spin.editingFinished.connect(self._on_header_changed)
        self.year_spin.editingFinished.connect(self._on_year_changed)
        self.start_combo.currentIndexChanged.connect(self._on_start_changed)
        self.department_combo.lineEdit().editingFinished.connect(self._on_department_changed)
        self.department_combo.activated.connect(lambda _i: self._on_department_changed())
        self.problem_list.currentRowChanged.connect(self._on_problem_selected)
        self.match_view.doubleClicked.connect(self._on_match_double_clicked)
        self.overwrite_all.clicked.connect(lambda: self.conflict_model.set_all(True))
        self.keep_all.clicked.connect(lambda: self.conflict_model.set_all(False))
        self.back_button.clicked.connect(lambda: self._show_page(0))
        self.next_button.clicked.connect(self.go_to_plan)
        self.import_button.clicked.connect(self.commit)
        self.cancel_button.clicked.connect(self.reject)

    # --- page 1 ---------------------------------------------------------------------------
    def _status_text(self, name: str) -> str:
        sheet = self.session.sheet(name)
        count = len(self.session.kpis_of(name))
        return {
            SheetStatus.KPIS: self.tr("KPI {0}件").format(count),
            SheetStatus.NO_KPIS: self.tr("KPIなし"),
            SheetStatus.NO_MONTHS: self.tr("月が見つかりません"),
            SheetStatus.NOT_DATA: self.tr("データなし（説明など）"),
            SheetStatus.SKIPPED: self.tr("取り込まない"),
        }[sheet.status]

    def _fill_sheets(self) -> None:
        current = self.sheet_list.currentRow()
        self.sheet_list.blockSignals(True)
        self.sheet_list.clear()
        for grid in self.session.grids:
            item = QListWidgetItem(f"{grid.name}\n  {self._status_text(grid.name)}")
            item.setData(Qt.ItemDataRole.UserRole, grid.name)
            self.sheet_list.addItem(item)
        self.sheet_list.blockSignals(False)
        first = next(
            (i for i, g in enumerate(self.session.grids) if self.session.kpis_of(g.name)), 0
        )
        self.sheet_list.setCurrentRow(current if current >= 0 else first)
        self._update_notice()

    def _update_notice(self) -> None:
        parts = []
        if self.session.remembered_for:
            parts.append(
                self.tr("前回と同じ形式のシートです。前回の設定を適用しました: {0}").format(
                    "、".join(self.session.remembered_for)
                )
            )
        if self.session.skipped_sheets:
            parts.append(
                self.tr("非表示のシートは取り込みません: {0}").format(
                    "、".join(self.session.skipped_sheets)
                )
            )
        self.notice.setText("\n".join(parts))
        self.notice.setVisible(bool(parts))
        kpis = self.session.request().kpis
        self.summary.setText(
            self.tr("取り込むKPI: {0}件、値: {1}個、読めなかったセル: {2}個").format(
                len(kpis),
                sum(len(k.actuals) + len(k.targets) for k in kpis),
                len(self.session.analysis.problems),
            )
        )
        self.next_button.setEnabled(bool(kpis))

    def select_sheet(self, name: str) -> None:
        for row in range(self.sheet_list.count()):
            if self.sheet_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.sheet_list.setCurrentRow(row)
                return

    def _on_sheet_selected(self, row: int) -> None:
        item = self.sheet_list.item(row)
        self._sheet = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self._refresh_sheet()

    def _refresh_sheet(self) -> None:
        name = self._sheet
        if name is None:
            return
        sheet = self.session.sheet(name)
        overrides = self.session.overrides.get(name)
        kpis = self.session.kpis_of(name)
        problems = [p for p in self.session.analysis.problems if p.sheet == name]
        by_cell = {}
        for p in problems:
            position = _cell_position(p.cell)
            if position is not None:
                by_cell[position] = problem_message(p, QCoreApplication.translate)
        self.cells_model.set_sheet(self.session.grid(name), sheet, kpis, by_cell)
        self.kpi_model.set_kpis(kpis)
        lines = 2 if self.kpi_model.with_targets else 1  # a month's 目標 under its 実績
        rows = self.kpi_view.verticalHeader()
        rows.setDefaultSectionSize(lines * self.kpi_view.fontMetrics().lineSpacing() + 10)
        self.kpi_view.resizeColumnsToContents()
        for widget in (
            self.include_combo,
            self.header_spin,
            self.year_spin,
            self.start_combo,
            self.department_combo,
        ):
            widget.blockSignals(True)
        self.include_combo.setCurrentIndex(1 if sheet.status is SheetStatus.SKIPPED else 0)
        self.header_spin.setValue(sheet.header_row + 1 if sheet.header_row is not None else 0)
        self.year_spin.setValue(sheet.fiscal_year or self.year_spin.minimum())
        start = overrides.start_month if overrides and overrides.start_month else None
        self.start_combo.setCurrentIndex(self.start_combo.findData(start) if start else 0)
        self._fill_departments(sheet.department or "")
        for widget in (
            self.include_combo,
            self.header_spin,
            self.year_spin,
            self.start_combo,
            self.department_combo,
        ):
            widget.blockSignals(False)
        layout_words = {
            Layout.ACROSS: self.tr("月が横（1行に1つのKPI、目標/実績の行ペアも可）"),
            Layout.DOWN: self.tr("月が縦（1列に1つのKPI）"),
            Layout.LONG: self.tr("1行に1つのKPIと月"),
            Layout.MONTH_SHEET: self.tr("1シートが1か月"),
        }
        self.layout_label.setText(
            layout_words.get(sheet.layout, self.tr("—")) if sheet.layout else self.tr("—")
        )
        self._fill_roles(name)
        self.problem_list.clear()
        for p in problems:
            self.problem_list.addItem(f"{p.cell}: {problem_message(p, QCoreApplication.translate)}")
        self._update_notice()

    def _fill_departments(self, current: str) -> None:
        self.department_combo.clear()
        names = list(dict.fromkeys([current, *self.session.known_departments]))
        for name in names:
            self.department_combo.addItem(name)
        self.department_combo.setCurrentText(current)

    def _fill_roles(self, name: str) -> None:
        sheet = self.session.sheet(name)
        columns = sheet.tables[0].columns if sheet.tables else ()
        shown = [c for c in columns if c.role is not Role.IGNORE or c.label]
        self.roles_table.clearContents()
        self.roles_table.setRowCount(len(shown))
        for row, column in enumerate(shown):
            for col, text in enumerate((column_letter(column.col), column.label)):
                self.roles_table.setItem(row, col, QTableWidgetItem(text))
            combo = QComboBox()
            for role in ROLE_CHOICES:
                combo.addItem(role_label(role), role)
            combo.setCurrentIndex(max(0, combo.findData(column.role)))
            combo.currentIndexChanged.connect(
                lambda _i, c=column.col, box=combo: self.set_role(c, box.currentData())
            )
            self.roles_table.setCellWidget(row, 2, combo)
        self.roles_table.resizeColumnToContents(0)
        self.roles_table.resizeColumnToContents(2)

    def correct(self, **changes: Any) -> None:
        """Apply a correction to the current sheet and show the result at once."""
        if self._sheet is None:
            return
        self.session.correct(self._sheet, **changes)
        row = self.sheet_list.currentRow()
        item = self.sheet_list.item(row)
        if item is not None:
            item.setText(f"{self._sheet}\n  {self._status_text(self._sheet)}")
        self._refresh_sheet()

    def set_role(self, col: int, role: Role) -> None:
        overrides = self.session.overrides.get(self._sheet or "")
        roles = dict(overrides.roles) if overrides else {}
        roles[col] = role
        sheet = self.session.sheet(self._sheet or "")
        header = sheet.header_row
        self.correct(roles=roles, header_row=header)

    def _on_include_changed(self, _index: int) -> None:
        self.correct(skip=not self.include_combo.currentData())

    def _on_header_changed(self) -> None:
        value = self.header_spin.value()
        self.correct(header_row=value - 1 if value > 0 else None)

    def _on_year_changed(self) -> None:
        value = self.year_spin.value()
        self.correct(fiscal_year=value if value > self.year_spin.minimum() else None)

    def _on_start_changed(self, _index: int) -> None:
        self.correct(start_month=self.start_combo.currentData())

    def _on_department_changed(self) -> None:
        text = self.department_combo.currentText().strip()
        sheet = self.session.sheet(self._sheet or "")
        if text and text_key(text) != text_key(sheet.department or ""):
            self.correct(department=text)

    def _on_problem_selected(self, row: int) -> None:
        problems = [p for p in self.session.analysis.problems if p.sheet == self._sheet]
        if 0 <= row < len(problems):
            position = _cell_position(problems[row].cell)
            if position is not None:
                self.cells_view.setCurrentIndex(self.cells_model.index(*position))

    # --- page 2 ---------------------------------------------------------------------------
    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setVisible(page == 1)
        self.next_button.setVisible(page == 0)
        self.import_button.setVisible(page == 1)

    def go_to_plan(self) -> bool:
        request = self.session.request()
        outcome = run_with_progress(
            self,
            self.tr("登録済みデータと照合しています…"),
            lambda req, _progress: plan_import(self._uow(), req),
            request,
        )
        if not outcome.ok:
            if outcome.error is not None:
                QMessageBox.warning(
                    self, self.tr("照合できませんでした"), error_text(outcome.error)
                )
            return False
        self.plan = outcome.result
        self.match_model.set_plan(self.plan)
        self.conflict_model.set_plan(self.plan)
        self._update_plan_label()
        self._show_page(1)
        return True

    def _update_plan_label(self) -> None:
        plan = self.plan
        if plan is None:
            return
        new_kpis = sum(1 for m in plan.matches if m.kpi is None and not m.skip)
        text = self.tr(
            "新しいKPI: {0}件、既存のKPI: {1}件、新しい部署: {2}、書き込む値: {3}個、"
            "登録済みと同じ値: {4}個、登録済みと違う値: {5}個"
        ).format(
            new_kpis,
            sum(1 for m in plan.matches if m.kpi is not None),
            "、".join(plan.new_departments) or "—",
            plan.new_cells + len(plan.changes),
            plan.unchanged,
            len(plan.conflicts),
        )
        for p in plan.problems:
            text += "\n" + problem_message(p, QCoreApplication.translate)
        self.plan_label.setText(text)

    def map_match(self, row: int, stored_id: int | None) -> None:
        """Send the KPI of ``row`` to a stored KPI (id), a new one (0), or match by name (None)."""
        match = self.match_model.match_at(row)
        if match is None:
            return
        self.session.map_kpi(match.imported, stored_id)
        self.go_to_plan()

    def _on_match_double_clicked(self, index: QModelIndex) -> None:
        match = self.match_model.match_at(index.row())
        if match is None:
            return
        stored = services.list_kpis(self._uow())
        departments = {
            d.id: d.name for d in services.list_departments(self._uow(), include_archived=True)
        }
        choices = [self.tr("新しいKPIを作成"), self.tr("部署とKPI名で自動照合")]
        ids: list[int | None] = [0, None]
        for kpi in stored:
            choices.append(f"{departments.get(kpi.department_id, '')} / {kpi.name}")
            ids.append(kpi.id)
        current = ids.index(match.kpi.id) if match.kpi is not None and match.kpi.id in ids else 0
        text, ok = QInputDialog.getItem(
            self,
            self.tr("取り込み先"),
            self.tr("「{0}」の取り込み先").format(match.imported.name),
            choices,
            current,
            False,
        )
        if ok:
            self.map_match(index.row(), ids[choices.index(text)])

    def commit(self) -> ImportResult | None:
        """Write the import (all or nothing) off the GUI thread; offers a retry when locked."""
        request = self.session.request()
        keep = set(self.conflict_model.keep)
        mappings = self.session.mappings_to_remember()
        holder: list[ImportResult] = []

        def work(_inputs: object, progress: Callable[[int, int], bool]) -> ImportResult:
            def report(done: int, total: int) -> None:
                if not progress(done, total):
                    raise ImportCancelled()

            if self._backup is not None and not holder:
                self._backup("before-import")
            result = commit_import(
                self._uow(), request, user=self._user, keep=keep, mappings=mappings, progress=report
            )
            holder.append(result)
            return result

        while True:
            outcome = run_with_progress(self, self.tr("取り込んでいます…"), work, None)
            if holder:  # committed, even if Cancel was pressed at the very end
                break
            if outcome.cancelled or isinstance(outcome.error, ImportCancelled):
                QMessageBox.information(
                    self,
                    self.tr("取り込み"),
                    self.tr("取り込みを中止しました。何も変更していません。"),
                )
                return None
            if isinstance(outcome.error, DatabaseLocked):
                answer = QMessageBox.question(
                    self,
                    self.tr("データベースが使用中です"),
                    error_text(outcome.error)
                    + "\n"
                    + self.tr("何も取り込んでいません。もう一度試しますか？"),
                )
                if answer == QMessageBox.StandardButton.Yes:
                    continue
                return None
            if outcome.error is not None:
                QMessageBox.warning(
                    self, self.tr("取り込めませんでした"), error_text(outcome.error)
                )
                return None
        self.result_value = holder[0]
        self.imported.emit(holder[0])
        self.accept()
        return holder[0]
