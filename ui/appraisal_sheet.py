"""評価シート editor: goals and behaviour items with live weight totals, score and grade;
加点・減点, comments, 面談記録, workflow buttons, print preview and PDF.

The view edits an in-memory Appraisal value; 保存 hands it to domain.appraisal_services.save_sheet,
which enforces the workflow locks (locked cells are also read-only here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain import appraisal_services as aps
from domain import services
from domain.appraisal import available_actions, editable_parts
from domain.appraisal_errors import Part
from domain.appraisal_model import (
    Action,
    Adjustment,
    AdjustmentKind,
    Appraisal,
    AppraisalItem,
    Block,
    Interview,
    InterviewKind,
    Stage,
    stage_index,
)
from domain.appraisal_ports import AppraisalDocuments
from domain.appraisal_report import SheetReport, sheet_report_for
from domain.errors import MierukaError
from domain.ports import UnitOfWork
from domain.scoring import score_sheet, weights_ok
from ui.appraisal_columns import adjustment_columns, fmt, interview_columns, item_columns
from ui.appraisal_labels import action_label, appraisal_error_text, block_label, stage_label
from ui.appraisal_table_model import RowsTableModel
from ui.screen_fit import resize_to_fit

WARN_STYLE = "color: #c62828; font-weight: bold;"
OK_STYLE = "color: #2e7d32;"


def _table(model: RowsTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    return view


class SheetEditor(QDialog):
    """Edit one 評価シート; ``changed`` is emitted whenever something was saved."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        appraisal_id: int,
        *,
        user: str,
        documents: AppraisalDocuments | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._id = appraisal_id
        self._user = user
        self._documents = documents
        self.saved_something = False
        self._build()
        self._connect_signals()
        self.reload()
        resize_to_fit(self, 1280, 820)

    # --- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = QLabel()
        self.header.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.stage_label = QLabel()
        self.first_combo = QComboBox()
        self.second_combo = QComboBox()
        evaluators = QHBoxLayout()
        evaluators.addWidget(QLabel(self.tr("一次評価者")))
        evaluators.addWidget(self.first_combo)
        evaluators.addWidget(QLabel(self.tr("二次評価者")))
        evaluators.addWidget(self.second_combo)
        evaluators.addStretch(1)
        evaluators.addWidget(self.stage_label)

        self.models: dict[Block, RowsTableModel] = {}
        self.views: dict[Block, QTableView] = {}
        self.weight_labels: dict[Block, QLabel] = {}
        goals_page = QWidget()
        goals_layout = QVBoxLayout(goals_page)
        self.kpi_combo = QComboBox()
        self.level_edit = QPlainTextEdit()
        self.level_edit.setPlaceholderText(
            self.tr("選択した評価項目のレベル説明（1行に1レベル、低い順）")
        )
        self.level_edit.setMaximumHeight(90)
        self.add_buttons: dict[Block, QPushButton] = {}
        self.remove_buttons: dict[Block, QPushButton] = {}
        for block in Block:
            model: RowsTableModel = RowsTableModel(
                item_columns(block, self._rules, self._kpi_names, self._trends), self
            )
            view = _table(model)
            self.models[block] = model
            self.views[block] = view
            title = QLabel(self.tr("{0}評価").format(block_label(block)))
            title.setStyleSheet("font-weight: bold;")
            self.weight_labels[block] = QLabel()
            self.add_buttons[block] = QPushButton(self.tr("項目を追加"))
            self.remove_buttons[block] = QPushButton(self.tr("項目を削除"))
            bar = QHBoxLayout()
            bar.addWidget(title)
            bar.addSpacing(12)
            bar.addWidget(self.weight_labels[block])
            bar.addStretch(1)
            if block is Block.PERFORMANCE:
                bar.addWidget(QLabel(self.tr("選択した目標の関連KPI")))
                bar.addWidget(self.kpi_combo)
            bar.addWidget(self.add_buttons[block])
            bar.addWidget(self.remove_buttons[block])
            goals_layout.addLayout(bar)
            goals_layout.addWidget(view, 3 if block is Block.PERFORMANCE else 2)
        goals_layout.addWidget(self.level_edit)

        self.adjustment_model: RowsTableModel = RowsTableModel(adjustment_columns(), self)
        self.add_bonus = QPushButton(self.tr("加点を追加"))
        self.add_penalty = QPushButton(self.tr("減点を追加"))
        self.remove_adjustment = QPushButton(self.tr("削除"))
        adjustments_page = self._rows_page(
            _table(self.adjustment_model),
            [self.add_bonus, self.add_penalty, self.remove_adjustment],
        )
        self.adjustment_view = adjustments_page.findChild(QTableView)

        comments_page = QWidget()
        form = QFormLayout(comments_page)
        self.self_comment = QPlainTextEdit()
        self.first_comment = QPlainTextEdit()
        self.second_comment = QPlainTextEdit()
        form.addRow(self.tr("本人所見"), self.self_comment)
        form.addRow(self.tr("一次評価者コメント"), self.first_comment)
        form.addRow(self.tr("二次評価者コメント"), self.second_comment)

        self.interview_model: RowsTableModel = RowsTableModel(interview_columns(), self)
        self.add_interview = QPushButton(self.tr("面談を追加"))
        self.remove_interview = QPushButton(self.tr("削除"))
        interviews_page = self._rows_page(
            _table(self.interview_model), [self.add_interview, self.remove_interview]
        )
        self.interview_view = interviews_page.findChild(QTableView)
        self.history = QListWidget()

        self.tabs = QTabWidget()
        self.tabs.addTab(goals_page, self.tr("目標・評価"))
        self.tabs.addTab(adjustments_page, self.tr("加点・減点"))
        self.tabs.addTab(comments_page, self.tr("コメント"))
        self.tabs.addTab(interviews_page, self.tr("面談記録"))
        self.tabs.addTab(self.history, self.tr("履歴"))

        self.score_label = QLabel()
        self.score_label.setStyleSheet("font-size: 14px;")
        self.grade_label = QLabel()
        self.grade_label.setStyleSheet("font-size: 22px; font-weight: bold; padding: 0 12px;")
        self.save_button = QPushButton(self.tr("保存"))
        self.action_buttons: dict[Action, QPushButton] = {
            action: QPushButton(action_label(action)) for action in Action
        }
        self.preview_button = QPushButton(self.tr("印刷プレビュー…"))
        self.pdf_button = QPushButton(self.tr("PDFに保存…"))
        self.first_copy_button = QPushButton(self.tr("一次評価者用PDF…"))
        self.close_button = QPushButton(self.tr("閉じる"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.score_label, 1)
        bottom.addWidget(self.grade_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        for button in self.action_buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (
            self.preview_button,
            self.pdf_button,
            self.first_copy_button,
            self.close_button,
        ):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(evaluators)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        layout.addLayout(buttons)

    @staticmethod
    def _rows_page(view: QTableView, buttons: list[QPushButton]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        for button in buttons:
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(view, 1)
        return page

    def _connect_signals(self) -> None:
        for block in Block:
            self.models[block].rowsChanged.connect(self._refresh_live)
            self.add_buttons[block].clicked.connect(lambda _c=False, b=block: self.add_item(b))
            self.remove_buttons[block].clicked.connect(lambda _c=False, b=block: self._remove(b))
        self.views[Block.PERFORMANCE].selectionModel().currentRowChanged.connect(
            lambda *_: self._show_current_kpi()
        )
        self.views[Block.PROCESS].selectionModel().currentRowChanged.connect(
            lambda *_: self._show_current_levels()
        )
        self.kpi_combo.activated.connect(lambda _i: self._on_kpi_chosen())
        self.level_edit.textChanged.connect(self._on_levels_edited)
        self.adjustment_model.rowsChanged.connect(self._refresh_live)
        self.add_bonus.clicked.connect(lambda: self._add_adjustment(AdjustmentKind.BONUS))
        self.add_penalty.clicked.connect(lambda: self._add_adjustment(AdjustmentKind.PENALTY))
        self.remove_adjustment.clicked.connect(
            lambda: self.adjustment_model.remove(self.adjustment_view.currentIndex().row())
        )
        self.add_interview.clicked.connect(self._add_interview)
        self.remove_interview.clicked.connect(
            lambda: self.interview_model.remove(self.interview_view.currentIndex().row())
        )
        self.first_combo.currentIndexChanged.connect(lambda _i: self._refresh_live())
        self.second_combo.currentIndexChanged.connect(lambda _i: self._on_second_changed())
        self.save_button.clicked.connect(self.save)
        for action, button in self.action_buttons.items():
            button.clicked.connect(lambda _c=False, a=action: self.run_action(a))
        self.preview_button.clicked.connect(lambda: self.preview())
        self.pdf_button.clicked.connect(lambda: self.export_pdf(hide_second=False))
        self.first_copy_button.clicked.connect(lambda: self.export_pdf(hide_second=True))
        self.close_button.clicked.connect(self.accept)

    # --- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        report = sheet_report_for(self._uow(), self._id)
        self.report = report
        self.stored = report.sheet
        self.period = report.period
        member = report.member
        self.header.setText(
            self.tr("{0}（{1}）　{2}　{3}　{4}　—　{5}").format(
                member.name,
                member.employee_no,
                report.department_name,
                member.title,
                member.grade,
                self.period.name,
            )
        )
        self._kpis = (
            {
                k.id: k.name
                for k in services.list_kpis(self._uow(), department_id=member.department_id)
            }
            if member.department_id
            else {}
        )
        self._kpis.update({t.kpi.id: t.kpi.name for t in report.trends})
        self._trend_map = {t.kpi.id: t for t in report.trends}
        members = [m for m in services.list_members(self._uow()) if m.id != member.id]
        for combo, current in (
            (self.first_combo, self.stored.first_evaluator_id),
            (self.second_combo, self.stored.second_evaluator_id),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("（なし）"), None)
            for m in members:
                combo.addItem(f"{m.name}（{m.employee_no}）", m.id)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.kpi_combo.clear()
        self.kpi_combo.addItem(self.tr("（なし）"), None)
        for kpi_id, name in self._kpis.items():
            self.kpi_combo.addItem(name, kpi_id)
        self._load_sheet(self.stored)

    def _load_sheet(self, sheet: Appraisal) -> None:
        has_second = sheet.has_second
        self.editable = editable_parts(sheet.stage, has_second)
        for block in Block:
            self.models[block].set_rows(sheet.items_in(block), self.editable)
            view = self.views[block]
            second_columns = [
                c for c, spec in enumerate(self.models[block].columns) if spec.part is Part.SECOND
            ]
            for column in second_columns:
                view.setColumnHidden(column, not has_second)
            view.resizeColumnsToContents()
            for column in range(self.models[block].columnCount()):
                view.setColumnWidth(column, min(view.columnWidth(column), 220))
        self.adjustment_model.set_rows(sheet.adjustments, self.editable)
        self.interview_model.set_rows(sheet.interviews, self.editable)
        for edit, text, part in (
            (self.self_comment, sheet.self_comment, Part.SELF),
            (self.first_comment, sheet.first_comment, Part.FIRST),
            (self.second_comment, sheet.second_comment, Part.SECOND),
        ):
            edit.setPlainText(text)
            edit.setReadOnly(part not in self.editable)
        self.second_comment.setEnabled(has_second)
        self.first_combo.setEnabled(Part.EVALUATORS in self.editable)
        self.second_combo.setEnabled(Part.EVALUATORS in self.editable)
        goals_open = Part.GOALS in self.editable
        for button in (*self.add_buttons.values(), *self.remove_buttons.values()):
            button.setEnabled(goals_open)
        self.kpi_combo.setEnabled(goals_open)
        self.level_edit.setReadOnly(not goals_open)
        adjust_open = Part.ADJUSTMENTS in self.editable
        for button in (self.add_bonus, self.add_penalty, self.remove_adjustment):
            button.setEnabled(adjust_open)
        self.stage_label.setText(self.tr("状態：{0}").format(stage_label(sheet.stage)))
        actions = available_actions(sheet.stage, has_second)
        for action, button in self.action_buttons.items():
            button.setVisible(action in actions)
        self.history.clear()
        for event in sheet.events:
            reason = f"　{event.reason}" if event.reason else ""
            self.history.addItem(
                f"{event.at:%Y/%m/%d %H:%M}　{action_label(event.action)}　"
                f"{stage_label(event.from_stage)} → {stage_label(event.to_stage)}　"
                f"{event.user}{reason}"
            )
        self._refresh_live()

    # --- the sheet being edited -----------------------------------------------------------------
    def _rules(self) -> Any:
        return self.period.rules

    def _kpi_names(self) -> dict[int, str]:
        return self._kpis

    def _trends(self) -> dict[int, Any]:
        return self._trend_map

    def current_sheet(self) -> Appraisal:
        items = tuple(self.models[Block.PERFORMANCE].rows()) + tuple(
            self.models[Block.PROCESS].rows()
        )
        return replace(
            self.stored,
            first_evaluator_id=self.first_combo.currentData(),
            second_evaluator_id=self.second_combo.currentData(),
            self_comment=self.self_comment.toPlainText().strip(),
            first_comment=self.first_comment.toPlainText().strip(),
            second_comment=self.second_comment.toPlainText().strip(),
            items=items,
            adjustments=tuple(self.adjustment_model.rows()),
            interviews=tuple(self.interview_model.rows()),
        )

    def is_dirty(self) -> bool:
        return self.current_sheet() != self.stored

    def _refresh_live(self) -> None:
        """Weight totals per block (red unless 100) and the live score and grade."""
        sheet = self.current_sheet()
        for block in Block:
            total = sum(i.weight for i in sheet.items_in(block))
            label = self.weight_labels[block]
            if not sheet.items_in(block):
                label.setText(self.tr("ウェイト合計 —"))
                label.setStyleSheet("")
            elif weights_ok(total):
                label.setText(self.tr("ウェイト合計 {0}%").format(fmt(total)))
                label.setStyleSheet(OK_STYLE)
            else:
                label.setText(self.tr("ウェイト合計 {0}%（100%にしてください）").format(fmt(total)))
                label.setStyleSheet(WARN_STYLE)
        achievements = {k: t.achievement for k, t in self._trend_map.items()}
        score = score_sheet(sheet, self.period.rules, achievements)
        self.live_score = score
        perf, proc = score.block(Block.PERFORMANCE).score, score.block(Block.PROCESS).score
        adjustments = self.tr("加点 +{0} / 減点 −{1}").format(fmt(score.bonus), fmt(score.penalty))
        self.score_label.setText(
            self.tr("業績 {0}　プロセス {1}　{2}　→　合計 {3} 点").format(
                fmt(perf, 2) or "—", fmt(proc, 2) or "—", adjustments, fmt(score.points, 1) or "—"
            )
        )
        self.grade_label.setText(
            self.tr("評語 {0}").format(score.grade) if score.grade else self.tr("評語 未評価")
        )

    # --- editing --------------------------------------------------------------------------------
    def add_item(self, block: Block) -> int:
        row = self.models[block].append(AppraisalItem(0, block, self.tr("（新しい項目）")))
        self.views[block].setCurrentIndex(self.models[block].index(row, 0))
        return row

    def _remove(self, block: Block) -> None:
        self.models[block].remove(self.views[block].currentIndex().row())

    def _show_current_kpi(self) -> None:
        row = self.views[Block.PERFORMANCE].currentIndex().row()
        if row < 0:
            return
        item = self.models[Block.PERFORMANCE].row_at(row)
        self.kpi_combo.setCurrentIndex(max(self.kpi_combo.findData(item.kpi_id), 0))

    def _on_kpi_chosen(self) -> None:
        row = self.views[Block.PERFORMANCE].currentIndex().row()
        if row < 0 or Part.GOALS not in self.editable:
            return
        model = self.models[Block.PERFORMANCE]
        model.replace_row(row, replace(model.row_at(row), kpi_id=self.kpi_combo.currentData()))

    def _show_current_levels(self) -> None:
        row = self.views[Block.PROCESS].currentIndex().row()
        text = ""
        if row >= 0:
            text = "\n".join(self.models[Block.PROCESS].row_at(row).level_descriptions)
        self.level_edit.blockSignals(True)
        self.level_edit.setPlainText(text)
        self.level_edit.blockSignals(False)

    def _on_levels_edited(self) -> None:
        row = self.views[Block.PROCESS].currentIndex().row()
        if row < 0 or Part.GOALS not in self.editable:
            return
        model = self.models[Block.PROCESS]
        levels = tuple(line.strip() for line in self.level_edit.toPlainText().splitlines())
        model.replace_row(row, replace(model.row_at(row), level_descriptions=levels))

    def _add_adjustment(self, kind: AdjustmentKind) -> None:
        self.adjustment_model.append(Adjustment(0, kind, 1.0, ""))

    def _add_interview(self) -> None:
        kinds = [v.kind for v in self.interview_model.rows()]
        kind = next((k for k in InterviewKind if k not in kinds), InterviewKind.END)
        self.interview_model.append(Interview(0, kind))

    def _on_second_changed(self) -> None:
        has_second = self.second_combo.currentData() is not None
        self.editable = (
            editable_parts(self.stored.stage, has_second)
            if (Part.EVALUATORS in self.editable)
            else self.editable
        )
        for block in Block:
            self.models[block].set_rows(self.models[block].rows(), self.editable)
            for column, spec in enumerate(self.models[block].columns):
                if spec.part is Part.SECOND:
                    self.views[block].setColumnHidden(column, not has_second)
        self.second_comment.setEnabled(has_second)
        self.second_comment.setReadOnly(Part.SECOND not in self.editable)
        self._refresh_live()

    # --- saving and workflow --------------------------------------------------------------------
    def save(self) -> bool:
        if not self.is_dirty():
            return True
        try:
            saved = aps.save_sheet(self._uow(), self.current_sheet())
        except MierukaError as exc:
            QMessageBox.warning(self, self.tr("保存できません"), appraisal_error_text(exc))
            return False
        self.saved_something = True
        self.stored = saved
        self._load_sheet(saved)
        return True

    def run_action(self, action: Action) -> bool:
        if not self.save():
            return False
        try:
            if action is Action.REOPEN:
                return self._reopen()
            sheet = aps.apply_action(self._uow(), self._id, action, user=self._user)
        except MierukaError as exc:
            QMessageBox.warning(self, action_label(action), appraisal_error_text(exc))
            return False
        self.saved_something = True
        self.stored = sheet
        self._load_sheet(sheet)
        return True

    def _reopen(self) -> bool:
        earlier = [
            s
            for s in Stage
            if stage_index(s) < stage_index(self.stored.stage)
            and (s is not Stage.SECOND_DONE or self.stored.has_second)
        ]
        names = [stage_label(s) for s in earlier]
        choice, ok = QInputDialog.getItem(
            self,
            action_label(Action.REOPEN),
            self.tr("どの段階に戻しますか？"),
            names,
            len(names) - 1,
            False,
        )
        if not ok:
            return False
        reason, ok = QInputDialog.getText(
            self, action_label(Action.REOPEN), self.tr("差し戻しの理由（記録されます）")
        )
        if not ok:
            return False
        sheet = aps.reopen(
            self._uow(), self._id, earlier[names.index(choice)], user=self._user, reason=reason
        )
        self.saved_something = True
        self.stored = sheet
        self._load_sheet(sheet)
        return True

    # --- printing -------------------------------------------------------------------------------
    def _report(self, *, hide_second: bool) -> SheetReport:
        return sheet_report_for(self._uow(), self._id, hide_second=hide_second)

    def preview(self, *, hide_second: bool = False) -> Any:
        from ui.appraisal_preview import PreviewDialog

        if self._documents is None or not self.save():
            return None
        dialog = PreviewDialog(
            self._documents, [self._report(hide_second=hide_second)], parent=self
        )
        dialog.open()
        return dialog

    def export_pdf(self, *, hide_second: bool, target: Path | None = None) -> Path | None:
        if self._documents is None or not self.save():
            return None
        report = self._report(hide_second=hide_second)
        if target is None:
            name = self._documents.sheet_file_name(report)
            if hide_second:
                name = name.removesuffix(".pdf") + self.tr("_一次評価者用") + ".pdf"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("PDFに保存"), name, self.tr("PDF (*.pdf)")
            )
            if not path:
                return None
            target = Path(path)
        return self._documents.write_sheets([report], target)
