"""Reading a KPI's cells once its rows are known: unit, percent scaling, target, values.

The second half of the hot loop (see :mod:`domain.importing.rows`): a plain row of numbers is
read without building a tuple per cell; anything unusual goes through
:func:`domain.importing.values.read_cell`, which reports the cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from domain.fiscal import YearMonth
from domain.importing.cells import address, text_key
from domain.importing.model import ImportedKpi, Problem, ProblemCode
from domain.importing.rows import KpiDraft, SheetContext, Value
from domain.importing.values import (
    RawCell,
    Reading,
    clean_number,
    fractions_for_percent,
    infer_unit,
    plain_number,
    read_cell,
)
from domain.importing.vocabulary import (
    aggregation_word,
    direction_word,
    normalize_unit,
    unit_in_name,
)
from domain.model import Aggregation, Direction, Series


def _filled(row: Sequence[object], cols: Sequence[tuple[int, YearMonth]]) -> bool:
    width = len(row)
    for c, _ in cols:
        if c < width:
            value = row[c]
            if (
                value is not None
                and value != ""
                and not (isinstance(value, str) and not value.strip())
            ):
                return True
    return False


def _values_of(draft: KpiDraft, rows: Sequence[Sequence[object]]) -> list[Value]:
    if draft.simple_row < 0:
        return draft.values
    row = rows[draft.simple_row]
    width = len(row)
    series, r = draft.simple_series, draft.simple_row
    return [(series, month, r, c, row[c]) for c, month in draft.simple_cols if c < width]


def finish(
    draft: KpiDraft,
    ctx: SheetContext,
    problems: list[Problem],
    rows: Sequence[Sequence[object]] = (),
) -> ImportedKpi | None:
    """Read a draft's cells: unit, percent scaling, target, values; report unreadable cells."""
    details = ctx.details
    if draft.simple_row >= 0:
        draft.any_filled = _filled(rows[draft.simple_row], draft.simple_cols)
    if not draft.any_filled and draft.target_cell is None and not draft.unit_text:
        if not any(details.special(r, c) for _, _, r, c, _ in _values_of(draft, rows)):
            return None
    unit = normalize_unit(draft.unit_text) if draft.unit_text else ""
    unit = unit or unit_in_name(draft.name) or ctx.declared_unit
    percent = unit == "%"
    fractions = target_fractions = False
    if not unit or percent:
        raw_cells: list[tuple[int, int, object]] = [
            (r, c, v) for _, _, r, c, v in _values_of(draft, rows)
        ]
        target_cells = [draft.target_cell] if draft.target_cell is not None else []
        unit = unit or infer_unit(raw_cells + target_cells, details)
        percent = unit == "%"
        # decided apart: a sheet may write the target as 80 beside actuals of 0.82 (= 82 %)
        fractions = percent and fractions_for_percent(raw_cells or target_cells, details)
        target_fractions = (
            percent
            and fractions_for_percent(target_cells, details)
            and (fractions or not any(_numeric(v) for _, _, v in raw_cells))
        )
    actuals: dict[YearMonth, float] = {}
    targets: dict[YearMonth, float] = {}
    sources: list[tuple[Series, YearMonth, int, int]] = []
    if draft.simple_row >= 0 and not percent:
        _read_plain_row(
            draft,
            rows,
            unit,
            ctx,
            problems,
            actuals if draft.simple_series is Series.ACTUAL else targets,
            sources,
        )
    else:
        for series, month, r, c, value in _values_of(draft, rows):
            number = _number(r, c, value, unit, percent, fractions, ctx, problems)
            if number is None:
                continue
            (actuals if series is Series.ACTUAL else targets)[month] = number
            sources.append((series, month, r, c))
    target: float | None = None
    direction = direction_word(text_key(draft.direction_text)) if draft.direction_text else None
    if draft.target_cell is not None and type(draft.target_cell.value) is float and not percent:
        target = draft.target_cell.value + 0.0  # type: ignore[operator]
    elif draft.target_cell is not None:
        cell = draft.target_cell
        reading = read_cell(cell, unit, details, fractions=target_fractions, bounds=True)
        if reading.problem is not None:
            problems.append(
                _problem(ctx.sheet, cell.row, cell.col, reading, ProblemCode.TARGET_NOT_NUMBER)
            )
        target = reading.value
        direction = direction or reading.direction
    column_target = target
    if draft.target_cell is None and targets and len(set(targets.values())) == 1:
        target = next(iter(targets.values()))
    aggregation: Aggregation | None = (
        aggregation_word(text_key(draft.aggregation_text)) if draft.aggregation_text else None
    )
    return ImportedKpi(
        sheet=ctx.sheet,
        name=draft.full_name(),
        department=draft.department,
        unit=unit,
        target=target,
        actuals=actuals,
        targets=targets,
        sources=tuple(sources),
        row=draft.row,
        direction=direction if isinstance(direction, Direction) else None,
        aggregation=aggregation,
        owner=draft.owner,
        target_is_annual=ctx.target_annual if draft.target_cell is not None else None,
        column_target=column_target,
    )


def _numeric(value: object) -> bool:
    if isinstance(value, str):
        return plain_number(value) is not None
    return isinstance(value, int | float) and not isinstance(value, bool)


def _read_plain_row(
    draft: KpiDraft,
    rows: Sequence[Sequence[object]],
    unit: str,
    ctx: SheetContext,
    problems: list[Problem],
    into: dict[YearMonth, float],
    sources: list[tuple[Series, YearMonth, int, int]],
) -> None:
    """The common case, kept tight: one row, numbers as numbers, no percent scaling."""
    r = draft.simple_row
    row = rows[r]
    width = len(row)
    series = draft.simple_series
    special = ctx.details.special
    add = sources.append
    for c, month in draft.simple_cols:
        if c >= width:
            break
        value = row[c]
        if type(value) is float and value - value == 0.0:  # finite
            into[month] = value + 0.0
            add((series, month, r, c))
        elif value is None or (value == "" and special(r, c) is None):
            continue
        else:
            number = _number(r, c, value, unit, False, False, ctx, problems)
            if number is not None:
                into[month] = number
                add((series, month, r, c))


def _number(
    r: int,
    c: int,
    value: object,
    unit: str,
    percent: bool,
    fractions: bool,
    ctx: SheetContext,
    problems: list[Problem],
) -> float | None:
    kind = type(value)
    if kind is float and not percent and math.isfinite(value):  # type: ignore[arg-type]
        return value + 0.0  # type: ignore[operator]
    if kind is int and not percent:
        return float(value)  # type: ignore[arg-type]
    if kind is str and value:
        plain = plain_number(value)  # type: ignore[arg-type]
        if plain is not None:
            number = clean_number(plain * 100) if fractions else plain
            if math.isfinite(number):  # a huge cell falls through and is reported as a problem
                return number
    reading = read_cell(RawCell(r, c, value), unit, ctx.details, fractions=fractions)
    if reading.problem is not None:
        problems.append(_problem(ctx.sheet, r, c, reading))
    return reading.value


def _problem(
    sheet: str, row: int, col: int, reading: Reading, code: ProblemCode | None = None
) -> Problem:
    kept = (ProblemCode.FORMULA_NO_VALUE, ProblemCode.EXCEL_ERROR)
    problem = reading.problem if code is None or reading.problem in kept else code
    assert problem is not None
    return Problem(sheet, address(row, col), problem, reading.text, reading.detail)
