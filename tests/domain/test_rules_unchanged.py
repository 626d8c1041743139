"""The faster period, forecast, pace, warning and tile functions give exactly what the previous
implementations (tests/domain/reference_rules.py) gave, on random KPIs and monthly series: same
numbers to the last bit (compared through repr, which tells 0.0 from -0.0), same methods, same
warnings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from domain import achievement as fast_achievement
from domain import dashboard as fast_dashboard
from domain import forecast as fast_forecast
from domain.achievement import is_active, monthly_targets
from domain.fiscal import YearMonth, fiscal_months
from domain.missing_entries import due_date
from domain.model import Aggregation, Company, Department, Direction, Kpi, KpiKind, Thresholds
from tests.domain import reference_rules as reference

NUMBERS = st.one_of(
    st.sampled_from([0.0, -0.0, 1.0, 2.5, 10.0, 100.0, -5.0, 0.1, 0.2, 0.3]),
    st.integers(min_value=-50, max_value=200),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
)
MAYBE = st.one_of(st.none(), NUMBERS)
MONTH = st.builds(YearMonth, st.sampled_from([2024, 2025, 2026]), st.integers(1, 12))


@st.composite
def kpis(draw: st.DrawFn) -> Kpi:
    return Kpi(
        id=draw(st.integers(1, 9)),
        department_id=1,
        name="指標",
        direction=draw(st.sampled_from(list(Direction))),
        aggregation=draw(st.sampled_from(list(Aggregation))),
        baseline=draw(st.one_of(st.none(), st.none(), NUMBERS)),
        annual_target=draw(MAYBE),
        range_low=draw(st.one_of(st.none(), NUMBERS)),
        range_high=draw(st.one_of(st.none(), NUMBERS)),
        kind=draw(st.sampled_from(list(KpiKind))),
        active_months=tuple(sorted(draw(st.sets(st.integers(1, 12), min_size=1, max_size=12)))),
        start=draw(st.one_of(st.none(), MONTH)),
        deadline=draw(st.one_of(st.none(), MONTH)),
    )


def twelve(values: st.SearchStrategy[float | None]) -> st.SearchStrategy[tuple]:
    return st.lists(values, min_size=12, max_size=12).map(tuple)


# mostly full years (the common case and its fast paths), sometimes sparse ones
SERIES = st.one_of(twelve(NUMBERS), twelve(MAYBE), twelve(st.one_of(st.none(), st.none(), NUMBERS)))


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    kpi = draw(kpis())
    months = fiscal_months(2025, draw(st.integers(1, 12)))
    actuals = draw(SERIES)
    if draw(st.booleans()):
        stored = {m: v for m, v in zip(months, draw(twelve(MAYBE)), strict=True) if v is not None}
        targets = tuple(monthly_targets(kpi, months, stored))
    else:
        targets = draw(SERIES)
    last_year = draw(st.one_of(st.just(()), SERIES))
    return kpi, months, actuals, targets, last_year


def same(new: object, old: object) -> None:
    assert repr(new) == repr(old)


@settings(max_examples=250)
@given(cases())
def test_period_functions_are_unchanged(case):
    kpi, _months, actuals, targets, _last = case
    same(
        fast_achievement.period_figures(kpi, actuals, targets),
        reference.period_figures(kpi, actuals, targets),
    )
    same(fast_achievement.period_actual(kpi, actuals), reference.period_actual(kpi, actuals))
    same(
        fast_achievement.period_achievement(kpi, actuals, targets),
        reference.period_achievement(kpi, actuals, targets),
    )
    same(
        fast_achievement.period_actual_and_achievement(kpi, actuals, targets),
        (
            reference.period_actual(kpi, actuals),
            reference.period_achievement(kpi, actuals, targets),
        ),
    )


@settings(max_examples=250)
@given(cases(), st.booleans())
def test_forecast_band_and_pace_are_unchanged(case, final):
    kpi, months, actuals, targets, last_year = case
    active = [is_active(kpi, m) for m in months]
    new = fast_forecast.forecast_year_end(
        kpi, months, actuals, targets, last_year=last_year, final=final
    )
    old = reference.forecast_year_end(
        kpi, months, actuals, targets, last_year=last_year, final=final
    )
    same(new, old)
    same(
        fast_forecast.forecast_year_end(
            kpi, months, actuals, targets, last_year=last_year, final=final, active=active
        ),
        old,
    )
    same(fast_forecast.forecast_band(kpi, new, targets), reference.forecast_band(kpi, old, targets))
    new_pace = fast_forecast.pace_of(kpi, months, actuals, targets)
    old_pace = reference.pace_of(kpi, months, actuals, targets)
    same(new_pace, old_pace)
    thresholds = Thresholds()
    same(
        fast_forecast.early_warnings(kpi, new, new_pace, thresholds, targets),
        reference.early_warnings(kpi, old, old_pace, thresholds, targets),
    )


@settings(max_examples=120)
@given(cases(), st.sampled_from([date(2025, 4, 5), date(2025, 11, 20), date(2026, 4, 30)]))
def test_tiles_are_unchanged(case, today):
    kpi, months, actuals, _targets, last_year = case
    stored = {months[2]: 7.0} if kpi.id % 2 else {}
    company = Company(1, "会社", months[0].month)
    settled = today > date(2026, 4, 10)
    args = (kpi, months, actuals, stored, last_year or (None,) * 12)
    options = {"company": company, "today": today, "settled": settled, "owner_name": "山田"}
    same(fast_dashboard.build_tile(*args, **options), reference.build_tile(*args, **options))


@st.composite
def dashboards(draw: st.DrawFn) -> tuple:
    """Several random KPIs, some of them entered alike (the same months filled), so that the
    build shares months, targets and shapes between them; a few stored step targets."""
    count = draw(st.integers(1, 6))
    masks = draw(
        st.lists(st.lists(st.booleans(), min_size=24, max_size=24), min_size=1, max_size=2)
    )
    found = []
    for kpi_id in range(1, count + 1):
        kpi = replace(draw(kpis()), id=kpi_id)
        if draw(st.booleans()):  # the same months as another KPI, other values
            mask = draw(st.sampled_from(masks))
            values = [draw(NUMBERS) if filled else None for filled in mask]
        else:
            values = draw(st.lists(MAYBE, min_size=24, max_size=24))
        steps = draw(st.lists(st.tuples(st.integers(0, 11), NUMBERS), max_size=3))
        found.append((kpi, values, dict(steps)))
    return found


@settings(max_examples=80)
@given(
    dashboards(),
    st.integers(1, 12),
    st.sampled_from([date(2025, 4, 5), date(2025, 11, 20), date(2026, 4, 30)]),
)
def test_a_whole_build_gives_each_kpi_the_tile_of_the_previous_rules(found, start, today):
    """build_dashboard (rows grouped, active months, derived targets and shapes shared between
    KPIs) gives every KPI the tile the previous build_tile gave it on its own."""
    company = Company(1, "会社", start)
    months = fiscal_months(2025, start)
    first = months[0].add(-12)
    actual_rows = [
        (kpi.id, first.add(i).as_int(), v)
        for kpi, values, _steps in found
        for i, v in enumerate(values)
        if v is not None
    ]
    target_rows = [
        (kpi.id, months[i].as_int(), v) for kpi, _values, steps in found for i, v in steps.items()
    ]
    report = fast_dashboard.build_dashboard(
        company=company,
        fiscal_year=2025,
        today=today,
        departments=[Department(1, "部")],
        kpis=[kpi for kpi, _v, _s in found],
        owners={},
        actual_rows=actual_rows,
        target_rows=target_rows,
    )
    settled = today > due_date(months[-1])
    for kpi, values, steps in found:
        stored = {months[i]: v for i, v in steps.items()}
        expected = reference.build_tile(
            kpi,
            months,
            tuple(values[12:]),
            stored,
            tuple(values[:12]),
            company=company,
            today=today,
            settled=settled,
        )
        same(report.tile(kpi.id), expected)
