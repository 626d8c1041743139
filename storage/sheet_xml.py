"""Scans of a worksheet's XML for what python-calamine does not give: formulas saved without a
value, error values, hidden rows and columns. Plain byte regexes over the part (no XML parser:
the reader has refused entity declarations before anything is scanned)."""

from __future__ import annotations

import re

from domain.importing.cells import Special, SpecialKind

CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_OPEN = re.compile(rb"<(?:\w+:)?c\b")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_TYPE = re.compile(rb'\bt="(\w+)"')
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)")


def coordinates(ref: re.Match[bytes]) -> tuple[int, int]:
    col = 0
    for ch in ref.group(1):
        col = col * 26 + (ch - 64)
    return int(ref.group(2)) - 1, col - 1


def _cell_around(data: bytes, pos: int) -> tuple[bytes, bytes] | None:
    """(opening tag, body) of the ``<c>`` element containing byte ``pos``."""
    start = -1
    for match in _CELL_OPEN.finditer(data, max(0, pos - 400), pos):
        start = match.start()
    if start < 0:
        return None
    open_end = data.find(b">", start)
    if open_end < 0 or data[open_end - 1 : open_end] == b"/":
        return None
    close = data.find(b"</", open_end)
    while close >= 0 and not re.match(rb"</(?:\w+:)?c>", data[close : close + 8]):
        close = data.find(b"</", close + 2)
    if close < 0:
        return None
    return data[start : open_end + 1], data[open_end + 1 : close]


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_HIDDEN_ATTR = re.compile(rb'\bhidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
_COL_SPAN = re.compile(
    rb'\bmin="([0-9]+)"[^>]*?\bmax="([0-9]+)"|\bmax="([0-9]+)"[^>]*?\bmin="([0-9]+)"'
)


_OUTLINE = re.compile(rb'\boutlineLevel="[1-9]')


def _folded_away(tag: bytes) -> bool:
    """Hidden, and not by folding an outline group."""
    return _HIDDEN_ATTR.search(tag) is not None and _OUTLINE.search(tag) is None


def scan_hidden(data: bytes) -> tuple[frozenset[int], frozenset[int]]:
    """(rows, columns) hidden in a sheet part, 0-based (``<row r="7" hidden="1">``,
    ``<col min="3" max="5" hidden="1"/>``). Rows and columns in an outline group
    (``outlineLevel``) are left out: a folded group is a way of looking at the sheet, not a line
    given up."""
    if b'hidden="' not in data:
        return frozenset(), frozenset()
    rows: set[int] = set()
    cols: set[int] = set()
    for tag in _ROW_TAG.finditer(data):
        text = tag.group(0)
        if _folded_away(text) and (number := _ROW_NUMBER.search(text)):
            rows.add(int(number.group(1)) - 1)
    for tag in _COL_TAG.finditer(data):
        text = tag.group(0)
        if _folded_away(text) and (span := _COL_SPAN.search(text)):
            low, high = (
                (span.group(1), span.group(2)) if span.group(1) else (span.group(4), span.group(3))
            )
            if int(high) - int(low) < 16_384:  # a sheet's width at most
                cols.update(range(int(low) - 1, int(high)))
    return frozenset(rows), frozenset(cols)


def scan_special(data: bytes) -> dict[tuple[int, int], Special]:
    """Formulas without a cached value and error values, by (row, col)."""
    found: dict[tuple[int, int], Special] = {}
    if b"<f" not in data and b't="e"' not in data:
        return found
    positions = [m.start() for m in re.finditer(rb"<(?:\w+:)?f[\s>/]", data)]
    positions += [m.start() for m in re.finditer(rb'\bt="e"', data)]
    for pos in positions:
        cell = _cell_around(data, pos + 2)
        if cell is None:
            continue
        tag, body = cell
        ref = CELL_REF.search(tag)
        if ref is None:
            continue
        kind = _TYPE.search(tag)
        cell_type = kind.group(1) if kind else b"n"
        value = _VALUE.search(body)
        if cell_type == b"e":
            code = value.group(1).decode("utf-8", "replace") if value else "#ERROR"
            found[coordinates(ref)] = Special(SpecialKind.ERROR, code)
            continue
        if cell_type in (b"str", b"s", b"inlineStr", b"b"):
            continue  # a formula whose result is text (possibly empty) or a boolean
        if value is None or not value.group(1).strip():
            formula = _FORMULA_TEXT.search(body)
            text = (formula.group(1) or b"").decode("utf-8", "replace") if formula else ""
            found[coordinates(ref)] = Special(
                SpecialKind.FORMULA_NO_VALUE, f"={text}" if text else ""
            )
    return found
