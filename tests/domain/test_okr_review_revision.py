"""OKR roll-up and pace, review periods and figures, target revision rules — pure, table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from domain.achievement import monthly_targets
from domain.fiscal import YearMonth, fiscal_months
from domain.model import Aggregation, Direction, Kpi, Objective, ObjectiveLevel, Status, Thresholds
from domain.okr import (
    CheckIn,
    InvalidCheckIn,
    KeyResult,
    OkrPace,
    OkrProblem,
    build_okr_views,
    check_check_in,
    key_result_progress,
    okr_pace,
    okr_problems,
    quarter_elapsed,
    rolled_up,
)
from domain.review import (
    Review,
    ReviewAction,
    ReviewProblem,
    ReviewScope,
    period_months,
    period_rows,
    period_start,
    review_problems,
)
from domain.target_revision import (
    InvalidRevision,
    RevisionProblem,
    revised_targets,
    year_target,
)

MONTHS = fiscal_months(2025, 4)

# --------------------------------------------------------------------------- OKR


@pytest.mark.parametrize(
    ("start", "target", "current", "expected"),
    [
        (0, 80, None, 0.0),  # no check-in yet
        (0, 80, 40, 0.5),
        (60, 80, 70, 0.5),  # from a start value, not from zero
        (60, 80, 90, 1.0),  # beyond the target: capped
        (60, 80, 50, 0.0),  # below the start: floored
        (20, 5, 10, 2 / 3),  # lower is better (e.g. 問い合わせ待ち時間 20 → 5 分)
        (20, 5, 25, 0.0),
    ],
)
def test_key_result_progress(start, target, current, expected):
    kr = KeyResult(1, 1, "kr", start, target)
    assert key_result_progress(kr, current) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(1.0, 1), (0.0, 1)], 0.5),
        ([(1.0, 3), (0.0, 1)], 0.75),  # weighted, not a plain mean
        ([(0.8, 0.826), (0.2, 0.165), (0.0, 0.008)], (0.8 * 0.826 + 0.2 * 0.165) / 0.999),
        ([(1.0, 0), (0.0, 0)], 0.5),  # all weights 0: plain mean
        ([], None),
    ],
)
def test_weighted_roll_up(pairs, expected):
    result = rolled_up(pairs)
    assert result == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("progress", "elapsed", "expected"),
    [
        (0.5, 0.5, OkrPace.ON_TRACK),
        (0.3, 0.5, OkrPace.ON_TRACK),
        (0.29, 0.5, OkrPace.IN_DANGER),
        (0.09, 0.5, OkrPace.OFF_TRACK),
        (1.0, 0.1, OkrPace.ON_TRACK),
    ],
)
def test_okr_pace_burning_okr_thresholds(progress, elapsed, expected):
    assert okr_pace(progress, elapsed) is expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 3, 31), 0.0),
        (date(2025, 4, 1), 1 / 91),
        (date(2025, 5, 16), 46 / 91),
        (date(2025, 6, 30), 1.0),
        (date(2025, 8, 1), 1.0),
    ],
)
def test_quarter_elapsed(today, expected):
    assert quarter_elapsed(2025, 1, today, 4) == pytest.approx(expected)


def objective(**kw) -> Objective:
    values = dict(
        id=1,
        title="部門の戦略的価値を高める",
        level=ObjectiveLevel.OKR,
        department_id=1,
        fiscal_year=2025,
        quarter=1,
    )
    values.update(kw)
    return Objective(**values)


def krs(n: int) -> list[KeyResult]:
    return [KeyResult(0, 1, f"KR{i}", 0, 100) for i in range(n)]


@pytest.mark.parametrize(
    ("obj", "key_results", "problems"),
    [
        (objective(), krs(2), []),
        (objective(), krs(5), []),
        (objective(), krs(1), [OkrProblem.TOO_FEW_KEY_RESULTS]),
        (objective(), krs(6), [OkrProblem.TOO_MANY_KEY_RESULTS]),
        (objective(quarter=None), krs(3), [OkrProblem.NO_QUARTER]),
        (objective(title=" "), krs(3), [OkrProblem.NO_TITLE]),
        (
            objective(),
            [KeyResult(0, 1, "", 0, 1), KeyResult(0, 1, "b", 1, 1, weight=-1)],
            [
                OkrProblem.KEY_RESULT_WITHOUT_TITLE,
                OkrProblem.NEGATIVE_WEIGHT,
                OkrProblem.START_EQUALS_TARGET,
            ],
        ),
    ],
)
def test_okr_problems(obj, key_results, problems):
    assert okr_problems(obj, key_results) == problems


@pytest.mark.parametrize("confidence", [-1, 11])
def test_confidence_outside_0_to_10_is_refused(confidence):
    with pytest.raises(InvalidCheckIn):
        check_check_in(CheckIn(0, 1, date(2025, 5, 1), 1.0, confidence))


def test_okr_view_rolls_up_latest_check_ins_with_weights():
    a = KeyResult(1, 1, "満足度80%以上", 60, 80, weight=3)
    b = KeyResult(2, 1, "FAQ 40本", 0, 40, weight=1)
    check_ins = [
        CheckIn(1, 1, date(2025, 4, 20), 62, 5),
        CheckIn(2, 1, date(2025, 5, 20), 70, 7),  # latest for a: progress 0.5
        CheckIn(3, 2, date(2025, 5, 1), 40, 9),  # b done
    ]
    (view,) = build_okr_views(
        [objective()], [a, b], check_ins, today=date(2025, 5, 16), fiscal_year_start=4
    )
    assert [v.progress for v in view.key_results] == [0.5, 1.0]
    assert view.progress == pytest.approx((3 * 0.5 + 1.0) / 4)
    assert view.confidence == pytest.approx((3 * 7 + 9) / 4)
    assert view.pace is OkrPace.ON_TRACK


# --------------------------------------------------------------------------- reviews


@pytest.mark.parametrize(
    ("scope", "month", "start", "expected"),
    [
        (ReviewScope.MONTHLY, YearMonth(2025, 5), 4, [(2025, 5)]),
        (ReviewScope.QUARTERLY, YearMonth(2025, 4), 4, [(2025, 4), (2025, 5), (2025, 6)]),
        (ReviewScope.QUARTERLY, YearMonth(2026, 2), 4, [(2026, 1), (2026, 2), (2026, 3)]),
        (ReviewScope.QUARTERLY, YearMonth(2025, 11), 10, [(2025, 10), (2025, 11), (2025, 12)]),
        (ReviewScope.QUARTERLY, YearMonth(2026, 1), 11, [(2025, 11), (2025, 12), (2026, 1)]),
    ],
)
def test_period_months(scope, month, start, expected):
    assert period_months(scope, month, start) == tuple(YearMonth(*m) for m in expected)
    assert period_start(scope, month, start) == YearMonth(*expected[0])


def review(**kw) -> Review:
    values = dict(
        id=0,
        department_id=1,
        held_on=date(2025, 7, 10),
        scope=ReviewScope.QUARTERLY,
        first_month=YearMonth(2025, 4),
        notes="第1四半期の振り返り",
    )
    values.update(kw)
    return Review(**values)


@pytest.mark.parametrize(
    ("r", "problems"),
    [
        (review(), []),
        (review(first_month=YearMonth(2025, 5)), [ReviewProblem.NOT_FIRST_MONTH]),
        (review(scope=ReviewScope.MONTHLY, first_month=YearMonth(2025, 5)), []),
        (review(actions=(ReviewAction(0, " "),)), [ReviewProblem.ACTION_WITHOUT_TEXT]),
        (review(notes=""), [ReviewProblem.EMPTY]),
        (review(notes="", actions=(ReviewAction(0, "FAQを改訂"),)), []),
    ],
)
def test_review_problems(r, problems):
    assert review_problems(r, 4) == problems


def test_period_rows_split_the_annual_target_over_the_year_not_the_period():
    kpi = Kpi(1, 1, "採用人数", annual_target=12.0)
    lower = Kpi(
        2,
        1,
        "差戻し率",
        direction=Direction.LOWER,
        aggregation=Aggregation.AVERAGE,
        annual_target=3.0,
    )
    period = period_months(ReviewScope.QUARTERLY, YearMonth(2025, 4), 4)
    actuals = {
        (1, YearMonth(2025, 4)): 1.0,
        (1, YearMonth(2025, 5)): 1.0,
        (1, YearMonth(2025, 6)): 0.0,
        (2, YearMonth(2025, 4)): 3.3,
    }
    rows = period_rows([kpi, lower], MONTHS, period, actuals, {}, Thresholds())
    assert (rows[0].actual, rows[0].target) == (2.0, 3.0)
    assert rows[0].status is Status.MISSED and rows[0].months_with_values == 3
    assert rows[1].achievement == pytest.approx(0.9) and rows[1].status is Status.CAUTION


# --------------------------------------------------------------------------- target revisions

HIRES = [4.0, 0, 1, 1, 0, 1, 2, 0, 1, 1, 0, 1]  # Σ 12


def revise(kpi: Kpi, current, index, new):
    return revised_targets(kpi, MONTHS, current, index, new)


def test_sum_revision_keeps_earlier_months_and_spreads_the_rest_in_proportion():
    kpi = Kpi(1, 1, "採用人数", annual_target=12.0)
    result = revise(kpi, HIRES, 6, 10.0)  # from October: 7 hired-to-plan before, 3 left to share
    assert result[:6] == HIRES[:6]
    assert result[6:] == pytest.approx([2 * 3 / 5, 0, 3 / 5, 3 / 5, 0, 3 / 5])
    assert sum(result) == pytest.approx(10.0)


def test_sum_revision_of_even_targets():
    kpi = Kpi(1, 1, "件数", annual_target=120.0)
    current = monthly_targets(kpi, MONTHS, {})
    result = revise(kpi, current, 9, 150.0)
    assert result[:9] == [10.0] * 9 and result[9:] == pytest.approx([20.0] * 3)


def test_sum_revision_over_zero_targets_spreads_evenly():
    kpi = Kpi(1, 1, "件数", annual_target=0.0)
    result = revise(kpi, [0.0] * 12, 8, 8.0)
    assert result[8:] == [2.0] * 4


def test_level_revision_moves_the_remaining_months_by_the_difference():
    ramp = [48.0 + 32 * i / 11 for i in range(12)]
    kpi = Kpi(1, 1, "電子化率", aggregation=Aggregation.LAST, annual_target=80.0)
    result = revise(kpi, ramp, 6, 70.0)
    assert result[:6] == ramp[:6]
    assert result[6:] == pytest.approx([v - 10 for v in ramp[6:]])
    assert year_target(kpi, result) == pytest.approx(70.0)


def test_lower_average_revision():
    kpi = Kpi(
        1,
        1,
        "差戻し率",
        direction=Direction.LOWER,
        aggregation=Aggregation.AVERAGE,
        annual_target=3.0,
    )
    current = monthly_targets(kpi, MONTHS, {})
    assert revise(kpi, current, 3, 4.0) == [3.0] * 3 + [4.0] * 9


def test_revision_only_touches_active_months_of_a_kpi_started_mid_year():
    kpi = Kpi(1, 1, "件数", annual_target=60.0, start=YearMonth(2025, 10))
    current = monthly_targets(kpi, MONTHS, {})
    result = revise(kpi, current, 8, 70.0)
    assert result[:6] == [None] * 6 and result[6:8] == [10.0, 10.0]
    assert result[8:] == pytest.approx([12.5] * 4)


@pytest.mark.parametrize(
    ("index", "problem"),
    [(12, RevisionProblem.OUTSIDE_YEAR), (-1, RevisionProblem.OUTSIDE_YEAR)],
)
def test_revision_outside_the_year(index, problem):
    with pytest.raises(InvalidRevision) as raised:
        revise(Kpi(1, 1, "k", annual_target=1.0), [1.0] * 12, index, 2.0)
    assert raised.value.problem is problem


def test_revision_after_the_kpis_deadline_has_no_month_left():
    kpi = Kpi(1, 1, "k", annual_target=12.0, deadline=YearMonth(2025, 9))
    with pytest.raises(InvalidRevision) as raised:
        revise(kpi, monthly_targets(kpi, MONTHS, {}), 6, 20.0)
    assert raised.value.problem is RevisionProblem.NO_MONTH_LEFT
