"""SMART warnings and blocking errors of a KPI definition."""

from __future__ import annotations

import pytest

from domain.fiscal import YearMonth
from domain.kpi_checks import (
    KpiError,
    KpiErrorCode,
    KpiWarning,
    KpiWarningCode,
    kpi_errors,
    kpi_warnings,
    name_key,
)
from domain.model import Direction, Kpi, KpiKind

W = KpiWarningCode
E = KpiErrorCode
LEVELS = ("全くできていない", "一部できている", "概ねできている", "できている", "模範となる")


def kpi(**fields) -> Kpi:
    """A KPI that passes every check; tests change one thing at a time."""
    values = dict(
        id=1,
        department_id=1,
        name="備品補充の遅延件数",
        unit="件",
        direction=Direction.LOWER,
        annual_target=0.0,
        rationale="欠品で現場の業務を止めないため",
        deadline=YearMonth(2026, 3),
    )
    values.update(fields)
    return Kpi(**values)


def codes(kpi_: Kpi, *, count: int = 3, monthly: bool = False) -> list[KpiWarningCode]:
    found = kpi_warnings(kpi_, active_kpis_in_department=count, has_monthly_targets=monthly)
    return [w.code for w in found]


def test_a_good_kpi_has_no_findings():
    assert codes(kpi()) == []
    assert kpi_errors(kpi()) == []


@pytest.mark.parametrize(("count", "expected"), [(1, []), (5, []), (6, [W.TOO_MANY_KPIS])])
def test_too_many_kpis(count, expected):
    assert codes(kpi(), count=count) == expected


def test_too_many_kpis_carries_numbers():
    (warning,) = kpi_warnings(kpi(), active_kpis_in_department=7, has_monthly_targets=False)
    assert warning == KpiWarning(W.TOO_MANY_KPIS, "department_id", count=7, limit=5)


@pytest.mark.parametrize(
    ("fields", "monthly", "expected"),
    [
        ({"annual_target": None}, False, [W.NO_TARGET]),
        ({"annual_target": None}, True, []),
        ({"annual_target": 0.0}, False, []),  # a target of zero is a target
        ({"direction": Direction.RANGE, "annual_target": None}, False, [W.NO_TARGET]),
        ({"direction": Direction.RANGE, "annual_target": 5.0}, True, [W.NO_TARGET]),
        ({"direction": Direction.RANGE, "annual_target": None, "range_low": 1.0}, False, []),
        ({"direction": Direction.RANGE, "annual_target": None, "range_high": 9.0}, False, []),
        (
            {
                "kind": KpiKind.QUALITATIVE,
                "direction": Direction.HIGHER,
                "annual_target": None,
                "level_descriptions": LEVELS,
            },
            False,
            [W.NO_TARGET],
        ),
    ],
)
def test_no_target(fields, monthly, expected):
    assert codes(kpi(**fields), monthly=monthly) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"unit": ""}, [W.NO_UNIT]),
        ({"unit": " \u3000"}, [W.NO_UNIT]),
        (
            {
                "unit": "",
                "kind": KpiKind.QUALITATIVE,
                "direction": Direction.HIGHER,
                "annual_target": 4.0,
                "level_descriptions": LEVELS,
            },
            [],
        ),
    ],
)
def test_no_unit(fields, expected):
    assert codes(kpi(**fields)) == expected


def test_no_period():
    assert codes(kpi(deadline=None)) == [W.NO_PERIOD]


@pytest.mark.parametrize(
    ("descriptions", "expected_count"),
    [
        ((), 0),
        (LEVELS[:4], 4),
        (LEVELS[:4] + ("  ",), 4),
        (("", *LEVELS[1:]), 4),
    ],
)
def test_qualitative_without_levels(descriptions, expected_count):
    k = kpi(
        kind=KpiKind.QUALITATIVE,
        direction=Direction.HIGHER,
        unit="",
        annual_target=4.0,
        level_descriptions=descriptions,
    )
    found = kpi_warnings(k, active_kpis_in_department=1, has_monthly_targets=False)
    assert found == [
        KpiWarning(
            W.QUALITATIVE_WITHOUT_LEVELS, "level_descriptions", count=expected_count, limit=5
        )
    ]


def test_qualitative_with_all_levels_is_fine():
    k = kpi(kind=KpiKind.QUALITATIVE, direction=Direction.HIGHER, annual_target=4.0)
    assert codes(k) == [W.QUALITATIVE_WITHOUT_LEVELS]
    assert codes(kpi(kind=KpiKind.QUALITATIVE, annual_target=4.0, level_descriptions=LEVELS)) == []


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "expected"),
    [
        (Direction.HIGHER, 80.0, 80.0, [W.BASELINE_EQUALS_TARGET]),
        (Direction.LOWER, 0.0, 0.0, [W.BASELINE_EQUALS_TARGET]),
        (Direction.HIGHER, 60.0, 80.0, []),
        (Direction.HIGHER, 90.0, 80.0, [W.BASELINE_WRONG_SIDE]),
        (Direction.LOWER, 10.0, 4.0, []),
        (Direction.LOWER, 2.0, 4.0, [W.BASELINE_WRONG_SIDE]),
        (Direction.HIGHER, None, 80.0, []),
    ],
)
def test_baseline_checks(direction, baseline, target, expected):
    assert codes(kpi(direction=direction, baseline=baseline, annual_target=target)) == expected


def test_every_warning_at_once_in_enum_order():
    k = kpi(
        kind=KpiKind.QUALITATIVE,
        unit="",
        annual_target=None,
        deadline=None,
        level_descriptions=LEVELS[:2],
    )
    assert codes(k, count=8) == [
        W.TOO_MANY_KPIS,
        W.NO_TARGET,
        W.NO_PERIOD,
        W.QUALITATIVE_WITHOUT_LEVELS,
    ]
    q = kpi(unit="", annual_target=5.0, baseline=5.0, deadline=None)
    assert codes(q) == [W.NO_UNIT, W.NO_PERIOD, W.BASELINE_EQUALS_TARGET]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"name": ""}, [KpiError(E.EMPTY_NAME, "name")]),
        ({"name": " \u3000\n"}, [KpiError(E.EMPTY_NAME, "name")]),
        ({"rationale": ""}, [KpiError(E.EMPTY_RATIONALE, "rationale")]),
        ({"rationale": "\u3000"}, [KpiError(E.EMPTY_RATIONALE, "rationale")]),
        ({"range_low": 10.0, "range_high": 5.0}, [KpiError(E.RANGE_INVERTED, "range_low")]),
        ({"range_low": 5.0, "range_high": 5.0}, []),
        ({"range_low": 5.0, "range_high": None}, []),
        ({"decimals": -1}, [KpiError(E.BAD_DECIMALS, "decimals")]),
        ({"decimals": 5}, [KpiError(E.BAD_DECIMALS, "decimals")]),
        ({"decimals": 0}, []),
        ({"decimals": 4}, []),
        (
            {"name": "", "rationale": "", "range_low": 2.0, "range_high": 1.0, "decimals": 9},
            [
                KpiError(E.EMPTY_NAME, "name"),
                KpiError(E.EMPTY_RATIONALE, "rationale"),
                KpiError(E.RANGE_INVERTED, "range_low"),
                KpiError(E.BAD_DECIMALS, "decimals"),
            ],
        ),
    ],
)
def test_kpi_errors(fields, expected):
    assert kpi_errors(kpi(**fields)) == expected


def test_findings_print_as_their_code():
    assert str(KpiError(E.EMPTY_NAME, "name")) == "empty_name"
    assert str(KpiWarning(W.NO_UNIT, "unit")) == "no_unit"


def test_warnings_never_include_errors():
    k = kpi(name="", rationale="")
    assert codes(k) == []


@pytest.mark.parametrize(
    ("name", "taken", "duplicate"),
    [
        ("採用人数", {"採用人数"}, True),
        ("採用人数 ", {name_key("採用人数")}, True),  # a trailing space is no new name
        ("ＲＯＥ", {name_key("roe")}, True),  # full-width and case do not count
        ("採用人数（中途）", {name_key("採用人数")}, False),
        ("採用人数", set(), False),
        ("", {""}, False),  # an empty name is EMPTY_NAME, not a duplicate
    ],
)
def test_a_name_another_active_kpi_of_the_department_has(name, taken, duplicate):
    errors = kpi_errors(kpi(name=name), taken_names={name_key(t) for t in taken})
    assert (KpiError(E.DUPLICATE_NAME, "name") in errors) is duplicate
