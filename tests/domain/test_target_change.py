"""When a KPI dialog save is a target revision, and what the year's targets become — pure,
table-driven."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.fiscal import YearMonth, fiscal_months
from domain.model import Aggregation, Direction, Kpi
from domain.target_change import (
    changed_targets,
    revision_figures,
    target_change,
    year_started,
)
from domain.target_revision import InvalidRevision, RevisionProblem

YM = YearMonth
MONTHS = fiscal_months(2025, 4)  # 2025-04 … 2026-03
OCTOBER = 6  # index of 2025-10
KPI = Kpi(7, 1, "採用人数", unit="人", annual_target=120.0, rationale="理由")
BLANK = dict.fromkeys(MONTHS)  # the month grid with no step target typed


@pytest.mark.parametrize(
    ("months", "today", "started"),
    [
        (MONTHS, YM(2025, 4), False),  # the first month: targets are still being set
        (MONTHS, YM(2025, 5), True),
        (MONTHS, YM(2026, 3), True),
        (MONTHS, YM(2026, 4), False),  # the year is over
        (MONTHS, YM(2025, 3), False),  # not begun
        (fiscal_months(2025, 1), YM(2025, 2), True),
        (fiscal_months(2025, 10), YM(2026, 1), True),
        (fiscal_months(2025, 10), YM(2025, 9), False),
    ],
)
def test_year_started(months, today, started):
    assert year_started(months, today) is started


@pytest.mark.parametrize(
    ("stored_kpi", "kpi", "stored", "edited"),
    [
        (KPI, replace(KPI, name="採用者数", rationale="別の理由", owner_id=3), {}, BLANK),
        (replace(KPI, id=0), replace(KPI, id=0, annual_target=180.0), {}, BLANK),  # new KPI
        (
            replace(KPI, direction=Direction.RANGE, range_low=1.0, range_high=2.0),
            replace(KPI, direction=Direction.RANGE, range_low=1.0, annual_target=99.0),
            {},
            BLANK,
        ),
        (replace(KPI, annual_target=None), KPI, {}, BLANK),  # a first target
        (KPI, replace(KPI, annual_target=None), {}, BLANK),  # every target removed
        # the annual target changes, but every month of this year has its own step target
        (
            KPI,
            replace(KPI, annual_target=180.0),
            dict.fromkeys(MONTHS, 5.0),
            dict.fromkeys(MONTHS, 5.0),
        ),
        # a step target typed equal to the derived one: the year's targets do not move
        (KPI, KPI, {}, {**BLANK, YM(2025, 12): 10.0}),
    ],
    ids=["other-fields", "new", "range", "first-target", "removed", "steps-cover", "same-value"],
)
def test_saves_that_are_not_revisions(stored_kpi, kpi, stored, edited):
    assert target_change(stored_kpi, kpi, MONTHS, stored, edited) is None


def test_annual_target_of_a_sum_kpi_spreads_the_rest_of_the_year():
    change = target_change(KPI, replace(KPI, annual_target=180.0), MONTHS, {}, BLANK)
    assert change is not None and not change.months_edited and change.old_target == 120.0
    result = changed_targets(change, OCTOBER)
    assert result == [10.0] * 6 + [20.0] * 6  # Apr–Sep keep 10, Oct–Mar share 180 − 60
    assert revision_figures(change, OCTOBER, result) == (120.0, 180.0)


@pytest.mark.parametrize(
    ("aggregation", "direction", "old", "new", "effective", "expected", "figures"),
    [
        (Aggregation.AVERAGE, Direction.HIGHER, 80.0, 85.0, 6, [80.0] * 6 + [85.0] * 6, (80, 85)),
        (Aggregation.AVERAGE, Direction.LOWER, 3.0, 2.5, 9, [3.0] * 9 + [2.5] * 3, (3, 2.5)),
        (Aggregation.LAST, Direction.HIGHER, 50.0, 70.0, 1, [50.0] + [70.0] * 11, (50, 70)),
        (Aggregation.MAX, Direction.LOWER, 5.0, 4.0, 11, [5.0] * 11 + [4.0], (5, 4)),
    ],
)
def test_annual_target_of_a_level_kpi(
    aggregation, direction, old, new, effective, expected, figures
):
    stored_kpi = replace(KPI, aggregation=aggregation, direction=direction, annual_target=old)
    change = target_change(stored_kpi, replace(stored_kpi, annual_target=new), MONTHS, {}, BLANK)
    assert change is not None
    result = changed_targets(change, effective)
    assert result == expected
    assert revision_figures(change, effective, result) == figures


def test_typed_step_targets_take_effect_as_typed_from_the_effective_month():
    edited = {**BLANK, YM(2025, 5): 30.0, YM(2025, 12): 15.0, YM(2026, 1): 15.0}
    change = target_change(KPI, KPI, MONTHS, {}, edited)
    assert change is not None and change.months_edited
    result = changed_targets(change, OCTOBER)
    # May was typed too, but it is before the effective month: it keeps its target
    assert result == [10.0] * 8 + [15.0, 15.0] + [10.0] * 2
    assert revision_figures(change, OCTOBER, result) == (120.0, 130.0)
    from_may = changed_targets(change, 1)
    assert from_may[1] == 30.0 and sum(from_may) == 150.0


def test_a_cleared_step_target_goes_back_to_the_annual_share():
    stored = {YM(2025, 11): 40.0}  # 11 months × 10 derived + 40 stored = 150
    change = target_change(KPI, KPI, MONTHS, stored, BLANK)  # 11月 cleared in the grid
    assert change is not None and change.old_target == 150.0
    result = changed_targets(change, OCTOBER)
    assert result == [10.0] * 12
    assert revision_figures(change, OCTOBER, result) == (150.0, 120.0)


def test_step_targets_and_annual_target_changed_together_follow_the_grid():
    edited = {**BLANK, YM(2026, 3): 50.0}
    change = target_change(KPI, replace(KPI, annual_target=240.0), MONTHS, {}, edited)
    assert change is not None and change.months_edited
    assert changed_targets(change, OCTOBER) == [10.0] * 6 + [20.0] * 5 + [50.0]


@pytest.mark.parametrize(
    ("edited", "effective", "problem"),
    [
        ({**BLANK, YM(2025, 5): 30.0}, OCTOBER, RevisionProblem.UNCHANGED),  # only a past month
        ({**BLANK, YM(2025, 5): 30.0}, 12, RevisionProblem.OUTSIDE_YEAR),
        ({**BLANK, YM(2025, 5): 30.0}, -1, RevisionProblem.OUTSIDE_YEAR),
    ],
)
def test_refusals(edited, effective, problem):
    change = target_change(KPI, KPI, MONTHS, {}, edited)
    assert change is not None
    with pytest.raises(InvalidRevision) as raised:
        changed_targets(change, effective)
    assert raised.value.problem is problem


def test_annual_change_after_the_kpis_deadline_has_no_month_left():
    stored_kpi = replace(KPI, deadline=YM(2025, 9))
    change = target_change(stored_kpi, replace(stored_kpi, annual_target=60.0), MONTHS, {}, BLANK)
    assert change is not None
    with pytest.raises(InvalidRevision) as raised:
        changed_targets(change, OCTOBER)
    assert raised.value.problem is RevisionProblem.NO_MONTH_LEFT
