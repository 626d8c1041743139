"""Missing entries (未入力): a month's value is due by day ``grace_day`` (default 10) of the
following month; after that, an active month of the KPI with no value is missing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.achievement import is_active
from domain.fiscal import YearMonth
from domain.model import Kpi


def due_date(month: YearMonth, grace_day: int = 10) -> date:
    """The last day a month's value may still arrive on time: ``grace_day`` of the next month."""
    if not 1 <= grace_day <= 28:
        raise ValueError(grace_day)
    following = month.add(1)
    return date(following.year, following.month, grace_day)


def is_overdue(month: YearMonth, today: date, grace_day: int = 10) -> bool:
    return today > due_date(month, grace_day)


def due_months(active: Sequence[bool], overdue: Sequence[bool]) -> tuple[int, ...]:
    """The positions of the months that must have a value by now: active and past their
    deadline (:func:`missing_months` of a KPI is those of them without a value)."""
    return tuple([i for i, (a, o) in enumerate(zip(active, overdue, strict=True)) if a and o])


def missing_months(
    kpi: Kpi,
    months: Sequence[YearMonth],
    actuals: Sequence[float | None],
    today: date,
    grace_day: int = 10,
    *,
    active: Sequence[bool] | None = None,
    overdue: Sequence[bool] | None = None,
    due: Sequence[int] | None = None,
) -> tuple[YearMonth, ...]:
    """Active months of ``months`` with no value whose deadline has passed on ``today``
    (``active``/``overdue`` per month, or :func:`due_months` of them, may be passed when the
    caller has them already: the dashboard shares them between the KPIs of a report)."""
    if due is not None:
        return tuple([months[i] for i in due if actuals[i] is None])
    if active is not None and overdue is not None:  # (a list first: cheaper than a generator)
        return tuple(
            [
                m
                for m, v, a, o in zip(months, actuals, active, overdue, strict=True)
                if v is None and a and o
            ]
        )
    return tuple(
        m
        for m, v in zip(months, actuals, strict=True)
        if v is None and is_active(kpi, m) and is_overdue(m, today, grace_day)
    )
