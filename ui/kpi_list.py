"""KPI一覧: the department's KPIs as a table, with add / edit / archive / delete / history."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.model import Direction, Kpi, Member
from domain.parsing import format_value
from ui.labels import aggregation_label, direction_label, kind_label

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    UNIT = 1
    DIRECTION = 2
    AGGREGATION = 3
    TARGET = 4
    KIND = 5
    OWNER = 6
    RATIONALE = 7


class KpiTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kpis: list[Kpi] = []
        self._owners: dict[int, str] = {}

    def set_kpis(self, kpis: list[Kpi], members: list[Member]) -> None:
        self.beginResetModel()
        self._kpis = list(kpis)
        self._owners = {m.id: m.name for m in members}
        self.endResetModel()

    def kpi_at(self, row: int) -> Kpi | None:
        return self._kpis[row] if 0 <= row < len(self._kpis) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._kpis)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.NAME: self.tr("指標名"),
            Column.UNIT: self.tr("単位"),
            Column.DIRECTION: self.tr("方向"),
            Column.AGGREGATION: self.tr("集計"),
            Column.TARGET: self.tr("年間目標"),
            Column.KIND: self.tr("種類"),
            Column.OWNER: self.tr("担当者"),
            Column.RATIONALE: self.tr("ミッションへの効き方"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        k = self._kpis[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return k.name + (self.tr("（アーカイブ済み）") if k.archived else "")
            if column == Column.UNIT:
                return k.unit
            if column == Column.DIRECTION:
                return direction_label(k.direction)
            if column == Column.AGGREGATION:
                return aggregation_label(k.aggregation)
            if column == Column.TARGET:
                if k.direction is Direction.RANGE:
                    return f"{format_value(k.range_low, k.decimals)}〜{format_value(k.range_high, k.decimals)}"
                return format_value(k.annual_target, k.decimals)
            if column == Column.KIND:
                return kind_label(k.kind)
            if column == Column.OWNER:
                return self._owners.get(k.owner_id or -1, "")
            if column == Column.RATIONALE:
                return k.rationale.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.RATIONALE:
            return k.rationale
        if role == Qt.ItemDataRole.ForegroundRole and k.archived:
            return QBrush(QColor("#888888"))
        return None


class KpiPanel(QWidget):
    """Layout only: the table and the buttons; the main window wires the behaviour."""

    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = KpiTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(
            Column.RATIONALE, QHeaderView.ResizeMode.Stretch
        )
        for column, width in (
            (Column.NAME, 240),
            (Column.UNIT, 56),
            (Column.DIRECTION, 110),
            (Column.AGGREGATION, 64),
            (Column.TARGET, 90),
            (Column.KIND, 56),
            (Column.OWNER, 100),
        ):
            self.view.setColumnWidth(column, width)
        self.add_button = QPushButton(self.tr("KPIを追加…"))
        self.library_button = QPushButton(self.tr("例から追加…"))
        self.edit_button = QPushButton(self.tr("編集…"))
        self.archive_button = QPushButton(self.tr("アーカイブ"))
        self.delete_button = QPushButton(self.tr("削除…"))
        self.history_button = QPushButton(self.tr("変更履歴…"))
        self.show_archived = QCheckBox(self.tr("アーカイブ済みも表示"))
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.library_button,
            self.edit_button,
            self.archive_button,
            self.delete_button,
            self.history_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.selectionChanged.emit())

    def current_kpi(self) -> Kpi | None:
        index = self.proxy.mapToSource(self.view.currentIndex())
        return self.model.kpi_at(index.row()) if index.isValid() else None
