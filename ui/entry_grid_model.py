"""Table model of the monthly entry grid: each KPI is a 実績 row and a 目標 row × 12 fiscal months.

The model only shows data and parses what is typed; writing goes through ``commit`` (set by the
controller in ui/entry_grid.py), which runs the service and feeds the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from domain.achievement import aggregate as aggregate_values
from domain.achievement import month_achievement, monthly_targets, period_achievement, status_of
from domain.fiscal import YearMonth
from domain.model import CellEdit, CellValue, Kpi, KpiKind, Series, Status, Thresholds
from domain.parsing import ValueParseError, format_value, parse_level, parse_value
from domain.services import GridData
from ui.value_errors import parse_error_text

Index = QModelIndex | QPersistentModelIndex

STATUS_COLOURS = {
    Status.ACHIEVED: QColor("#d4edda"),
    Status.CAUTION: QColor("#fff3cd"),
    Status.MISSED: QColor("#f8d7da"),
}
TARGET_ROW_COLOUR = QColor("#f3f4f6")
ERROR_COLOUR = QColor("#dc3545")


class Column(IntEnum):
    NAME = 0
    UNIT = 1
    SERIES = 2
    FIRST_MONTH = 3
    TOTAL = 15
    ACHIEVEMENT = 16


COLUMN_COUNT = 17


@dataclass(slots=True)
class _Row:
    kpi: Kpi
    series: Series


def is_month_column(column: int) -> bool:
    return Column.FIRST_MONTH <= column < Column.FIRST_MONTH + 12


class EntryGridModel(QAbstractTableModel):
    """KPI rows in pairs (実績, 目標) × fiscal months, plus 年度計 and 達成率 columns."""

    editRejected = Signal(QModelIndex, str)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._data: GridData | None = None
        self._rows: list[_Row] = []
        self._actuals: dict[tuple[int, YearMonth], CellValue] = {}
        self._stored_targets: dict[tuple[int, YearMonth], CellValue] = {}
        self._targets: dict[int, list[float | None]] = {}
        self._errors: dict[tuple[int, int], tuple[str, str]] = {}
        self.commit: Callable[[list[CellEdit]], bool] | None = None

    # --- loading -------------------------------------------------------------------------
    def load(self, data: GridData) -> None:
        self.beginResetModel()
        self._data = data
        self._rows = [_Row(k, s) for k in data.kpis for s in (Series.ACTUAL, Series.TARGET)]
        self._actuals = dict(data.actuals)
        self._stored_targets = dict(data.targets)
        self._errors.clear()
        self._recompute_targets()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._data = None
        self._rows = []
        self._actuals.clear()
        self._stored_targets.clear()
        self._targets.clear()
        self._errors.clear()
        self.endResetModel()

    def _recompute_targets(self, kpi_ids: Sequence[int] | None = None) -> None:
        if self._data is None:
            return
        months = self._data.months
        for kpi in self._data.kpis:
            if kpi_ids is not None and kpi.id not in kpi_ids:
                continue
            stored = {
                m: c.value
                for m in months
                if (c := self._stored_targets.get((kpi.id, m))) is not None and c.value is not None
            }
            self._targets[kpi.id] = monthly_targets(kpi, months, stored)

    def update_cells(self, cells: Sequence[CellEdit]) -> None:
        """Show cells written by a service (edit, paste, undo, redo) without reloading."""
        if self._data is None:
            return
        visible = {k.id for k in self._data.kpis}
        months = set(self._data.months)
        touched: set[int] = set()
        written: set[tuple[int, Series, YearMonth]] = set()
        for c in cells:
            if c.kpi_id not in visible or c.month not in months:
                continue
            store = self._actuals if c.series is Series.ACTUAL else self._stored_targets
            key = (c.kpi_id, c.month)
            if c.value is None and not c.note:
                store.pop(key, None)
            else:
                store[key] = CellValue(c.value, c.note)
            touched.add(c.kpi_id)
            written.add((c.kpi_id, c.series, c.month))
        if not touched:
            return
        self._recompute_targets(list(touched))
        # Only a written cell loses its refused text: a value typed next to a refused one must
        # not wipe the red cell (and the reason) the user has not corrected yet.
        self._errors = {
            (row, column): error
            for (row, column), error in self._errors.items()
            if (self._rows[row].kpi.id, self._rows[row].series, self.month_at(column))
            not in written
        }
        for row, r in enumerate(self._rows):
            if r.kpi.id in touched:
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    # --- lookups --------------------------------------------------------------------------
    @property
    def grid(self) -> GridData | None:
        return self._data

    def kpi_at(self, row: int) -> Kpi | None:
        return self._rows[row].kpi if 0 <= row < len(self._rows) else None

    def series_at(self, row: int) -> Series | None:
        return self._rows[row].series if 0 <= row < len(self._rows) else None

    def month_at(self, column: int) -> YearMonth | None:
        if self._data is None or not is_month_column(column):
            return None
        return self._data.months[column - Column.FIRST_MONTH]

    def row_of(self, kpi_id: int, series: Series) -> int:
        for row, r in enumerate(self._rows):
            if r.kpi.id == kpi_id and r.series is series:
                return row
        return -1

    def stored(self, series: Series, kpi_id: int, month: YearMonth) -> CellValue | None:
        """The cell as loaded from the database (what the user sees), None if empty."""
        store = self._actuals if series is Series.ACTUAL else self._stored_targets
        return store.get((kpi_id, month))

    def cell(self, row: int, column: int) -> CellValue | None:
        kpi, month = self.kpi_at(row), self.month_at(column)
        if kpi is None or month is None:
            return None
        store = self._actuals if self._rows[row].series is Series.ACTUAL else self._stored_targets
        return store.get((kpi.id, month))

    def _target(self, kpi: Kpi, column: int) -> float | None:
        return self._targets.get(kpi.id, [None] * 12)[column - Column.FIRST_MONTH]

    def _actual_series(self, kpi: Kpi) -> list[float | None]:
        assert self._data is not None
        return [
            c.value if (c := self._actuals.get((kpi.id, m))) is not None else None
            for m in self._data.months
        ]

    @property
    def thresholds(self) -> Thresholds:
        return self._data.company.thresholds if self._data else Thresholds()

    def month_status(self, row: int, column: int) -> Status:
        kpi = self.kpi_at(row)
        cell = self.cell(row, column)
        if kpi is None or cell is None or cell.value is None:
            return Status.NO_DATA
        return status_of(
            month_achievement(kpi, cell.value, self._target(kpi, column)), self.thresholds
        )

    def ytd_achievement(self, kpi: Kpi) -> float | None:
        return period_achievement(kpi, self._actual_series(kpi), self._targets.get(kpi.id, []))

    # --- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if is_month_column(section):
                month = self.month_at(section)
                # QLocale follows the chosen language: 「4月」 in Japanese, "Apr" in English
                return (
                    QLocale().monthName(month.month, QLocale.FormatType.ShortFormat)
                    if month
                    else ""
                )
            return {
                Column.NAME: self.tr("指標"),
                Column.UNIT: self.tr("単位"),
                Column.SERIES: self.tr("区分"),
                Column.TOTAL: self.tr("年度計"),
                Column.ACHIEVEMENT: self.tr("達成率"),
            }.get(Column(section), "")
        if role == Qt.ItemDataRole.ToolTipRole and is_month_column(section):
            month = self.month_at(section)
            return self.tr("{0}年{1}月").format(month.year, month.month) if month else None
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.TOTAL:
            return self.tr("実績行: 入力済みの月の集計（集計方法に従う） / 目標行: 年間の目標")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if is_month_column(index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._data is None:
            return None
        row, column = index.row(), index.column()
        r = self._rows[row]
        kpi = r.kpi
        error = self._errors.get((row, column))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if error is not None:
                return error[0]
            return self._text(row, column, edit=role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if error is not None:
                return error[1]
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.series is Series.TARGET:
                return QBrush(TARGET_ROW_COLOUR)
            if is_month_column(column):
                colour = STATUS_COLOURS.get(self.month_status(row, column))
                return QBrush(colour) if colour else None
            if column == Column.ACHIEVEMENT:
                colour = STATUS_COLOURS.get(status_of(self.ytd_achievement(kpi), self.thresholds))
                return QBrush(colour) if colour else None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if error is not None:
                return QBrush(ERROR_COLOUR)
            if r.series is Series.TARGET and column != Column.NAME:
                return QBrush(QColor("#555555"))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if is_month_column(column) or column in (Column.TOTAL, Column.ACHIEVEMENT):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == Column.NAME and r.series is Series.ACTUAL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:  # note marker for the delegate
            cell = self.cell(row, column)
            return bool(cell and cell.note)
        return None

    def _text(self, row: int, column: int, *, edit: bool) -> str:
        r = self._rows[row]
        kpi = r.kpi
        if column == Column.NAME:
            return kpi.name if r.series is Series.ACTUAL else ""
        if column == Column.UNIT:
            return kpi.unit if r.series is Series.ACTUAL else ""
        if column == Column.SERIES:
            return self.tr("実績") if r.series is Series.ACTUAL else self.tr("目標")
        if is_month_column(column):
            cell = self.cell(row, column)
            if r.series is Series.TARGET and (cell is None or cell.value is None):
                derived = self._target(kpi, column)
                return "" if edit else format_value(derived, kpi.decimals)
            value = None if cell is None else cell.value
            return format_value(value, kpi.decimals)
        if column == Column.TOTAL:
            if r.series is Series.ACTUAL:
                total = aggregate_values(self._actual_series(kpi), kpi.aggregation)
            else:
                total = aggregate_values(self._targets.get(kpi.id, []), kpi.aggregation)
            return format_value(total, kpi.decimals)
        if column == Column.ACHIEVEMENT and r.series is Series.ACTUAL:
            ach = self.ytd_achievement(kpi)
            return "" if ach is None else f"{ach * 100:.1f}%"
        return ""

    def _tooltip(self, row: int, column: int) -> str | None:
        r = self._rows[row]
        if column == Column.NAME:  # the whole name (a long one is cut off), then why it counts
            return "\n".join(part for part in (r.kpi.name, r.kpi.rationale) if part) or None
        if not is_month_column(column):
            return None
        cell = self.cell(row, column)
        parts = []
        if r.series is Series.ACTUAL and cell is not None and cell.value is not None:
            target = self._target(r.kpi, column)
            ach = month_achievement(r.kpi, cell.value, target)
            if ach is not None:
                parts.append(self.tr("達成率 {0:.1f}%").format(ach * 100))
        if r.series is Series.TARGET and (cell is None or cell.value is None):
            parts.append(self.tr("年間目標から自動で割り付けた値です"))
        if cell is not None and cell.note:
            parts.append(self.tr("メモ: {0}").format(cell.note))
        return "\n".join(parts) or None

    # --- editing --------------------------------------------------------------------------
    def parse(self, row: int, text: object) -> float | None:
        """Parse typed or pasted text for the KPI on ``row``; raises ValueParseError."""
        kpi = self._rows[row].kpi
        if kpi.kind is KpiKind.QUALITATIVE and self._rows[row].series is Series.ACTUAL:
            level = parse_level(text)
            return None if level is None else float(level)
        return parse_value(text, unit=kpi.unit)  # type: ignore[arg-type]

    def edit_for(self, row: int, column: int, value: float | None) -> CellEdit | None:
        kpi, month = self.kpi_at(row), self.month_at(column)
        if kpi is None or month is None:
            return None
        cell = self.cell(row, column)
        note = "" if cell is None else cell.note
        return CellEdit(kpi.id, month, self._rows[row].series, value, note)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        if not is_month_column(column):
            return False
        try:
            parsed = self.parse(row, value)
        except ValueParseError as exc:
            message = parse_error_text(exc, self._rows[row].kpi)
            self._errors[(row, column)] = (str(value), message)
            self.dataChanged.emit(index, index)
            self.editRejected.emit(self.index(row, column), message)
            return False
        self._errors.pop((row, column), None)
        edit = self.edit_for(row, column, parsed)
        if edit is None or self.commit is None:
            return False
        return self.commit([edit])

    def error_at(self, row: int, column: int) -> str | None:
        error = self._errors.get((row, column))
        return None if error is None else error[1]
