"""quick_init: the frozen value classes built by the thousand keep every dataclass behaviour."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from domain.dashboard import KpiTile
from domain.forecast import Forecast, Method, Reason
from domain.model import Kpi
from domain.values import quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Sample:
    a: int
    b: str = "b"
    c: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Plain:
    a: int
    b: str = "b"
    c: tuple[int, ...] = field(default_factory=tuple)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((1,), {}), ((1, "x"), {}), ((1,), {"c": (2, 3)}), ((), {"a": 1, "b": "y", "c": (4,)})],
)
def test_same_values_as_the_generated_init(args, kwargs):
    quick, plain = Sample(*args, **kwargs), Plain(*args, **kwargs)
    assert (quick.a, quick.b, quick.c) == (plain.a, plain.b, plain.c)
    assert repr(quick).replace("Sample", "Plain") == repr(plain)
    assert quick == Sample(*args, **kwargs) and hash(quick) == hash(Sample(*args, **kwargs))


def test_still_frozen_comparable_copyable_and_replaceable():
    value = Sample(1, "x", (2,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.a = 2  # type: ignore[misc]
    assert dataclasses.replace(value, a=5) == Sample(5, "x", (2,))
    assert copy.copy(value) == value and pickle.loads(pickle.dumps(value)) == value
    with pytest.raises(TypeError):
        Sample()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Sample(1, d=2)  # type: ignore[call-arg]


def test_domain_classes_use_it_and_keep_their_defaults():
    forecast = Forecast(Method.NONE, Reason.NO_VALUES, None, None, (), ())
    assert forecast.sigma is None and forecast.bounds == (None, None) and forecast.raw == ()
    kpi = Kpi(1, 2, "指標")
    assert kpi.active_months == tuple(range(1, 13)) and kpi.level_descriptions == ()
    for cls in (Forecast, Kpi, KpiTile):
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
        with pytest.raises(dataclasses.FrozenInstanceError):
            kpi.name = "x"  # type: ignore[misc]


def test_refuses_what_it_cannot_reproduce():
    @dataclass(frozen=True, slots=True)
    class WithPostInit:
        a: int

        def __post_init__(self) -> None: ...

    @dataclass(frozen=True, slots=True)
    class KeywordOnly:
        a: int = field(kw_only=True)

    @dataclass(slots=True)
    class NotFrozen:
        a: int

    for cls in (WithPostInit, KeywordOnly, NotFrozen):
        with pytest.raises(TypeError):
            quick_init(cls)
