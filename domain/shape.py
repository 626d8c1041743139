"""Where a KPI's monthly values are, and what the rules derive from that alone (pure).

The forecast, the period achievement and the missing entries first look at *which* months of the
fiscal year (and of the year before) have a value: the months to estimate, how much history there
is, whether last year covers the months to estimate, the latest month. On a dashboard most KPIs
are entered alike (the same months filled, last year complete), so :func:`shape_of` works this out
once per pattern and every KPI with that pattern shares the :class:`Shape`; the rules then only do
arithmetic on the values. A rule called without a shape makes its own: the results are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

Values = Sequence[float | None]
Take = Callable[[Values], tuple[Any, ...]]


def _nothing(values: Values) -> tuple[Any, ...]:
    return ()


def taker(positions: Sequence[int]) -> Take:
    """A function giving the items of a sequence at ``positions``, as a tuple (in C, for two
    positions or more: ``itemgetter``)."""
    if len(positions) >= 2:
        return itemgetter(*positions)
    if positions:
        only = itemgetter(positions[0])
        return lambda values: (only(values),)
    return _nothing


@dataclass(frozen=True, slots=True)
class Shape:
    """Which months of one fiscal year have a value, for one KPI (positions 0…11).

    ``present``: the positions with a value this year, ``take`` gives their values as a tuple.
    ``to_estimate``: active positions with no value (empty when the activity was not given).
    ``history``: values this year plus values last year. ``covered``: last year is known and has
    a value at every position to estimate. ``paired``/``take_paired``: when last year is known but
    has a gap, the present positions where last year has a value too (None when it has no gap).
    ``latest``: the last position with a value. ``estimated``: True at the positions to estimate.
    """

    present: tuple[int, ...]
    take: Take
    to_estimate: tuple[int, ...]
    history: int
    covered: bool
    paired: tuple[int, ...] | None
    take_paired: Take | None
    latest: int | None
    estimated: tuple[bool, ...]


def shape_of(actuals: Values, last_year: Values, active: Sequence[bool] | None) -> Shape:
    """The :class:`Shape` of this year's ``actuals`` and ``last_year`` (the same positions, or
    empty when unknown); ``active`` per position (None: nothing is estimated)."""
    present = tuple([i for i, v in enumerate(actuals) if v is not None])
    if active is None:
        to_estimate: tuple[int, ...] = ()
    else:
        to_estimate = tuple([i for i, v in enumerate(actuals) if v is None and active[i]])
    previous = len(last_year) - list(last_year).count(None)
    covered = bool(last_year) and all(last_year[i] is not None for i in to_estimate)
    paired = None
    if last_year and previous < len(last_year):
        paired = tuple([i for i in present if last_year[i] is not None])
    marks = [False] * len(actuals)
    for i in to_estimate:
        marks[i] = True
    return Shape(
        present,
        taker(present),
        to_estimate,
        len(present) + previous,
        covered,
        paired,
        None if paired is None else taker(paired),
        present[-1] if present else None,
        tuple(marks),
    )
