"""Models of the dashboard's views, each over plain values of a domain.dashboard.DashboardReport:
tiles (department headers and KPI tiles), the company summary rows, warnings, missing entries and
open review actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from domain.dashboard import DashboardReport, DepartmentSection, KpiTile
from domain.forecast import EarlyWarning, Severity
from domain.model import Status
from domain.review import OpenAction
from ui.dashboard_rows import replace_rows
from ui.dashboard_text import (
    SEVERITY_COLOUR,
    STATUS_BACKGROUND,
    method_label,
    percent,
    reason_text,
    scope_label,
    severity_label,
    short_month,
    status_label,
    value_text,
    warning_text,
)

Index = QModelIndex | QPersistentModelIndex
TileRole = Qt.ItemDataRole.UserRole + 1
SectionRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3
KpiIdRole = Qt.ItemDataRole.UserRole + 4
DepartmentIdRole = Qt.ItemDataRole.UserRole + 5
# Views ask a model for about ten roles per cell each time they paint it; answering the roles a
# model does not use from one set lookup keeps a repaint of a few hundred cells cheap.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
CENTRED = int(Qt.AlignmentFlag.AlignCenter)
SUMMARY_ROLES = frozenset({DISPLAY, TOOLTIP, ALIGNMENT, BACKGROUND, int(DepartmentIdRole)})
WARNING_ROLES = frozenset({DISPLAY, TOOLTIP, FOREGROUND, int(KpiIdRole)})


def tile_tooltip(tile: KpiTile) -> str:
    kpi = tile.kpi
    lines = [
        kpi.name,
        QCoreApplication.translate("Dashboard", "達成率（年度累計）：{0}　{1}").format(
            percent(tile.ytd_achievement), status_label(tile.status)
        ),
        QCoreApplication.translate("Dashboard", "年度末予測：{0}（{1}）").format(
            value_text(kpi, tile.forecast.year_end), percent(tile.forecast.achievement)
        ),
        f"{method_label(tile.forecast.method)}：{reason_text(kpi, tile.forecast)}",
    ]
    lines += [warning_text(w) for w in tile.warnings]
    if tile.missing:
        lines.append(
            QCoreApplication.translate("Dashboard", "未入力：{0}").format(
                "、".join(short_month(m) for m in tile.missing)
            )
        )
    return "\n".join(lines)


def _same_item(old: DepartmentSection | KpiTile, new: DepartmentSection | KpiTile) -> bool:
    """Headers by value; tiles by identity (domain.dashboard.TileCache hands back the same tile
    while its inputs are unchanged: comparing hundreds of new tiles field by field is waste)."""
    return isinstance(old, DepartmentSection) and old == new


def _tile_slot(item: DepartmentSection | KpiTile) -> tuple[bool, int]:
    if isinstance(item, KpiTile):
        return True, item.kpi.id
    return False, item.department.id


class TileModel(QAbstractListModel):
    """A department header row followed by its KPI tiles, for every department of the report."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[DepartmentSection | KpiTile] = []
        self.report: DashboardReport | None = None

    def set_report(self, report: DashboardReport) -> None:
        self.report = report
        rows: list[DepartmentSection | KpiTile] = []
        for section in report.sections:
            rows.append(section)
            rows.extend(section.tiles)
        replace_rows(self, self._rows, rows, _tile_slot, self._store, same=_same_item)

    def _store(self, rows: list[DepartmentSection | KpiTile]) -> None:
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def is_header(self, row: int) -> bool:
        return isinstance(self._rows[row], DepartmentSection)

    def item_at(self, row: int) -> DepartmentSection | KpiTile | None:
        """The header or tile of ``row``, read in Python. (Views in Python use this rather than
        ``index.data(role)``: PySide6 6.12 loses a reference to None each time a role without
        data is read through ``QModelIndex.data`` on Python 3.11.)"""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def tile_at(self, row: int) -> KpiTile | None:
        item = self.item_at(row)
        return item if isinstance(item, KpiTile) else None

    def row_of_kpi(self, kpi_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if isinstance(item, KpiTile) and item.kpi.id == kpi_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        if isinstance(item, DepartmentSection):
            if role == SectionRole:
                return item
            if role == DepartmentIdRole:
                return item.department.id
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return item.department.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return item.department.mission
            return None
        if role == TileRole:
            return item
        if role == KpiIdRole:
            return item.kpi.id
        if role == StatusRole:
            return item.status.value
        if role == DepartmentIdRole:
            return item.kpi.department_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{item.kpi.name} {status_label(item.status)} {percent(item.ytd_achievement)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tile_tooltip(item)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_header(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class SummaryColumn(IntEnum):
    DEPARTMENT = 0
    KPIS = 1
    ACHIEVED = 2
    CAUTION = 3
    MISSED = 4
    NO_DATA = 5
    WARNINGS = 6
    MISSING = 7
    ACTIONS = 8


class SummaryModel(QAbstractTableModel):
    """The company row of each department (部門サマリー)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._sections: list[DepartmentSection] = []

    def set_report(self, report: DashboardReport) -> None:
        replace_rows(
            self,
            self._sections,
            list(report.sections),
            lambda s: s.department.id,
            self._store,
            len(SummaryColumn),
        )

    def _store(self, sections: list[DepartmentSection]) -> None:
        self._sections = sections

    def section_at(self, row: int) -> DepartmentSection | None:
        return self._sections[row] if 0 <= row < len(self._sections) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sections)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SummaryColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            SummaryColumn.DEPARTMENT: self.tr("部門"),
            SummaryColumn.KPIS: self.tr("KPI"),
            SummaryColumn.ACHIEVED: self.tr("達成"),
            SummaryColumn.CAUTION: self.tr("注意"),
            SummaryColumn.MISSED: self.tr("未達"),
            SummaryColumn.NO_DATA: self.tr("実績なし"),
            SummaryColumn.WARNINGS: self.tr("警告"),
            SummaryColumn.MISSING: self.tr("未入力"),
            SummaryColumn.ACTIONS: self.tr("未完了アクション"),
        }[SummaryColumn(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in SUMMARY_ROLES or not index.isValid():
            return None
        section = self._sections[index.row()]
        column = index.column()
        s = section.summary
        if role == DISPLAY:
            if column == SummaryColumn.DEPARTMENT:
                return section.department.name
            return (
                s.kpis,
                s.achieved,
                s.caution,
                s.missed,
                s.no_data,
                s.warnings,
                s.missing_kpis,
                s.open_actions,
            )[column - 1]
        if role == DepartmentIdRole:
            return section.department.id
        if role == ALIGNMENT and column != SummaryColumn.DEPARTMENT:
            return CENTRED
        if role == BACKGROUND:
            if column == SummaryColumn.ACHIEVED and s.achieved:
                return QBrush(STATUS_BACKGROUND[Status.ACHIEVED])
            if column == SummaryColumn.CAUTION and s.caution:
                return QBrush(STATUS_BACKGROUND[Status.CAUTION])
            if column == SummaryColumn.MISSED and s.missed:
                return QBrush(STATUS_BACKGROUND[Status.MISSED])
            return None
        if role == TOOLTIP and column == SummaryColumn.DEPARTMENT:
            return section.department.mission
        return None


@dataclass(frozen=True, slots=True)
class WarningRow:
    department: str
    tile: KpiTile
    warning: EarlyWarning


def _warning_slot(row: WarningRow) -> tuple[int, object]:
    return row.tile.kpi.id, row.warning.kind


class WarningColumn(IntEnum):
    SEVERITY = 0
    KPI = 1
    MESSAGE = 2
    OWNER = 3


class WarningModel(QAbstractTableModel):
    """Every early warning of the report, the critical ones first."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[WarningRow] = []

    def set_report(self, report: DashboardReport) -> None:
        rows = [
            WarningRow(section.department.name, tile, warning)
            for section in report.sections
            for tile in section.tiles
            for warning in tile.warnings
        ]
        rows.sort(key=lambda r: r.warning.severity is not Severity.CRITICAL)
        replace_rows(self, self._rows, rows, _warning_slot, self._store, len(WarningColumn))

    def _store(self, rows: list[WarningRow]) -> None:
        self._rows = rows

    def row_at(self, row: int) -> WarningRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(WarningColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (  # one title per WarningColumn
            self.tr("重要度"),
            self.tr("KPI（部門）"),
            self.tr("内容"),
            self.tr("担当"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in WARNING_ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            if column == WarningColumn.SEVERITY:
                return severity_label(row.warning.severity)
            if column == WarningColumn.KPI:
                return self.tr("{0}（{1}）").format(row.tile.kpi.name, row.department)
            if column == WarningColumn.MESSAGE:
                return warning_text(row.warning)
            return row.tile.owner_name
        if role == KpiIdRole:
            return row.tile.kpi.id
        if role == FOREGROUND and column == WarningColumn.SEVERITY:
            return QBrush(SEVERITY_COLOUR[row.warning.severity])
        if role == TOOLTIP:
            return tile_tooltip(row.tile)
        return None


@dataclass(frozen=True, slots=True)
class MissingRow:
    department: str
    owner: str
    tile: KpiTile


class MissingModel(QAbstractTableModel):
    """KPIs with months past their deadline and no value, by department and owner."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[MissingRow] = []

    def set_report(self, report: DashboardReport) -> None:
        rows: list[MissingRow] = []
        for section in report.sections:
            found = [t for t in section.tiles if t.missing]
            found.sort(key=lambda t: (t.owner_name == "", t.owner_name))
            rows += [MissingRow(section.department.name, t.owner_name, t) for t in found]
        replace_rows(self, self._rows, rows, lambda r: r.tile.kpi.id, self._store, 4)

    def _store(self, rows: list[MissingRow]) -> None:
        self._rows = rows

    def row_at(self, row: int) -> MissingRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("部門"), self.tr("担当"), self.tr("KPI"), self.tr("未入力の月"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == KpiIdRole:
            return row.tile.kpi.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # the side panel is narrow: the tooltip shows what a cut-off cell holds
            return (
                row.department,
                row.owner or self.tr("（担当者なし）"),
                row.tile.kpi.name,
                "、".join(short_month(m) for m in row.tile.missing),
            )[index.column()]
        return None


class ActionColumn(IntEnum):
    DONE = 0
    ACTION = 1
    OWNER = 2
    DUE = 3
    DEPARTMENT = 4
    REVIEW = 5


class ActionModel(QAbstractTableModel):
    """Open actions from reviews; checking 完了 asks the controller to mark it done."""

    doneToggled = Signal(int, bool)  # action id, done

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[tuple[str, OpenAction]] = []
        self._owners: dict[int, str] = {}
        self._today = date.today()

    def set_report(self, report: DashboardReport) -> None:
        rows = [(s.department.name, a) for s in report.sections for a in s.open_actions]
        if self._owners != report.owners or self._today != report.today:
            # other owner names or another day (overdue): every row may read differently
            self.beginResetModel()
            self._owners = dict(report.owners)
            self._today = report.today
            self._rows = rows
            self.endResetModel()
            return
        slot = lambda r: r[1].action.id  # noqa: E731
        replace_rows(self, self._rows, rows, slot, self._store, len(ActionColumn))

    def _store(self, rows: list[tuple[str, OpenAction]]) -> None:
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ActionColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("完了"),
            self.tr("アクション"),
            self.tr("担当"),
            self.tr("期限"),
            self.tr("部門"),
            self.tr("振り返り"),
        )[section]

    def action_at(self, row: int) -> OpenAction | None:
        return self._rows[row][1] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        department, item = self._rows[index.row()]
        action = item.action
        column = ActionColumn(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column is ActionColumn.DONE:
            return Qt.CheckState.Checked if action.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            owner = self._owners.get(action.owner_id, "") if action.owner_id is not None else ""
            return {
                ActionColumn.DONE: "",
                ActionColumn.ACTION: action.description,
                ActionColumn.OWNER: owner,
                ActionColumn.DUE: "" if action.due is None else action.due.strftime("%Y-%m-%d"),
                ActionColumn.DEPARTMENT: department,
                ActionColumn.REVIEW: f"{item.held_on:%Y-%m-%d} {scope_label(item.scope)}",
            }[column]
        overdue = action.due is not None and action.due < self._today
        if role == Qt.ItemDataRole.ForegroundRole and column is ActionColumn.DUE and overdue:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole and column is ActionColumn.DUE and overdue:
            return self.tr("期限を過ぎています")
        if role == Qt.ItemDataRole.ToolTipRole and column is not ActionColumn.DONE:
            return self.data(index, Qt.ItemDataRole.DisplayRole) or None  # a cut-off cell whole
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ActionColumn.DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != ActionColumn.DONE:
            return False
        checked = value == Qt.CheckState.Checked or value == Qt.CheckState.Checked.value
        self.doneToggled.emit(self._rows[index.row()][1].action.id, bool(checked))
        return True
