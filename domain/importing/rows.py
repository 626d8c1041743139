"""Turning a found table into KPIs: which rows are KPIs, their names, units, targets and values.

Rows that are not KPIs: blank rows, total rows (合計, 小計, 東京計 …), notes (※…, 注）…), a
repeated header, and rows with a name but nothing at all in their value cells. 目標/実績 row
pairs (a 区分 column) make one KPI; a name repeated in several blocks (媒体 × 売上/原価) gets its
block label in front; a name repeated with different codes (修繕費 546 / 632) gets its code.

This is the importer's hot loop (a 20-sheet workbook has over a million cells), so cells are
plain tuples and only unusual cells go through :func:`domain.importing.values.read_cell`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from domain.fiscal import YearMonth
from domain.importing.cells import CellDetails, address, display_text, is_blank, text_key
from domain.importing.model import Problem, ProblemCode
from domain.importing.sections import apply_headings, department_heading
from domain.importing.tables import SAMPLE_ROWS, TableGuess
from domain.importing.values import (
    RawCell,
)
from domain.importing.vocabulary import (
    Role,
    SeriesWord,
    is_example_name,
    is_header_word,
    is_note_text,
    is_total_name,
    series_word,
    split_series_affix,
)
from domain.model import Series

Progress = Callable[[int], None]
Value = tuple[Series, YearMonth, int, int, object]  # series, month, row, col, cell value
_ATTRIBUTES = (Role.UNIT, Role.OWNER, Role.DIRECTION, Role.AGGREGATION, Role.TARGET)


@dataclass(slots=True)
class KpiDraft:
    """A KPI being collected from one or more rows (or a column of a transposed table)."""

    name: str
    row: int
    group: str = ""
    code: str = ""
    dimension: str = ""
    department: str | None = None
    unit_text: str = ""
    owner: str = ""
    direction_text: str = ""
    aggregation_text: str = ""
    target_cell: RawCell | None = None
    values: list[Value] = field(default_factory=list)
    any_filled: bool = False
    # one row of a plain table: its values are read straight from ``rows[simple_row]``
    simple_row: int = -1
    simple_cols: Sequence[tuple[int, YearMonth]] = ()
    simple_series: Series = Series.ACTUAL

    name_key: str = ""  # text_key of the parts, cached: names are compared many times
    group_key: str = ""
    dimension_key: str = ""

    def key(self) -> str:
        name_key = self.name_key or text_key(self.name)
        group_key = (self.group_key or text_key(self.group)) if self.group else ""
        dimension_key = (self.dimension_key or text_key(self.dimension)) if self.dimension else ""
        return group_key + name_key + dimension_key

    def full_name(self) -> str:
        name = self.name
        if self.group:
            name = f"{self.group} {name}"
        if self.dimension:
            name = f"{name} {self.dimension}"
        return name


@dataclass(frozen=True, slots=True)
class SheetContext:
    sheet: str
    details: CellDetails
    department: str | None
    declared_unit: str
    target_annual: bool | None = None
    merged: tuple[tuple[int, int, int, int], ...] = ()  # the sheet's merged ranges
    table_series: Series | None = None  # a 【目標】 / 【実績】 title just above the table


def _cell(rows: Sequence[Sequence[object]], r: int, c: int | None) -> object:
    if c is None or r >= len(rows):
        return None
    row = rows[r]
    return row[c] if 0 <= c < len(row) else None


def _name_of(value: object) -> str:
    if (
        type(value) is str
        and "\n" not in value
        and "\r" not in value
        and max(value, default="") < "\uff61"
    ):
        return value.strip()  # display_text(value), blank or not, without the calls
    return display_text(value) if not is_blank(value) else ""


def _series_of(word: SeriesWord | None) -> Series | None:
    if word is SeriesWord.TARGET:
        return Series.TARGET
    if word is SeriesWord.ACTUAL or word is None:
        return Series.ACTUAL
    return None


def _skip_name(key: str, header_key: str) -> bool:
    return is_total_name(key) or key == header_key or is_header_word(key) or is_example_name(key)


def _first(roles: Mapping[int, Role], role: Role) -> int | None:
    return next((c for c, r in roles.items() if r is role), None)


# --------------------------------------------------------------------------- months across


def across_drafts(
    rows: Sequence[Sequence[object]],
    guess: TableGuess,
    months: Mapping[int, YearMonth],
    ctx: SheetContext,
    problems: list[Problem],
    progress: Progress | None = None,
) -> list[KpiDraft]:
    roles = guess.roles
    name_col, kind_col, group_col = (_first(roles, r) for r in (Role.NAME, Role.KIND, Role.GROUP))
    header_key = text_key(guess.labels.get(name_col, "")) if name_col is not None else ""
    value_cols = [(c, months[c]) for c in sorted(months) if roles.get(c) is Role.VALUES]
    text_cols = _text_dimension_cols(rows, guess, value_cols)
    columns = [
        (
            c,
            month,
            guess.dimensions.get(c, ""),
            _series_of(guess.series[c]) if c in guess.series else None,
            c in guess.series,
        )
        for c, month in value_cols
        if not (guess.dimensions.get(c) and c in text_cols)
    ]
    attributes = [(c, role) for c, role in roles.items() if role in _ATTRIBUTES]
    identity = [(c, role) for c, role in roles.items() if role in (Role.CODE, Role.DEPARTMENT)]
    section_mode, affix_pairs = _series_in_names(rows, guess, name_col, kind_col)
    paired = kind_col is not None or section_mode or bool(affix_pairs)
    simple = not paired and all(
        not dimension and not has_fixed for _, _, dimension, _, has_fixed in columns
    )
    simple_cols = [(c, month) for c, month, *_ in columns]
    drafts: list[KpiDraft] = []
    current: dict[str, KpiDraft] = {}
    group = ""
    last_name = ""
    section = ""  # the KPI a 目標 / 実績 row below a name-only row belongs to
    value_set = {c for c, *_ in columns}
    # where a total row may have its 合計 / 小計 instead of the name column: 部署, No., and an
    # unlabelled column left of the name (not 集計 / 備考, whose 合計 is a value)
    label_cols = [
        c
        for c in range(min(value_set, default=0))
        if roles.get(c) in (Role.DEPARTMENT, Role.CODE)
        or (c not in roles and name_col is not None and c < name_col)
    ]
    dept_cols = [c for c, role in identity if role is Role.DEPARTMENT]
    carried: str | None = None  # a department written on its group's first row only
    headings = _merged_headings(ctx.merged, name_col, guess.data_start, guess.data_end)
    table_series = ctx.table_series or Series.ACTUAL
    first_value = min(value_set, default=0)
    sections: list[tuple[int, str]] = []  # (row, department) of 【人事部】 heading rows
    for r in range(guess.data_start, guess.data_end):
        if progress is not None and r % 2000 == 0:
            progress(r)
        row = rows[r]
        width = len(row)
        name = _name_of(row[name_col]) if name_col is not None and name_col < width else ""
        if not name and all(is_blank(v) for v in row):
            group, last_name, current = "", "", {}
            continue
        if not dept_cols and (heading := department_heading(row, first_value)) is not None:
            sections.append((r, heading))
            group, last_name, current = "", "", {}
            continue
        if r in headings and _is_heading(row, headings[r]):
            if group_col is None:
                group = name.strip("【】［］[]＜＞<>〈〉《》()（） ")
            last_name, current = "", {}
            continue
        if any(
            c < width and isinstance(row[c], str) and is_total_name(text_key(row[c]))
            for c in label_cols
            if c not in (name_col, group_col, kind_col)
        ):
            carried, last_name, current = None, "", {}
            continue  # 小計 / 合計 in the 部署 (or another label) column: a total row
        if dept_cols:
            filled = next((row[c] for c in dept_cols if c < width and not is_blank(row[c])), None)
            if filled is not None:
                carried = _name_of(filled)
        if group_col is not None and group_col < width and not is_blank(row[group_col]):
            group = _name_of(row[group_col])
        kind_word = None
        if kind_col is not None and kind_col < width:
            kind_word = series_word(text_key(row[kind_col]))
        elif name and (section_mode or affix_pairs):
            name, kind_word, section = _name_and_series(name, section, section_mode, affix_pairs)
        if not name:
            if kind_col is not None and kind_word is not None and last_name:
                name = last_name
            elif (
                guess.hierarchy
                and group_col is not None
                and not is_blank(_cell(rows, r, group_col))
            ):
                name = group  # a 中項目 without 小項目 is a KPI itself
            elif group and group_col is not None and group != last_name and not current:
                name = group
        if not name:
            filled = next((c for c, *_ in columns if c < width and not is_blank(row[c])), None)
            if filled is not None and not is_total_name(text_key(_cell(rows, r, group_col))):
                where = name_col if name_col is not None else filled
                problems.append(Problem(ctx.sheet, address(r, where), ProblemCode.NO_NAME))
            continue
        key = text_key(name)
        if _skip_name(key, header_key) or (group and is_total_name(text_key(group))):
            if is_total_name(key):
                carried = None
            last_name, current = name, {}
            continue
        row_series = _series_of(kind_word) if paired else table_series
        if not (paired and name == last_name and current):
            current = {}
        last_name = name
        block = group if group != name else ""
        if simple and row_series is not None:
            draft = _new_draft(row, r, name, block, "", identity, ctx, carried)
            draft.name_key = key
            draft.simple_row, draft.simple_cols, draft.simple_series = r, simple_cols, row_series
            current = {"": draft}
            drafts.append(draft)
            if attributes:
                _fill_attributes(draft, row, r, attributes, row_series)
            continue
        for c, month, dimension, fixed, has_fixed in columns:
            series = fixed if has_fixed else row_series
            if series is None:
                continue
            draft = current.get(dimension)
            if draft is None:
                draft = _new_draft(row, r, name, block, dimension, identity, ctx, carried)
                draft.name_key = key
                current[dimension] = draft
                drafts.append(draft)
            value = row[c] if c < width else None
            if value is None:
                continue
            if value != "" and not draft.any_filled:
                draft.any_filled = not (isinstance(value, str) and not value.strip())
            draft.values.append((series, month, r, c, value))
        if not columns and not current:
            current[""] = _new_draft(row, r, name, block, "", identity, ctx, carried)
            drafts.append(current[""])
        if attributes:
            for draft in current.values():
                _fill_attributes(draft, row, r, attributes, row_series)
    apply_headings(drafts, sections, ctx.department)
    return drafts


_PAIRED = (SeriesWord.TARGET, SeriesWord.ACTUAL)


def _merged_headings(
    merged: Sequence[tuple[int, int, int, int]], name_col: int | None, start: int, end: int
) -> dict[int, tuple[int, int]]:
    """Rows of the table whose name cell is part of a range merged across several columns:
    row → (first, last) column of that range."""
    out: dict[int, tuple[int, int]] = {}
    if name_col is None:
        return out
    for r1, c1, r2, c2 in merged:
        if c2 > c1 and c1 <= name_col <= c2 and r2 >= start and r1 < end:
            for r in range(max(r1, start), min(r2, end - 1) + 1):
                out[r] = (c1, c2)
    return out


def _is_heading(row: Sequence[object], span: tuple[int, int]) -> bool:
    """A group heading (【庶務】 merged over No./KPI名/単位): nothing outside the merged range."""
    c1, c2 = span
    return all(is_blank(v) for c, v in enumerate(row) if c < c1 or c > c2)


def _series_in_names(
    rows: Sequence[Sequence[object]], guess: TableGuess, name_col: int | None, kind_col: int | None
) -> tuple[bool, set[str]]:
    """目標/実績 written in the name column: as rows of their own under a name-only row
    (section mode), or as affixes (売上目標 / 売上実績) — the stems that have both."""
    if kind_col is not None or name_col is None:
        return False, set()
    pure = 0
    stems: dict[str, set[SeriesWord]] = {}
    for r in range(guess.data_start, min(guess.data_end, guess.data_start + SAMPLE_ROWS)):
        value = _cell(rows, r, name_col)
        if not isinstance(value, str) or not value.strip():
            continue
        key = text_key(value)
        if series_word(key) in _PAIRED:
            pure += 1
            continue
        stem, word = split_series_affix(key)
        if word in _PAIRED:
            stems.setdefault(stem, set()).add(word)  # type: ignore[arg-type]
    return pure >= 2, {stem for stem, words in stems.items() if len(words) == 2}


def _name_and_series(
    name: str, section: str, section_mode: bool, affix_pairs: set[str]
) -> tuple[str, SeriesWord | None, str]:
    """(KPI name, series, section) of a row whose name cell may hold 目標/実績."""
    key = text_key(name)
    word = series_word(key)
    if section_mode and word in _PAIRED:
        return (section, word, section) if section else (name, None, section)
    if affix_pairs:
        stem, affix = split_series_affix(name.strip())
        if affix in _PAIRED and text_key(stem) in affix_pairs:
            return stem, affix, section
    return name, None, name


def _text_dimension_cols(
    rows: Sequence[Sequence[object]], guess: TableGuess, value_cols: Sequence[tuple[int, YearMonth]]
) -> set[int]:
    """Sub-columns with an unknown sub-label whose cells are mostly text (KR① …): not figures."""
    out: set[int] = set()
    for c, _ in value_cols:
        if not guess.dimensions.get(c):
            continue
        texts = numbers = 0
        for r in range(guess.data_start, min(guess.data_end, guess.data_start + 300)):
            value = _cell(rows, r, c)
            if is_blank(value):
                continue
            if isinstance(value, str) and not value.strip()[:1].isdigit():
                texts += 1
            else:
                numbers += 1
        if texts > numbers:
            out.add(c)
    return out


def _new_draft(
    row: Sequence[object],
    r: int,
    name: str,
    group: str,
    dimension: str,
    identity: Sequence[tuple[int, Role]],
    ctx: SheetContext,
    carried: str | None = None,
) -> KpiDraft:
    """A draft for row ``r``; ``carried`` is the department written on an earlier row of its
    group (the 部署 cell is filled on a group's first row only)."""
    draft = KpiDraft(name, r, group, "", dimension, carried or ctx.department)
    width = len(row)
    for c, role in identity:
        value = row[c] if c < width else None
        if value is None or is_blank(value):
            continue
        if role is Role.CODE:
            draft.code = _name_of(value)
        else:
            draft.department = _name_of(value)
    return draft


def _fill_attributes(
    draft: KpiDraft,
    row: Sequence[object],
    r: int,
    attributes: Sequence[tuple[int, Role]],
    row_series: Series | None,
) -> None:
    """Unit, owner, direction, … from this row unless an earlier row of the KPI gave them; the
    target column of an 実績 row of a pair is not the target when the 目標 row has one."""
    width = len(row)
    for c, role in attributes:
        if c >= width:
            continue
        value = row[c]
        if value is None or value == "":
            continue
        if role is Role.TARGET:
            if not is_blank(value) and (draft.target_cell is None or row_series is Series.TARGET):
                draft.target_cell = RawCell(r, c, value)
            continue
        if role is Role.UNIT:
            if not draft.unit_text:
                draft.unit_text = _name_of(value)
        elif role is Role.OWNER:
            if not draft.owner:
                draft.owner = _name_of(value)
        elif role is Role.DIRECTION:
            if not draft.direction_text:
                draft.direction_text = _name_of(value)
        elif role is Role.AGGREGATION and not draft.aggregation_text:
            draft.aggregation_text = _name_of(value)


# --------------------------------------------------------------------------- months down / long


def down_drafts(
    rows: Sequence[Sequence[object]],
    guess: TableGuess,
    months: Mapping[int, YearMonth],
    ctx: SheetContext,
) -> list[KpiDraft]:
    drafts: dict[tuple[str | None, str], KpiDraft] = {}
    dept_col = _first(guess.roles, Role.DEPARTMENT)
    departments = {
        r: _name_of(_cell(rows, r, dept_col)) or ctx.department if dept_col is not None else None
        for r in months
    }
    for c in sorted(guess.roles):
        if guess.roles[c] is not Role.VALUES:
            continue
        name = guess.labels.get(c, "")
        series = _series_of(guess.series.get(c))
        if not name or series is None:
            continue
        for r, month in months.items():
            department = departments[r] if dept_col is not None else ctx.department
            draft = drafts.get((department, name))
            if draft is None:
                draft = KpiDraft(name=name, row=guess.header_row, department=department)
                drafts[(department, name)] = draft
                _fill_meta(draft, rows, guess.meta_rows, c)
            value = _cell(rows, r, c)
            if value is None:
                continue
            draft.any_filled = draft.any_filled or not is_blank(value)
            draft.values.append((series, month, r, c, value))
    order = {d: i for i, d in enumerate(dict.fromkeys(departments.values()))}
    return [drafts[k] for k in sorted(drafts, key=lambda k: order.get(k[0], 0))]  # stable


def _fill_meta(
    draft: KpiDraft, rows: Sequence[Sequence[object]], meta_rows: Mapping[Role, int], c: int
) -> None:
    """The unit and target a transposed table gives a KPI column in its 単位 / 目標 rows."""
    unit_row, target_row = meta_rows.get(Role.UNIT), meta_rows.get(Role.TARGET)
    if unit_row is not None and not is_blank(unit := _cell(rows, unit_row, c)):
        draft.unit_text = _name_of(unit)
    if target_row is not None and not is_blank(target := _cell(rows, target_row, c)):
        draft.target_cell = RawCell(target_row, c, target)


def long_drafts(
    rows: Sequence[Sequence[object]],
    guess: TableGuess,
    months: Mapping[int, YearMonth],
    ctx: SheetContext,
) -> list[KpiDraft]:
    roles = guess.roles
    name_col, actual_col, target_col, dept_col, kind_col = (
        _first(roles, r) for r in (Role.NAME, Role.ACTUAL, Role.TARGET, Role.DEPARTMENT, Role.KIND)
    )
    attributes = [
        (c, role) for c, role in roles.items() if role in _ATTRIBUTES and role is not Role.TARGET
    ]
    drafts: dict[tuple[str | None, str], KpiDraft] = {}
    for r, month in months.items():
        row = rows[r]
        name = _name_of(_cell(rows, r, name_col))
        if not name or is_total_name(text_key(name)):
            continue
        department = ctx.department
        if dept_col is not None and not is_blank(_cell(rows, r, dept_col)):
            department = _name_of(_cell(rows, r, dept_col))
        key = (department, text_key(name))
        draft = drafts.get(key)
        if draft is None:
            draft = KpiDraft(name=name, row=r, department=department)
            drafts[key] = draft
        _fill_attributes(draft, row, r, attributes, None)
        # a 区分 column (目標 / 実績 / 達成率) says what the value column holds on this row:
        # only 目標 and 実績 are read (a 達成率 row was taken as the actual)
        row_series = Series.ACTUAL
        if kind_col is not None:
            row_series = _series_of(series_word(text_key(_cell(rows, r, kind_col))))
        for column, series in ((actual_col, row_series), (target_col, Series.TARGET)):
            if column is None or series is None:
                continue
            value = _cell(rows, r, column)
            if value is None:
                continue
            draft.any_filled = draft.any_filled or not is_blank(value)
            draft.values.append((series, month, r, column, value))
    return list(drafts.values())


def month_sheet_drafts(
    rows: Sequence[Sequence[object]], guess: TableGuess, month: YearMonth, ctx: SheetContext
) -> list[KpiDraft]:
    roles = guess.roles
    name_col, actual_col, target_col = (
        _first(roles, r) for r in (Role.NAME, Role.ACTUAL, Role.TARGET)
    )
    header_key = text_key(guess.labels.get(name_col, "")) if name_col is not None else ""
    attributes = [
        (c, role) for c, role in roles.items() if role in _ATTRIBUTES and role is not Role.TARGET
    ]
    identity = [(c, role) for c, role in roles.items() if role in (Role.CODE, Role.DEPARTMENT)]
    drafts: list[KpiDraft] = []
    for r in range(guess.data_start, guess.data_end):
        row = rows[r]
        name = _name_of(_cell(rows, r, name_col))
        key = text_key(name)
        if not name or _skip_name(key, header_key) or is_note_text(key):
            continue
        draft = _new_draft(row, r, name, "", "", identity, ctx)
        _fill_attributes(draft, row, r, attributes, None)
        for column, series in ((actual_col, Series.ACTUAL), (target_col, Series.TARGET)):
            if column is None:
                continue
            value = _cell(rows, r, column)
            if value is None:
                continue
            draft.any_filled = draft.any_filled or not is_blank(value)
            draft.values.append((series, month, r, column, value))
        drafts.append(draft)
    return drafts


# --------------------------------------------------------------------------- names


def resolve_names(
    drafts: list[KpiDraft], sheet: str, problems: list[Problem], *, keep_groups: bool = False
) -> list[KpiDraft]:
    """Make names unique within a table: the block label goes in front of every name when names
    repeat across blocks (or always, with ``keep_groups``: the 中項目 of a 小項目), then a code
    goes behind names that still repeat (修繕費（546）); any later duplicate is reported and
    dropped (its values would overwrite the first one's)."""
    plain = [
        (d.department, (d.name_key or text_key(d.name)) + text_key(d.dimension)) for d in drafts
    ]
    if len(set(plain)) == len(plain) and not keep_groups:
        for d in drafts:
            d.group = ""
    keys = [(d.department, d.key()) for d in drafts]
    if len(set(keys)) < len(keys):
        counts: dict[tuple[str | None, str], int] = {}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        for i, d in enumerate(drafts):
            if counts[keys[i]] > 1 and d.code:
                d.name = f"{d.name}（{d.code}）"
                d.name_key = ""
                keys[i] = (d.department, d.key())
    seen: set[tuple[str | None, str]] = set()
    out: list[KpiDraft] = []
    for d, key in zip(drafts, keys, strict=True):
        if key in seen:
            problems.append(
                Problem(sheet, address(d.row, 0), ProblemCode.DUPLICATE_NAME, d.full_name())
            )
            continue
        seen.add(key)
        out.append(d)
    return out
