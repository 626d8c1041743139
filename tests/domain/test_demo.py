"""The demo company: shape, determinism, value history and a dashboard that shows every colour."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from domain.demo import DemoData, DemoKpi, build_demo
from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of
from domain.library import category_for_department, load_library
from domain.model import Aggregation, Direction, KpiKind

TODAY = date(2025, 11, 20)
LAST_MONTH = YearMonth(2025, 10)
DEPARTMENTS = ("総務部", "人事部", "経理財務部", "法務部", "情報システム部")
LIBRARY_PATH = Path(__file__).resolve().parents[2] / "resources" / "kpi_library.json"

# One "today" in every calendar month, including April (the first month of a fiscal year).
TODAYS = [date(2025, m, 15) for m in range(4, 13)] + [date(2026, m, 1) for m in range(1, 4)]


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return build_demo(TODAY)


def _expected_months(today: date) -> list[YearMonth]:
    last = YearMonth(today.year, today.month).add(-1)
    current = fiscal_year_of(last, 4)
    months = [*fiscal_months(current - 1), *fiscal_months(current)]
    return [m for m in months if m <= last]


def test_deterministic_for_a_seed() -> None:
    assert build_demo(TODAY, seed=7) == build_demo(TODAY, seed=7)
    first, other = build_demo(TODAY, seed=7), build_demo(TODAY, seed=8)
    assert [k.actuals for k in first.kpis] != [k.actuals for k in other.kpis]


def test_a_month_keeps_its_value_as_time_passes() -> None:
    earlier, later = build_demo(date(2025, 8, 3)), build_demo(date(2025, 12, 3))
    for before, after in zip(earlier.kpis, later.kpis, strict=True):
        for month, value in before.actuals.items():
            if month in after.actuals:
                assert after.actuals[month] == value


def test_company_and_goal_tree(demo: DemoData) -> None:
    assert demo.company_name
    assert demo.fiscal_year_start == 4
    assert len(demo.kgis) == 2
    assert tuple(d.name for d in demo.departments) == DEPARTMENTS
    for department in demo.departments:
        assert department.mission.strip()
        assert department.kgi in demo.kgis
        assert 1 <= len(department.goals) <= 2


def test_three_or_four_kpis_per_department(demo: DemoData) -> None:
    for name in DEPARTMENTS:
        kpis = [k for k in demo.kpis if k.department == name]
        assert 3 <= len(kpis) <= 4, name
        assert [k.kpi.sort_order for k in kpis] == list(range(len(kpis)))
    assert {k.department for k in demo.kpis} == set(DEPARTMENTS)


def test_kpis_mix_kinds_directions_and_aggregations(demo: DemoData) -> None:
    kpis = [k.kpi for k in demo.kpis]
    assert any(k.kind is KpiKind.QUALITATIVE for k in kpis)
    assert any(k.annual_target == 0 for k in kpis)
    assert {k.direction for k in kpis} == set(Direction)
    assert {Aggregation.SUM, Aggregation.AVERAGE, Aggregation.LAST} <= {k.aggregation for k in kpis}
    assert any(k.monthly_targets for k in demo.kpis)
    for kpi in kpis:
        assert kpi.id == 0 and kpi.department_id == 0
        assert kpi.rationale.strip(), kpi.name
        assert kpi.unit, kpi.name
        if kpi.direction is Direction.RANGE:
            assert kpi.range_low is not None and kpi.range_high is not None


def test_kpis_come_from_the_library(demo: DemoData) -> None:
    categories = load_library(LIBRARY_PATH.read_text("utf-8"))
    for demo_kpi in demo.kpis:
        category = category_for_department(categories, demo_kpi.department)
        assert category is not None, demo_kpi.department
        entry = next((e for e in category.entries if e.name == demo_kpi.kpi.name), None)
        assert entry is not None, demo_kpi.kpi.name
        kpi = demo_kpi.kpi
        assert (kpi.unit, kpi.direction, kpi.aggregation, kpi.kind, kpi.decimals) == (
            entry.unit,
            entry.direction,
            entry.aggregation,
            entry.kind,
            entry.decimals,
        )
        assert kpi.level_descriptions == entry.level_descriptions


def test_members_owners_and_objectives(demo: DemoData) -> None:
    assert len(demo.members) == 10
    numbers = [m.employee_no for m in demo.members]
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith("E") and len(n) == 5 for n in numbers)
    assert {m.department for m in demo.members} == set(DEPARTMENTS)
    assert all(m.title and m.grade for m in demo.members)
    members = {m.employee_no: m for m in demo.members}
    goals = {d.name: d.goals for d in demo.departments}
    for demo_kpi in demo.kpis:
        assert demo_kpi.owner_no in members, demo_kpi.kpi.name
        assert members[demo_kpi.owner_no].department == demo_kpi.department
        assert demo_kpi.objective is None or demo_kpi.objective in goals[demo_kpi.department]


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_two_fiscal_years_of_values_and_none_in_the_future(today: date) -> None:
    demo = build_demo(today)
    expected = _expected_months(today)
    last = expected[-1]
    years = {fiscal_year_of(m, 4) for k in demo.kpis for m in k.actuals}
    assert years == {fiscal_year_of(last, 4) - 1, fiscal_year_of(last, 4)}
    for demo_kpi in demo.kpis:
        assert all(m <= last for m in demo_kpi.actuals), demo_kpi.kpi.name
        assert set(demo_kpi.notes) <= set(demo_kpi.actuals)
        assert set(demo_kpi.actuals) <= set(expected)


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_a_few_gaps_but_not_every_latest_month(today: date) -> None:
    demo = build_demo(today)
    expected = _expected_months(today)
    missing = [(k.kpi.name, m) for k in demo.kpis for m in expected if m not in k.actuals]
    assert 2 <= len(missing) <= 4
    assert sum(1 for k in demo.kpis if expected[-1] not in k.actuals) <= 1


def test_values_are_rounded_and_plausible(demo: DemoData) -> None:
    for demo_kpi in demo.kpis:
        kpi = demo_kpi.kpi
        for value in demo_kpi.actuals.values():
            assert round(value, kpi.decimals) == value, kpi.name
            assert value >= 0, kpi.name
            if kpi.unit == "%":
                assert value <= 100, kpi.name
            if kpi.kind is KpiKind.QUALITATIVE:
                assert value == int(value) and 1 <= value <= 5, kpi.name


def test_notes_explain_some_values(demo: DemoData) -> None:
    notes = {n for k in demo.kpis for n in k.notes.values()}
    assert len(notes) >= 3
    assert all(n.strip() for n in notes)


def test_cumulative_kpi_never_falls_within_a_year(demo: DemoData) -> None:
    audit = next(k for k in demo.kpis if k.kpi.name == "権限棚卸し実施率")
    for year in (2024, 2025):
        values = [audit.actuals[m] for m in fiscal_months(year) if m in audit.actuals]
        assert values == sorted(values)


# --- every colour on the dashboard -------------------------------------------------------------
# A deliberately simple reading of achievement (DESIGN.md): HIGHER actual/target, LOWER
# 2 − actual/target (target 0: achieved only at 0), RANGE 100 % inside the band; the period figure
# follows the KPI's aggregation over the months that have values.


def _achievement(demo_kpi: DemoKpi, months: list[YearMonth]) -> float | None:
    kpi = demo_kpi.kpi
    present = [m for m in months if m in demo_kpi.actuals]
    if not present:
        return None
    values = [demo_kpi.actuals[m] for m in present]
    if kpi.annual_target is None:
        targets = [demo_kpi.monthly_targets.get(m) for m in present]
    else:
        default = kpi.annual_target
        if kpi.aggregation is Aggregation.SUM:
            default /= 12
        targets = [demo_kpi.monthly_targets.get(m, default) for m in present]
    if kpi.aggregation is Aggregation.SUM:
        actual, target = sum(values), sum(t or 0.0 for t in targets)
    elif kpi.aggregation is Aggregation.AVERAGE:
        actual, target = sum(values) / len(values), sum(t or 0.0 for t in targets) / len(targets)
    else:
        actual, target = values[-1], targets[-1] or 0.0
    if kpi.direction is Direction.RANGE:
        assert kpi.range_low is not None and kpi.range_high is not None
        return 1.0 if kpi.range_low <= actual <= kpi.range_high else 0.5
    if kpi.direction is Direction.LOWER:
        if target == 0:
            return 1.0 if actual == 0 else 0.0
        return 2 - actual / target
    return actual / target


def _statuses(demo: DemoData, today: date) -> dict[str, str]:
    last = YearMonth(today.year, today.month).add(-1)
    months = list(fiscal_months(fiscal_year_of(last, 4)))
    result = {}
    for demo_kpi in demo.kpis:
        value = _achievement(demo_kpi, months)
        if value is not None:
            result[demo_kpi.kpi.name] = (
                "達成" if value >= 1.0 else "注意" if value >= 0.9 else "未達"
            )
    return result


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_current_year_shows_all_three_statuses(today: date) -> None:
    statuses = _statuses(build_demo(today), today)
    assert set(statuses.values()) == {"達成", "注意", "未達"}, statuses


@pytest.mark.parametrize("seed", [1, 2, 3, 42])
def test_all_three_statuses_for_other_seeds(seed: int) -> None:
    for today in (date(2025, 5, 10), date(2025, 11, 20), date(2026, 3, 31)):
        statuses = _statuses(build_demo(today, seed=seed), today)
        assert set(statuses.values()) == {"達成", "注意", "未達"}, (seed, today, statuses)
