"""The change history of one KPI (誰が・いつ・旧値・新値): monthly actuals and targets, and the
KPI's target revisions (旧目標 → 新目標 with the reason)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.fiscal import YearMonth
from domain.model import Change, Kpi, Series
from domain.parsing import format_value
from domain.ports import UnitOfWork
from domain.target_revision import SOURCE as REVISION_SOURCE
from domain.target_revision import TargetRevision, target_revisions
from ui.row_table import RowTableModel
from ui.screen_fit import resize_to_fit

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def month_text(month: YearMonth) -> str:
    """「2025年4月」."""
    return QCoreApplication.translate("HistoryDialog", "{0}年{1}月").format(month.year, month.month)


def series_text(series: Series) -> str:
    return (
        QCoreApplication.translate("HistoryDialog", "実績")
        if series is Series.ACTUAL
        else QCoreApplication.translate("HistoryDialog", "目標")
    )


def exact_value_text(value: float | None, decimals: int) -> str:
    """At least ``decimals`` places, more when needed to show the stored number exactly
    (a history must not round 3.25 to 3.2)."""
    if value is None:
        return ""
    places = decimals
    while places < 6 and round(value, places) != value:
        places += 1
    return format_value(value, places)


def source_text(code: str) -> str:
    """The recorded source code of a change in words; ``import:<file>`` → 「取り込み <file>」."""
    known = {
        services.Source.EDIT: QCoreApplication.translate("HistoryDialog", "入力"),
        services.Source.PASTE: QCoreApplication.translate("HistoryDialog", "貼り付け"),
        services.Source.UNDO: QCoreApplication.translate("HistoryDialog", "元に戻す"),
        services.Source.REDO: QCoreApplication.translate("HistoryDialog", "やり直し"),
        services.Source.KPI_DIALOG: QCoreApplication.translate("HistoryDialog", "KPI設定"),
        services.Source.DEMO: QCoreApplication.translate("HistoryDialog", "デモ"),
        REVISION_SOURCE: QCoreApplication.translate("HistoryDialog", "目標の改訂"),
    }
    if code in known:
        return known[code]
    if code.startswith("import-undo:"):
        rest = code.partition(":")[2].strip()
        label = QCoreApplication.translate("HistoryDialog", "取り込みの取り消し")
        return f"{label} #{rest}"
    parts = code.split(":", 2)
    if len(parts) == 3 and parts[0] == "import" and parts[1].isdigit():
        label = QCoreApplication.translate("HistoryDialog", "Excel/CSV取り込み")
        return f"{label} {parts[2]}"
    if code.startswith("import"):
        rest = code.partition(":")[2].strip()
        label = QCoreApplication.translate("HistoryDialog", "取り込み")
        return f"{label} {rest}".strip()
    return code


class HistoryTableModel(RowTableModel):
    """Read-only table of Change values, newest first as given."""

    class Column(IntEnum):
        AT = 0
        USER = 1
        MONTH = 2
        SERIES = 3
        OLD = 4
        NEW = 5
        NOTE = 6
        SOURCE = 7

    def __init__(self, decimals: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[Change] = []
        self._decimals = decimals

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("日時"),
            self.tr("利用者"),
            self.tr("月"),
            self.tr("種別"),
            self.tr("変更前"),
            self.tr("変更後"),
            self.tr("メモ"),
            self.tr("操作"),
        )

    def set_changes(self, changes: Sequence[Change]) -> None:
        self._reset_rows(changes)

    def change_at(self, row: int) -> Change:
        return self._rows[row]

    def _value_text(self, value: float | None) -> str:
        return exact_value_text(value, self._decimals)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        column = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(change, column)
        if role == SORT_ROLE:
            return self._sort_key(change, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.Column.OLD,
            self.Column.NEW,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column is self.Column.NOTE:
            if change.old_note != change.new_note and change.old_note:
                return self.tr("変更前のメモ: {0}").format(change.old_note)
        return None

    def _display(self, change: Change, column: HistoryTableModel.Column) -> str:
        match column:
            case self.Column.AT:
                return change.at.strftime("%Y/%m/%d %H:%M")
            case self.Column.USER:
                return change.user
            case self.Column.MONTH:
                return month_text(change.month)
            case self.Column.SERIES:
                return series_text(change.series)
            case self.Column.OLD:
                return self._value_text(change.old_value)
            case self.Column.NEW:
                return self._value_text(change.new_value)
            case self.Column.NOTE:
                return change.new_note
            case self.Column.SOURCE:
                return source_text(change.source)
        return ""

    def _sort_key(self, change: Change, column: HistoryTableModel.Column) -> Any:
        match column:
            case self.Column.AT:
                return change.at.isoformat() + f"#{change.id:012d}"
            case self.Column.MONTH:
                return change.month.as_int()
            case self.Column.OLD:
                return float("-inf") if change.old_value is None else change.old_value
            case self.Column.NEW:
                return float("-inf") if change.new_value is None else change.new_value
        return self._display(change, column)


class RevisionTableModel(RowTableModel):
    """Read-only table of a KPI's target revisions, newest first as given."""

    class Column(IntEnum):
        AT = 0
        YEAR = 1
        EFFECTIVE = 2
        OLD = 3
        NEW = 4
        REASON = 5
        USER = 6

    def __init__(self, decimals: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self._decimals = decimals

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("改訂日時"),
            self.tr("年度"),
            self.tr("適用開始"),
            self.tr("旧目標"),
            self.tr("新目標"),
            self.tr("理由"),
            self.tr("利用者"),
        )

    def set_revisions(self, revisions: Sequence[TargetRevision]) -> None:
        self._reset_rows(revisions)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        revision: TargetRevision = self._rows[index.row()]
        column = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case self.Column.AT:
                    return revision.at.strftime("%Y/%m/%d %H:%M")
                case self.Column.YEAR:
                    return self.tr("{0}年度").format(revision.fiscal_year)
                case self.Column.EFFECTIVE:
                    return month_text(revision.effective_from)
                case self.Column.OLD:
                    return exact_value_text(revision.old_target, self._decimals)
                case self.Column.NEW:
                    return exact_value_text(revision.new_target, self._decimals)
                case self.Column.REASON:
                    return revision.reason
                case self.Column.USER:
                    return revision.user
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.Column.OLD,
            self.Column.NEW,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column is self.Column.REASON:
            return revision.reason
        return None


class HistoryDialog(QDialog):
    """Shows services.kpi_history for one KPI."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        kpi: Kpi,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._kpi = kpi
        self.model = HistoryTableModel(kpi.decimals, self)
        self.revision_model = RevisionTableModel(kpi.decimals, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._build_view()
        self._connect_signals()
        self.reload()

    def _build_view(self) -> None:
        self.setWindowTitle(self.tr("変更履歴 — {0}").format(self._kpi.name))
        title = self._kpi.name
        if self._kpi.unit:
            title += self.tr("（単位: {0}）").format(self._kpi.unit)
        self.title_label = QLabel(title)
        self.title_label.setStyleSheet("font-weight: bold;")
        self.empty_label = QLabel(self.tr("まだ変更履歴はありません。"))
        self.empty_label.setStyleSheet("color: palette(mid);")

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryTableModel.Column.NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.sortByColumn(HistoryTableModel.Column.AT, Qt.SortOrder.DescendingOrder)

        self.revisions_label = QLabel(self.tr("目標の改訂（理由つき）"))
        self.revisions_label.setStyleSheet("font-weight: bold;")
        self.revisions_table = QTableView()
        self.revisions_table.setModel(self.revision_model)
        self.revisions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.revisions_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.revisions_table.verticalHeader().setVisible(False)
        self.revisions_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        revision_header = self.revisions_table.horizontalHeader()
        revision_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        revision_header.setSectionResizeMode(
            RevisionTableModel.Column.REASON, QHeaderView.ResizeMode.Stretch
        )

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.revisions_label)
        layout.addWidget(self.revisions_table)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 860, 460)

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

    def reload(self) -> None:
        self.model.set_changes(services.kpi_history(self._uow_factory(), self._kpi.id))
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self.revision_model.set_revisions(target_revisions(self._uow_factory(), self._kpi.id))
        has_revisions = self.revision_model.rowCount() > 0
        self.revisions_label.setVisible(has_revisions)
        self.revisions_table.setVisible(has_revisions)
        shown = min(self.revision_model.rowCount(), 4)  # more scroll
        height = self.revisions_table.horizontalHeader().sizeHint().height()
        height += sum(self.revisions_table.rowHeight(r) for r in range(shown))
        self.revisions_table.setFixedHeight(height + 2 * self.revisions_table.frameWidth() + 2)
