"""Where a KPI's values are (domain.shape): positions, history, coverage by last year."""

from __future__ import annotations

import pytest

from domain.shape import shape_of, taker

_ = None
ALL = [True] * 12


def months(*values: float | None) -> list[float | None]:
    return list(values) + [None] * (12 - len(values))


# (id, actuals, last year, active, present, to estimate, history, covered, paired, latest)
CASES = [
    ("empty year, no last year", months(), (), ALL, (), tuple(range(12)), 0, False, None, None),
    (
        "half a year, full last year",
        months(1, 2, 3, 4, 5, 6),
        [1.0] * 12,
        ALL,
        (0, 1, 2, 3, 4, 5),
        (6, 7, 8, 9, 10, 11),
        18,
        True,
        None,
        5,
    ),
    (
        "a gap this year is estimated",
        months(1, _, 3),
        [1.0] * 12,
        ALL,
        (0, 2),
        (1, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        14,
        True,
        None,
        2,
    ),
    (
        "inactive months are not estimated",
        months(1, 2),
        [1.0] * 12,
        [True, True, True, False] + [True] * 8,
        (0, 1),
        (2, 4, 5, 6, 7, 8, 9, 10, 11),
        14,
        True,
        None,
        1,
    ),
    (
        "last year's gap under a present month: paired months",
        months(1, 2, 3),
        [_, 1.0] + [1.0] * 10,
        ALL,
        (0, 1, 2),
        tuple(range(3, 12)),
        14,
        True,
        (1, 2),
        2,
    ),
    (
        "last year's gap under a month to estimate: not covered",
        months(1, 2, 3),
        [1.0] * 11 + [None],
        ALL,
        (0, 1, 2),
        tuple(range(3, 12)),
        14,
        False,
        (0, 1, 2),
        2,
    ),
    (
        "a full year: nothing to estimate",
        [2.0] * 12,
        [_] * 12,
        ALL,
        tuple(range(12)),
        (),
        12,
        True,
        (),
        11,
    ),
]


@pytest.mark.parametrize(
    (
        "actuals",
        "last_year",
        "active",
        "present",
        "to_estimate",
        "history",
        "covered",
        "paired",
        "latest",
    ),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_shape_of(
    actuals, last_year, active, present, to_estimate, history, covered, paired, latest
):
    shape = shape_of(actuals, last_year, active)
    assert shape.present == present
    assert shape.to_estimate == to_estimate
    assert shape.history == history
    assert shape.covered is covered
    assert shape.paired == paired
    assert shape.latest == latest
    assert shape.estimated == tuple(i in to_estimate for i in range(12))
    assert shape.take(actuals) == tuple(actuals[i] for i in present)
    if paired is None:
        assert shape.take_paired is None
    else:
        assert shape.take_paired(last_year) == tuple(last_year[i] for i in paired)


def test_without_activity_nothing_is_estimated():
    assert shape_of(months(1, 2), [1.0] * 12, None).to_estimate == ()


@pytest.mark.parametrize("positions", [(), (4,), (0, 11), (1, 2, 3)])
def test_taker_gives_a_tuple_for_any_number_of_positions(positions):
    values = [float(i) for i in range(12)]
    assert taker(positions)(values) == tuple(float(i) for i in positions)
