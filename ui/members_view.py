"""社員 (members): a filterable table with add / edit / archive, and the member dialog."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import DuplicateEmployeeNo, MierukaError
from domain.model import Department, Member
from domain.ports import UnitOfWork
from ui.messages import error_text
from ui.row_table import RowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
INVALID_STYLE = "QLineEdit { background: #ffe0e0; }"


class MemberTableModel(RowTableModel):
    """Members with their department names; archived members are greyed."""

    class Column(IntEnum):
        EMPLOYEE_NO = 0
        NAME = 1
        DEPARTMENT = 2
        TITLE = 3
        GRADE = 4
        STATUS = 5

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[Member] = []
        self._department_names: dict[int, str] = {}

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("社員番号"),
            self.tr("氏名"),
            self.tr("部門"),
            self.tr("役職"),
            self.tr("等級"),
            self.tr("状態"),
        )

    def set_members(self, members: Sequence[Member], department_names: Mapping[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(members)
        self._department_names = dict(department_names)
        self.endResetModel()

    def member_at(self, row: int) -> Member:
        return self._rows[row]

    def row_of(self, member_id: int) -> int:
        return next((i for i, m in enumerate(self._rows) if m.id == member_id), -1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        member = self._rows[index.row()]
        column = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(member, column)
        if role == Qt.ItemDataRole.ForegroundRole and member.archived:
            return QColor("#888888")
        return None

    def _display(self, member: Member, column: MemberTableModel.Column) -> str:
        match column:
            case self.Column.EMPLOYEE_NO:
                return member.employee_no
            case self.Column.NAME:
                return member.name
            case self.Column.DEPARTMENT:
                if member.department_id is None:
                    return self.tr("（未所属）")
                return self._department_names.get(member.department_id, "")
            case self.Column.TITLE:
                return member.title
            case self.Column.GRADE:
                return member.grade
            case self.Column.STATUS:
                return self.tr("アーカイブ") if member.archived else self.tr("在籍")
        return ""


class MemberDialog(QDialog):
    """Add (member=None) or edit a member; saves itself so a duplicate number keeps it open."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        departments: Sequence[Department],
        member: Member | None = None,
        department_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._member = member
        self._department_id = department_id  # a new member's department to start with
        self._departments = list(departments)
        self.saved_member: Member | None = None
        self._build_view()
        self._load()
        self._connect_signals()
        self._on_changed()

    def _build_view(self) -> None:
        self.setWindowTitle(
            self.tr("社員を追加") if self._member is None else self.tr("社員を編集")
        )
        self.employee_no_edit = QLineEdit()
        self.employee_no_edit.setPlaceholderText(self.tr("例: 1001"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例: 山田 太郎"))
        self.department_combo = QComboBox()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("例: 課長"))
        self.grade_edit = QLineEdit()
        self.grade_edit.setPlaceholderText(self.tr("例: G3"))
        form = QFormLayout()
        form.addRow(self.tr("社員番号（必須）"), self.employee_no_edit)
        form.addRow(self.tr("氏名（必須）"), self.name_edit)
        form.addRow(self.tr("部門"), self.department_combo)
        form.addRow(self.tr("役職"), self.title_edit)
        form.addRow(self.tr("等級"), self.grade_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def _load(self) -> None:
        self.department_combo.addItem(self.tr("（未所属）"), None)
        current = None if self._member is None else self._member.department_id
        for dept in self._departments:
            if dept.archived and dept.id != current:
                continue
            self.department_combo.addItem(dept.name, dept.id)
        if self._member is None and self._department_id is not None:
            self.department_combo.setCurrentIndex(
                max(self.department_combo.findData(self._department_id), 0)
            )
        if self._member is not None:
            self.employee_no_edit.setText(self._member.employee_no)
            self.name_edit.setText(self._member.name)
            self.title_edit.setText(self._member.title)
            self.grade_edit.setText(self._member.grade)
            self.department_combo.setCurrentIndex(max(self.department_combo.findData(current), 0))

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.employee_no_edit.textChanged.connect(self._on_changed)
        self.name_edit.textChanged.connect(self._on_changed)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _problems(self) -> list[str]:
        problems = []
        if not self.employee_no_edit.text().strip():
            problems.append(self.tr("社員番号を入力してください。"))
        if not self.name_edit.text().strip():
            problems.append(self.tr("氏名を入力してください。"))
        return problems

    def _on_changed(self) -> None:
        self.employee_no_edit.setStyleSheet("")
        self.employee_no_edit.setToolTip("")
        problems = self._problems()
        self.error_label.setText("\n".join(problems))
        self.ok_button.setEnabled(not problems)

    def _on_accept(self) -> None:
        if self._problems():
            return
        department_id = self.department_combo.currentData()
        base = self._member or Member(0, "", "")
        member = replace(
            base,
            employee_no=self.employee_no_edit.text().strip(),
            name=self.name_edit.text().strip(),
            department_id=department_id,
            title=self.title_edit.text().strip(),
            grade=self.grade_edit.text().strip(),
        )
        try:
            if member.id == 0:
                self.saved_member = services.add_member(self._uow_factory(), member)
            else:
                self.saved_member = services.update_member(self._uow_factory(), member)
        except DuplicateEmployeeNo as exc:
            message = error_text(exc)
            self.error_label.setText(message + self.tr("別の番号を入力してください。"))
            self.employee_no_edit.setStyleSheet(INVALID_STYLE)
            self.employee_no_edit.setToolTip(message)
            self.employee_no_edit.setFocus()
            self.employee_no_edit.selectAll()
            return
        except MierukaError as exc:
            self.error_label.setText(error_text(exc))
            return
        self.accept()


class MembersPanel(QWidget):
    """The 社員 page: list, filter, add, edit, archive / restore."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork], parent: QWidget | None = None):
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._departments: list[Department] = []
        self.default_department_id: int | None = None  # the department chosen on the left
        self.member_dialog: MemberDialog | None = None  # the open add/edit dialog
        self.model = MemberTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._build_view()
        self._connect_signals()
        self.reload()

    def _build_view(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("絞り込み（社員番号・氏名・部門など）"))
        self.filter_edit.setClearButtonEnabled(True)
        self.show_archived_check = QCheckBox(self.tr("アーカイブ済みも表示"))
        self.add_button = QPushButton(self.tr("社員を追加"))
        self.edit_button = QPushButton(self.tr("編集"))
        self.archive_button = QPushButton(self.tr("アーカイブ"))

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MemberTableModel.Column.EMPLOYEE_NO, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.show_archived_check)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.archive_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.show_archived_check.toggled.connect(self._on_show_archived_toggled)
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.archive_button.clicked.connect(self._on_archive)
        self.table.doubleClicked.connect(self._on_edit)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    # --- public ---------------------------------------------------------------------------

    def reload(self, *, select_id: int | None = None) -> None:
        if select_id is None:
            current = self.selected_member()
            select_id = None if current is None else current.id
        uow = self._uow_factory
        self._departments = services.list_departments(uow(), include_archived=True)
        members = services.list_members(
            uow(), include_archived=self.show_archived_check.isChecked()
        )
        self.model.set_members(members, {d.id: d.name for d in self._departments})
        if select_id is not None:
            self.select_member(select_id)
        self._on_selection_changed()

    def selected_member(self) -> Member | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.member_at(self.proxy.mapToSource(rows[0]).row())

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row < 0:
            self.table.clearSelection()
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if proxy_index.isValid():
            self.table.selectRow(proxy_index.row())
            self.table.scrollTo(proxy_index)

    # --- behaviour ------------------------------------------------------------------------

    def _on_show_archived_toggled(self, _checked: bool) -> None:
        self.reload()

    def _on_selection_changed(self, *_: object) -> None:
        member = self.selected_member()
        self.edit_button.setEnabled(member is not None)
        self.archive_button.setEnabled(member is not None)
        restoring = member is not None and member.archived
        self.archive_button.setText(self.tr("復元") if restoring else self.tr("アーカイブ"))

    def _open_dialog(self, member: Member | None) -> None:
        self.member_dialog = MemberDialog(
            self._uow_factory,
            departments=self._departments,
            member=member,
            department_id=self.default_department_id,
            parent=self,
        )
        self.member_dialog.finished.connect(self._on_dialog_finished)
        self.member_dialog.open()

    def _on_dialog_finished(self, result: int) -> None:
        dialog = self.member_dialog
        if dialog is None:
            return
        self.member_dialog = None
        if result == QDialog.DialogCode.Accepted and dialog.saved_member is not None:
            self.reload(select_id=dialog.saved_member.id)
        dialog.deleteLater()

    def _on_add(self) -> None:
        self._open_dialog(None)

    def _on_edit(self, *_: object) -> None:
        member = self.selected_member()
        if member is not None:
            self._open_dialog(member)

    def _on_archive(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        services.set_member_archived(self._uow_factory(), member.id, not member.archived)
        self.reload(select_id=member.id)
