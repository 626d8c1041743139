"""Table models of the import wizard: the sheet as read, the KPIs found, the match with stored
KPIs, and the stored values that would change (old → new)."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics

from domain.fiscal import YearMonth
from domain.importing.cells import SheetGrid, column_letter
from domain.importing.commit import CellChange, ImportPlan, KpiMatch
from domain.importing.model import ImportedKpi, SheetAnalysis
from domain.importing.vocabulary import Role
from domain.model import Series
from domain.parsing import format_value

Index = QModelIndex | QPersistentModelIndex
MAX_ROWS = 400
MAX_COLUMNS = 60
HEADER_BRUSH = QBrush(QColor("#dbe8f7"))
VALUE_BRUSH = QBrush(QColor("#cdebc7"))
PROBLEM_BRUSH = QBrush(QColor("#f8c4c4"))
SKIPPED_BRUSH = QBrush(QColor("#f0f0f0"))


def role_label(role: Role) -> str:
    return {
        Role.NAME: QCoreApplication.translate("ImportModels", "KPI名"),
        Role.GROUP: QCoreApplication.translate("ImportModels", "区分見出し（名前の前に付ける）"),
        Role.UNIT: QCoreApplication.translate("ImportModels", "単位"),
        Role.TARGET: QCoreApplication.translate("ImportModels", "目標"),
        Role.ACTUAL: QCoreApplication.translate("ImportModels", "実績（1か月分）"),
        Role.KIND: QCoreApplication.translate("ImportModels", "目標/実績の区分"),
        Role.DEPARTMENT: QCoreApplication.translate("ImportModels", "部署"),
        Role.OWNER: QCoreApplication.translate("ImportModels", "担当者"),
        Role.DIRECTION: QCoreApplication.translate("ImportModels", "方向"),
        Role.AGGREGATION: QCoreApplication.translate("ImportModels", "集計方法"),
        Role.CODE: QCoreApplication.translate("ImportModels", "コード・番号"),
        Role.MONTH: QCoreApplication.translate("ImportModels", "年月"),
        Role.VALUES: QCoreApplication.translate("ImportModels", "月の値"),
        Role.IGNORE: QCoreApplication.translate("ImportModels", "取り込まない"),
    }[role]


def header_role_label(role: Role) -> str:
    """The role as a column header of the sheet grid: short enough for a narrow column (the
    full wording is the header's tooltip)."""
    short = {
        Role.GROUP: QCoreApplication.translate("ImportModels", "区分見出し"),
        Role.ACTUAL: QCoreApplication.translate("ImportModels", "実績"),
        Role.KIND: QCoreApplication.translate("ImportModels", "目標/実績"),
        Role.CODE: QCoreApplication.translate("ImportModels", "コード"),
        Role.AGGREGATION: QCoreApplication.translate("ImportModels", "集計"),
    }.get(role)
    return short if short is not None else role_label(role)


GRID_COLUMN_WIDTH = 84  # the sheet grid's columns, unless a role's header needs more


def grid_column_width(metrics: QFontMetrics) -> int:
    """Width of the sheet grid's columns: room for the widest role header in the language
    shown (a header is cut off at both ends when its column is too narrow)."""
    widest = max(
        metrics.horizontalAdvance(header_role_label(role))
        for role in Role
        if role is not Role.IGNORE
    )
    return max(GRID_COLUMN_WIDTH, widest + 16)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y/%m/%d") if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.strftime("%Y/%m/%d")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def number_text(value: float | None) -> str:
    if value is None:
        return ""
    places = 0
    while places < 6 and round(value, places) != value:
        places += 1
    return format_value(value, places)


class SheetCellsModel(QAbstractTableModel):
    """The sheet as read: header rows blue, cells read as values green, unreadable cells red
    with the reason as tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self._grid: SheetGrid | None = None
        self._header_rows: set[int] = set()
        self._values: set[tuple[int, int]] = set()
        self._problems: dict[tuple[int, int], str] = {}
        self._roles: dict[int, Role] = {}

    def set_sheet(
        self,
        grid: SheetGrid | None,
        analysis: SheetAnalysis | None,
        kpis: list[ImportedKpi],
        problems: dict[tuple[int, int], str],
    ) -> None:
        self.beginResetModel()
        self._grid = grid
        self._header_rows = set()
        self._roles = {}
        if analysis is not None:
            for table in analysis.tables:
                self._header_rows.update(range(table.header_row, table.data_start))
                for column in table.columns:
                    self._roles.setdefault(column.col, column.role)
        self._values = {(r, c) for k in kpis for _, _, r, c in k.sources}
        self._problems = problems
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if self._grid is None or parent.isValid() else min(self._grid.height, MAX_ROWS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if self._grid is None or parent.isValid() else min(self._grid.width, MAX_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._grid is None or not index.isValid():
            return None
        r, c = index.row(), index.column()
        row = self._grid.rows[r]
        value = row[c] if c < len(row) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            if (r, c) in self._problems:
                return PROBLEM_BRUSH
            if (r, c) in self._values:
                return VALUE_BRUSH
            if r in self._header_rows:
                return HEADER_BRUSH
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._problems.get((r, c))
        if role == Qt.ItemDataRole.FontRole and r in self._header_rows:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        letter = column_letter(section)
        role_of = self._roles.get(section)
        if role_of is None or role_of is Role.IGNORE:
            return letter if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{letter}: {role_label(role_of)}"
        return f"{letter}\n{header_role_label(role_of)}"


class KpiPreviewModel(QAbstractTableModel):
    """Every KPI of the sheet with its monthly values; the check box leaves a KPI out."""

    class Column(IntEnum):
        INCLUDE = 0
        DEPARTMENT = 1
        NAME = 2
        UNIT = 3
        TARGET = 4

    FIXED = 5

    def __init__(self, session: Any) -> None:
        super().__init__()
        self._session = session
        self._kpis: list[ImportedKpi] = []
        self._months: list[YearMonth] = []
        self.with_targets = False  # some KPI has monthly targets (予算, 目標 rows)

    def set_kpis(self, kpis: list[ImportedKpi]) -> None:
        self.beginResetModel()
        self._kpis = kpis
        months = sorted({m for k in kpis for m in (*k.actuals, *k.targets)})
        self._months = months[:36]
        self.with_targets = any(k.targets for k in kpis)  # month cells of two lines
        self.endResetModel()

    def kpi_at(self, row: int) -> ImportedKpi | None:
        return self._kpis[row] if 0 <= row < len(self._kpis) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._kpis)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.FIXED + len(self._months)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.Column.INCLUDE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        kpi = self.kpi_at(index.row())
        if kpi is None:
            return None
        col = index.column()
        if col == self.Column.INCLUDE and role == Qt.ItemDataRole.CheckStateRole:
            included = self._session.included(kpi)
            return Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and not self._session.included(kpi):
            return SKIPPED_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.Column.TARGET:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col >= self.FIXED:
            return self._month_tip(kpi, self._months[col - self.FIXED])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.Column.DEPARTMENT:
            return kpi.department or ""
        if col == self.Column.NAME:
            return kpi.name
        if col == self.Column.UNIT:
            return kpi.unit
        if col == self.Column.TARGET:
            if kpi.target is None and kpi.targets:
                return QCoreApplication.translate("ImportModels", "月別")
            return number_text(kpi.target)
        if col >= self.FIXED:
            month = self._months[col - self.FIXED]
            actual = number_text(kpi.actuals.get(month))
            target = kpi.targets.get(month)
            if target is None:
                return actual
            line = QCoreApplication.translate("ImportModels", "目標 {0}").format(
                number_text(target)
            )
            return f"{actual}\n{line}"
        return None

    @staticmethod
    def _month_tip(kpi: ImportedKpi, month: YearMonth) -> str | None:
        actual, target = kpi.actuals.get(month), kpi.targets.get(month)
        if actual is None and target is None:
            return None
        parts = []
        if actual is not None:
            parts.append(
                QCoreApplication.translate("ImportModels", "実績 {0}").format(number_text(actual))
            )
        if target is not None:
            parts.append(
                QCoreApplication.translate("ImportModels", "目標 {0}").format(number_text(target))
            )
        return " / ".join(parts)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        kpi = self.kpi_at(index.row())
        if kpi is None or index.column() != self.Column.INCLUDE:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self._session.set_included(kpi, checked)
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        )
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        fixed = [
            QCoreApplication.translate("ImportModels", "取込"),
            QCoreApplication.translate("ImportModels", "部署"),
            QCoreApplication.translate("ImportModels", "KPI名"),
            QCoreApplication.translate("ImportModels", "単位"),
            QCoreApplication.translate("ImportModels", "目標"),
        ]
        if section < self.FIXED:
            return fixed[section]
        month = self._months[section - self.FIXED]
        return QCoreApplication.translate("ImportModels", "{0}年{1}月").format(
            month.year, month.month
        )


class MatchModel(QAbstractTableModel):
    """Each KPI of the import and where it goes: a stored KPI or a new one."""

    class Column(IntEnum):
        DEPARTMENT = 0
        NAME = 1
        TARGET = 2
        VALUES = 3

    def __init__(self) -> None:
        super().__init__()
        self._matches: list[KpiMatch] = []

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._matches = list(plan.matches) if plan is not None else []
        self.endResetModel()

    def match_at(self, row: int) -> KpiMatch | None:
        return self._matches[row] if 0 <= row < len(self._matches) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.Column.TARGET else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        match = self.match_at(index.row())
        if match is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.BackgroundRole and match.skip:
            return SKIPPED_BRUSH
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == self.Column.TARGET
            and match.kpi is None
        ):
            return QBrush(QColor("#1a5fb4"))
        if role == Qt.ItemDataRole.EditRole and col == self.Column.TARGET:
            return match.kpi.id if match.kpi is not None else 0
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.Column.DEPARTMENT:
            suffix = (
                ""
                if match.department_id is not None
                else QCoreApplication.translate("ImportModels", "（新規）")
            )
            return match.department + suffix
        if col == self.Column.NAME:
            return match.imported.name
        if col == self.Column.TARGET:
            if match.skip:
                return QCoreApplication.translate("ImportModels", "取り込まない（単位が違います）")
            if match.kpi is None:
                return QCoreApplication.translate("ImportModels", "新しいKPIを作成")
            return QCoreApplication.translate("ImportModels", "既存: {0}").format(match.kpi.name)
        if col == self.Column.VALUES:
            return f"{len(match.imported.actuals)} / {len(match.imported.targets)}"
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return [
            QCoreApplication.translate("ImportModels", "部署"),
            QCoreApplication.translate("ImportModels", "ファイルのKPI名"),
            QCoreApplication.translate("ImportModels", "取り込み先（ダブルクリックで変更）"),
            QCoreApplication.translate("ImportModels", "値の数（実績 / 月次目標）"),
        ][section]


class ConflictModel(QAbstractTableModel):
    """Stored values that differ from the file: old → new, ticked = overwrite."""

    class Column(IntEnum):
        OVERWRITE = 0
        KPI = 1
        MONTH = 2
        SERIES = 3
        OLD = 4
        NEW = 5

    def __init__(self) -> None:
        super().__init__()
        self._changes: list[CellChange] = []
        self._names: dict[str, str] = {}
        self.keep: set[tuple[Any, ...]] = set()

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._changes = list(plan.conflicts) if plan is not None else []
        self._names = (
            {m.key: f"{m.department} / {m.imported.name}" for m in plan.matches} if plan else {}
        )
        self.keep = {k for k in self.keep if any(c.cell_key == k for c in self._changes)}
        self.endResetModel()

    def set_all(self, overwrite: bool) -> None:
        self.beginResetModel()
        self.keep = set() if overwrite else {c.cell_key for c in self._changes}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.Column.OVERWRITE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not 0 <= index.row() < len(self._changes):
            return None
        change = self._changes[index.row()]
        col = index.column()
        if col == self.Column.OVERWRITE and role == Qt.ItemDataRole.CheckStateRole:
            kept = change.cell_key in self.keep
            return Qt.CheckState.Unchecked if kept else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.Column.OLD, self.Column.NEW):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.Column.KPI:
            return self._names.get(change.key, "")
        if col == self.Column.MONTH:
            return QCoreApplication.translate("ImportModels", "{0}年{1}月").format(
                change.month.year, change.month.month
            )
        if col == self.Column.SERIES:
            if change.series is Series.TARGET:
                return QCoreApplication.translate("ImportModels", "目標")
            return QCoreApplication.translate("ImportModels", "実績")
        if col == self.Column.OLD:
            return number_text(change.old)
        if col == self.Column.NEW:
            return number_text(change.new)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.column() != self.Column.OVERWRITE or role != Qt.ItemDataRole.CheckStateRole:
            return False
        key = self._changes[index.row()].cell_key
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.keep.discard(key)
        else:
            self.keep.add(key)
        self.dataChanged.emit(index, index)
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return [
            QCoreApplication.translate("ImportModels", "上書き"),
            QCoreApplication.translate("ImportModels", "KPI"),
            QCoreApplication.translate("ImportModels", "月"),
            QCoreApplication.translate("ImportModels", "種類"),
            QCoreApplication.translate("ImportModels", "登録済みの値"),
            QCoreApplication.translate("ImportModels", "ファイルの値"),
        ][section]
