"""Goal tree (目標ツリー): KGI → department (mission) → department goals → KPIs, and personal
goals under members. Goal titles are edited in place; structure changes go through the services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.model import Department, Kpi, Member, Objective, ObjectiveLevel
from domain.ports import UnitOfWork

ROLE_KIND = Qt.ItemDataRole.UserRole + 1
ROLE_ID = Qt.ItemDataRole.UserRole + 2

KIND_KGI_ROOT = "kgi_root"
KIND_KGI = "kgi"
KIND_DEPARTMENT = "department"
KIND_GOAL = "goal"
KIND_KPI = "kpi"
KIND_PEOPLE_ROOT = "people_root"
KIND_MEMBER = "member"
KIND_PERSONAL = "personal"
KIND_UNLINKED = "unlinked"


def _item(
    text: str, kind: str, ident: int | None = None, *, editable: bool = False
) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(kind, ROLE_KIND)
    item.setData(ident, ROLE_ID)
    item.setEditable(editable)
    return item


class GoalTreeModel(QStandardItemModel):
    """Built from plain domain lists; ``titleEdited`` reports an in-place rename of a goal."""

    titleEdited = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([self.tr("目標・指標"), self.tr("種類")])
        self._building = False
        self.itemChanged.connect(self._on_item_changed)

    def build(
        self,
        objectives: list[Objective],
        departments: list[Department],
        kpis: list[Kpi],
        members: list[Member],
    ) -> None:
        self._building = True
        self.removeRows(0, self.rowCount())
        by_parent: dict[int | None, list[Objective]] = {}
        for o in objectives:
            by_parent.setdefault(o.parent_id, []).append(o)
        kpis_by_goal: dict[int | None, list[Kpi]] = {}
        for k in kpis:
            kpis_by_goal.setdefault(k.objective_id, []).append(k)
        kpis_by_dept_unlinked: dict[int, list[Kpi]] = {}
        goal_ids = {o.id for o in objectives}
        for k in kpis:
            if k.objective_id is None or k.objective_id not in goal_ids:
                kpis_by_dept_unlinked.setdefault(k.department_id, []).append(k)

        kgi_root = _item(self.tr("会社目標（KGI）"), KIND_KGI_ROOT)
        self._bold(kgi_root)
        self.appendRow([kgi_root, _item("", KIND_KGI_ROOT)])
        kgis = [o for o in objectives if o.level is ObjectiveLevel.KGI]
        for kgi in kgis:
            kgi_item = _item(kgi.title, KIND_KGI, kgi.id, editable=True)
            kgi_root.appendRow([kgi_item, _item(self.tr("KGI"), KIND_KGI, kgi.id)])
            for dept in (d for d in departments if d.kgi_id == kgi.id):
                self._add_department(kgi_item, dept, by_parent, kpis_by_goal, kpis_by_dept_unlinked)
        orphan_depts = [d for d in departments if d.kgi_id not in {k.id for k in kgis}]
        if orphan_depts:
            unlinked = _item(self.tr("KGI未設定の部門"), KIND_UNLINKED)
            self.appendRow([unlinked, _item("", KIND_UNLINKED)])
            for dept in orphan_depts:
                self._add_department(unlinked, dept, by_parent, kpis_by_goal, kpis_by_dept_unlinked)

        people_root = _item(self.tr("個人目標"), KIND_PEOPLE_ROOT)
        self._bold(people_root)
        self.appendRow([people_root, _item("", KIND_PEOPLE_ROOT)])
        personal = [o for o in objectives if o.level is ObjectiveLevel.PERSONAL]
        for member in members:
            m_item = _item(f"{member.name}（{member.employee_no}）", KIND_MEMBER, member.id)
            people_root.appendRow([m_item, _item(self.tr("社員"), KIND_MEMBER, member.id)])
            for goal in (g for g in personal if g.member_id == member.id and g.parent_id is None):
                self._add_goal(m_item, goal, by_parent, kpis_by_goal)
        self._building = False

    def _bold(self, item: QStandardItem) -> None:
        font = QFont()
        font.setBold(True)
        item.setFont(font)

    def _add_department(self, parent, dept, by_parent, kpis_by_goal, unlinked_kpis) -> None:  # noqa: ANN001
        d_item = _item(dept.name, KIND_DEPARTMENT, dept.id)
        d_item.setToolTip(dept.mission)
        self._bold(d_item)
        kind = _item(self.tr("部門"), KIND_DEPARTMENT, dept.id)
        parent.appendRow([d_item, kind])
        if dept.mission:
            mission = _item(
                self.tr("ミッション: {0}").format(dept.mission), KIND_DEPARTMENT, dept.id
            )
            mission.setForeground(QBrush(QColor("#35517a")))
            d_item.appendRow([mission, _item("", KIND_DEPARTMENT, dept.id)])
        roots = [
            o
            for level_list in by_parent.values()
            for o in level_list
            if o.department_id == dept.id
            and o.level in (ObjectiveLevel.DEPARTMENT, ObjectiveLevel.OKR)
            and (
                o.parent_id is None
                or o.parent_id == dept.kgi_id
                or self._parent_level_is_kgi(o, by_parent)
            )
        ]
        for goal in roots:
            self._add_goal(d_item, goal, by_parent, kpis_by_goal)
        for kpi in unlinked_kpis.get(dept.id, []):
            self._add_kpi(d_item, kpi)

    @staticmethod
    def _parent_level_is_kgi(goal: Objective, by_parent: dict[int | None, list[Objective]]) -> bool:
        for items in by_parent.values():
            for o in items:
                if o.id == goal.parent_id:
                    return o.level is ObjectiveLevel.KGI
        return False

    def _add_goal(self, parent, goal: Objective, by_parent, kpis_by_goal) -> None:  # noqa: ANN001
        label = {
            ObjectiveLevel.DEPARTMENT: self.tr("部門目標"),
            ObjectiveLevel.OKR: self.tr("OKR"),
            ObjectiveLevel.PERSONAL: self.tr("個人目標"),
            ObjectiveLevel.KGI: self.tr("KGI"),
        }[goal.level]
        kind = KIND_PERSONAL if goal.level is ObjectiveLevel.PERSONAL else KIND_GOAL
        g_item = _item(goal.title, kind, goal.id, editable=True)
        parent.appendRow([g_item, _item(label, kind, goal.id)])
        for child in by_parent.get(goal.id, []):
            if child.level is not ObjectiveLevel.KGI:
                self._add_goal(g_item, child, by_parent, kpis_by_goal)
        for kpi in kpis_by_goal.get(goal.id, []):
            self._add_kpi(g_item, kpi)

    def _add_kpi(self, parent: QStandardItem, kpi: Kpi) -> None:
        text = f"{kpi.name}" + (f"（{kpi.unit}）" if kpi.unit else "")
        k_item = _item(text, KIND_KPI, kpi.id)
        k_item.setToolTip(kpi.rationale)
        k_item.setForeground(QBrush(QColor("#1f5c2e")))
        parent.appendRow([k_item, _item(self.tr("KPI"), KIND_KPI, kpi.id)])

    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._building or item.column() != 0:
            return
        if item.data(ROLE_KIND) in (KIND_KGI, KIND_GOAL, KIND_PERSONAL):
            title = item.text().strip()
            if title:
                self.titleEdited.emit(int(item.data(ROLE_ID)), title)


class GoalTreePanel(QWidget):
    """Tree view with buttons and a context menu to add, rename and remove goals."""

    kpiActivated = Signal(int)
    changed = Signal()

    def __init__(
        self, uow_factory: Callable[[], UnitOfWork], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._objectives: dict[int, Objective] = {}
        self.model = GoalTreeModel(self)
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        hint = QLabel(
            self.tr(
                "会社目標（KGI）から部門目標、KPIまでのつながりです。目標名はダブルクリックで直接編集できます。"
            )
        )
        hint.setWordWrap(True)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setAlternatingRowColors(True)
        self.add_kgi_button = QPushButton(self.tr("KGIを追加"))
        self.add_child_button = QPushButton(self.tr("下位の目標を追加"))
        self.delete_button = QPushButton(self.tr("目標を削除"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_kgi_button)
        buttons.addWidget(self.add_child_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

    def _connect_signals(self) -> None:
        self.model.titleEdited.connect(self._on_title_edited)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.add_kgi_button.clicked.connect(self._on_add_kgi)
        self.add_child_button.clicked.connect(self._on_add_child)
        self.delete_button.clicked.connect(self._on_delete)

    def reload(self) -> None:
        uow = self._uow_factory
        objectives = services.list_objectives(uow())
        self._objectives = {o.id: o for o in objectives}
        self.model.build(
            objectives,
            services.list_departments(uow()),
            services.list_kpis(uow()),
            services.list_members(uow()),
        )
        self.view.expandAll()
        self.view.resizeColumnToContents(0)
        self.view.setColumnWidth(0, max(self.view.columnWidth(0), 420))

    # --- helpers --------------------------------------------------------------------------
    def _selected(self) -> tuple[str | None, int | None]:
        index = self.view.currentIndex().siblingAtColumn(0)
        if not index.isValid():
            return None, None
        return index.data(ROLE_KIND), index.data(ROLE_ID)

    def _ask_title(self, caption: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        title, ok = QInputDialog.getText(self, caption, self.tr("目標:"))
        return title.strip() if ok and title.strip() else None

    def add_goal(self, kind: str | None, ident: int | None, title: str) -> Objective | None:
        """Add a goal under the node (kind, ident); returns it, or None when not possible there."""
        if kind in (KIND_KGI_ROOT, None):
            goal = Objective(0, title, ObjectiveLevel.KGI)
        elif kind == KIND_DEPARTMENT and ident is not None:
            dept = next(
                (d for d in services.list_departments(self._uow_factory()) if d.id == ident), None
            )
            goal = Objective(
                0,
                title,
                ObjectiveLevel.DEPARTMENT,
                parent_id=dept.kgi_id if dept else None,
                department_id=ident,
            )
        elif kind in (KIND_KGI, KIND_GOAL, KIND_PERSONAL) and ident is not None:
            parent = self._objectives[ident]
            level = (
                ObjectiveLevel.PERSONAL
                if parent.level is ObjectiveLevel.PERSONAL
                else ObjectiveLevel.DEPARTMENT
            )
            goal = Objective(
                0,
                title,
                level,
                parent_id=ident,
                department_id=parent.department_id,
                member_id=parent.member_id,
            )
        elif kind == KIND_MEMBER and ident is not None:
            goal = Objective(0, title, ObjectiveLevel.PERSONAL, member_id=ident)
        else:
            return None
        added = services.add_objective(self._uow_factory(), goal)
        self.reload()
        self.changed.emit()
        return added

    # --- slots ----------------------------------------------------------------------------
    def _on_title_edited(self, objective_id: int, title: str) -> None:
        goal = self._objectives.get(objective_id)
        if goal is None or goal.title == title:
            return
        updated = services.update_objective(self._uow_factory(), replace(goal, title=title))
        self._objectives[objective_id] = updated
        self.changed.emit()

    def _on_add_kgi(self) -> None:
        title = self._ask_title(self.tr("KGIを追加"))
        if title:
            self.add_goal(KIND_KGI_ROOT, None, title)

    def _on_add_child(self) -> None:
        kind, ident = self._selected()
        if kind in (KIND_KPI, KIND_UNLINKED, KIND_PEOPLE_ROOT):
            QMessageBox.information(
                self,
                self.tr("目標の追加"),
                self.tr("KGI・部門・目標・社員のいずれかを選んでください。"),
            )
            return
        title = self._ask_title(self.tr("下位の目標を追加"))
        if title:
            self.add_goal(kind, ident, title)

    def _on_delete(self) -> None:
        kind, ident = self._selected()
        if kind not in (KIND_KGI, KIND_GOAL, KIND_PERSONAL) or ident is None:
            return
        goal = self._objectives[ident]
        answer = QMessageBox.question(
            self,
            self.tr("目標を削除"),
            self.tr("「{0}」を削除しますか？ 下位の目標は一つ上に移り、KPIは残ります。").format(
                goal.title
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            services.delete_objective(self._uow_factory(), ident)
            self.reload()
            self.changed.emit()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        index = index.siblingAtColumn(0)
        if index.data(ROLE_KIND) == KIND_KPI:
            self.kpiActivated.emit(int(index.data(ROLE_ID)))

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        kind, _ident = self._selected()
        menu = QMenu(self)
        menu.addAction(self.tr("KGIを追加…"), self._on_add_kgi)
        if kind not in (None, KIND_KPI, KIND_UNLINKED, KIND_PEOPLE_ROOT, KIND_KGI_ROOT):
            menu.addAction(self.tr("下位の目標を追加…"), self._on_add_child)
        if kind in (KIND_KGI, KIND_GOAL, KIND_PERSONAL):
            menu.addAction(
                self.tr("名前を変更"),
                lambda: self.view.edit(self.view.currentIndex().siblingAtColumn(0)),
            )
            menu.addAction(self.tr("削除…"), self._on_delete)
        menu.exec(self.view.viewport().mapToGlobal(pos))
