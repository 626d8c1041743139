"""Departments: the sidebar list (add, rename, reorder, archive), the department dialog with its
mission (部門ミッション) and KGI link, and the mission banner shown above a department's KPIs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.model import Department, Objective, ObjectiveLevel
from domain.ports import UnitOfWork
from ui.messages import error_text

Index = QModelIndex | QPersistentModelIndex


class DepartmentListModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[Department] = []

    def set_departments(self, items: list[Department]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def department_at(self, row: int) -> Department | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, department_id: int) -> int:
        return next((i for i, d in enumerate(self._items) if d.id == department_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        d = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return d.name + (self.tr("（アーカイブ済み）") if d.archived else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return d.mission or self.tr("ミッション未設定")
        if role == Qt.ItemDataRole.ForegroundRole and d.archived:
            return QBrush(QColor("#888888"))
        return None


class DepartmentDialog(QDialog):
    """Name, mission and the company goal (KGI) the department serves."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        department: Department | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._department = department
        self.saved: Department | None = None
        self.setWindowTitle(self.tr("部門の編集") if department else self.tr("部門の追加"))
        self._build()
        self._connect_signals()
        self._load()

    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.mission_edit = QPlainTextEdit()
        self.mission_edit.setPlaceholderText(
            self.tr("例: 社員が本業に集中できる環境を、正確・迅速な手続きで支える")
        )
        self.mission_edit.setMinimumHeight(90)
        self.kgi_combo = QComboBox()
        self.new_kgi_button = QPushButton(self.tr("KGIを追加…"))
        kgi_row = QHBoxLayout()
        kgi_row.addWidget(self.kgi_combo, 1)
        kgi_row.addWidget(self.new_kgi_button)
        form = QFormLayout()
        form.addRow(self.tr("部門名"), self.name_edit)
        form.addRow(self.tr("部門ミッション"), self.mission_edit)
        form.addRow(self.tr("つながる会社目標（KGI）"), kgi_row)
        hint = QLabel(
            self.tr(
                "ミッションは「この部門は何のためにあるか」を一文で。KPIはこのミッションに効くものを選びます。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(560, 320)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.new_kgi_button.clicked.connect(self._on_new_kgi)
        self.name_edit.textChanged.connect(self._on_name_changed)

    def _load(self) -> None:
        self._reload_kgis()
        if self._department is not None:
            self.name_edit.setText(self._department.name)
            self.mission_edit.setPlainText(self._department.mission)
            index = self.kgi_combo.findData(self._department.kgi_id)
            self.kgi_combo.setCurrentIndex(max(0, index))
        self._on_name_changed(self.name_edit.text())

    def _reload_kgis(self, select: int | None = None) -> None:
        kgis = [
            o
            for o in services.list_objectives(self._uow_factory())
            if o.level is ObjectiveLevel.KGI
        ]
        self.kgi_combo.clear()
        self.kgi_combo.addItem(self.tr("（なし）"), None)
        for kgi in kgis:
            self.kgi_combo.addItem(kgi.title, kgi.id)
        if select is not None:
            self.kgi_combo.setCurrentIndex(self.kgi_combo.findData(select))

    def _on_name_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))

    def _on_new_kgi(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        title, ok = QInputDialog.getText(self, self.tr("KGIを追加"), self.tr("会社の目標（KGI）:"))
        if ok and title.strip():
            kgi = services.add_objective(
                self._uow_factory(), Objective(0, title.strip(), ObjectiveLevel.KGI)
            )
            self._reload_kgis(select=kgi.id)

    def _on_accept(self) -> None:
        name = self.name_edit.text().strip()
        mission = self.mission_edit.toPlainText().strip()
        kgi_id = self.kgi_combo.currentData()
        try:
            if self._department is None:
                self.saved = services.add_department(
                    self._uow_factory(), name=name, mission=mission, kgi_id=kgi_id
                )
            else:
                from dataclasses import replace

                self.saved = services.update_department(
                    self._uow_factory(),
                    replace(self._department, name=name, mission=mission, kgi_id=kgi_id),
                )
        except Exception as exc:
            QMessageBox.warning(self, self.tr("保存できませんでした"), error_text(exc))
            return
        self.accept()


class DepartmentPanel(QWidget):
    """Sidebar: the department list and its buttons; emits the selected department."""

    departmentSelected = Signal(object)  # Department | None
    departmentsChanged = Signal()

    def __init__(
        self, uow_factory: Callable[[], UnitOfWork], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self.model = DepartmentListModel(self)
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        title = QLabel(self.tr("部門"))
        title.setStyleSheet("font-weight: bold;")
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.add_button = QPushButton(self.tr("追加"))
        self.edit_button = QPushButton(self.tr("編集"))
        # small arrow buttons: three push buttons side by side made the sidebar so wide that the
        # entry grid lost its 年度計 / 達成率 columns off the right edge on a 1366 px screen
        self.up_button = QToolButton()
        self.up_button.setText("▲")
        self.up_button.setToolTip(self.tr("上へ"))
        self.down_button = QToolButton()
        self.down_button.setText("▼")
        self.down_button.setToolTip(self.tr("下へ"))
        self.archive_button = QPushButton(self.tr("アーカイブ"))
        self.show_archived = QCheckBox(self.tr("アーカイブ済みも表示"))
        row1 = QHBoxLayout()
        row1.addWidget(self.add_button)
        row1.addWidget(self.edit_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.up_button)
        row2.addWidget(self.down_button)
        row2.addWidget(self.archive_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.list_view, 1)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.show_archived)

    def _connect_signals(self) -> None:
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list_view.doubleClicked.connect(lambda _i: self._on_edit())
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.up_button.clicked.connect(lambda: self._on_move(-1))
        self.down_button.clicked.connect(lambda: self._on_move(1))
        self.archive_button.clicked.connect(self._on_archive)
        self.show_archived.toggled.connect(lambda _c: self.reload())

    # --- public ---------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        current = self.current()
        keep = select_id if select_id is not None else (current.id if current else None)
        depts = services.list_departments(
            self._uow_factory(), include_archived=self.show_archived.isChecked()
        )
        self.model.set_departments(depts)
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and depts:
            row = 0
        if row >= 0:
            self.list_view.setCurrentIndex(self.model.index(row))
        else:
            self.departmentSelected.emit(None)
        self._update_buttons()

    def current(self) -> Department | None:
        return self.model.department_at(self.list_view.currentIndex().row())

    def select(self, department_id: int) -> None:
        row = self.model.row_of(department_id)
        if row >= 0:
            self.list_view.setCurrentIndex(self.model.index(row))

    # --- slots ----------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        dept = self.current()
        for b in (self.edit_button, self.up_button, self.down_button, self.archive_button):
            b.setEnabled(dept is not None)
        if dept is not None:
            self.archive_button.setText(self.tr("復元") if dept.archived else self.tr("アーカイブ"))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.departmentSelected.emit(self.model.department_at(current.row()))

    def _on_add(self) -> None:
        dialog = DepartmentDialog(self._uow_factory, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.reload(select_id=dialog.saved.id)
            self.departmentsChanged.emit()

    def _on_edit(self) -> None:
        dept = self.current()
        if dept is None:
            return
        dialog = DepartmentDialog(self._uow_factory, department=dept, parent=self)
        if dialog.exec():
            self.reload(select_id=dept.id)
            self.departmentsChanged.emit()

    def _on_move(self, delta: int) -> None:
        dept = self.current()
        if dept is None or dept.archived:
            return
        services.move_department(self._uow_factory(), dept.id, delta)
        self.reload(select_id=dept.id)
        self.departmentsChanged.emit()

    def _on_archive(self) -> None:
        dept = self.current()
        if dept is None:
            return
        if not dept.archived:
            answer = QMessageBox.question(
                self,
                self.tr("部門をアーカイブ"),
                self.tr(
                    "「{0}」をアーカイブしますか？ データは残り、いつでも復元できます。"
                ).format(dept.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        services.set_department_archived(self._uow_factory(), dept.id, not dept.archived)
        self.reload()
        self.departmentsChanged.emit()


class MissionBanner(QFrame):
    """The department's mission (and the KGI it serves), shown above its KPIs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MissionBanner")
        self.setStyleSheet(
            "#MissionBanner { background: #eef4fb; border: 1px solid #c9d9ee; border-radius: 4px; }"
        )
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.mission = QLabel()
        self.mission.setWordWrap(True)
        self.kgi = QLabel()
        self.kgi.setWordWrap(True)
        self.kgi.setStyleSheet("color: #445;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.mission)
        layout.addWidget(self.kgi)

    def show_department(self, department: Department | None, kgi_title: str | None) -> None:
        if department is None:
            self.title.setText(self.tr("部門がありません — 左の「追加」から部門を作成してください"))
            self.mission.clear()
            self.kgi.clear()
            return
        self.title.setText(department.name)
        self.mission.setText(
            self.tr("ミッション: {0}").format(department.mission)
            if department.mission
            else self.tr("ミッション: 未設定（部門の「編集」から書きましょう）")
        )
        self.kgi.setText(self.tr("会社目標（KGI）: {0}").format(kgi_title) if kgi_title else "")
        self.kgi.setVisible(bool(kgi_title))
