"""Finding the tables of a sheet: where the header is, where the months are, what each column is.

Three shapes are recognised from the cells (shared/research/excel-layouts.md): months across the
columns (:attr:`Layout.ACROSS`, with 目標/実績 row pairs, 予算/見込/実績 sub-columns, a year row
above and title rows before the header), months down a column (:attr:`Layout.DOWN`, or
:attr:`Layout.LONG` when a KPI-name column repeats), and a sheet that is one month
(:attr:`Layout.MONTH_SHEET`, found by the caller from the sheet name or a 表示期間 cell).
Month labels are kept unresolved here (:class:`MonthLabel`); the caller turns them into calendar
months once it knows the year.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from domain.importing.cells import display_text, is_blank, text_key
from domain.importing.month_labels import MonthLabel, YearHint, month_label, year_cell
from domain.importing.vocabulary import (
    Role,
    SeriesWord,
    header_role,
    is_aggregate_label,
    is_header_word,
    name_level,
    series_word,
)
from domain.months import EXCEL_EPOCH
from domain.parsing import is_blank as is_blank_text

SCAN_ROWS = 40  # the first header is looked for in these rows (titles and meta rows above it)
COLUMN_SCAN_ROWS = 600  # months down a column are looked for in these rows
SAMPLE_ROWS = 300  # rows sampled to judge what a column holds


@dataclass(slots=True)
class TableGuess:
    """A table before its months are resolved (labels are per column or per row)."""

    layout: str
    header_row: int
    data_start: int
    data_end: int
    roles: dict[int, Role] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    month_labels: dict[int, MonthLabel] = field(default_factory=dict)  # col (ACROSS) or row
    year_hints: dict[int, YearHint] = field(default_factory=dict)  # col → year (ACROSS)
    series: dict[int, SeriesWord] = field(default_factory=dict)  # col → series
    dimensions: dict[int, str] = field(default_factory=dict)  # col → sub-label
    month_col: int | None = None
    hierarchy: bool = False  # 大項目 / 中項目 / 小項目: the group is part of every KPI's name
    meta_rows: dict[Role, int] = field(default_factory=dict)  # DOWN: 単位 / 目標 row → its row


def _cell(rows: Sequence[Sequence[object]], r: int, c: int) -> object:
    if 0 <= r < len(rows):
        row = rows[r]
        if 0 <= c < len(row):
            return row[c]
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numeric_text(value: object) -> bool:
    if not isinstance(value, str):
        return False
    key = text_key(value).replace(",", "").lstrip("-+▲△¥$(")
    return bool(key) and (key[0].isdigit() or key[0] == ".")


def _is_value(value: object) -> bool:
    """A cell that looks like a figure (a number, or text starting with one)."""
    return _is_number(value) or _numeric_text(value)


def _is_label_text(value: object) -> bool:
    return isinstance(value, str) and not is_blank_text(value) and not _numeric_text(value)


# --------------------------------------------------------------------------- month header rows


def _plausible_date_label(value: object) -> bool:
    if isinstance(value, datetime | date):
        last = calendar.monthrange(value.year, value.month)[1]
        return value.day in (1, last)
    return True


def _numeric_run(row: Sequence[object]) -> dict[int, MonthLabel]:
    """Number cells that form a run of at least six consecutive months (4,5,…,3 / 202504,… /
    Excel serials a month apart) in adjacent columns: a header written as numbers."""
    best: dict[int, MonthLabel] = {}
    run: dict[int, MonthLabel] = {}
    previous: tuple[int, MonthLabel] | None = None
    for c, value in enumerate(row):
        label = None
        if _is_number(value) or (isinstance(value, str) and value.strip().isdigit()):
            label = month_label(value, numbers=True)
        if label is None:
            if len(run) > len(best):
                best = run
            run, previous = {}, None
            continue
        if previous is not None and previous[0] == c - 1 and _next_month(previous[1], label):
            run[c] = label
        else:
            if len(run) > len(best):
                best = run
            run = {c: label}
        previous = (c, label)
    if len(run) > len(best):
        best = run
    if len(best) >= 6:
        return best
    dated = len(best) >= 2 and all(label.month is not None for label in best.values())
    return best if dated and all(_first_of_month(row[c]) for c in best) else {}


def _first_of_month(value: object) -> bool:
    """An Excel serial day that is the 1st (or a yyyymm number): a month header, not a figure."""
    number = int(float(value)) if not isinstance(value, str) else int(value.strip())
    if 190001 <= number <= 299912:
        return True
    day = EXCEL_EPOCH + timedelta(days=number)
    return day.day == 1


def _next_month(a: MonthLabel, b: MonthLabel) -> bool:
    if a.month is not None and b.month is not None:
        return a.month.months_until(b.month) == 1
    if a.bare is not None and b.bare is not None:
        return b.bare == a.bare % 12 + 1
    return False


def row_month_labels(row: Sequence[object]) -> dict[int, MonthLabel]:
    """Month labels of a candidate header row, by column."""
    labels: dict[int, MonthLabel] = {}
    for c, value in enumerate(row):
        if value is None or _is_number(value) or isinstance(value, bool):
            continue
        label = month_label(value)
        if label is not None:
            labels[c] = label
    if len(labels) < 3:
        run = _numeric_run(row)
        if len(run) > len(labels):
            return run
    return labels


def _distinct(labels: Mapping[int, MonthLabel]) -> set[object]:
    return {label.month if label.month is not None else label.bare for label in labels.values()}


def qualifies_as_header(row: Sequence[object], labels: Mapping[int, MonthLabel]) -> bool:
    distinct = _distinct(labels)
    if len(distinct) >= 3:
        return True
    if not labels:
        return False
    if not all(_plausible_date_label(row[c]) for c in labels):
        return False
    if len(distinct) == 2:
        return True
    return any(header_role(text_key(v)) is Role.NAME for v in row if isinstance(v, str))


def find_header_rows(
    rows: Sequence[Sequence[object]], first_only_until: int = SCAN_ROWS
) -> list[tuple[int, dict[int, MonthLabel]]]:
    """Month header rows: the best one in the first rows, then later ones that repeat it (stacked
    tables). Adjacent qualifying rows count once (the one with more months)."""
    best: tuple[int, dict[int, MonthLabel]] | None = None
    for r in range(min(first_only_until, len(rows))):
        labels = row_month_labels(rows[r])
        if labels and qualifies_as_header(rows[r], labels):
            if best is None or len(_distinct(labels)) > len(_distinct(best[1])):
                if best is not None and r > best[0] + 1 and len(_distinct(best[1])) >= 3:
                    break  # a later, separate table; found below as a stacked one
                best = (r, labels)
    if best is None:
        return []
    found = [best]
    first_col = min(best[1])
    r = best[0] + 2
    while r < len(rows):
        value = _cell(rows, r, first_col)
        if isinstance(value, date) or (
            isinstance(value, str) and not value.isdigit() and month_label(value) is not None
        ):
            labels = row_month_labels(rows[r])
            if len(_distinct(labels)) >= 2 and qualifies_as_header(rows[r], labels):
                found.append((r, labels))
                r += 2
                continue
        r += 1
    return found


# --------------------------------------------------------------------------- months across


def _sub_header(rows: Sequence[Sequence[object]], r: int, month_cols: Sequence[int]) -> bool:
    """Labels under the months (目標 | 実績, 前年 | 当年). A row with a figure under a month is
    a data row whatever its texts (``12（暫定）`` | ``約15`` | ``未確定``)."""
    texts = 0
    for c in month_cols:
        value = _cell(rows, r, c)
        if _is_value(value):
            return False
        if _is_label_text(value) and month_label(value) is None:
            texts += 1
    return texts >= max(1, (len(month_cols) + 1) // 2)


def _year_hints(
    rows: Sequence[Sequence[object]], header: int, month_cols: Sequence[int]
) -> dict[int, YearHint]:
    """A year row just above the months (``平成30年`` merged over ``1月``…``12月``), propagated
    left to right over the month columns."""
    for r in (header - 1, header - 2):
        if r < 0:
            continue
        found = {c: year_cell(_cell(rows, r, c)) for c in month_cols}
        if not any(found.values()):
            continue
        hints: dict[int, YearHint] = {}
        current: YearHint | None = None
        for c in month_cols:
            current = found[c] or current
            if current is not None:
                hints[c] = YearHint(current.year, current.fiscal, f"row:{r}")
        return hints
    return {}


def _column_profile(
    rows: Sequence[Sequence[object]], col: int, start: int, end: int
) -> tuple[int, int, int, set[str]]:
    """(text cells, number cells, non-blank cells, distinct text keys) in a sample of rows."""
    texts = numbers = filled = 0
    distinct: set[str] = set()
    for r in range(start, min(end, start + SAMPLE_ROWS)):
        value = _cell(rows, r, col)
        if is_blank(value):
            continue
        filled += 1
        if _is_label_text(value):
            texts += 1
            if len(distinct) < 50:
                distinct.add(text_key(value))
        elif _is_value(value):
            numbers += 1
    return texts, numbers, filled, distinct


def _kind_column(rows: Sequence[Sequence[object]], col: int, start: int, end: int) -> bool:
    """Most filled cells are 目標/実績-type words, with at least two different ones."""
    words: set[SeriesWord] = set()
    hits = filled = 0
    for r in range(start, min(end, start + SAMPLE_ROWS)):
        value = _cell(rows, r, col)
        if is_blank(value):
            continue
        filled += 1
        word = series_word(text_key(value)) if isinstance(value, str) else None
        if word is not None:
            hits += 1
            words.add(word)
    return (
        filled > 0
        and hits >= 0.6 * filled
        and len(words) >= 2
        and (SeriesWord.ACTUAL in words or SeriesWord.TARGET in words)
    )


def _name_hierarchy(
    guess: TableGuess,
    candidates: Sequence[int],
    first_value_col: int,
    overrides: Mapping[int, Role],
) -> None:
    """A KPI name split over 大項目 / 中項目 / 小項目 columns: the deepest level (or a KPI名
    column right of the levels) is the name, the level above it the group written in front of
    it, higher levels are categories (ignored)."""
    levels = {
        c: level
        for c in candidates
        if c < first_value_col
        and c not in overrides
        and (level := name_level(text_key(guess.labels.get(c, "")))) is not None
    }
    if len(levels) < 2 and not (
        levels and any(guess.roles.get(c) is Role.NAME for c in candidates if c not in levels)
    ):
        return
    by_depth = sorted(levels, key=lambda c: (levels[c], c))
    named = [
        c
        for c in candidates
        if guess.roles.get(c) is Role.NAME and c not in levels and c > max(levels)
    ]
    name_col = named[0] if named else by_depth.pop()
    for c in levels:
        guess.roles[c] = Role.IGNORE
    guess.roles[name_col] = Role.NAME
    if by_depth and Role.GROUP not in guess.roles.values():
        guess.roles[by_depth[-1]] = Role.GROUP
        guess.hierarchy = not named  # a KPI名 column names the KPI in full


def assign_label_roles(
    rows: Sequence[Sequence[object]],
    guess: TableGuess,
    candidates: Sequence[int],
    first_value_col: int,
    overrides: Mapping[int, Role],
) -> None:
    """Roles of the non-month columns: header words first, then 区分 by its values, then the
    KPI-name column by text density, then a block (group) column in front of it."""
    start, end = guess.data_start, guess.data_end
    for c in candidates:
        if c in overrides:
            guess.roles[c] = overrides[c]
            continue
        role = header_role(text_key(guess.labels.get(c, "")))
        if role is not None and role is not Role.IGNORE and c > first_value_col:
            role = Role.IGNORE if role in (Role.NAME, Role.GROUP) else role
        if role is not None:
            guess.roles[c] = role
    _name_hierarchy(guess, candidates, first_value_col, overrides)
    unknown = [c for c in candidates if c not in guess.roles]
    if Role.KIND not in guess.roles.values():
        for c in unknown:
            if _kind_column(rows, c, start, end):
                guess.roles[c] = Role.KIND
                break
    elif (kind := next(c for c, r in guess.roles.items() if r is Role.KIND)) and not _kind_column(
        rows, kind, start, end
    ):
        guess.roles[kind] = Role.IGNORE if kind not in overrides else Role.KIND
    unknown = [c for c in candidates if c not in guess.roles]
    profiles = {c: _column_profile(rows, c, start, end) for c in unknown}
    name_col = next((c for c, r in guess.roles.items() if r is Role.NAME), None)
    if name_col is None:
        left = [c for c in unknown if c < first_value_col and profiles[c][0] > 0]
        pool = left or [c for c in unknown if profiles[c][0] > 0]
        if pool:
            name_col = max(pool, key=lambda c: (profiles[c][0], len(profiles[c][3]), -c))
            guess.roles[name_col] = Role.NAME
    if name_col is not None and Role.GROUP not in guess.roles.values():
        groups = [
            c
            for c in unknown
            if c < name_col
            and c not in guess.roles
            and profiles[c][0] > 0
            and len(profiles[c][3]) >= 2
            and profiles[c][1] <= profiles[c][0]
        ]
        if groups:
            guess.roles[max(groups)] = Role.GROUP
    for c in candidates:
        guess.roles.setdefault(c, Role.IGNORE)


def across_table(
    rows: Sequence[Sequence[object]],
    header: int,
    labels: Mapping[int, MonthLabel],
    end: int,
    overrides: Mapping[int, Role],
) -> TableGuess:
    """A months-across table whose month labels are in row ``header``."""
    month_cols = sorted(c for c in labels if overrides.get(c, Role.VALUES) is Role.VALUES)
    month_cols += [c for c, role in overrides.items() if role is Role.VALUES and c not in labels]
    has_sub = header + 1 < end and _sub_header(rows, header + 1, month_cols)
    data_start = header + 2 if has_sub else header + 1
    guess = TableGuess("across", header, data_start, end)
    guess.year_hints = _year_hints(rows, header, month_cols)
    above = header - 1
    width = max((len(rows[r]) for r in range(header, min(end, header + 50))), default=0)
    for c in range(width):
        if c in labels and c in month_cols:
            label = labels[c]
            guess.month_labels[c] = label
            guess.roles[c] = Role.VALUES
            guess.labels[c] = display_text(_cell(rows, header, c))
            word = label.series
            if has_sub:
                sub = _cell(rows, header + 1, c)
                key = text_key(sub)
                sub_word = series_word(key) if key else None
                if sub_word is not None:
                    word = sub_word
                elif key and (is_aggregate_label(key) or is_header_word(key)):
                    word = SeriesWord.OTHER
                elif key and _is_label_text(sub):
                    guess.dimensions[c] = display_text(sub)
            if word is None and above >= 0:
                word = series_word(text_key(_cell(rows, above, c))) or None
                if word is SeriesWord.OTHER:
                    word = None  # 前年 over the whole block is rarer than a title: ignore it
            if word is not None:
                guess.series[c] = word
            continue
        text = _cell(rows, header, c)
        if is_blank(text) and has_sub:
            text = _cell(rows, header + 1, c)
        guess.labels[c] = display_text(text)
    first_month = min(month_cols) if month_cols else width
    candidates = [c for c in range(width) if c not in guess.roles]
    assign_label_roles(rows, guess, candidates, first_month, overrides)
    return guess


# --------------------------------------------------------------------------- months down


def column_month_labels(
    rows: Sequence[Sequence[object]], col: int, start: int = 0, limit: int = COLUMN_SCAN_ROWS
) -> dict[int, MonthLabel]:
    labels: dict[int, MonthLabel] = {}
    for r in range(start, min(len(rows), start + limit)):
        value = _cell(rows, r, col)
        if value is None or isinstance(value, bool) or _is_number(value):
            continue
        label = month_label(value)
        if label is not None and _plausible_date_label(value):
            labels[r] = label
    return labels


def best_month_column(
    rows: Sequence[Sequence[object]], width: int
) -> tuple[int, dict[int, MonthLabel]]:
    best: tuple[int, dict[int, MonthLabel]] = (-1, {})
    for c in range(min(width, 12)):
        labels = column_month_labels(rows, c)
        if len(_distinct(labels)) > len(_distinct(best[1])):
            best = (c, labels)
    return best


def _meta_role(rows: Sequence[Sequence[object]], r: int, month_col: int) -> Role | None:
    """UNIT or TARGET for a row of a transposed table between its header and its first month
    that gives each KPI column its unit (単位 | 件 | h) or target (目標 | 300 | 2)."""
    role = header_role(text_key(_cell(rows, r, month_col)))
    return role if role in (Role.UNIT, Role.TARGET) else None


def _header_above(rows: Sequence[Sequence[object]], first: int, month_col: int) -> int | None:
    for r in range(first - 1, max(-1, first - 7), -1):
        row = rows[r]
        if _meta_role(rows, r, month_col) is not None:
            continue
        if any(_is_label_text(v) for c, v in enumerate(row) if c != month_col):
            return r
    return None


def down_table(
    rows: Sequence[Sequence[object]],
    month_col: int,
    labels: Mapping[int, MonthLabel],
    overrides: Mapping[int, Role],
    header_override: int | None = None,
) -> TableGuess:
    """Months down column ``month_col``: a transposed table (a KPI per column) or a long table
    (KPI name, month and value in columns)."""
    first = min(labels)
    header = (
        header_override if header_override is not None else _header_above(rows, first, month_col)
    )
    header_row = header if header is not None else first - 1
    end = len(rows)
    width = max((len(rows[r]) for r in range(max(0, header_row), min(end, first + 50))), default=0)
    guess = TableGuess("down", header_row, first, end, month_col=month_col)
    guess.roles[month_col] = Role.MONTH
    for r in range(first, end):
        if r in labels:
            guess.month_labels[r] = labels[r]
            continue
        value = _cell(rows, r, month_col)
        if value is None or isinstance(value, bool) or _is_number(value):
            continue
        label = month_label(value)
        if label is not None:
            guess.month_labels[r] = label
    sub_rows = [r for r in range(header_row + 1, first)] if header is not None else []
    for r in list(sub_rows):
        meta = _meta_role(rows, r, month_col)
        if meta is not None:
            guess.meta_rows.setdefault(meta, r)
            sub_rows.remove(r)
    for c in range(width):
        if c == month_col:
            continue
        guess.labels[c] = display_text(_cell(rows, header_row, c)) if header is not None else ""
        for r in sub_rows:
            word = series_word(text_key(_cell(rows, r, c)))
            if word is not None:
                guess.series[c] = word
    # long table: a column of text that changes from row to row holds the KPI names
    candidates = [c for c in range(width) if c != month_col]
    month_rows = sorted(guess.month_labels)
    repeated = len(month_rows) > len(_distinct(guess.month_labels))
    name_keyword = any(
        header_role(text_key(guess.labels.get(c, ""))) is Role.NAME for c in candidates
    )
    # a system export (締め日 | 部署 | 残業時間 | 有給取得日数): each month once per department,
    # a KPI per column — transposed, per department, not a long table
    department_col = next(
        (
            c
            for c in candidates
            if header_role(text_key(guess.labels.get(c, ""))) is Role.DEPARTMENT
        ),
        None,
    )
    by_department = (
        department_col is not None and not name_keyword and department_col not in overrides
    )
    if (repeated and not by_department) or name_keyword:
        guess.layout = "long"
        assign_label_roles(rows, guess, candidates, width, overrides)
        if Role.ACTUAL not in guess.roles.values():
            numeric = [
                c
                for c in candidates
                if guess.roles.get(c) is Role.IGNORE
                and c not in overrides
                and not is_aggregate_label(text_key(guess.labels.get(c, "")))
                and _column_profile(rows, c, first, end)[1] > 0
            ]
            if numeric:
                guess.roles[numeric[0]] = Role.ACTUAL
        return guess
    for c in candidates:
        if c in overrides:
            guess.roles[c] = overrides[c]
            continue
        if c == department_col:
            guess.roles[c] = Role.DEPARTMENT
            continue
        key = text_key(guess.labels.get(c, ""))
        role = header_role(key)
        texts, numbers, _filled, _ = _column_profile(rows, c, first, end)
        if role in (Role.IGNORE, Role.CODE, Role.OWNER, Role.DEPARTMENT, Role.DIRECTION) or (
            is_aggregate_label(key)
        ):
            guess.roles[c] = Role.IGNORE
        elif numbers > 0 and numbers >= texts and key:
            guess.roles[c] = Role.VALUES
        else:
            guess.roles[c] = Role.IGNORE
    return guess


# --------------------------------------------------------------------------- one month per sheet


def month_sheet_header(rows: Sequence[Sequence[object]]) -> int | None:
    """The header row of a one-month sheet: a KPI-name word and an 実績/値 word in one row."""
    for r in range(min(SCAN_ROWS, len(rows))):
        roles = {header_role(text_key(v)) for v in rows[r] if isinstance(v, str)}
        if Role.ACTUAL in roles and (Role.NAME in roles or Role.TARGET in roles):
            return r
    return None


def month_sheet_table(
    rows: Sequence[Sequence[object]], header: int, overrides: Mapping[int, Role]
) -> TableGuess:
    guess = TableGuess("month_sheet", header, header + 1, len(rows))
    width = max((len(rows[r]) for r in range(header, min(len(rows), header + 50))), default=0)
    for c in range(width):
        guess.labels[c] = display_text(_cell(rows, header, c))
    assign_label_roles(rows, guess, list(range(width)), width, overrides)
    return guess


def has_numbers(rows: Sequence[Sequence[object]]) -> bool:
    """A table of figures (not a page of notes): numbers in at least two rows, four in all, or
    three in one row (a sheet of a single KPI)."""
    cells = 0
    lines = 0
    for row in rows[:5000]:
        found = sum(
            1
            for v in row
            if _is_number(v)
            or (isinstance(v, str) and text_key(v).replace(",", "").replace(".", "", 1).isdigit())
        )
        if found:
            cells += found
            lines += 1
        if (cells >= 4 and lines >= 2) or found >= 3:
            return True
    return False
