"""The example KPI library (KPI例ライブラリ) that a manager picks from and edits.

The library ships as ``resources/kpi_library.json``; the caller reads the file and hands its text
to ``load_library`` (domain does no I/O). Parsing validates every entry and raises ``LibraryError``
with the path of the bad value, so a broken edit of the JSON is found by the tests, not by a user.

File shape::

    {"version": 1,
     "categories": [{"key": "hr", "label": "人事", "keywords": ["人事", "労務"],
                     "entries": [{"name": ..., "unit": ..., "kind": ..., ...}, ...]}, ...]}
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from domain.model import LEVEL_COUNT, Aggregation, Direction, Kpi, KpiKind

LIBRARY_VERSION = 1
MAX_DECIMALS = 4

_E = TypeVar("_E", bound=StrEnum)

_ENTRY_KEYS = frozenset(
    {
        "name",
        "unit",
        "kind",
        "direction",
        "aggregation",
        "annual_target",
        "range_low",
        "range_high",
        "baseline",
        "decimals",
        "level_descriptions",
        "rationale",
        "description",
    }
)
_CATEGORY_KEYS = frozenset({"key", "label", "keywords", "entries"})
_TOP_KEYS = frozenset({"version", "categories"})


class LibraryError(ValueError):
    """The library data is malformed: ``path`` locates the bad value, ``reason`` says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One example KPI. ``description`` is how it is measured (計測方法); ``rationale`` is an
    example of why it serves the department's mission."""

    name: str
    unit: str
    direction: Direction
    aggregation: Aggregation
    annual_target: float | None
    baseline: float | None
    decimals: int
    kind: KpiKind
    rationale: str
    description: str
    range_low: float | None = None
    range_high: float | None = None
    level_descriptions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LibraryCategory:
    """A group of entries, e.g. 人事. ``keywords`` are substrings of department names that
    select it; a category without keywords (部門共通) is only chosen by hand."""

    key: str
    label: str
    keywords: tuple[str, ...]
    entries: tuple[LibraryEntry, ...]


def load_library(text: str) -> tuple[LibraryCategory, ...]:
    """Parse the JSON text of the library file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LibraryError(
            f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}"
        ) from exc
    if not isinstance(data, Mapping):
        raise LibraryError("", "the library must be a JSON object")
    return parse_library(data)


def parse_library(data: Mapping[str, object]) -> tuple[LibraryCategory, ...]:
    """Validate decoded library data and build its categories, in file order."""
    _check_keys(data, _TOP_KEYS, "")
    version = data.get("version", LIBRARY_VERSION)
    if version != LIBRARY_VERSION:
        raise LibraryError("version", f"unsupported version {version!r}")
    raw_categories = _require_list(data, "categories", "")
    categories: list[LibraryCategory] = []
    seen_keys: set[str] = set()
    for index, raw in enumerate(raw_categories):
        path = f"categories[{index}]"
        if not isinstance(raw, Mapping):
            raise LibraryError(path, "a category must be an object")
        category = _parse_category(raw, path)
        if category.key in seen_keys:
            raise LibraryError(f"{path}({category.key})", "duplicate category key")
        seen_keys.add(category.key)
        categories.append(category)
    return tuple(categories)


def category_for_department(
    categories: Sequence[LibraryCategory], department_name: str
) -> LibraryCategory | None:
    """The category whose keyword occurs in the department name, or None.

    When several keywords match (「人事総務部」, 「システム管理部」) the longest keyword wins,
    then the one that occurs first in the name, then the category listed first. Matching ignores
    full/half width; Latin keywords such as ``IT`` ignore case but must stand alone, so
    「Digital戦略室」 is not IT.
    """
    name = unicodedata.normalize("NFKC", department_name)
    best: LibraryCategory | None = None
    best_rank: tuple[int, int, int] | None = None
    for order, category in enumerate(categories):
        for raw_keyword in category.keywords:
            keyword = unicodedata.normalize("NFKC", raw_keyword)
            position = _find_keyword(name, keyword)
            if position is None:
                continue
            rank = (-len(keyword), position, order)
            if best_rank is None or rank < best_rank:
                best, best_rank = category, rank
    return best


def entry_to_kpi(entry: LibraryEntry, *, department_id: int) -> Kpi:
    """A new, unsaved KPI (id 0) for a department, prefilled from a library entry.

    ``description`` has no place on ``Kpi``; the picker shows it, the KPI keeps the rationale.
    """
    return Kpi(
        id=0,
        department_id=department_id,
        name=entry.name,
        unit=entry.unit,
        direction=entry.direction,
        aggregation=entry.aggregation,
        baseline=entry.baseline,
        annual_target=entry.annual_target,
        range_low=entry.range_low,
        range_high=entry.range_high,
        decimals=entry.decimals,
        kind=entry.kind,
        level_descriptions=entry.level_descriptions,
        rationale=entry.rationale,
    )


# --- parsing helpers ---------------------------------------------------------------------------


def _find_keyword(name: str, keyword: str) -> int | None:
    if not keyword:
        return None
    if keyword.isascii():
        pattern = rf"(?<![A-Za-z]){re.escape(keyword)}(?![A-Za-z])"
        match = re.search(pattern, name, flags=re.IGNORECASE)
        return match.start() if match else None
    position = name.find(keyword)
    return position if position >= 0 else None


def _parse_category(raw: Mapping[str, object], path: str) -> LibraryCategory:
    _check_keys(raw, _CATEGORY_KEYS, path)
    key = _require_text(raw, "key", path)
    path = f"{path}({key})"
    label = _require_text(raw, "label", path)
    keywords = _require_list(raw, "keywords", path)
    for index, keyword in enumerate(keywords):
        if not isinstance(keyword, str) or not keyword.strip():
            raise LibraryError(f"{path}.keywords[{index}]", "must be a non-empty string")
    raw_entries = _require_list(raw, "entries", path)
    if not raw_entries:
        raise LibraryError(f"{path}.entries", "a category needs at least one entry")
    entries: list[LibraryEntry] = []
    names: set[str] = set()
    for index, raw_entry in enumerate(raw_entries):
        entry_path = f"{path}.entries[{index}]"
        if not isinstance(raw_entry, Mapping):
            raise LibraryError(entry_path, "an entry must be an object")
        entry = _parse_entry(raw_entry, entry_path)
        if entry.name in names:
            raise LibraryError(f"{entry_path}({entry.name})", "duplicate entry name")
        names.add(entry.name)
        entries.append(entry)
    return LibraryCategory(
        key=key,
        label=label,
        keywords=tuple(str(k) for k in keywords),
        entries=tuple(entries),
    )


def _parse_entry(raw: Mapping[str, object], path: str) -> LibraryEntry:
    name = _require_text(raw, "name", path)
    path = f"{path}({name})"  # from here on, errors name the entry
    _check_keys(raw, _ENTRY_KEYS, path)
    unit = raw.get("unit")
    if not isinstance(unit, str):
        raise LibraryError(f"{path}.unit", "must be a string")
    kind = _require_enum(raw, "kind", KpiKind, path)
    direction = _require_enum(raw, "direction", Direction, path)
    aggregation = _require_enum(raw, "aggregation", Aggregation, path)
    annual_target = _optional_number(raw, "annual_target", path)
    baseline = _optional_number(raw, "baseline", path)
    range_low = _optional_number(raw, "range_low", path)
    range_high = _optional_number(raw, "range_high", path)
    decimals = raw.get("decimals", 0)
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise LibraryError(f"{path}.decimals", "must be an integer")
    if not 0 <= decimals <= MAX_DECIMALS:
        raise LibraryError(f"{path}.decimals", f"must be between 0 and {MAX_DECIMALS}")
    rationale = _require_text(raw, "rationale", path)
    description = _require_text(raw, "description", path)

    if direction is Direction.RANGE:
        if range_low is None or range_high is None:
            raise LibraryError(path, "a range KPI needs range_low and range_high")
        if range_low > range_high:
            raise LibraryError(f"{path}.range_low", "range_low is above range_high")
    elif range_low is not None or range_high is not None:
        raise LibraryError(path, "range_low/range_high are only for direction 'range'")

    levels = _parse_levels(raw, kind, path)
    if kind is KpiKind.QUALITATIVE:
        # Levels run from 1 (worst) to 5 (best), so only "higher" and a non-summing aggregation
        # make sense; targets and baselines are levels too.
        if direction is not Direction.HIGHER:
            raise LibraryError(f"{path}.direction", "a qualitative KPI must be 'higher'")
        if aggregation is Aggregation.SUM:
            raise LibraryError(
                f"{path}.aggregation", "levels of a qualitative KPI cannot be summed"
            )
        for key, value in (("annual_target", annual_target), ("baseline", baseline)):
            if value is not None and not 1 <= value <= LEVEL_COUNT:
                raise LibraryError(f"{path}.{key}", f"a level must be between 1 and {LEVEL_COUNT}")

    return LibraryEntry(
        name=name,
        unit=unit,
        direction=direction,
        aggregation=aggregation,
        annual_target=annual_target,
        baseline=baseline,
        decimals=decimals,
        kind=kind,
        rationale=rationale,
        description=description,
        range_low=range_low,
        range_high=range_high,
        level_descriptions=levels,
    )


def _parse_levels(raw: Mapping[str, object], kind: KpiKind, path: str) -> tuple[str, ...]:
    value = raw.get("level_descriptions")
    if kind is KpiKind.QUANTITATIVE:
        if value:
            raise LibraryError(f"{path}.level_descriptions", "only qualitative KPIs have levels")
        return ()
    if not isinstance(value, list) or len(value) != LEVEL_COUNT:
        raise LibraryError(
            f"{path}.level_descriptions",
            f"a qualitative KPI needs {LEVEL_COUNT} level descriptions",
        )
    for index, text in enumerate(value):
        if not isinstance(text, str) or not text.strip():
            raise LibraryError(f"{path}.level_descriptions[{index}]", "must be a non-empty string")
    return tuple(value)


def _check_keys(raw: Mapping[str, object], allowed: frozenset[str], path: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise LibraryError(path, f"unknown key(s): {', '.join(unknown)}")


def _require_text(raw: Mapping[str, object], key: str, path: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LibraryError(f"{path}.{key}" if path else key, "must be a non-empty string")
    return value.strip()


def _require_list(raw: Mapping[str, object], key: str, path: str) -> list[object]:
    value = raw.get(key)
    if not isinstance(value, list):
        raise LibraryError(f"{path}.{key}" if path else key, "must be a list")
    return value


def _require_enum(raw: Mapping[str, object], key: str, enum: type[_E], path: str) -> _E:
    value = raw.get(key)
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise LibraryError(f"{path}.{key}", f"{value!r} is not one of {allowed}") from None


def _optional_number(raw: Mapping[str, object], key: str, path: str) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LibraryError(f"{path}.{key}", "must be a finite number or null")
    return float(value)
