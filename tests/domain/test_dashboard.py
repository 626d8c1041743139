"""The dashboard report from constructed rows: tiles, summaries, filters, tile reuse, charts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.dashboard import (
    DashboardFilter,
    TileCache,
    apply_filter,
    build_dashboard,
    default_fiscal_year,
)
from domain.fiscal import YearMonth
from domain.forecast import Method, WarningKind
from domain.kpi_detail import chart_series
from domain.model import Aggregation, Company, Department, Direction, Kpi, Status
from domain.review import OpenAction, ReviewAction, ReviewScope

COMPANY = Company(1, "テスト", 4)
SALES = Department(1, "総務部", "社員が本業に集中できる職場")
HR = Department(2, "人事部", "人が育つ会社")
TODAY = date(2025, 10, 15)  # April–September are due (September by 10/10)


def k(kid: int, dept: int, target: float, *, owner: int | None = None, **kw: object) -> Kpi:
    return Kpi(kid, dept, f"KPI{kid}", annual_target=target, owner_id=owner, **kw)


def rows(kpi_id: int, first: YearMonth, values: list[float | None]) -> list[tuple]:
    return [(kpi_id, first.add(i).as_int(), v) for i, v in enumerate(values) if v is not None]


KPIS = [
    k(1, 1, 120.0, owner=10),  # on target: 10 a month
    k(2, 1, 120.0, owner=11),  # 9.5 a month: 注意
    k(3, 2, 120.0, owner=10),  # 5 a month: 未達, warnings
    k(4, 2, 120.0),  # no values
]
ACTUALS = (
    rows(1, YearMonth(2025, 4), [10.0] * 6)
    + rows(2, YearMonth(2025, 4), [9.5] * 6)
    + rows(3, YearMonth(2025, 4), [5.0] * 6)
    + rows(1, YearMonth(2024, 4), [8.0] * 12)  # last year: ignored for this year's status
    + rows(1, YearMonth(2023, 4), [99.0])  # outside both years: ignored
)
ACTION = OpenAction(
    ReviewAction(7, "手順書を更新", owner_id=11, due=date(2025, 11, 30)),
    1,
    3,
    date(2025, 10, 5),
    ReviewScope.MONTHLY,
    YearMonth(2025, 9),
)


def build(**kw):
    args = dict(
        company=COMPANY,
        fiscal_year=2025,
        today=TODAY,
        departments=[SALES, HR],
        kpis=KPIS,
        owners={10: "山田", 11: "佐藤"},
        actual_rows=ACTUALS,
        target_rows=[],
        open_actions=[ACTION],
    )
    args.update(kw)
    return build_dashboard(**args)


def test_tiles_have_status_latest_value_and_sparkline():
    report = build()
    tiles = {t.kpi.id: t for t in report.tiles()}
    assert [tiles[i].status for i in (1, 2, 3, 4)] == [
        Status.ACHIEVED,
        Status.CAUTION,
        Status.MISSED,
        Status.NO_DATA,
    ]
    assert tiles[1].latest_month == YearMonth(2025, 9) and tiles[1].latest_value == 10.0
    assert tiles[1].actuals == (10.0,) * 6 + (None,) * 6
    assert tiles[1].last_year == (8.0,) * 12
    assert tiles[1].targets == (10.0,) * 12
    assert tiles[2].ytd_achievement == pytest.approx(0.95)
    assert tiles[1].owner_name == "山田" and tiles[4].owner_name == ""


def test_forecast_and_warnings_on_tiles():
    tiles = {t.kpi.id: t for t in build().tiles()}
    assert tiles[1].forecast.method is Method.SEASONAL  # 6 + 12 months of history
    assert tiles[1].forecast.year_end == pytest.approx(120.0)
    assert tiles[3].forecast.achievement == pytest.approx(0.5)
    assert {w.kind for w in tiles[3].warnings} == {WarningKind.FORECAST, WarningKind.PACE}
    assert tiles[1].warnings == ()
    assert tiles[4].forecast.method is Method.NONE


def test_missing_months_on_tiles():
    tiles = {t.kpi.id: t for t in build().tiles()}
    assert tiles[1].missing == ()
    assert tiles[4].missing == tuple(YearMonth(2025, m) for m in range(4, 10))


def test_sections_keep_department_order_mission_and_summary():
    report = build()
    assert [s.department.name for s in report.sections] == ["総務部", "人事部"]
    first, second = report.sections
    assert first.department.mission == "社員が本業に集中できる職場"
    assert (first.summary.achieved, first.summary.caution, first.summary.open_actions) == (1, 1, 1)
    assert (second.summary.missed, second.summary.no_data, second.summary.warnings) == (1, 1, 1)
    assert second.summary.missing_kpis == 1 and second.summary.kpis == 2
    assert first.open_actions == (ACTION,) and second.open_actions == ()


def test_a_settled_year_has_no_estimates_or_warnings():
    report = build(today=date(2026, 4, 11))  # March was due on 4/10
    assert report.settled
    tile = report.tile(3)
    assert tile.forecast.method is Method.ACTUAL and tile.warnings == () and tile.pace is None


def test_stored_step_targets_win():
    report = build(target_rows=[(1, 202504, 30.0), (1, 202404, 99.0)])
    assert report.tile(1).targets[:2] == (30.0, 10.0)


@pytest.mark.parametrize(
    ("criteria", "expected_ids", "departments"),
    [
        (DashboardFilter(), [1, 2, 3, 4], ["総務部", "人事部"]),
        (DashboardFilter(department_id=2), [3, 4], ["人事部"]),
        (DashboardFilter(owner_id=10), [1, 3], ["総務部", "人事部"]),
        (DashboardFilter(owner_id=11), [2], ["総務部"]),
        (
            DashboardFilter(statuses=frozenset({Status.MISSED, Status.CAUTION})),
            [2, 3],
            ["総務部", "人事部"],
        ),
        (DashboardFilter(department_id=1, statuses=frozenset({Status.MISSED})), [], ["総務部"]),
    ],
)
def test_filters(criteria, expected_ids, departments):
    narrowed = apply_filter(build(), criteria)
    assert [t.kpi.id for t in narrowed.tiles()] == expected_ids
    assert [s.department.name for s in narrowed.sections] == departments


def test_filter_recounts_summaries_and_actions():
    narrowed = apply_filter(build(), DashboardFilter(owner_id=10))
    first = narrowed.sections[0]
    assert (first.summary.kpis, first.summary.achieved, first.summary.open_actions) == (1, 1, 0)


def test_cache_reuses_unchanged_tiles_and_recomputes_changed_ones():
    cache = TileCache()
    first = build(cache=cache)
    edited = [r for r in ACTUALS if r[:2] != (3, 202509)] + [(3, 202509, 50.0)]
    second = build(cache=cache, actual_rows=edited)
    assert second.tile(1) is first.tile(1)
    assert second.tile(3) is not first.tile(3)
    assert second.tile(3) == build(actual_rows=edited).tile(3)  # same as a fresh build
    renamed = [replace(KPIS[0], name="改名"), *KPIS[1:]]
    third = build(cache=cache, kpis=renamed, actual_rows=edited)
    assert third.tile(1).kpi.name == "改名"


def test_cache_is_per_fiscal_year_and_day():
    cache = TileCache()
    first = build(cache=cache)
    other = build(cache=cache, fiscal_year=2024)
    assert other.tile(1).actuals == (8.0,) * 12
    later = build(cache=cache, today=date(2025, 11, 11))  # October becomes due
    assert later.tile(4).missing[-1] == YearMonth(2025, 10)
    assert build(cache=cache).tile(1) is first.tile(1)  # kept for a few generations


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2025, 4, 15), 2024), (date(2025, 5, 1), 2025), (date(2026, 3, 31), 2025)],
)
def test_default_fiscal_year_is_that_of_the_last_finished_month(today, expected):
    assert default_fiscal_year(today, 4) == expected


# --------------------------------------------------------------------------- chart series


def test_monthly_chart_series_with_forecast_and_band():
    report = build()
    tile = report.tile(2)  # 9.5 a month: run-rate? seasonality needs last year: none → trend/run
    series = chart_series(tile, report.months, cumulative=False)
    assert series.actual == tile.actuals and series.target == (10.0,) * 12
    assert series.forecast[:5] == (None,) * 5
    assert series.forecast[5] == 9.5  # starts at the last value
    assert series.forecast[6:] == (9.5,) * 6
    assert series.band_low[6:] == (9.5,) * 6  # constant values: no spread


def test_cumulative_chart_series_ends_at_the_year_end_forecast():
    report = build()
    tile = report.tile(3)
    series = chart_series(tile, report.months, cumulative=True)
    assert series.actual[:6] == (5.0, 10.0, 15.0, 20.0, 25.0, 30.0)
    assert series.target[-1] == pytest.approx(120.0)
    assert series.forecast[-1] == pytest.approx(tile.forecast.year_end)
    assert series.forecast[5] == 30.0 and series.forecast[4] is None


def test_cumulative_band_widens_with_the_estimated_months():
    kpi = k(9, 1, 120.0)
    report = build(kpis=[kpi], actual_rows=rows(9, YearMonth(2025, 4), [8, 12, 10, 10, 8, 12]))
    tile = report.tile(9)
    series = chart_series(tile, report.months, cumulative=True)
    sigma = tile.forecast.sigma
    widths = [h - lo for h, lo in zip(series.band_high[5:], series.band_low[5:], strict=True)]
    assert widths[0] == 0.0
    assert widths[-1] == pytest.approx(2 * sigma * 6**0.5)
    assert widths == sorted(widths)


def test_chart_of_a_kpi_without_values_has_no_forecast_line():
    report = build()
    series = chart_series(report.tile(4), report.months, cumulative=False)
    assert series.forecast == (None,) * 12 and series.actual == (None,) * 12


def test_lower_kpi_tile():
    kpi = k(5, 1, 3.0, direction=Direction.LOWER, aggregation=Aggregation.AVERAGE)
    report = build(kpis=[kpi], actual_rows=rows(5, YearMonth(2025, 4), [4.5] * 6))
    tile = report.tile(5)
    assert tile.status is Status.MISSED
    assert tile.ytd_achievement == pytest.approx(0.5)
    assert [w.kind for w in tile.warnings] == [WarningKind.FORECAST]
