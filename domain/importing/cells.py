"""A sheet as the importer sees it: rows of plain cell values, merged ranges, and lazy details.

storage/ turns a file into :class:`SheetGrid` values; everything after that is pure. Rows and
columns are 0-based here; :func:`address` gives the Excel name (``G7``) used in problems.

Cell values are ``None``/``""`` (blank), ``str``, ``int``, ``float``, ``bool``, ``date``,
``datetime``, ``time`` or ``timedelta``. What a value alone cannot say (a percent number format,
a formula without a cached value, an error value such as ``#DIV/0!``) comes from
:class:`CellDetails`, which a reader may compute lazily: the importer only asks about cells it
reads as KPI values.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class SpecialKind(StrEnum):
    FORMULA_NO_VALUE = "formula_no_value"  # a formula saved without its result (never recalculated)
    ERROR = "error"  # #DIV/0!, #N/A, #REF! …


@dataclass(frozen=True, slots=True)
class Special:
    kind: SpecialKind
    text: str = ""  # the formula or the error code


class CellDetails(Protocol):
    """What a reader knows about cells beyond their values (asked lazily, cell by cell)."""

    def is_percent(self, row: int, col: int) -> bool: ...
    def has_number_format(self, row: int, col: int) -> bool: ...
    def special(self, row: int, col: int) -> Special | None: ...
    def hidden(self) -> tuple[frozenset[int], frozenset[int]]: ...  # (rows, columns) hidden


class NoDetails:
    """Details of a source that has none (CSV)."""

    def is_percent(self, row: int, col: int) -> bool:
        return False

    def has_number_format(self, row: int, col: int) -> bool:
        """A number format other than General and percent (``#,##0``, ``0.0"%"``)."""
        return False

    def special(self, row: int, col: int) -> Special | None:
        return None

    def hidden(self) -> tuple[frozenset[int], frozenset[int]]:
        return frozenset(), frozenset()


NO_DETAILS = NoDetails()

CellRange = tuple[int, int, int, int]  # first row, first col, last row, last col (inclusive)


@dataclass(frozen=True, slots=True)
class SheetGrid:
    """One sheet: ``rows[r][c]`` (rows may differ in length), merged ranges, details."""

    name: str
    rows: Sequence[Sequence[object]]
    merged: tuple[CellRange, ...] = ()
    details: CellDetails = field(default=NO_DETAILS)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    if col < 0:
        raise ValueError(col)
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, col: int) -> str:
    """Excel address of a 0-based cell: (6, 6) → ``G7``."""
    return f"{column_letter(col)}{row + 1}"


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fillable(value: object, vertical_only: bool) -> bool:
    """Text and dates fill a whole merged range; a number only a vertical one (a number merged
    across columns is one figure for them all, not a copy per column)."""
    if is_blank(value):
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return vertical_only
    return True


def fill_merged(grid: SheetGrid) -> list[Sequence[object]]:
    """The rows with each merged range's top-left value copied into the range (see
    :func:`_fillable`). Rows outside merged ranges are shared with the input, never mutated."""
    rows: list[Sequence[object]] = list(grid.rows)
    copied: set[int] = set()
    for r1, c1, r2, c2 in grid.merged:
        if r1 >= len(rows) or r1 < 0 or c1 < 0:
            continue
        top = rows[r1]
        value = top[c1] if c1 < len(top) else None
        if not _fillable(value, c1 == c2):
            continue
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            if r not in copied:
                rows[r] = list(rows[r])
                copied.add(r)
            row = rows[r]
            assert isinstance(row, list)
            if len(row) <= c2:
                row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                if is_blank(row[c]):
                    row[c] = value
    return rows


_KEYS: dict[str, str] = {}  # text → its key: an import asks for the same names several times
_KEYS_MAX = 100_000


def text_key(value: object) -> str:
    """Comparable form of a label: NFKC (full-width → half-width), all whitespace (including
    ideographic spaces and line breaks inside header cells) removed, case folded; ``""`` for
    anything that is not text."""
    if not isinstance(value, str):
        return ""
    key = _KEYS.get(value)
    if key is None:
        if len(_KEYS) >= _KEYS_MAX:
            _KEYS.clear()
        key = _KEYS[value] = "".join(unicodedata.normalize("NFKC", value).split()).casefold()
    return key


_HALF_KANA = re.compile("[\uff61-\uff9f]+")  # ｿｳﾑ (legacy half-width katakana)


def _wide(ch: str) -> bool:
    """A character written without spaces around it in Japanese (kana, kanji, full-width)."""
    return unicodedata.east_asian_width(ch) in ("W", "F", "H")


def display_text(value: object) -> str:
    """A label as written, for showing and naming: stripped; half-width katakana made
    full-width (ｿｳﾑ部 → ソウム部); a line break inside the cell (text wrapped by hand) joined
    with nothing between Japanese characters (問合せ⏎対応件数 → 問合せ対応件数) and with a space
    elsewhere (Sales⏎Total → Sales Total)."""
    if isinstance(value, str):
        if "\n" not in value and "\r" not in value:
            text = value.strip()
        else:
            text = ""
            for part in value.strip().splitlines():
                part = part.strip()
                if not part:
                    continue
                joint = "" if not text or (_wide(text[-1]) and _wide(part[0])) else " "
                text += joint + part
        if "\uff61" <= max(text, default="\x00") and _HALF_KANA.search(text):
            text = _HALF_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
        return text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None or isinstance(value, bool):
        return ""
    return str(value)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects (an import of a
    million cells creates no cycles; measured: the collector otherwise takes ~40 % of the time
    re-scanning the cells already read)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
