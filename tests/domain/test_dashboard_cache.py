"""The tile cache never shows stale numbers, and the fast dashboard build gives the tiles of the
rules as they were before the speed work (tests/domain/reference_rules.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.dashboard import DashboardReport, TileCache, build_dashboard
from domain.fiscal import YearMonth, fiscal_months
from domain.missing_entries import is_overdue
from domain.model import Aggregation, Company, Department, Direction, Kpi, Thresholds
from tests.domain import reference_rules as reference

COMPANY = Company(1, "テスト", 4)
DEPARTMENTS = [Department(1, "総務部", "支える"), Department(2, "人事部", "育てる")]
TODAY = date(2025, 11, 20)
KPIS = [
    Kpi(1, 1, "問い合わせ件数", annual_target=120.0, owner_id=10),
    Kpi(2, 1, "満足度", aggregation=Aggregation.AVERAGE, annual_target=4.0, owner_id=11),
    Kpi(3, 2, "遅延件数", direction=Direction.LOWER, annual_target=12.0, owner_id=10),
    Kpi(
        4,
        2,
        "残業時間",
        aggregation=Aggregation.LAST,
        direction=Direction.LOWER,
        annual_target=20.0,
    ),
]
OWNERS = {10: "山田", 11: "佐藤"}


def rows_for(values: dict[int, list[float | None]], first: YearMonth) -> list[tuple]:
    return [
        (kpi_id, first.add(i).as_int(), v)
        for kpi_id, series in values.items()
        for i, v in enumerate(series)
        if v is not None
    ]


BASE = rows_for(
    {1: [10.0] * 20, 2: [3.5, 4.2] * 10, 3: [1.0, 0.0, 2.0, 1.0] * 5, 4: [25.0] * 19},
    YearMonth(2024, 4),
)


def build(cache: TileCache | None = None, **changes: object) -> DashboardReport:
    args: dict[str, object] = {
        "company": COMPANY,
        "fiscal_year": 2025,
        "today": TODAY,
        "departments": DEPARTMENTS,
        "kpis": KPIS,
        "owners": OWNERS,
        "actual_rows": BASE,
        "target_rows": [],
    }
    args.update(changes)
    return build_dashboard(cache=cache, **args)  # type: ignore[arg-type]


def shown(report: DashboardReport) -> str:
    """Everything the screen and the PDF take from a report, to the last bit."""
    return repr((report.sections, report.months, report.settled, report.owners))


def edited(rows: list[tuple], kpi_id: int, ym: int, value: float | None) -> list[tuple]:
    kept = [r for r in rows if r[:2] != (kpi_id, ym)]
    return kept if value is None else [*kept, (kpi_id, ym, value)]


# Each step changes one input the way an edit elsewhere in the app would; a cached build must
# show exactly what a fresh build shows.
STEPS: list[dict[str, object]] = [
    {},
    {"actual_rows": edited(BASE, 1, 202510, 99.0)},  # a value
    {"actual_rows": edited(BASE, 3, 202505, None)},  # a value cleared: a gap, a missing month
    {"actual_rows": edited(BASE, 2, 202409, 1.0)},  # last year's value (seasonality)
    {"target_rows": [(1, 202511, 30.0)]},  # a step target
    {"target_rows": [(1, 202511, 31.0)]},  # … changed
    {"kpis": [replace(KPIS[0], annual_target=240.0), *KPIS[1:]]},  # the annual target
    {"kpis": [replace(KPIS[0], name="改名"), *KPIS[1:]]},  # the KPI itself
    {"kpis": [*KPIS[:3], replace(KPIS[3], owner_id=11)]},  # the owner
    {"owners": {10: "山田 太郎", 11: "佐藤"}},  # the owner's name
    {"departments": [replace(DEPARTMENTS[0], name="総務・庶務部"), DEPARTMENTS[1]]},
    {"company": replace(COMPANY, thresholds=Thresholds(1.0, 0.95))},  # the thresholds
    {"fiscal_year": 2024},  # another year…
    {},  # … and back
    {"today": date(2025, 12, 11)},  # November becomes due
    {"kpis": KPIS[:3]},  # a KPI archived
    {"kpis": [*KPIS, Kpi(5, 2, "新しい指標", annual_target=1.0)]},  # one added
]


def test_a_cached_build_shows_what_a_fresh_build_shows_after_each_change():
    cache = TileCache()
    for step in STEPS:
        assert shown(build(cache, **step)) == shown(build(None, **step)), step


def test_unchanged_tiles_are_reused_and_changed_ones_are_not():
    cache = TileCache()
    first = build(cache)
    again = build(cache, actual_rows=edited(BASE, 1, 202510, 99.0))
    assert again.tile(2) is first.tile(2) and again.tile(3) is first.tile(3)
    assert again.tile(1) is not first.tile(1)
    assert again.tile(1).actuals[6] == 99.0  # October
    renamed = build(cache, kpis=[replace(KPIS[0], name="改名"), *KPIS[1:]])
    assert renamed.tile(1).kpi.name == "改名"


def test_clearing_the_cache_forgets_the_tiles():
    cache = TileCache()
    first = build(cache)
    cache.clear()
    assert build(cache).tile(1) is not first.tile(1)


MONTH_VALUES = st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.5, 10.0, 12.0, 30.0, -3.0]))


@settings(max_examples=60)
@given(
    st.lists(st.lists(MONTH_VALUES, min_size=24, max_size=24), min_size=4, max_size=4),
    st.lists(st.tuples(st.integers(1, 4), st.integers(0, 11), MONTH_VALUES), max_size=6),
    st.sampled_from([date(2025, 6, 20), TODAY, date(2026, 5, 1)]),
)
def test_each_tile_is_the_tile_of_the_previous_rules(values, steps, today):
    """The dashboard build (grouping the rows, shared active months and derived targets, step
    targets by month) gives each KPI the tile the previous build_tile gave it."""
    months = fiscal_months(2025, 4)
    first = YearMonth(2024, 4)
    actual_rows = rows_for({k.id: values[i] for i, k in enumerate(KPIS)}, first)
    target_rows = [(kpi_id, months[index].as_int(), value) for kpi_id, index, value in steps]
    report = build(actual_rows=actual_rows, target_rows=target_rows, today=today)
    overdue = [is_overdue(m, today) for m in months]
    for i, kpi in enumerate(KPIS):
        stored: dict[YearMonth, float] = {}
        for kpi_id, index, value in steps:
            if kpi_id == kpi.id and value is not None:
                stored[months[index]] = value
        expected = reference.build_tile(
            kpi,
            months,
            tuple(values[i][12:]),
            stored,
            tuple(values[i][:12]),
            company=COMPANY,
            today=today,
            settled=overdue[-1],
            owner_name=OWNERS.get(kpi.owner_id or 0, ""),
        )
        assert repr(report.tile(kpi.id)) == repr(expected)
