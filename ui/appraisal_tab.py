"""評価 tab: appraisal periods, the period overview (status, score, grade of every member, grade
distribution), opening sheets, batch PDF (off the GUI thread) and Excel export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain import appraisal_services as aps
from domain import services
from domain.appraisal_model import AppraisalPeriod
from domain.appraisal_ports import AppraisalDocuments
from domain.appraisal_report import OverviewRow, PeriodOverview, build_reports, period_overview
from domain.errors import MierukaError
from domain.ports import UnitOfWork
from ui.appraisal_labels import appraisal_error_text, stage_label
from ui.background_task import run_with_progress
from ui.row_table import RowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex


class OverviewModel(RowTableModel):
    """The members of a period with status, score and grade."""

    class Column(IntEnum):
        EMPLOYEE_NO = 0
        NAME = 1
        DEPARTMENT = 2
        TITLE = 3
        FIRST = 4
        SECOND = 5
        STAGE = 6
        POINTS = 7
        GRADE = 8

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OverviewRow] = []

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("社員番号"),
            self.tr("氏名"),
            self.tr("所属"),
            self.tr("役職"),
            self.tr("一次評価者"),
            self.tr("二次評価者"),
            self.tr("状態"),
            self.tr("合計点"),
            self.tr("評語"),
        )

    def set_rows(self, rows: list[OverviewRow]) -> None:
        self._reset_rows(rows)

    def row_at(self, row: int) -> OverviewRow:
        return self._rows[row]


    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.Column.EMPLOYEE_NO: row.employee_no,
                self.Column.NAME: row.name,
                self.Column.DEPARTMENT: row.department_name,
                self.Column.TITLE: row.title,
                self.Column.FIRST: row.first_evaluator,
                self.Column.SECOND: row.second_evaluator,
                self.Column.STAGE: stage_label(row.stage),
                self.Column.POINTS: "" if row.points is None else f"{row.points:.1f}",
                self.Column.GRADE: row.grade or self.tr("未評価"),
            }[column]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if column is self.Column.POINTS:
                return -1.0 if row.points is None else row.points
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is self.Column.POINTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass(frozen=True, slots=True)
class BatchInputs:
    uow_factory: Callable[[], UnitOfWork]
    documents: AppraisalDocuments
    period_id: int
    department_id: int | None
    target: Path
    one_file_each: bool
    password: str | None = None


def export_batch(inputs: BatchInputs, progress: Callable[[int, int], bool]) -> list[Path]:
    """Worker: read the sheets and write one PDF or one file each (no widgets touched)."""
    reports = build_reports(
        inputs.uow_factory(), inputs.period_id, department_id=inputs.department_id
    )
    if not reports:
        return []
    if inputs.one_file_each:
        return inputs.documents.write_each(
            reports, inputs.target, password=inputs.password, progress=progress
        )
    return [
        inputs.documents.write_sheets(
            reports, inputs.target, password=inputs.password, progress=progress
        )
    ]


class AppraisalPanel(QWidget):
    """The 評価 tab."""

    changed = Signal()

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        user: str,
        documents: AppraisalDocuments | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._user = user
        self._documents = documents
        self.overview: PeriodOverview | None = None
        self.period_combo = QComboBox()
        self.department_combo = QComboBox()
        self.new_button = QPushButton(self.tr("新しい評価期間…"))
        self.settings_button = QPushButton(self.tr("期間の設定…"))
        self.start_button = QPushButton(self.tr("評価を開始…"))
        self.open_button = QPushButton(self.tr("シートを開く"))
        self.export_button = QPushButton(self.tr("出力"))
        menu = QMenu(self)
        self.pdf_one_action = menu.addAction(self.tr("評価シートを1つのPDFに…"))
        self.pdf_each_action = menu.addAction(self.tr("評価シートを1人1ファイルで…"))
        self.overview_pdf_action = menu.addAction(self.tr("評価結果一覧（PDF）…"))
        self.overview_xlsx_action = menu.addAction(self.tr("評価結果一覧（Excel）…"))
        self.export_button.setMenu(menu)
        self.model = OverviewModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(OverviewModel.Column.EMPLOYEE_NO, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.distribution = QLabel()
        self.distribution.setStyleSheet("font-size: 14px;")
        self.progress_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("評価期間")))
        top.addWidget(self.period_combo)
        top.addWidget(QLabel(self.tr("部門")))
        top.addWidget(self.department_combo)
        for button in (self.new_button, self.settings_button, self.start_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.open_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.distribution)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.view, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.department_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(lambda: self.edit_period(None))
        self.settings_button.clicked.connect(lambda: self.edit_period(self.current_period()))
        self.start_button.clicked.connect(self.start_period)
        self.open_button.clicked.connect(self._open_current)
        self.view.doubleClicked.connect(lambda _i: self._open_current())
        self.pdf_one_action.triggered.connect(lambda: self.export_sheets(one_file_each=False))
        self.pdf_each_action.triggered.connect(lambda: self.export_sheets(one_file_each=True))
        self.overview_pdf_action.triggered.connect(lambda: self.export_overview(excel=False))
        self.overview_xlsx_action.triggered.connect(lambda: self.export_overview(excel=True))

    # --- state ------------------------------------------------------------------------------------
    def reload(self, *, select: int | None = None) -> None:
        current = select if select is not None else self.period_combo.currentData()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in aps.list_periods(self._uow()):
            self.period_combo.addItem(period.name, period.id)
        index = self.period_combo.findData(current)
        self.period_combo.setCurrentIndex(index if index >= 0 else 0)
        self.period_combo.blockSignals(False)
        department = self.department_combo.currentData()
        self.department_combo.blockSignals(True)
        self.department_combo.clear()
        self.department_combo.addItem(self.tr("全部門"), None)
        for d in services.list_departments(self._uow()):
            self.department_combo.addItem(d.name, d.id)
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(department), 0))
        self.department_combo.blockSignals(False)
        self.refresh()

    def current_period(self) -> AppraisalPeriod | None:
        period_id = self.period_combo.currentData()
        if period_id is None:
            return None
        return next((p for p in aps.list_periods(self._uow()) if p.id == period_id), None)

    def refresh(self) -> None:
        period_id = self.period_combo.currentData()
        has_period = period_id is not None
        for w in (self.settings_button, self.start_button, self.open_button, self.export_button):
            w.setEnabled(has_period)
        if not has_period:
            self.overview = None
            self.model.set_rows([])
            self.distribution.setText(
                self.tr("評価期間を作成してください（「新しい評価期間…」）。")
            )
            self.progress_label.setText("")
            return
        self.overview = period_overview(
            self._uow(), period_id, department_id=self.department_combo.currentData()
        )
        self.model.set_rows(list(self.overview.rows))
        parts = [self.tr("{0}：{1}名").format(g, n) for g, n in self.overview.distribution]
        parts.append(self.tr("未評価：{0}名").format(self.overview.unscored))
        self.distribution.setText(self.tr("評語の分布　") + "　".join(parts))
        self.progress_label.setText(
            self.tr("進捗　")
            + "　".join(
                self.tr("{0} {1}名").format(stage_label(s), n) for s, n in self.overview.stages
            )
        )

    # --- actions -------------------------------------------------------------------------
    def edit_period(self, period: AppraisalPeriod | None) -> AppraisalPeriod | None:
        from ui.appraisal_period_dialog import PeriodDialog

        dialog = PeriodDialog(period, parent=self)
        if not dialog.exec() or dialog.result_period is None:
            return None
        try:
            if period is None:
                saved = aps.create_period(self._uow(), dialog.result_period)
            else:
                saved = aps.update_period(self._uow(), dialog.result_period)
        except MierukaError as exc:
            QMessageBox.warning(self, self.tr("評価期間"), appraisal_error_text(exc))
            return None
        self.reload(select=saved.id)
        return saved

    def start_period(self) -> aps.StartResult | None:
        from ui.appraisal_period_dialog import StartDialog

        period = self.current_period()
        if period is None:
            return None
        previous = aps.previous_period(self._uow(), period.id)
        dialog = StartDialog(
            services.list_departments(self._uow()),
            services.list_members(self._uow()),
            previous=previous,
            parent=self,
        )
        dialog.scope.setCurrentIndex(
            max(dialog.scope.findData(self.department_combo.currentData()), 0)
        )
        if not dialog.exec():
            return None
        result = aps.start_period(
            self._uow(),
            period.id,
            department_id=dialog.scope.currentData(),
            copy_from_period_id=previous.id if previous and dialog.copy.isChecked() else None,
            first_evaluator_id=dialog.first.currentData(),
            second_evaluator_id=dialog.second.currentData(),
        )
        QMessageBox.information(
            self,
            self.tr("評価を開始"),
            self.tr("{0}人分のシートを作成しました（作成済み {1}人、目標をコピー {2}人）。").format(
                len(result.created), result.skipped, result.copied
            ),
        )
        self.refresh()
        self.changed.emit()
        return result

    def _open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_sheet(self.model.row_at(self.proxy.mapToSource(index).row()).appraisal_id)

    def open_sheet(self, appraisal_id: int, *, modal: bool = True) -> Any:
        from ui.appraisal_sheet import SheetEditor

        editor = SheetEditor(
            self._uow, appraisal_id, user=self._user, documents=self._documents, parent=self
        )
        editor.finished.connect(lambda _r: self.refresh())
        if modal:
            editor.exec()
        else:
            editor.show()
        return editor

    def export_sheets(self, *, one_file_each: bool, target: Path | None = None) -> list[Path]:
        period = self.current_period()
        if period is None or self._documents is None:
            return []
        if target is None:
            if one_file_each:
                chosen = QFileDialog.getExistingDirectory(self, self.tr("保存先のフォルダー"))
            else:
                chosen, _ = QFileDialog.getSaveFileName(
                    self,
                    self.tr("PDFに保存"),
                    self.tr("評価シート_{0}.pdf").format(period.name),
                    self.tr("PDF (*.pdf)"),
                )
            if not chosen:
                return []
            target = Path(chosen)
        inputs = BatchInputs(
            self._uow,
            self._documents,
            period.id,
            self.department_combo.currentData(),
            target,
            one_file_each,
        )
        outcome = run_with_progress(
            self, self.tr("評価シートを出力しています…"), export_batch, inputs
        )
        if outcome.cancelled:
            return []
        if outcome.error is not None:
            QMessageBox.warning(
                self, self.tr("出力できません"), appraisal_error_text(outcome.error)
            )
            return []
        return list(outcome.result or [])

    def export_overview(self, *, excel: bool, target: Path | None = None) -> Path | None:
        if self.overview is None or self._documents is None:
            return None
        if target is None:
            suffix = "xlsx" if excel else "pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("評価結果一覧を保存"),
                self.tr("評価結果一覧_{0}.{1}").format(self.overview.period.name, suffix),
                self.tr("Excel (*.xlsx)") if excel else self.tr("PDF (*.pdf)"),
            )
            if not chosen:
                return None
            target = Path(chosen)
        try:
            if excel:
                return self._documents.write_overview_xlsx(self.overview, target)
            return self._documents.write_overview_pdf(self.overview, target)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("出力できません"), str(exc))
            return None
