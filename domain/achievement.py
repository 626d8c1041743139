"""Achievement (達成率), aggregation of monthly values, monthly targets and status (達成/注意/未達).

Achievement is a ratio (1.0 = 100 %) that is direction-aware and never divides by zero. Notation:
``a`` = actual, ``t`` = target, ``b`` = baseline, ``[low, high]`` = acceptable band.

* **Baseline** given and ``b ≠ t`` (HIGHER and LOWER alike): ``(a − b) / (t − b)`` — 0 % at the
  baseline, 100 % at the target, whichever side the target is on. Not floored: worse than the
  baseline is negative.
* **HIGHER**, no baseline: ``a / t`` (``t > 0``). Not floored.
* **LOWER**, no baseline: ``2 − a / t`` (``t > 0``), floored at 0 — 100 % at the target, 200 % at
  zero, 0 % at twice the target. Chosen over ``t / a`` because it is linear (one unit better is
  worth as much as one unit worse), bounded where the KPI can be (a ≥ 0 gives ≤ 200 %), and never
  divides by the actual, which for LOWER KPIs is often 0 (遅延ゼロ).
* Both can be written ``HIGHER = 1 + (a − t) / |t|`` and ``LOWER = 1 − (a − t) / |t|``; that form is
  also used for a *negative* target, where ``a / t`` would reward the wrong direction (a loss target
  of −100 and an actual of −50 is 150 %, not 50 %). Computed as ``a / t`` or ``(2t − a) / t``, so
  that e.g. target 10, actual 11 is exactly 0.9, not 0.8999….
* ``t = 0`` (遅延ゼロ, 事故ゼロ): HIGHER → 1.0 if ``a ≥ 0`` else 0.0; LOWER → 1.0 if
  ``a ≤ 0`` else 0.0. A ratio to zero has no meaning, so the result is met / not met.
* **RANGE**: 1.0 inside ``[low, high]``; below → ``1 − (low − a) / scale``, above →
  ``1 − (a − high) / scale``, with ``scale = max(|low|, |high|, high − low)`` (1 when that is 0),
  floored at 0. One bound missing: one-sided (scale from the bound that is present). No bounds:
  the target is used as the band ``[t, t]``. An inverted band (low > high) gives ``None``
  (:func:`domain.kpi_checks.kpi_errors` reports it). The baseline is not used for RANGE.

``None`` is returned whenever the achievement cannot be computed (a missing actual or target, a
non-finite input). The result is never ``-0.0``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from domain.fiscal import YearMonth
from domain.model import Aggregation, Direction, Kpi, Status, Thresholds
from domain.shape import Take

# Float noise tolerance when comparing an achievement to a threshold (0.8999999999999999 is 90 %).
THRESHOLD_TOLERANCE = 1e-9

# Members read for every KPI of every refresh, bound once: on Python 3.11 looking a member up on its
# enum class (EnumType.__getattr__) costs about ten times reading a module constant.
_SUM, _AVERAGE, _LAST = Aggregation.SUM, Aggregation.AVERAGE, Aggregation.LAST
_MIN, _MAX = Aggregation.MIN, Aggregation.MAX
_HIGHER, _RANGE = Direction.HIGHER, Direction.RANGE
_ACHIEVED, _CAUTION, _MISSED, _NO_DATA = (
    Status.ACHIEVED,
    Status.CAUTION,
    Status.MISSED,
    Status.NO_DATA,
)


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _clean(value: float) -> float:
    return value + 0.0  # -0.0 → 0.0


def _range_achievement(
    actual: float, low: float | None, high: float | None, target: float | None
) -> float | None:
    low = low if _finite(low) else None
    high = high if _finite(high) else None
    if low is None and high is None:
        if not _finite(target):
            return None
        low = high = target
    if low is not None and high is not None and low > high:
        return None
    if low is not None and actual < low:
        distance = low - actual
    elif high is not None and actual > high:
        distance = actual - high
    else:
        return 1.0
    candidates = [abs(bound) for bound in (low, high) if bound is not None]
    if low is not None and high is not None:
        candidates.append(high - low)
    scale = max(candidates) or 1.0
    return _clean(max(0.0, 1.0 - distance / scale))


def achievement(
    actual: float | None,
    target: float | None,
    direction: Direction,
    *,
    baseline: float | None = None,
    low: float | None = None,
    high: float | None = None,
) -> float | None:
    """Achievement ratio of ``actual`` against ``target`` (formulas in the module docstring)."""
    if actual is None or not math.isfinite(actual):
        return None
    if direction is _RANGE:
        return _range_achievement(actual, low, high, target)
    if target is None or not math.isfinite(target):
        return None
    if baseline is not None and math.isfinite(baseline) and baseline != target:
        return _clean((actual - baseline) / (target - baseline))
    if target == 0.0:  # float literals: comparing a float with an int is dearer
        if direction is _HIGHER:
            return 1.0 if actual >= 0 else 0.0
        return 1.0 if actual <= 0 else 0.0
    ratio = actual / target
    if target > 0.0 and direction is _HIGHER:
        return ratio + 0.0  # the usual case: the mirrored form below is not needed
    mirrored = (2 * target - actual) / target
    if not math.isfinite(mirrored):  # 2t overflowed
        mirrored = 2 - ratio
    if direction is _HIGHER:
        return (ratio if target > 0.0 else mirrored) + 0.0  # _clean, inlined
    return max(0.0, mirrored if target > 0.0 else ratio) + 0.0


def aggregate(values: Iterable[float | None], aggregation: Aggregation) -> float | None:
    """Combine monthly values, ignoring ``None``: SUM = Σ, AVERAGE = Σ / n, LAST = the latest
    non-None value in order, MIN, MAX. ``None`` when there is no value at all."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if aggregation == _SUM:  # (== as a match on the members would compare)
        result = math.fsum(present)
    elif aggregation == _AVERAGE:
        result = math.fsum(present) / len(present)
    elif aggregation == _LAST:
        result = present[-1]
    elif aggregation == _MIN:
        result = min(present)
    elif aggregation == _MAX:
        result = max(present)
    else:
        raise ValueError(aggregation)
    return result + 0.0  # _clean


# --------------------------------------------------------------------------- targets


def is_active(kpi: Kpi, month: YearMonth) -> bool:
    """A value is expected in ``month``: its calendar month is one of ``kpi.active_months`` and it
    lies within ``kpi.start`` … ``kpi.deadline`` (both inclusive, either may be open)."""
    if month.month not in kpi.active_months:
        return False
    if kpi.start is not None and month < kpi.start:
        return False
    return kpi.deadline is None or month <= kpi.deadline


def fill_evenly(
    annual: float, aggregation: Aggregation, active: Sequence[bool]
) -> list[float | None]:
    """Monthly targets derived from an annual target: for SUM the annual target split evenly over
    the active months (``annual / number of active months``), for every other aggregation the
    annual target itself in each active month (a rate, a level, a year-end value). ``None`` for
    inactive months."""
    count = sum(1 for flag in active if flag)
    if count == 0:
        return [None] * len(active)
    share = annual / count if aggregation is _SUM else annual
    return [share if flag else None for flag in active]


def monthly_targets(
    kpi: Kpi,
    months: Sequence[YearMonth],
    stored: Mapping[YearMonth, float],
    *,
    active: Sequence[bool] | None = None,
) -> list[float | None]:
    """The target of each month in ``months`` (normally the twelve months of a fiscal year).

    A stored monthly (step) target wins, even in an inactive month — it is what the user entered.
    Otherwise :func:`fill_evenly` of ``kpi.annual_target`` over the active months among ``months``
    (:func:`is_active`); the split ignores stored targets, so step targets replace single months
    and do not re-spread the rest. No annual target and nothing stored → ``None``.
    ``active`` may pass :func:`is_active` of each month when the caller has it already.
    """
    if kpi.annual_target is None:
        derived: list[float | None] = [None] * len(months)
    else:
        if active is None:
            active = [is_active(kpi, month) for month in months]
        derived = fill_evenly(kpi.annual_target, kpi.aggregation, active)
    return with_step_targets(derived, [stored.get(month) for month in months])


def with_step_targets(
    derived: Sequence[float | None], steps: Sequence[float | None]
) -> list[float | None]:
    """Monthly targets ``derived`` from the annual target with the stored step targets ``steps``
    (the same months; None = nothing stored) in their place: a stored target wins, even in an
    inactive month (see :func:`monthly_targets`)."""
    return [d if s is None else s for d, s in zip(derived, steps, strict=True)]


# --------------------------------------------------------------------------- achievement of a KPI


def month_achievement(kpi: Kpi, actual: float | None, target: float | None) -> float | None:
    """:func:`achievement` of one month with the KPI's direction, baseline and band."""
    return achievement(
        actual,
        target,
        kpi.direction,
        baseline=kpi.baseline,
        low=kpi.range_low,
        high=kpi.range_high,
    )


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """The two sides a period achievement compares, and how many months went into them."""

    actual: float | None
    target: float | None
    months: int


def _has_band(kpi: Kpi) -> bool:
    return kpi.direction is _RANGE and (kpi.range_low is not None or kpi.range_high is not None)


def period_figures(
    kpi: Kpi, actuals: Sequence[float | None], targets: Sequence[float | None]
) -> PeriodFigures:
    """Aggregate a period's monthly actuals and targets (same length, same months) for comparison.

    Only months that have an actual count. SUM and AVERAGE use the months that have *both* an
    actual and a target (a month with an actual but no target is left out of both sides, so the
    sides cover the same months): Σactual vs Σtarget, mean vs mean. LAST: the latest actual vs the
    target of that same month (``None`` if that month has none). MIN/MAX: min/max of the actuals
    vs min/max of the targets of those months. A RANGE KPI with a band compares the aggregated
    actual of all months with an actual to the band, so its ``target`` is informative only.
    """
    return PeriodFigures(*_period_sides(kpi, actuals, targets))


def _period_sides(
    kpi: Kpi,
    actuals: Sequence[float | None],
    targets: Sequence[float | None],
    take: Take | None = None,
) -> tuple[float | None, float | None, int]:
    """:func:`period_figures` as a plain tuple (the dashboard computes hundreds of these).
    ``take``: :attr:`domain.shape.Shape.take` of ``actuals``, when the caller has it."""
    count = len(actuals)
    if count != len(targets):
        raise ValueError((count, len(targets)))
    aggregation = kpi.aggregation
    band = kpi.direction is _RANGE and (
        kpi.range_low is not None or kpi.range_high is not None
    )  # _has_band, inlined
    # Fast paths give exactly what the general rule below gives (fsum is exact whatever the
    # order, so a sum is identical however its terms are gathered).
    if (aggregation is _SUM or aggregation is _AVERAGE) and not band:
        if count and None not in actuals and None not in targets:  # every month has both
            sides: Sequence[float] = actuals  # type: ignore[assignment]
            goals: Sequence[float] = targets  # type: ignore[assignment]
        elif take is not None and (goals := take(targets)) and None not in goals:
            sides = take(actuals)  # the months with an actual all have a target
            count = len(sides)
        else:  # the months that have both sides
            sides = [
                a for a, t in zip(actuals, targets, strict=True) if a is not None and t is not None
            ]
            goals = [
                t for a, t in zip(actuals, targets, strict=True) if a is not None and t is not None
            ]
            count = len(sides)
            if not count:
                return None, None, 0
        if aggregation is _SUM:
            return math.fsum(sides) + 0.0, math.fsum(goals) + 0.0, count
        return math.fsum(sides) / count + 0.0, math.fsum(goals) / count + 0.0, count
    if aggregation is _LAST and not band:
        for i in range(count - 1, -1, -1):  # the latest actual and the target of that month
            a = actuals[i]
            if a is not None:
                t = targets[i]
                return a + 0.0, None if t is None else t + 0.0, 1
        return None, None, 0
    with_actual = [(a, t) for a, t in zip(actuals, targets, strict=True) if a is not None]
    if band or aggregation in (_MIN, _MAX):
        pairs = with_actual
    elif aggregation is _LAST:
        pairs = with_actual[-1:]
    else:
        pairs = [(a, t) for a, t in with_actual if t is not None]
    if not pairs:
        return None, None, 0
    actual = aggregate((a for a, _ in pairs), aggregation)
    target = aggregate((t for _, t in pairs), aggregation)
    return actual, target, len(pairs)


def period_actual(kpi: Kpi, actuals: Sequence[float | None]) -> float | None:
    """The period's actual figure: :func:`aggregate` of all months with a value."""
    aggregation = kpi.aggregation
    if aggregation is _SUM and len(actuals) and None not in actuals:
        return math.fsum(actuals) + 0.0  # every month has a value: the same sum, sooner
    if aggregation is _LAST:  # the latest value, found from the end
        for i in range(len(actuals) - 1, -1, -1):
            value = actuals[i]
            if value is not None:
                return value + 0.0
        return None
    return aggregate(actuals, aggregation)


def _scaled(value: float | None, factor: int) -> float | None:
    return None if value is None else value * factor


def period_achievement(
    kpi: Kpi,
    actuals: Sequence[float | None],
    targets: Sequence[float | None],
    *,
    take: Take | None = None,
) -> float | None:
    """Achievement of a period (quarter, half, year to date) from :func:`period_figures`.

    For SUM the baseline and the RANGE band are per-month figures like the monthly values, so they
    are multiplied by the number of months summed (n months of baseline b sum to n·b). Other
    aggregations use them as they are. ``take``: :attr:`domain.shape.Shape.take` of ``actuals``,
    when the caller has it.
    """
    return _achievement_of_sides(kpi, *_period_sides(kpi, actuals, targets, take))


def period_actual_and_achievement(
    kpi: Kpi, actuals: Sequence[float | None], targets: Sequence[float | None]
) -> tuple[float | None, float | None]:
    """:func:`period_actual` and :func:`period_achievement` of the same months together (a
    forecast needs both, for every KPI): when every month has a value and a target, a SUM or
    AVERAGE KPI's two figures start from the same sum, which is then taken once."""
    aggregation = kpi.aggregation
    count = len(actuals)
    if (
        (aggregation is _SUM or aggregation is _AVERAGE)
        and count
        and count == len(targets)
        and None not in actuals
        and None not in targets
        and not _has_band(kpi)
    ):
        actual = math.fsum(actuals)
        target = math.fsum(targets)
        if aggregation is _AVERAGE:
            actual, target = actual / count, target / count
        actual += 0.0
        return actual, _achievement_of_sides(kpi, actual, target + 0.0, count)
    return period_actual(kpi, actuals), period_achievement(kpi, actuals, targets)


def _achievement_of_sides(
    kpi: Kpi, actual: float | None, target: float | None, months: int
) -> float | None:
    """The achievement of :func:`period_figures`' two sides (see :func:`period_achievement`)."""
    if actual is None:
        return None
    if kpi.baseline is None and kpi.direction is not _RANGE:
        return achievement(actual, target, kpi.direction)  # nothing to scale
    factor = months if kpi.aggregation is _SUM else 1
    return achievement(
        actual,
        target,
        kpi.direction,
        baseline=_scaled(kpi.baseline, factor),
        low=_scaled(kpi.range_low, factor),
        high=_scaled(kpi.range_high, factor),
    )


def status_of(achievement: float | None, thresholds: Thresholds) -> Status:
    """ACHIEVED (達成) when ``achievement ≥ thresholds.achieved``, CAUTION (注意) when
    ``≥ thresholds.caution``, else MISSED (未達); ``None`` → NO_DATA. Comparisons allow
    :data:`THRESHOLD_TOLERANCE` of float noise."""
    if achievement is None or math.isnan(achievement):
        return _NO_DATA
    if achievement + THRESHOLD_TOLERANCE >= thresholds.achieved:
        return _ACHIEVED
    if achievement + THRESHOLD_TOLERANCE >= thresholds.caution:
        return _CAUTION
    return _MISSED
