"""Reading a KPI's cells as numbers in its unit, and the unit itself when the file only implies it.

Rules (shared/research/excel-layouts.md §2.1, §2.4):

* Blank cells and ``-``, ``－``, ``―``, ``…``, ``N/A``, ``×``, ``対象外``, ``未入力`` are missing
  values, never zero. A formula saved without its result and an error value (``#DIV/0!``) are
  problems, also never zero.
* Text is read with :func:`domain.parsing.parse_value` in the KPI's unit (``131件``, ``1,234``,
  ``▲1,000``, ``(1,000)``, ``１２``, ``95%``); anything else is a problem naming the cell.
* Percent: a number with a percent format is a fraction (0.95 → 95.0). For a ``%`` KPI whose
  unformatted numbers are all within ±1 (CSV, or a sheet without formats) the numbers are read as
  fractions too — decided for the whole KPI, so one row is never half scaled.
* A time cell (``1:30``) is hours (1.5), minutes for a KPI in minutes (``分``, ``min``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from domain.importing.cells import CellDetails, SpecialKind, text_key
from domain.importing.model import ProblemCode
from domain.importing.month_labels import hours_of
from domain.importing.vocabulary import UNIT_WORDS, normalize_unit
from domain.model import Direction
from domain.parsing import (
    YEN_SIGNS,
    ParseProblem,
    ValueParseError,
    normalize,
    parse_value,
    time_unit_scale,
)

_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_EXTRA_BLANKS = {
    "×",
    "x",
    "対象外",
    "未入力",
    "未",
    "未集計",
    "なし",
    "無し",
    "na",
    "n.a.",
    "―",
    "－",
    "未確定",
    "未定",
    "集計中",
    "確認中",
}
# a figure marked as provisional or approximate is still the office's figure: 12（暫定）, 約15;
# a forecast (12（見込）) is not an actual and stays a problem
_NOTE_AFTER = re.compile(
    r"^(?P<num>.*?\S)\s*[（(【\[]\s*(?:暫定|速報|概算|仮|確定)値?\s*[）)】\]]$"
)
_ABOUT_BEFORE = re.compile(r"^(?:約|およそ|概算|概ね|大体)\s*(?P<num>[0-9０-９].*)$")
_SUFFIX = re.compile(r"^[-+▲△]?[0-9.,]+\s*(?P<unit>[^\s0-9.,]+)$")
_PROBLEM_OF = {
    ParseProblem.UNIT_MISMATCH: ProblemCode.UNIT_MISMATCH,
    ParseProblem.EXCEL_ERROR: ProblemCode.EXCEL_ERROR,
    ParseProblem.NOT_FINITE: ProblemCode.NOT_FINITE,
}
_BOUND_WORDS = (
    ("以下", Direction.LOWER),
    ("未満", Direction.LOWER),
    ("以内", Direction.LOWER),
    ("まで", Direction.LOWER),
    ("以上", Direction.HIGHER),
    ("超", Direction.HIGHER),
)

# a target's period written before its figure (月20時間以内): the figure is what counts
_PERIOD_WORDS = ("年間", "年度", "月間", "毎月", "各月", "月平均", "月", "年", "週", "日")


class RawCell(NamedTuple):
    row: int
    col: int
    value: object


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _finite(value: float, raw: object) -> Reading:
    """A reading of ``value``, or NOT_FINITE when scaling (× 100) overflowed a huge cell."""
    if not math.isfinite(value):
        return Reading(None, ProblemCode.NOT_FINITE, repr(raw))
    return Reading(value)


def clean_number(value: float) -> float:
    """Drop float noise from scaling (0.07 × 100 = 7.000000000000001 → 7.0)."""
    return float(f"{value:.12g}") + 0.0


def is_missing_text(text: str) -> bool:
    return text_key(text) in _EXTRA_BLANKS


def without_note(text: str) -> str:
    """``12（暫定）`` → ``12``, ``約15`` → ``15``; any other text unchanged."""
    stripped = text.strip()
    match = _NOTE_AFTER.match(stripped) or _ABOUT_BEFORE.match(stripped)
    return match["num"] if match else text


def plain_number(text: str) -> float | None:
    """``12``, ``-3``, ``18.5`` (ASCII, nothing else) as a float; None for anything else."""
    if text.isascii() and text.isdigit():
        return float(text)
    stripped = text.strip()
    if _PLAIN.fullmatch(stripped):
        return float(stripped) + 0.0
    return None


def _target_text(text: str) -> tuple[str, Direction | None]:
    """A target written in words — ``月20時間以内``, ``3件以下``, ``年間90%以上`` — as its figure
    (``20時間``) and the direction its bound word gives."""
    stripped = text.strip()
    direction: Direction | None = None
    for word, bound in _BOUND_WORDS:
        if stripped.endswith(word):
            stripped, direction = stripped[: -len(word)].strip(), bound
            break
    for period in _PERIOD_WORDS:
        rest = stripped[len(period) :].strip()
        if stripped.startswith(period) and rest[:1].isdigit():
            return rest, direction
    return stripped, direction


def infer_unit(cells: Iterable[tuple[int, int, object]], details: CellDetails) -> str:
    """A unit the cells imply: ``%`` when most numbers have a percent format or most texts end in
    ``%``; a unit word most texts end in (``131件`` → 件, ``3件以下`` → 件); else ``""``."""
    numbers = percent = 0
    suffixes: dict[str, int] = {}
    texts = 0
    for row, col, value in cells:
        if _is_number(value):
            numbers += 1
            if abs(float(value)) <= 10 and details.is_percent(row, col):  # type: ignore[arg-type]
                percent += 1
        elif isinstance(value, str) and value.strip():
            amount = normalize(value).lstrip("-▲△ ")
            if amount[:1] in YEN_SIGNS and amount[1:].lstrip()[:1].isdigit():  # ¥1,200, \\800
                texts += 1
                suffixes["円"] = suffixes.get("円", 0) + 1
                continue
            if value[-1].isdigit():
                continue  # a number as text: no unit
            texts += 1
            match = _SUFFIX.match(text_key(_target_text(value)[0]))
            if match:
                unit = normalize_unit(match["unit"])
                suffixes[unit] = suffixes.get(unit, 0) + 1
    if numbers and percent * 2 >= numbers and percent >= texts:
        return "%"
    if suffixes:
        unit, count = max(suffixes.items(), key=lambda item: item[1])
        if count * 2 >= texts and (unit in UNIT_WORDS or unit == "%"):
            return unit
    return ""


def fractions_for_percent(cells: Iterable[tuple[int, int, object]], details: CellDetails) -> bool:
    """For a ``%`` KPI: are its unformatted numbers fractions (all within ±1, not all zero)?
    A number with an explicit number format (``0.0"%"``, ``#,##0.0``) is meant as shown."""
    seen = nonzero = False
    for row, col, value in cells:
        number: float | None = None
        if _is_number(value):
            if details.is_percent(row, col):
                continue
            number = float(value)  # type: ignore[arg-type]
            if abs(number) <= 1 and details.has_number_format(row, col):
                return False
        elif isinstance(value, str):
            number = plain_number(value)
        if number is None:
            continue
        if abs(number) > 1:
            return False
        seen = True
        nonzero = nonzero or number != 0
    return seen and nonzero


@dataclass(frozen=True, slots=True)
class Reading:
    value: float | None
    problem: ProblemCode | None = None
    text: str = ""
    detail: str = ""
    direction: Direction | None = None


def read_cell(
    cell: RawCell, unit: str, details: CellDetails, *, fractions: bool, bounds: bool = False
) -> Reading:
    """One cell as a number in ``unit``. ``fractions``: unformatted numbers of a ``%`` KPI are
    fractions. ``bounds``: a target may say ``3%以下`` (read as 3 with direction LOWER)."""
    value = cell.value
    if value is None or value == "":
        special = details.special(cell.row, cell.col)
        if special is None:
            return Reading(None)
        if special.kind is SpecialKind.FORMULA_NO_VALUE:
            return Reading(None, ProblemCode.FORMULA_NO_VALUE, special.text)
        return Reading(None, ProblemCode.EXCEL_ERROR, special.text)
    percent = unit == "%"
    if type(value) is float or type(value) is int:
        number = float(value)
        if not math.isfinite(number):
            return Reading(None, ProblemCode.NOT_FINITE, repr(value))
        if percent and (
            fractions or (abs(number) <= 10 and details.is_percent(cell.row, cell.col))
        ):
            return _finite(clean_number(number * 100), value)
        return Reading(number + 0.0)
    if isinstance(value, bool):
        return Reading(None, ProblemCode.BOOL_NOT_NUMBER, "TRUE" if value else "FALSE")
    if isinstance(value, datetime | date):
        return Reading(None, ProblemCode.DATE_NOT_NUMBER, value.isoformat()[:10])
    if isinstance(value, time | timedelta):
        hours = hours_of(value)
        return Reading(clean_number(hours * (time_unit_scale(unit) or 1)))
    if not isinstance(value, str):
        return Reading(None, ProblemCode.NOT_A_NUMBER, str(value))
    if value.startswith("'"):  # Excel's mark for "keep as text" ('120), left in a CSV export
        value = value[1:]
    plain = plain_number(value)
    if plain is not None:
        return _finite(clean_number(plain * 100) if percent and fractions else plain, value)
    if is_missing_text(value):
        return Reading(None)
    text = without_note(value)
    direction: Direction | None = None
    if bounds:
        text, direction = _target_text(value)
    try:
        number = parse_value(text, unit=unit)
    except ValueParseError as exc:
        return Reading(
            None, _PROBLEM_OF.get(exc.problem, ProblemCode.NOT_A_NUMBER), value, exc.detail
        )
    return Reading(number, direction=direction)
