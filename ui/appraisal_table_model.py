"""A small editable table model over a list of frozen dataclass rows, described by columns.

Used by the sheet editor for 評価項目, 加点・減点 and 面談記録. Each column says how to show a row,
how to build the changed row from typed text (ValueError = refused), and which lockable part of
the sheet it belongs to (domain.appraisal.Part); a column of a locked part is read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from domain.appraisal_errors import Part

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex
LOCKED_BACKGROUND = QColor("#f1f1f1")


@dataclass(frozen=True, slots=True)
class ColumnSpec(Generic[Row]):
    title: str
    show: Callable[[Row], str]
    part: Part | None = None  # None = read-only
    edit: Callable[[Row, str], Row] | None = None
    check: Callable[[Row], bool] | None = None  # a check box column
    set_check: Callable[[Row, bool], Row] | None = None
    align_right: bool = False
    tooltip: Callable[[Row], str] | None = None
    edit_text: Callable[[Row], str] | None = None  # text in the editor, defaults to show()


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of frozen dataclasses; ``rowsChanged`` after every accepted edit."""

    rowsChanged = Signal()

    def __init__(self, columns: Sequence[ColumnSpec[Row]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Row] = []
        self._editable: frozenset[Part] = frozenset()

    # --- data in and out -----------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row], editable: frozenset[Part]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._editable = editable
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def replace_row(self, row: int, value: Row) -> None:
        self._rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.rowsChanged.emit()

    def append(self, value: Row) -> int:
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(value)
        self.endInsertRows()
        self.rowsChanged.emit()
        return at

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.rowsChanged.emit()

    def move(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return row
        self.beginResetModel()
        self._rows[row], self._rows[target] = self._rows[target], self._rows[row]
        self.endResetModel()
        self.rowsChanged.emit()
        return target

    def is_editable(self, part: Part | None) -> bool:
        return part is not None and part in self._editable

    # --- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if self.is_editable(column.part):
            if column.check is not None:
                return base | Qt.ItemFlag.ItemIsUserCheckable
            if column.edit is not None:
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole and column.check is None:
            return column.show(row)
        if role == Qt.ItemDataRole.EditRole:
            return (column.edit_text or column.show)(row)
        if role == Qt.ItemDataRole.CheckStateRole and column.check is not None:
            return Qt.CheckState.Checked if column.check(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and not self.is_editable(column.part):
            return QBrush(LOCKED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.is_editable(self.columns[index.column()].part):
            return False
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        try:
            if role == Qt.ItemDataRole.CheckStateRole and column.set_check is not None:
                checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, True)
                new = column.set_check(row, checked)
            elif role == Qt.ItemDataRole.EditRole and column.edit is not None:
                new = column.edit(row, "" if value is None else str(value))
            else:
                return False
        except ValueError:
            return False
        if new != row:
            self.replace_row(index.row(), new)
        return True
