"""Cheaper construction of the frozen value classes that are built by the thousand.

A ``@dataclass(frozen=True, slots=True)`` class gets an ``__init__`` that stores each field with
``object.__setattr__`` (its own ``__setattr__`` refuses), which makes building one several times
slower than building a plain object. The dashboard builds a forecast, a tile and a few smaller
values for every KPI on every refresh, so that cost shows. :func:`quick_init` gives such a class
an ``__init__`` that stores the fields through their slot descriptors instead: the instances are
exactly the same (still frozen, same fields, equality, hash and repr), about twice as fast to make.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")

_NO_DEFAULT = dataclasses.MISSING


def quick_init(cls: type[T]) -> type[T]:
    """Replace the generated ``__init__`` of a frozen, slotted dataclass (see the module doc).

    Supported: positional fields with or without a default value or factory. Refused (TypeError at
    class creation, so a later change cannot silently lose behaviour): a class that is not a frozen
    slotted dataclass, ``__post_init__``, init-only or keyword-only fields, fields left out of
    ``__init__``.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen, slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has __post_init__")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if len(fields) != len(getattr(cls, "__dataclass_fields__", {})):
        raise TypeError(f"{cls.__name__} has init-only fields")
    namespace: dict[str, Any] = {"_factory_default": _FACTORY}
    parameters = []
    body = []
    for i, field in enumerate(fields):
        if not field.init or field.kw_only:
            raise TypeError(f"{cls.__name__}.{field.name} is not a positional init field")
        namespace[f"_set{i}"] = cls.__dict__[field.name].__set__
        if field.default is not _NO_DEFAULT:
            namespace[f"_default{i}"] = field.default
            parameters.append(f"{field.name}=_default{i}")
        elif field.default_factory is not _NO_DEFAULT:
            namespace[f"_make{i}"] = field.default_factory
            parameters.append(f"{field.name}=_factory_default")
            body.append(f"    if {field.name} is _factory_default: {field.name} = _make{i}()\n")
        else:
            parameters.append(field.name)
        body.append(f"    _set{i}(self, {field.name})\n")
    header = f"def __init__(self, {', '.join(parameters)}):\n"
    source = header + ("".join(body) or "    pass\n")
    exec(source, namespace)  # noqa: S102 (built from field names only, as dataclasses does)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]
    return cls


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()
