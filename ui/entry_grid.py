"""The monthly entry grid (月次入力): Excel-like typing, paste, notes, undo, and change history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPolygon,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import EditConflict
from domain.model import CellEdit, Series
from domain.parsing import ValueParseError
from domain.ports import UnitOfWork
from domain.services import GridData, Source
from ui.entry_grid_model import Column, EntryGridModel, is_month_column
from ui.messages import error_text
from ui.undo import CellEditsCommand
from ui.value_errors import parse_error_text

MAX_LISTED_PROBLEMS = 8
NAME_WIDTH = 160
CELL_PADDING = 14  # the cell's margins and a little air
COLUMN_MINIMUMS = {
    Column.UNIT: 40,
    Column.SERIES: 44,
    **{column: 52 for column in range(Column.FIRST_MONTH, Column.FIRST_MONTH + 12)},
    Column.TOTAL: 64,
    Column.ACHIEVEMENT: 60,
}


def parse_clipboard_table(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text as Excel puts it on the clipboard."""
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    rows: list[list[str]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        rows.append([cell.strip().strip('"') for cell in line.split("\t")])
    return rows


class NoteMarkerDelegate(QStyledItemDelegate):
    """Draws Excel's red comment triangle on cells that carry a note."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if index.data(Qt.ItemDataRole.UserRole):
            r: QRect = option.rect  # type: ignore[attr-defined]
            size = 6
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#d9480f"))
            painter.drawPolygon(
                QPolygon(
                    [
                        QPoint(r.right() - size, r.top()),
                        QPoint(r.right(), r.top()),
                        QPoint(r.right(), r.top() + size),
                    ]
                )
            )
            painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex):  # noqa: ANN201
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor


class EntryGridView(QTableView):
    """Layout of the grid: spans for the KPI name, fixed-width month columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(False)
        self.setItemDelegate(NoteMarkerDelegate(self))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.horizontalHeader().setHighlightSections(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setWordWrap(False)

    def _move_down(self) -> None:
        below = self.model().index(self.currentIndex().row() + 1, self.currentIndex().column())
        if below.isValid():
            self.setCurrentIndex(below)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter, as in Excel
            self._move_down()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.state() != QAbstractItemView.State.EditingState:
                self._move_down()
                return
        super().keyPressEvent(event)


class EntryGrid(QWidget):
    """Controller of the grid: turns edits, pastes and deletes into services calls + undo commands."""

    changed = Signal()
    historyRequested = Signal(int)  # kpi id

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        undo_stack: QUndoStack,
        *,
        user: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._undo = undo_stack
        self._user = user
        self.model = EntryGridModel(self)
        self.model.commit = self._commit_typed
        self.view = EntryGridView(self)
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._build_actions()
        self._connect_signals()

    # --- construction -----------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.copy_action = QAction(self.tr("コピー"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.paste_action = QAction(self.tr("貼り付け"), self)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.clear_action = QAction(self.tr("値を消去"), self)
        self.clear_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.note_action = QAction(self.tr("メモを編集…"), self)
        self.history_action = QAction(self.tr("このKPIの変更履歴…"), self)
        for action in (self.copy_action, self.paste_action, self.clear_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)

    def _connect_signals(self) -> None:
        self.copy_action.triggered.connect(self.copy_selection)
        self.paste_action.triggered.connect(self.paste_from_clipboard)
        self.clear_action.triggered.connect(self.clear_selection)
        self.note_action.triggered.connect(self._on_edit_note)
        self.history_action.triggered.connect(self._on_history)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.model.editRejected.connect(self._on_edit_rejected)
        self.model.modelReset.connect(self._apply_layout)

    def _apply_layout(self) -> None:
        self.view.clearSpans()
        for row in range(0, self.model.rowCount(), 2):
            self.view.setSpan(row, Column.NAME, 2, 1)
            self.view.setSpan(row, Column.UNIT, 2, 1)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(Column.NAME, NAME_WIDTH)  # a longer name: its tooltip
        self._fit_columns(shrink=True)

    def _fit_columns(self, *, shrink: bool = False) -> None:
        """Columns as wide as what they show (as Excel users widen them), no wider: the whole
        fiscal year with 年度計 and 達成率 then fits a 1280 px window for everyday numbers,
        and a large one (12,345,678 円) is shown whole instead of cut off."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader().fontMetrics()
        rows = self.model.rowCount()
        for column, minimum in COLUMN_MINIMUMS.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = header.horizontalAdvance(title)
            for row in range(rows):
                text = self.model.data(self.model.index(row, column))
                if text:
                    widest = max(widest, metrics.horizontalAdvance(str(text)))
            width = max(minimum, widest + CELL_PADDING)
            if shrink or width > self.view.columnWidth(column):
                self.view.setColumnWidth(column, width)

    # --- public ---------------------------------------------------------------------------
    def load(self, data: GridData) -> None:
        self.model.load(data)

    def reload(self) -> None:
        grid = self.model.grid
        if grid is None:
            return
        self.model.load(
            services.load_grid(
                self._uow_factory(), department_id=grid.department.id, fiscal_year=grid.fiscal_year
            )
        )

    def current_kpi_id(self) -> int | None:
        kpi = self.model.kpi_at(self.view.currentIndex().row())
        return None if kpi is None else kpi.id

    # --- writing --------------------------------------------------------------------------
    def _commit_typed(self, edits: list[CellEdit]) -> bool:
        return self.commit_edits(edits, self.tr("値の入力"), Source.EDIT)

    def commit_edits(self, edits: list[CellEdit], text: str, source: str) -> bool:
        expected = {
            (e.series, e.kpi_id, e.month): self.model.stored(e.series, e.kpi_id, e.month)
            for e in edits
        }
        try:
            applied = services.apply_edits(
                self._uow_factory(), edits, user=self._user, source=source, expected=expected
            )
        except EditConflict as exc:  # another user changed these cells: show theirs
            self._show_conflict(exc)
            return False
        except Exception as exc:  # locked or read-only database: nothing was written
            self._show_error(exc)
            return False
        if applied:
            command = CellEditsCommand(
                self._uow_factory,
                applied,
                text,
                user=self._user,
                on_applied=self._on_cells_written,
                on_error=self._show_error,
            )
            self._undo.push(command)
        return True

    def _on_cells_written(self, cells: list[CellEdit]) -> None:
        self.model.update_cells(cells)
        self._fit_columns()
        self.changed.emit()

    def _show_error(self, exc: Exception) -> None:
        if isinstance(exc, EditConflict):
            self._show_conflict(exc)
            return
        QMessageBox.warning(self, self.tr("保存できませんでした"), error_text(exc))

    def _show_conflict(self, exc: EditConflict) -> None:
        names = {k.id: k.name for k in (self.model.grid.kpis if self.model.grid else ())}
        lines = []
        for edit, stored in exc.conflicts[:MAX_LISTED_PROBLEMS]:
            assert isinstance(edit, CellEdit)
            now = getattr(stored, "value", None)
            lines.append(
                self.tr("{0} / {1}月: 現在の値 {2}").format(
                    names.get(edit.kpi_id, "?"),
                    edit.month.month,
                    "" if now is None else f"{now:,g}",
                )
            )
        QMessageBox.warning(
            self,
            self.tr("他の人が先に変更しました"),
            self.tr("次のセルは、表示したあとで他の人が変更したため保存していません。最新の値を表示します。\n\n")
            + "\n".join(lines),
        )
        self.reload()

    # --- clipboard ------------------------------------------------------------------------
    def copy_selection(self) -> None:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        selected = {(i.row(), i.column()) for i in indexes}
        lines = []
        for r in rows:
            cells = []
            for c in cols:
                text = self.model.data(self.model.index(r, c)) if (r, c) in selected else ""
                cells.append("" if text is None else str(text).replace(",", ""))
            lines.append("\t".join(cells))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def paste_from_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> bool:
        """Paste a rectangular block at the current cell. All cells must parse, or nothing is
        written and the problems are listed."""
        start = self.view.currentIndex()
        if not start.isValid() or not text:
            return False
        block = parse_clipboard_table(text)
        edits: list[CellEdit] = []
        problems: list[str] = []
        for dr, values in enumerate(block):
            row = start.row() + dr
            if row >= self.model.rowCount():
                problems.append(self.tr("貼り付ける行が表の下端を超えています。"))
                break
            for dc, raw in enumerate(values):
                column = start.column() + dc
                if not is_month_column(column):
                    problems.append(self.tr("貼り付け先が月の列の外にはみ出しています。"))
                    break
                try:
                    value = self.model.parse(row, raw)
                except ValueParseError as exc:
                    kpi = self.model.kpi_at(row)
                    month = self.model.month_at(column)
                    where = self.tr("{0} / {1}月").format(
                        kpi.name if kpi else "", month.month if month else ""
                    )
                    problems.append(f"{where}: {parse_error_text(exc, kpi)}")
                    continue
                edit = self.model.edit_for(row, column, value)
                if edit is not None:
                    edits.append(edit)
            if problems and len(problems) >= MAX_LISTED_PROBLEMS:
                break
        if problems:
            QMessageBox.warning(
                self,
                self.tr("貼り付けできませんでした"),
                self.tr("次のセルを読み取れなかったため、何も貼り付けていません。\n\n")
                + "\n".join(problems[:MAX_LISTED_PROBLEMS]),
            )
            return False
        ok = self.commit_edits(edits, self.tr("貼り付け"), Source.PASTE)
        if ok and edits:
            last_row = start.row() + len(block) - 1
            last_col = start.column() + max(len(r) for r in block) - 1
            sel = self.view.selectionModel()
            sel.clearSelection()
            from PySide6.QtCore import QItemSelection, QItemSelectionModel

            sel.select(
                QItemSelection(
                    self.model.index(start.row(), start.column()),
                    self.model.index(last_row, last_col),
                ),
                QItemSelectionModel.SelectionFlag.Select,
            )
        return ok

    def clear_selection(self) -> None:
        edits = []
        for index in self.view.selectionModel().selectedIndexes():
            cell = self.model.cell(index.row(), index.column())
            if cell is None:
                continue
            edit = self.model.edit_for(index.row(), index.column(), None)
            if edit is not None:
                edits.append(edit)
        if edits:
            self.commit_edits(edits, self.tr("値の消去"), Source.EDIT)

    # --- notes, history, feedback ---------------------------------------------------------
    def set_note(self, row: int, column: int, note: str) -> bool:
        cell = self.model.cell(row, column)
        kpi, month, series = (
            self.model.kpi_at(row),
            self.model.month_at(column),
            self.model.series_at(row),
        )
        if kpi is None or month is None or series is None:
            return False
        value = None if cell is None else cell.value
        edit = CellEdit(kpi.id, month, series, value, note.strip())
        return self.commit_edits([edit], self.tr("メモの編集"), Source.EDIT)

    def _on_edit_note(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or not is_month_column(index.column()):
            return
        cell = self.model.cell(index.row(), index.column())
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("メモ"),
            self.tr("この値についてのメモ（理由・背景など）:"),
            "" if cell is None else cell.note,
        )
        if ok:
            self.set_note(index.row(), index.column(), text)

    def _on_history(self) -> None:
        kpi_id = self.current_kpi_id()
        if kpi_id is not None:
            self.historyRequested.emit(kpi_id)

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        menu = QMenu(self)
        if index.isValid() and is_month_column(index.column()):
            menu.addAction(self.note_action)
            menu.addSeparator()
        menu.addAction(self.copy_action)
        menu.addAction(self.paste_action)
        menu.addAction(self.clear_action)
        if index.isValid():
            menu.addSeparator()
            menu.addAction(self.history_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _on_edit_rejected(self, index: QModelIndex, message: str) -> None:
        rect = self.view.visualRect(index)
        QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), message, self.view)
        self.window().statusBar().showMessage(message, 8000) if hasattr(
            self.window(), "statusBar"
        ) else None


__all__ = ["EntryGrid", "Series", "parse_clipboard_table"]
