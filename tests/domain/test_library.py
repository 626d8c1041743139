"""The example KPI library: the shipped JSON, validation, category choice and entry → Kpi."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from domain.library import (
    LibraryCategory,
    LibraryEntry,
    LibraryError,
    category_for_department,
    entry_to_kpi,
    load_library,
    parse_library,
)
from domain.model import LEVEL_COUNT, Aggregation, Direction, KpiKind

LIBRARY_PATH = Path(__file__).resolve().parents[2] / "resources" / "kpi_library.json"
DEPARTMENT_KEYS = ("general_affairs", "hr", "accounting", "legal", "it")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LIBRARY_PATH.read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def categories() -> tuple[LibraryCategory, ...]:
    return load_library(LIBRARY_PATH.read_text("utf-8"))


def _by_key(categories: tuple[LibraryCategory, ...]) -> dict[str, LibraryCategory]:
    return {c.key: c for c in categories}


def _all_entries(categories: tuple[LibraryCategory, ...]) -> list[LibraryEntry]:
    return [e for c in categories for e in c.entries]


# --- the shipped file ------------------------------------------------------------------------


def test_shipped_library_has_the_six_categories(categories: tuple[LibraryCategory, ...]) -> None:
    assert [c.key for c in categories] == [*DEPARTMENT_KEYS, "cross"]
    labels = {c.key: c.label for c in categories}
    assert labels["accounting"] == "経理・財務"
    assert labels["it"] == "情報システム"


@pytest.mark.parametrize("key", DEPARTMENT_KEYS)
def test_each_department_has_enough_entries_and_one_qualitative(
    categories: tuple[LibraryCategory, ...], key: str
) -> None:
    category = _by_key(categories)[key]
    assert len(category.entries) >= 6
    assert category.keywords
    qualitative = [e for e in category.entries if e.kind is KpiKind.QUALITATIVE]
    assert qualitative, f"{key} needs a qualitative KPI"
    assert all(len(e.level_descriptions) == LEVEL_COUNT for e in qualitative)


def test_every_entry_explains_why_and_how(categories: tuple[LibraryCategory, ...]) -> None:
    for entry in _all_entries(categories):
        assert entry.rationale.strip(), entry.name
        assert entry.description.strip(), entry.name
        assert entry.unit.strip(), entry.name


def test_library_covers_directions_zero_targets_and_percentages(
    categories: tuple[LibraryCategory, ...],
) -> None:
    entries = _all_entries(categories)
    assert {e.direction for e in entries} == set(Direction)
    assert {Aggregation.SUM, Aggregation.AVERAGE, Aggregation.LAST} <= {
        e.aggregation for e in entries
    }
    zero_targets = [e.name for e in entries if e.annual_target == 0]
    assert "備品補充の遅延件数" in zero_targets
    # Percentages are stored in the KPI's unit (95.0, not 0.95).
    percent_targets = [
        (e.direction, e.annual_target)
        for e in entries
        if e.unit == "%" and e.annual_target is not None
    ]
    assert all(0 <= target <= 100 for _, target in percent_targets)
    assert all(target > 1 for direction, target in percent_targets if direction is Direction.HIGHER)
    ranges = [e for e in entries if e.direction is Direction.RANGE]
    assert all(e.range_low is not None and e.range_high is not None for e in ranges)


def test_design_examples_are_in_the_library(categories: tuple[LibraryCategory, ...]) -> None:
    names = {e.name for e in _all_entries(categories)}
    for name in (
        "備品補充の遅延件数",
        "契約書の電子化率",
        "採用人数",
        "採用面接から内定までの平均日数",
        "月次決算の締め日遵守率",
        "経費精算の差戻し率",
        "契約書確認の平均処理時間",
        "社内説明資料の精度",
        "障害対応の平均復旧時間",
        "ヘルプデスク自己解決率",
        "申請から承認までの平均時間",
    ):
        assert name in names


# --- choosing a category ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("department", "key"),
    [
        ("総務部", "general_affairs"),
        ("人事部", "hr"),
        ("経理財務部", "accounting"),
        ("法務部", "legal"),
        ("情報システム部", "it"),
        ("管理部", "general_affairs"),
        ("労務管理課", "hr"),  # 労務 comes first in the name
        ("システム管理部", "it"),  # the longer keyword wins over 管理
        ("財務経理部", "accounting"),
        ("法務・コンプライアンス室", "legal"),
        ("ＩＴ推進室", "it"),  # full-width letters
        ("it推進室", "it"),
        ("営業部", None),
        ("製造部", None),
        ("Digital戦略室", None),  # "it" inside a Latin word is not IT
        ("", None),
    ],
)
def test_category_for_department(
    categories: tuple[LibraryCategory, ...], department: str, key: str | None
) -> None:
    found = category_for_department(categories, department)
    assert (found.key if found else None) == key


def test_cross_department_category_is_never_chosen_automatically(
    categories: tuple[LibraryCategory, ...],
) -> None:
    assert category_for_department(categories, "部門共通") is None


# --- entry → Kpi -----------------------------------------------------------------------------


def test_entry_to_kpi_copies_the_definition(categories: tuple[LibraryCategory, ...]) -> None:
    entries = {e.name: e for e in _all_entries(categories)}
    kpi = entry_to_kpi(entries["手元流動性比率"], department_id=3)
    assert kpi.id == 0
    assert kpi.department_id == 3
    assert kpi.name == "手元流動性比率"
    assert kpi.direction is Direction.RANGE
    assert (kpi.range_low, kpi.range_high) == (1.5, 3.0)
    assert kpi.rationale == entries["手元流動性比率"].rationale

    qualitative = entry_to_kpi(entries["社内説明資料の精度"], department_id=4)
    assert qualitative.kind is KpiKind.QUALITATIVE
    assert len(qualitative.level_descriptions) == LEVEL_COUNT
    assert qualitative.annual_target == 4

    zero = entry_to_kpi(entries["備品補充の遅延件数"], department_id=1)
    assert zero.annual_target == 0
    assert zero.direction is Direction.LOWER
    assert zero.aggregation is Aggregation.SUM


# --- validation ------------------------------------------------------------------------------


def _entry(data: dict[str, Any], category: int, index: int) -> dict[str, Any]:
    entry: dict[str, Any] = data["categories"][category]["entries"][index]
    return entry


def _find(data: dict[str, Any], name: str) -> dict[str, Any]:
    for category in data["categories"]:
        for entry in category["entries"]:
            if entry["name"] == name:
                found: dict[str, Any] = entry
                return found
    raise KeyError(name)


Breakage = Callable[[dict[str, Any]], None]

BREAKAGES: list[tuple[str, Breakage, str, str]] = [
    # (id, how to break the data, entry name expected in the path, field expected in the path)
    (
        "bad direction",
        lambda d: _find(d, "採用人数").update(direction="up"),
        "採用人数",
        "direction",
    ),
    (
        "bad aggregation",
        lambda d: _find(d, "研修参加率").update(aggregation="mean"),
        "研修参加率",
        "aggregation",
    ),
    ("no rationale", lambda d: _find(d, "採用人数").pop("rationale"), "採用人数", "rationale"),
    (
        "blank description",
        lambda d: _find(d, "契約書の電子化率").update(description="  "),
        "契約書の電子化率",
        "description",
    ),
    (
        "target as text",
        lambda d: _find(d, "経費精算の差戻し率").update(annual_target="3%"),
        "経費精算の差戻し率",
        "annual_target",
    ),
    (
        "boolean decimals",
        lambda d: _find(d, "経費精算の差戻し率").update(decimals=True),
        "経費精算の差戻し率",
        "decimals",
    ),
    (
        "range without bounds",
        lambda d: _find(d, "手元流動性比率").pop("range_high"),
        "手元流動性比率",
        "",
    ),
    (
        "range upside down",
        lambda d: _find(d, "手元流動性比率").update(range_low=5.0),
        "手元流動性比率",
        "range_low",
    ),
    (
        "bounds on a non-range KPI",
        lambda d: _find(d, "採用人数").update(range_low=1),
        "採用人数",
        "",
    ),
    (
        "four levels",
        lambda d: _find(d, "社内説明資料の精度")["level_descriptions"].pop(),
        "社内説明資料の精度",
        "level_descriptions",
    ),
    (
        "level target out of scale",
        lambda d: _find(d, "社内説明資料の精度").update(annual_target=80),
        "社内説明資料の精度",
        "annual_target",
    ),
    (
        "levels on a quantitative KPI",
        lambda d: _find(d, "採用人数").update(level_descriptions=["a", "b", "c", "d", "e"]),
        "採用人数",
        "level_descriptions",
    ),
    (
        "misspelt key",
        lambda d: _find(d, "採用人数").update(anual_target=10),
        "採用人数",
        "",
    ),
    (
        "duplicate name",
        lambda d: _entry(d, 1, 1).update(name=_entry(d, 1, 0)["name"]),
        "採用人数",
        "",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "name", "field"),
    [pytest.param(b, n, f, id=i) for i, b, n, f in BREAKAGES],
)
def test_a_broken_entry_is_named_in_the_error(
    raw: dict[str, Any], breakage: Breakage, name: str, field: str
) -> None:
    data = copy.deepcopy(raw)
    breakage(data)
    with pytest.raises(LibraryError) as info:
        parse_library(data)
    assert name in info.value.path
    assert field in info.value.path
    assert info.value.reason
    assert name in str(info.value)


def test_unbroken_copy_parses(raw: dict[str, Any]) -> None:
    # The breakage tests mean something only if the untouched data is accepted.
    assert parse_library(copy.deepcopy(raw))


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"categories": "none"}, "categories"),
        ({"version": 2, "categories": []}, "version"),
        ({"categories": [{"key": "hr", "label": "人事", "keywords": [], "entries": []}]}, "hr"),
        ({"categories": [{"key": "", "label": "x", "keywords": [], "entries": []}]}, "key"),
    ],
)
def test_malformed_structure(data: dict[str, Any], path: str) -> None:
    with pytest.raises(LibraryError) as info:
        parse_library(data)
    assert path in info.value.path


def test_duplicate_category_key(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["categories"].append(copy.deepcopy(data["categories"][0]))
    with pytest.raises(LibraryError, match="general_affairs"):
        parse_library(data)


def test_load_library_reports_invalid_json() -> None:
    with pytest.raises(LibraryError, match="line 1"):
        load_library('{"categories": [}')
    with pytest.raises(LibraryError):
        load_library("[]")


def test_minimal_library() -> None:
    text = json.dumps(
        {
            "version": 1,
            "categories": [
                {
                    "key": "hr",
                    "label": "人事",
                    "keywords": ["人事"],
                    "entries": [
                        {
                            "name": "採用人数",
                            "unit": "人",
                            "kind": "quantitative",
                            "direction": "higher",
                            "aggregation": "sum",
                            "rationale": "計画どおりの採用が事業を支える。",
                            "description": "当月の入社人数。",
                        }
                    ],
                }
            ],
        },
        ensure_ascii=False,
    )
    (category,) = load_library(text)
    (entry,) = category.entries
    assert entry.annual_target is None
    assert entry.baseline is None
    assert entry.decimals == 0
    assert entry.level_descriptions == ()
