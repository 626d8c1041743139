"""Use cases against a real SQLite file: departments, members, goals, KPIs, values and history."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain import services
from domain.errors import DuplicateEmployeeNo, InvalidKpi, KpiHasHistory
from domain.fiscal import YearMonth
from domain.model import (
    Aggregation,
    CellEdit,
    Direction,
    Kpi,
    KpiKind,
    Member,
    Objective,
    ObjectiveLevel,
    Series,
    Thresholds,
)
from domain.services import Source
from storage.database import open_database


def _kpi(dept_id: int, **kw) -> Kpi:
    base = dict(
        name="請求処理の平均日数", unit="日", rationale="締めを早めるため", annual_target=3.0
    )
    base.update(kw)
    return Kpi(0, dept_id, **base)


def test_company_settings_round_trip(uow_factory, company):
    assert company.fiscal_year_start == 4
    updated = services.update_settings(
        uow_factory(), name="新社名", fiscal_year_start=1, thresholds=Thresholds(1.05, 0.8)
    )
    again = services.get_company(uow_factory())
    assert again == updated
    assert (again.name, again.fiscal_year_start, again.thresholds) == (
        "新社名",
        1,
        Thresholds(1.05, 0.8),
    )
    with pytest.raises(ValueError):
        services.update_settings(
            uow_factory(), name="x", fiscal_year_start=4, thresholds=Thresholds(0.8, 0.9)
        )


def test_departments_add_reorder_rename_archive(uow_factory, company):
    names = ["総務部", "人事部", "経理財務部"]
    depts = [services.add_department(uow_factory(), name=n) for n in names]
    services.move_department(uow_factory(), depts[2].id, -2)
    assert [d.name for d in services.list_departments(uow_factory())] == [
        "経理財務部",
        "総務部",
        "人事部",
    ]
    kgi = services.add_objective(uow_factory(), Objective(0, "利益率10%", ObjectiveLevel.KGI))
    services.update_department(
        uow_factory(), replace(depts[0], name="総務課", mission="働きやすい職場", kgi_id=kgi.id)
    )
    services.set_department_archived(uow_factory(), depts[1].id, True)
    active = services.list_departments(uow_factory())
    assert [d.name for d in active] == ["経理財務部", "総務課"]
    assert active[1].mission == "働きやすい職場" and active[1].kgi_id == kgi.id
    assert len(services.list_departments(uow_factory(), include_archived=True)) == 3


def test_members_are_unique_by_employee_no(uow_factory, company):
    dept = services.add_department(uow_factory(), name="人事部")
    services.add_member(uow_factory(), Member(0, "E001", "佐藤 花子", dept.id, "課長", "G4"))
    with pytest.raises(DuplicateEmployeeNo):
        services.add_member(uow_factory(), Member(0, "E001", "別人", dept.id))
    assert [m.name for m in services.list_members(uow_factory())] == ["佐藤 花子"]


def test_deleting_a_goal_moves_children_up(uow_factory, company):
    kgi = services.add_objective(uow_factory(), Objective(0, "KGI", ObjectiveLevel.KGI))
    mid = services.add_objective(
        uow_factory(), Objective(0, "中間", ObjectiveLevel.DEPARTMENT, parent_id=kgi.id)
    )
    leaf = services.add_objective(
        uow_factory(), Objective(0, "末端", ObjectiveLevel.DEPARTMENT, parent_id=mid.id)
    )
    services.delete_objective(uow_factory(), mid.id)
    by_id = {o.id: o for o in services.list_objectives(uow_factory())}
    assert mid.id not in by_id and by_id[leaf.id].parent_id == kgi.id


def test_kpi_round_trips_every_field(uow_factory, company):
    dept = services.add_department(uow_factory(), name="法務部")
    owner = services.add_member(uow_factory(), Member(0, "E9", "法務 太郎", dept.id))
    goal = services.add_objective(
        uow_factory(), Objective(0, "契約を速く", ObjectiveLevel.DEPARTMENT, department_id=dept.id)
    )
    kpi = _kpi(
        dept.id,
        name="社内説明資料の精度",
        unit="レベル",
        direction=Direction.RANGE,
        aggregation=Aggregation.LAST,
        baseline=1.0,
        range_low=3.0,
        range_high=5.0,
        decimals=1,
        kind=KpiKind.QUALITATIVE,
        level_descriptions=("1", "2", "3", "4", "5"),
        owner_id=owner.id,
        objective_id=goal.id,
        active_months=(3, 6, 9, 12),
        start=YearMonth(2025, 4),
        deadline=YearMonth(2026, 3),
    )
    saved = services.save_kpi(uow_factory(), kpi)
    assert saved.id > 0
    loaded = services.list_kpis(uow_factory(), department_id=dept.id)
    assert loaded == [replace(kpi, id=saved.id)]


def test_kpi_without_rationale_is_refused(uow_factory, company):
    dept = services.add_department(uow_factory(), name="総務部")
    with pytest.raises(InvalidKpi) as info:
        services.save_kpi(uow_factory(), _kpi(dept.id, rationale="  "))
    assert "empty_rationale" in " ".join(info.value.errors).lower()
    assert services.list_kpis(uow_factory()) == []


def test_edits_are_recorded_and_undo_restores_the_before_state(uow_factory, company):
    dept = services.add_department(uow_factory(), name="経理財務部")
    kpi = services.save_kpi(uow_factory(), _kpi(dept.id))
    apr, may = YearMonth(2025, 4), YearMonth(2025, 5)
    first = services.apply_edits(
        uow_factory(),
        [
            CellEdit(kpi.id, apr, Series.ACTUAL, 4.0),
            CellEdit(kpi.id, may, Series.ACTUAL, 3.5, "月末集中"),
        ],
        user="keiri",
    )
    assert len(first) == 2
    second = services.apply_edits(
        uow_factory(), [CellEdit(kpi.id, apr, Series.ACTUAL, 3.0)], user="keiri"
    )
    assert second[0].before == CellEdit(kpi.id, apr, Series.ACTUAL, 4.0, "")
    # an edit that changes nothing is not recorded
    assert (
        services.apply_edits(uow_factory(), [CellEdit(kpi.id, apr, Series.ACTUAL, 3.0)], user="k")
        == []
    )
    services.apply_edits(
        uow_factory(), [a.before for a in second], user="keiri", source=Source.UNDO
    )
    grid = services.load_grid(uow_factory(), department_id=dept.id, fiscal_year=2025)
    assert grid.actuals[(kpi.id, apr)].value == 4.0
    assert grid.actuals[(kpi.id, may)].note == "月末集中"
    history = services.kpi_history(uow_factory(), kpi.id)
    assert [(c.month, c.old_value, c.new_value, c.source) for c in history] == [
        (apr, 3.0, 4.0, Source.UNDO),
        (apr, 4.0, 3.0, Source.EDIT),
        (may, None, 3.5, Source.EDIT),
        (apr, None, 4.0, Source.EDIT),
    ]
    assert all(c.user == "keiri" for c in history)


def test_clearing_a_cell_removes_the_value(uow_factory, company):
    dept = services.add_department(uow_factory(), name="総務部")
    kpi = services.save_kpi(uow_factory(), _kpi(dept.id))
    apr = YearMonth(2025, 4)
    services.apply_edits(uow_factory(), [CellEdit(kpi.id, apr, Series.ACTUAL, 2.0)], user="u")
    services.apply_edits(uow_factory(), [CellEdit(kpi.id, apr, Series.ACTUAL, None)], user="u")
    grid = services.load_grid(uow_factory(), department_id=dept.id, fiscal_year=2025)
    assert (kpi.id, apr) not in grid.actuals


def test_monthly_targets_from_the_kpi_dialog_keep_their_history(uow_factory, company):
    dept = services.add_department(uow_factory(), name="人事部")
    months = {YearMonth(2025, m): float(m) for m in (4, 5, 6)}
    kpi = services.save_kpi(uow_factory(), _kpi(dept.id), monthly_targets=months, user="jinji")
    grid = services.load_grid(uow_factory(), department_id=dept.id, fiscal_year=2025)
    assert {m: c.value for (_k, m), c in grid.targets.items()} == months
    history = services.kpi_history(uow_factory(), kpi.id)
    assert {c.series for c in history} == {Series.TARGET}
    assert {c.source for c in history} == {Source.KPI_DIALOG}


def test_fiscal_year_grid_follows_the_start_month(uow_factory):
    services.create_company(uow_factory(), name="1月始まり", fiscal_year_start=1)
    dept = services.add_department(uow_factory(), name="総務部")
    kpi = services.save_kpi(uow_factory(), _kpi(dept.id))
    services.apply_edits(
        uow_factory(),
        [
            CellEdit(kpi.id, YearMonth(2025, 12), Series.ACTUAL, 1.0),
            CellEdit(kpi.id, YearMonth(2026, 1), Series.ACTUAL, 2.0),
        ],
        user="u",
    )
    grid = services.load_grid(uow_factory(), department_id=dept.id, fiscal_year=2025)
    assert grid.months[0] == YearMonth(2025, 1) and grid.months[-1] == YearMonth(2025, 12)
    assert list(grid.actuals) == [(kpi.id, YearMonth(2025, 12))]


def test_a_kpi_with_values_is_archived_not_deleted_unless_confirmed(uow_factory, company):
    dept = services.add_department(uow_factory(), name="情報システム部")
    kpi = services.save_kpi(uow_factory(), _kpi(dept.id))
    services.apply_edits(
        uow_factory(), [CellEdit(kpi.id, YearMonth(2025, 4), Series.ACTUAL, 5.0)], user="u"
    )
    with pytest.raises(KpiHasHistory) as info:
        services.delete_kpi(uow_factory(), kpi.id)
    assert info.value.value_count == 1
    assert len(services.list_kpis(uow_factory())) == 1
    services.set_kpi_archived(uow_factory(), kpi.id, True)
    assert services.list_kpis(uow_factory()) == []
    assert len(services.list_kpis(uow_factory(), include_archived=True)) == 1
    services.delete_kpi(uow_factory(), kpi.id, confirm_history=True)
    assert services.list_kpis(uow_factory(), include_archived=True) == []
    assert services.kpi_history(uow_factory(), kpi.id) == []


def test_data_survives_reopening_the_file(tmp_path):
    path = tmp_path / "persist.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="永続株式会社")
    dept = services.add_department(db.uow(), name="総務部")
    kpi = services.save_kpi(db.uow(), _kpi(dept.id))
    services.apply_edits(
        db.uow(), [CellEdit(kpi.id, YearMonth(2025, 7), Series.ACTUAL, 9.5)], user="u"
    )
    db.close()
    again = open_database(path)
    grid = services.load_grid(again.uow(), department_id=dept.id, fiscal_year=2025)
    again.close()
    assert grid.company.name == "永続株式会社"
    assert grid.actuals[(kpi.id, YearMonth(2025, 7))].value == 9.5


def test_a_stale_edit_is_refused_and_nothing_is_written(db, uow_factory, company):
    """The optimistic check: what the user saw must still be stored, or nothing is written."""
    from domain.errors import EditConflict
    from domain.model import CellValue

    dept = services.add_department(uow_factory(), name="総務部")
    a = services.save_kpi(uow_factory(), _kpi(dept.id, name="A"))
    b = services.save_kpi(uow_factory(), _kpi(dept.id, name="B"))
    apr = YearMonth(2025, 4)
    services.apply_edits(uow_factory(), [CellEdit(a.id, apr, Series.ACTUAL, 1.0)], user="x")
    seen = {(Series.ACTUAL, a.id, apr): CellValue(1.0), (Series.ACTUAL, b.id, apr): None}
    # someone else changes A's April
    services.apply_edits(uow_factory(), [CellEdit(a.id, apr, Series.ACTUAL, 5.0)], user="other")
    with pytest.raises(EditConflict) as info:
        services.apply_edits(
            uow_factory(),
            [CellEdit(a.id, apr, Series.ACTUAL, 2.0), CellEdit(b.id, apr, Series.ACTUAL, 3.0)],
            user="me",
            expected=seen,
        )
    (edit, stored), = info.value.conflicts
    assert edit.kpi_id == a.id and stored.value == 5.0
    grid = services.load_grid(uow_factory(), department_id=dept.id, fiscal_year=2025)
    assert grid.actuals[(a.id, apr)].value == 5.0 and (b.id, apr) not in grid.actuals
    # with what is really stored, the same edit goes through
    seen[(Series.ACTUAL, a.id, apr)] = CellValue(5.0)
    assert len(services.apply_edits(uow_factory(), [CellEdit(a.id, apr, Series.ACTUAL, 2.0)],
                                    user="me", expected=seen)) == 1
