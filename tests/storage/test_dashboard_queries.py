"""The dashboard's bulk reads on a real SQLite file: the KPIs come back as the same objects while
their stored rows are unchanged, and as new ones as soon as anything about them changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain import services
from domain.dashboard import TileCache, load_dashboard
from domain.fiscal import YearMonth
from domain.model import CellEdit, Kpi, Member, Series

TODAY = date(2025, 11, 20)


def read_kpis(uow_factory, known):
    with uow_factory() as uow:
        return uow.dashboard.kpis(known)


def setup(uow_factory):
    dept = services.add_department(uow_factory(), name="総務部", mission="支える")
    owner = services.add_member(uow_factory(), Member(0, "E001", "山田", dept.id))
    first = services.save_kpi(
        uow_factory(),
        Kpi(0, dept.id, "件数", annual_target=120.0, owner_id=owner.id, rationale="理由"),
    )
    second = services.save_kpi(
        uow_factory(), Kpi(0, dept.id, "満足度", annual_target=4.0, rationale="理由")
    )
    return dept, owner, first, second


def test_unchanged_kpis_come_back_as_the_same_objects(uow_factory, company):
    _dept, _owner, first, second = setup(uow_factory)
    known: dict[object, Kpi] = {}
    before = read_kpis(uow_factory, known)
    assert [k.name for k in before] == ["件数", "満足度"]
    assert before == services.list_kpis(uow_factory())  # the same KPIs as the repository's list
    again = read_kpis(uow_factory, known)
    assert again[0] is before[0] and again[1] is before[1]
    services.save_kpi(uow_factory(), replace(first, annual_target=240.0))
    after = read_kpis(uow_factory, known)
    assert after[0] is not before[0] and after[0].annual_target == 240.0
    assert after[1] is before[1]
    services.set_kpi_archived(uow_factory(), second.id, True)
    assert [k.id for k in read_kpis(uow_factory, known)] == [first.id]
    assert len(known) == 1  # only what was read last is kept


def test_the_dashboard_shows_edits_at_once_with_a_cache(uow_factory, company):
    dept, owner, first, _second = setup(uow_factory)
    cache = TileCache()

    def tile():
        report = load_dashboard(uow_factory(), fiscal_year=2025, today=TODAY, cache=cache)
        return report, report.tile(first.id)

    edits = [CellEdit(first.id, YearMonth(2025, m), Series.ACTUAL, 10.0) for m in (4, 5, 6)]
    services.apply_edits(uow_factory(), edits, user="t")
    report, shown = tile()
    assert shown.actuals[:3] == (10.0, 10.0, 10.0)
    services.apply_edits(
        uow_factory(), [CellEdit(first.id, YearMonth(2025, 6), Series.ACTUAL, 40.0)], user="t"
    )
    assert tile()[1].actuals[2] == 40.0  # a value
    services.save_kpi(uow_factory(), replace(first, annual_target=60.0))
    assert tile()[1].targets[0] == 5.0  # the annual target
    services.apply_edits(
        uow_factory(), [CellEdit(first.id, YearMonth(2025, 4), Series.TARGET, 7.0)], user="t"
    )
    assert tile()[1].targets[0] == 7.0  # a step target
    services.update_member(uow_factory(), replace(owner, name="山田 太郎"))
    assert tile()[1].owner_name == "山田 太郎"  # the owner's name
    services.update_department(uow_factory(), replace(dept, name="総務・庶務部"))
    assert tile()[0].sections[0].department.name == "総務・庶務部"  # the department
    other_year = load_dashboard(uow_factory(), fiscal_year=2024, today=TODAY, cache=cache)
    assert other_year.tile(first.id).actuals == (None,) * 12  # another year…
    report, shown = tile()  # … and back: still this year's numbers
    assert shown.actuals[:3] == (10.0, 10.0, 40.0)
    assert repr(report.sections) == repr(
        load_dashboard(uow_factory(), fiscal_year=2025, today=TODAY).sections
    )


def test_owner_names_include_archived_members(uow_factory, company):
    _dept, owner, _first, _second = setup(uow_factory)
    services.set_member_archived(uow_factory(), owner.id, True)
    with uow_factory() as uow:
        assert uow.dashboard.owner_names() == {owner.id: "山田"}
