"""「例から選ぶ」: browse the bundled KPI example library (resources/kpi_library.json)."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Sequence
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
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from domain.library import LibraryCategory, LibraryEntry, category_for_department, load_library
from domain.parsing import format_value
from ui.labels import aggregation_label, direction_label, kind_label
from ui.resources import resource_path
from ui.row_table import RowTableModel
from ui.screen_fit import resize_to_fit

AnyIndex = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)


@functools.cache
def load_bundled_library() -> tuple[LibraryCategory, ...] | None:
    """The example library shipped with the app; None (logged) when it is missing or unreadable."""
    path = resource_path("kpi_library.json")
    try:
        return tuple(load_library(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        log.warning("KPI library %s cannot be read: %s", path, exc)
        return None


class LibraryEntryModel(RowTableModel):
    """The examples of one category."""

    class Column(IntEnum):
        NAME = 0
        UNIT = 1
        DIRECTION = 2
        KIND = 3

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[LibraryEntry] = []

    def headers(self) -> tuple[str, ...]:
        return (self.tr("指標名"), self.tr("単位"), self.tr("方向"), self.tr("種類"))

    def set_entries(self, entries: Sequence[LibraryEntry]) -> None:
        self._reset_rows(entries)

    def entry_at(self, row: int) -> LibraryEntry:
        return self._rows[row]


    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case self.Column.NAME:
                    return entry.name
                case self.Column.UNIT:
                    return entry.unit
                case self.Column.DIRECTION:
                    return direction_label(entry.direction)
                case self.Column.KIND:
                    return kind_label(entry.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column is self.Column.NAME:
            return entry.rationale
        return None


def entry_html(entry: LibraryEntry) -> str:
    """The detail pane: what the example measures, why, and how."""
    e = html.escape
    translate = QCoreApplication.translate
    facts = [
        (translate("LibraryDialog", "単位"), entry.unit or "—"),
        (translate("LibraryDialog", "方向"), direction_label(entry.direction)),
        (translate("LibraryDialog", "集計方法"), aggregation_label(entry.aggregation)),
    ]
    if entry.annual_target is not None:
        target = format_value(entry.annual_target, entry.decimals)
        facts.append((translate("LibraryDialog", "目標の例"), target))
    if entry.range_low is not None and entry.range_high is not None:
        low = format_value(entry.range_low, entry.decimals)
        high = format_value(entry.range_high, entry.decimals)
        facts.append((translate("LibraryDialog", "範囲の例"), f"{low} 〜 {high}"))
    parts = [f"<h3>{e(entry.name)}</h3>"]
    parts.append(" ／ ".join(f"{e(label)}: <b>{e(value)}</b>" for label, value in facts))
    sections = [
        (translate("LibraryDialog", "なぜ測るか"), entry.rationale),
        (translate("LibraryDialog", "測り方"), entry.description),
    ]
    for heading, text in sections:
        if text:
            parts.append(f"<h4>{e(heading)}</h4><p>{e(text)}</p>")
    if entry.level_descriptions:
        heading = translate("LibraryDialog", "レベルの説明")
        items = []
        for level, text in enumerate(entry.level_descriptions, start=1):
            label = translate("LibraryDialog", "レベル{0}").format(level)
            items.append(f"<li>{e(label)}: {e(text)}</li>")
        parts.append(f"<h4>{e(heading)}</h4><ul>{''.join(items)}</ul>")
    return "".join(parts)


class LibraryDialog(QDialog):
    """Pick one example; ``selected_entry`` holds it after acceptance."""

    def __init__(
        self,
        categories: Sequence[LibraryCategory],
        *,
        department_name: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._categories = list(categories)
        self.model = LibraryEntryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(LibraryEntryModel.Column.NAME)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._build_view()
        self._connect_signals()
        preferred = category_for_department(self._categories, department_name)
        row = self._categories.index(preferred) if preferred in self._categories else 0
        self.category_list.setCurrentRow(row)
        self._on_selection_changed()

    def _build_view(self) -> None:
        self.setWindowTitle(self.tr("KPIの例から選ぶ"))
        self.category_list = QListWidget()
        for category in self._categories:
            item = QListWidgetItem(f"{category.label}（{len(category.entries)}）")
            self.category_list.addItem(item)
        self.category_list.setMaximumWidth(200)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("指標名で絞り込み"))
        self.filter_edit.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LibraryEntryModel.Column.NAME, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.filter_edit)
        middle_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(middle)
        splitter.addWidget(self.detail)
        splitter.setSizes([260, 220])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = QPushButton(self.tr("この例を使う"))
        self.use_button.setDefault(True)
        self.buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)

        body = QHBoxLayout()
        body.addWidget(self.category_list)
        body.addWidget(splitter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 820, 560)

    def _connect_signals(self) -> None:
        self.category_list.currentRowChanged.connect(self._on_category_changed)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def selected_entry(self) -> LibraryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.entry_at(self.proxy.mapToSource(rows[0]).row())

    def select_entry(self, name: str) -> bool:
        """Select the example called ``name`` in the current category (used by tests and search)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, LibraryEntryModel.Column.NAME)
            if index.data() == name:
                self.table.selectRow(row)
                return True
        return False

    def current_category(self) -> LibraryCategory | None:
        row = self.category_list.currentRow()
        return self._categories[row] if 0 <= row < len(self._categories) else None

    def _on_category_changed(self, row: int) -> None:
        entries = self._categories[row].entries if 0 <= row < len(self._categories) else ()
        self.model.set_entries(entries)
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._on_selection_changed()

    def _on_selection_changed(self, *_: object) -> None:
        entry = self.selected_entry
        self.use_button.setEnabled(entry is not None)
        self.detail.setHtml("" if entry is None else entry_html(entry))

    def _on_double_clicked(self, *_: object) -> None:
        if self.selected_entry is not None:
            self.accept()

    def _on_accept(self) -> None:
        if self.selected_entry is not None:
            self.accept()
