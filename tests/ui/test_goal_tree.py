"""Goal tree: KGI → department (mission) → goals → KPIs, personal goals, in-place renaming."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from domain import services
from domain.demo import build_demo
from domain.model import ObjectiveLevel
from domain.seed import create_demo_company
from ui.goal_tree import (
    KIND_DEPARTMENT,
    KIND_KGI,
    KIND_KPI,
    KIND_MEMBER,
    ROLE_ID,
    ROLE_KIND,
    GoalTreePanel,
)


def _children(item):
    return [item.child(r, 0) for r in range(item.rowCount())]


def _walk(item):
    for child in _children(item):
        yield child
        yield from _walk(child)


def test_tree_shows_the_chain_from_kgi_to_kpis(db, qtbot, qtmodeltester):
    create_demo_company(db.uow(), build_demo(date(2025, 11, 1)))
    panel = GoalTreePanel(db.uow)
    qtbot.addWidget(panel)
    panel.reload()
    model = panel.model
    qtmodeltester.check(model)
    root = model.item(0, 0)
    kgis = [i for i in _children(root) if i.data(ROLE_KIND) == KIND_KGI]
    assert len(kgis) == 2
    all_items = [i for r in range(model.rowCount()) for i in _walk(model.item(r, 0))]
    kpi_items = [i for i in all_items if i.data(ROLE_KIND) == KIND_KPI]
    assert len(kpi_items) == len(services.list_kpis(db.uow()))  # every KPI appears once
    depts = {i.text() for i in all_items if i.data(ROLE_KIND) == KIND_DEPARTMENT and i.rowCount()}
    assert {"総務部", "人事部", "経理財務部", "法務部", "情報システム部"} <= depts
    members = [i for i in all_items if i.data(ROLE_KIND) == KIND_MEMBER]
    assert len(members) == 10


def test_goal_titles_are_edited_in_place_and_goals_added(db, company, qtbot):
    dept = services.add_department(db.uow(), name="法務部", mission="リスクを先に見つける")
    panel = GoalTreePanel(db.uow)
    qtbot.addWidget(panel)
    panel.reload()
    kgi = panel.add_goal(None, None, "利益率10%")
    services.update_department(db.uow(), replace(dept, kgi_id=kgi.id))
    panel.reload()
    goal = panel.add_goal(KIND_DEPARTMENT, dept.id, "契約審査を速くする")
    assert goal.level is ObjectiveLevel.DEPARTMENT and goal.parent_id == kgi.id
    item = next(
        i
        for r in range(panel.model.rowCount())
        for i in _walk(panel.model.item(r, 0))
        if i.data(ROLE_ID) == goal.id and i.data(ROLE_KIND) == "goal"
    )
    assert item.isEditable()
    panel.model.setData(item.index(), "契約審査を3日以内に", Qt.ItemDataRole.EditRole)
    stored = {o.id: o.title for o in services.list_objectives(db.uow())}
    assert stored[goal.id] == "契約審査を3日以内に"
