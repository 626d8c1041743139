"""Analysing one sheet: find its tables, the fiscal year, the department, then read its KPIs.

:func:`analyse_sheet` is the single entry point the wizard re-runs after each correction (a
:class:`SheetOverrides`), so it is pure and fast for ordinary sheets.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from domain.fiscal import YearMonth
from domain.importing.cells import SheetGrid, address, display_text, fill_merged, is_blank, text_key
from domain.importing.hidden import hidden_problem, in_hidden_cells
from domain.importing.kpis import finish
from domain.importing.model import (
    Column,
    ImportedKpi,
    Layout,
    Problem,
    ProblemCode,
    SheetAnalysis,
    SheetOverrides,
    SheetStatus,
    Table,
)
from domain.importing.month_labels import (
    MonthLabel,
    YearHint,
    default_fiscal_year,
    fiscal_year_in_text,
    month_in_text,
    month_label,
    resolve_sequence,
    sequence_start,
    year_cell,
)
from domain.importing.repeats import drop_repeated_months
from domain.importing.rows import (
    KpiDraft,
    SheetContext,
    across_drafts,
    down_drafts,
    long_drafts,
    month_sheet_drafts,
    resolve_names,
)
from domain.importing.split_months import quarter_table, split_month_columns
from domain.importing.tables import (
    SCAN_ROWS,
    TableGuess,
    across_table,
    best_month_column,
    down_table,
    find_header_rows,
    has_numbers,
    month_sheet_header,
    month_sheet_table,
    row_month_labels,
)
from domain.importing.vocabulary import (
    Role,
    SeriesWord,
    declared_unit,
    department_in_text,
    department_label,
    is_example_sheet,
    label_core,
    looks_like_department,
    series_word,
)
from domain.model import Series
from domain.months import month_in_fiscal_year

Progress = Callable[[int], None]

_YEAR_LABELS = {"年度", "対象年度", "会計年度", "事業年度", "評価年度", "fy", "年", "対象年"}
_MONTH_LABELS = {
    "表示期間",
    "対象月",
    "対象年月",
    "年月",
    "月",
    "月度",
    "集計月",
    "報告月",
    "対象期間",
    "期間",
    "実績月",
    "入力月",
}
_COVER_TITLE = 32  # characters of a cover sheet's title cell at most
_CALENDAR_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年(?!度|\d{1,2}月)")


@dataclass(frozen=True, slots=True)
class SheetInput:
    """What the sheet analysis needs besides the grid (all but ``today`` optional)."""

    file_name: str = ""
    today: date = date(2000, 1, 1)
    start_month: int | None = None  # the user's --fiscal-year-start: wins over everything
    default_start: int = 4  # the company's start month: used when the sheet does not say
    sheet_month: YearMonth | None = None  # a one-month sheet's month resolved by the workbook
    sheet_department: str | None = None
    workbook_year: YearHint | None = None  # a year on a cover sheet (表紙: 2025年度 KPI管理表)


def _right_value(row: Sequence[object], c: int) -> object:
    for value in row[c + 1 : c + 6]:
        if not is_blank(value):
            return value
    return None


def _inline_value(text: str, labels: set[str]) -> str | None:
    """``年度：2025`` / ``部署:総務部`` → the part after the colon when the label is known."""
    for sep in ("：", ":"):
        if sep in text:
            head, _, tail = text.partition(sep)
            if label_core(text_key(head)) in labels and tail.strip():
                return tail.strip()
    return None


def year_context(
    rows: Sequence[Sequence[object]], top: int, sheet: str, file_name: str, first: int = 0
) -> YearHint | None:
    """The year a table's bare months belong to, from the cells above it (rows ``first`` to
    ``top``), the sheet name or the file name (in that order); see :func:`fiscal_year_in_text`."""
    titles: list[tuple[int, int, str]] = []
    for r in range(first, min(top, first + SCAN_ROWS, len(rows))):
        row = rows[r]
        for c, value in enumerate(row):
            if not isinstance(value, str) or is_blank(value):
                continue
            key = text_key(value)
            if label_core(key) in _YEAR_LABELS:
                found = year_cell(_right_value(row, c))
                if found is not None:
                    return YearHint(
                        found.year,
                        label_core(key) != "年" or found.fiscal,
                        f"cell:{address(r, c)}",
                    )
            inline = _inline_value(value, _YEAR_LABELS)
            if inline is not None and (found := year_cell(inline)) is not None:
                return YearHint(found.year, True, f"cell:{address(r, c)}")
            if (exact := year_cell(value)) is not None and exact.fiscal and "年度" in key:
                return YearHint(exact.year, True, f"cell:{address(r, c)}")
            titles.append((r, c, value))
    for r, c, text in titles:
        hint = fiscal_year_in_text(text)
        if hint is not None:
            return YearHint(hint.year, True, f"cell:{address(r, c)}", hint.start_month)
    for source, text in (("sheet", sheet), ("file", file_name)):
        hint = fiscal_year_in_text(text, loose=True)
        if hint is not None:
            return YearHint(hint.year, True, source, hint.start_month)
    for r, c, text in titles:
        match = _CALENDAR_YEAR.search(text_key(text))
        if match:
            return YearHint(int(match["y"]), False, f"cell:{address(r, c)}")
    return None


def department_context(rows: Sequence[Sequence[object]], top: int, sheet: str) -> str | None:
    """部署：総務部 / 部署 | 総務部 above the table, a department-like sheet name, or a department
    named in a title (``2025年度　総務部　KPI管理表``)."""
    titles: list[str] = []
    for r in range(min(top, SCAN_ROWS, len(rows))):
        row = rows[r]
        for c, value in enumerate(row):
            if not isinstance(value, str) or is_blank(value):
                continue
            if department_label(text_key(value)):
                found = _right_value(row, c)
                if isinstance(found, str) and not is_blank(found):
                    return display_text(found)
            for sep in ("：", ":"):
                head, _, tail = value.partition(sep)
                if tail.strip() and department_label(text_key(head)):
                    return tail.strip()
            titles.append(value)
    if looks_like_department(sheet):
        return sheet.strip()
    for text in titles:
        found_dept = department_in_text(text)
        if found_dept:
            return found_dept
    return None


def sheet_month_context(
    rows: Sequence[Sequence[object]], top: int, sheet: str
) -> MonthLabel | None:
    """The month a one-month sheet is about: a 表示期間/対象月 cell, the sheet name, a title."""
    titles: list[str] = []
    for r in range(min(top, SCAN_ROWS, len(rows))):
        row = rows[r]
        for c, value in enumerate(row):
            if isinstance(value, str) and label_core(text_key(value)) in _MONTH_LABELS:
                found = _right_value(row, c)
                label = month_label(found) if found is not None else None
                if label is None and isinstance(found, str):
                    label = month_in_text(found)
                if label is not None:
                    return label
            elif isinstance(value, str) and (inline := _inline_value(value, _MONTH_LABELS)):
                if (label := month_in_text(inline)) is not None:
                    return label
            elif isinstance(value, str):
                titles.append(value)
    if (label := month_in_text(sheet)) is not None:
        return label
    for text in titles:
        if (label := month_in_text(text)) is not None:
            return label
    return None


def _declared_unit(rows: Sequence[Sequence[object]], upto: int) -> str:
    for r in range(min(upto, len(rows))):
        for value in rows[r]:
            if isinstance(value, str) and "単位" in value:
                unit = declared_unit(value)
                if unit:
                    return unit
    return ""


def shape_key(rows: Sequence[Sequence[object]], upto: int) -> str:
    """A fingerprint of a sheet's layout that stays the same from month to month: the text cells
    down to the header, digits masked (``2025年度`` and ``2026年度`` match)."""
    parts: list[str] = []
    for r in range(min(upto + 1, len(rows), SCAN_ROWS)):
        cells = [
            re.sub(r"[0-9]+", "#", text_key(v)) for v in rows[r] if isinstance(v, str) and v.strip()
        ]
        parts.append("|".join(cells))
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- tables


def _find_tables(rows: Sequence[Sequence[object]], overrides: SheetOverrides) -> list[TableGuess]:
    roles = dict(overrides.roles)
    width = max((len(r) for r in rows[:SCAN_ROWS]), default=0)
    if overrides.header_row is not None and overrides.layout in (None, Layout.ACROSS):
        h = overrides.header_row
        labels = row_month_labels(rows[h]) if h < len(rows) else {}
        if labels or any(r is Role.VALUES for r in roles.values()) or overrides.layout:
            return [across_table(rows, h, labels, len(rows), roles)]
    if overrides.layout in (Layout.DOWN, Layout.LONG):
        col = next((c for c, r in roles.items() if r is Role.MONTH), None)
        col, labels = best_month_column(rows, width) if col is None else (col, {})
        if col >= 0:
            from domain.importing.tables import column_month_labels

            labels = labels or column_month_labels(rows, col, 0, len(rows))
            if labels:
                return [down_table(rows, col, labels, roles, overrides.header_row)]
    headers = find_header_rows(rows) if overrides.layout in (None, Layout.ACROSS) else []
    across_score = len({v.month or v.bare for v in headers[0][1].values()}) if headers else 0
    column: tuple[int, dict[int, MonthLabel]] = (-1, {})
    if overrides.layout is None and across_score < 3 and (split := split_month_columns(rows)):
        roles.setdefault(split.year_col, Role.IGNORE)
        guess = down_table(rows, split.month_col, split.labels, roles, split.header_row)
        guess.year_hints = dict(split.hints)
        return [guess]
    if overrides.layout is None and across_score < 3:  # a row of 3+ months is the header
        column = best_month_column(rows, width)
    down_score = len({v.month or v.bare for v in column[1].values()})
    if headers and (across_score >= down_score or down_score < 3):
        out = []
        for i, (h, labels) in enumerate(headers):
            end = (
                headers[i + 1][0] - (1 if headers[i + 1][0] - 1 > h + 1 else 0)
                if i + 1 < len(headers)
                else len(rows)
            )
            out.append(across_table(rows, h, labels, end, roles))
        return out
    if down_score >= 3:
        return [down_table(rows, column[0], column[1], roles, overrides.header_row)]
    header = overrides.header_row if overrides.header_row is not None else month_sheet_header(rows)
    if header is not None:
        return [month_sheet_table(rows, header, roles)]
    return []


def _resolve_months(
    guess: TableGuess, hint: YearHint | None, start: int
) -> tuple[dict[int, YearMonth], bool]:
    """Calendar months of a table's month labels (by column or row); whether a guess was needed."""
    keys = sorted(guess.month_labels)
    labels = [guess.month_labels[k] for k in keys]
    hints = [guess.year_hints.get(k) for k in keys] if guess.year_hints else None
    resolved = resolve_sequence(labels, hint=hint, start_month=start, hints=hints)
    return {k: m for k, m in zip(keys, resolved, strict=True) if m is not None}, False


def _table_value(
    guess: TableGuess, months: dict[int, YearMonth], sheet_month: YearMonth | None
) -> Table:
    columns = []
    for c in sorted(guess.roles):
        role = guess.roles[c]
        columns.append(
            Column(
                c,
                guess.labels.get(c, ""),
                role,
                months.get(c) if guess.layout == "across" else None,
                guess.series.get(c),
                guess.dimensions.get(c, ""),
            )
        )
    return Table(
        Layout(guess.layout),
        guess.header_row,
        guess.data_start,
        guess.data_end,
        tuple(columns),
        guess.month_col,
        sheet_month,
        tuple(sorted(months.items())) if guess.layout in ("down", "long") else (),
    )


def _target_annual(guess: TableGuess) -> bool | None:
    col = next((c for c, r in guess.roles.items() if r is Role.TARGET), None)
    if col is None:
        return None
    key = text_key(guess.labels.get(col, ""))
    if any(word in key for word in ("年間", "年度", "通期", "annual")):
        return True
    if "月" in key:
        return False
    return None


def _needs_year(guess: TableGuess) -> bool:
    """Bare months (4月) with no labelled month (2025年4月) in the same sequence to take their
    year from (see :func:`resolve_sequence`)."""
    labels = guess.month_labels.values()
    return any(lb.bare is not None and lb.month is None for lb in labels) and not any(
        lb.month is not None for lb in labels
    )


def _series_title(rows: Sequence[Sequence[object]], header: int, floor: int) -> Series | None:
    """The series of a whole table from a title row just above its header that holds only a
    series word (【目標】, 計画, ［実績］ …): the nearest non-blank rows (at most 3, below the
    previous table's header ``floor``); a row with a number ends the search."""
    seen = 0
    for r in range(header - 1, max(floor, header - 4, -1), -1):
        texts = {text_key(v) for v in rows[r] if not is_blank(v)} if r < len(rows) else set()
        if not texts:
            continue
        if any(not isinstance(v, str) for v in rows[r] if not is_blank(v)):
            return None
        seen += 1
        if len(texts) == 1:
            word = series_word(next(iter(texts)).strip("()[]【】［］<>〈〉＜＞"))
            if word is SeriesWord.TARGET:
                return Series.TARGET
            if word is SeriesWord.ACTUAL:
                return Series.ACTUAL
        if seen >= 2:
            return None
    return None


# --------------------------------------------------------------------------- the sheet


def analyse_sheet(
    grid: SheetGrid,
    inputs: SheetInput,
    overrides: SheetOverrides | None = None,
    progress: Progress | None = None,
) -> SheetAnalysis:
    """Find the tables of ``grid`` and read their KPIs (see the package docstring)."""
    sheet = grid.name
    overrides = overrides or SheetOverrides()
    if overrides.skip or (overrides.skip is None and is_example_sheet(sheet)):
        return SheetAnalysis(sheet, SheetStatus.SKIPPED)  # the wizard can include it again
    rows = fill_merged(grid) if grid.merged else list(grid.rows)
    if not any(any(not is_blank(v) for v in row) for row in rows):
        return SheetAnalysis(sheet, SheetStatus.NOT_DATA)
    guesses = _find_tables(rows, overrides)
    top = guesses[0].header_row if guesses else min(len(rows), SCAN_ROWS)
    key = shape_key(rows, top if guesses else 10)
    if not guesses:
        if has_numbers(rows) or quarter_table(rows):
            problem = Problem(sheet, "A1", ProblemCode.NO_MONTHS)
            return SheetAnalysis(sheet, SheetStatus.NO_MONTHS, problems=(problem,), shape_key=key)
        return SheetAnalysis(sheet, SheetStatus.NOT_DATA, shape_key=key)
    problems: list[Problem] = []
    hint, source = _year_hint(rows, top, sheet, inputs, overrides)
    all_labels = [
        g.month_labels[k]
        for g in guesses[:1]
        if not any(h.source == "column" for h in g.year_hints.values())  # 年度 | 月 columns
        for k in sorted(g.month_labels)
    ]
    start = (
        inputs.start_month
        or overrides.start_month
        or (hint.start_month if hint is not None else None)
        or sequence_start(all_labels)
        or inputs.default_start
    )
    month_sheet: YearMonth | None = None
    if guesses[0].layout == "month_sheet":
        month_sheet, guessed = _month_of_sheet(rows, top, sheet, inputs, hint, start)
        if month_sheet is None:
            problem = Problem(sheet, "A1", ProblemCode.NO_MONTHS)
            return SheetAnalysis(sheet, SheetStatus.NO_MONTHS, problems=(problem,), shape_key=key)
        if guessed:
            problems.append(
                Problem(sheet, "A1", ProblemCode.FISCAL_YEAR_GUESSED, str(month_sheet.year))
            )
            source = "guess"
    needs_year = any(_needs_year(g) for g in guesses) and not any(g.year_hints for g in guesses)
    if needs_year and hint is None:
        hint = YearHint(default_fiscal_year(inputs.today, start), True, "guess")
        source = "guess"
        first = guesses[0]
        where = (
            address(first.header_row, min(first.month_labels))
            if first.layout == "across"
            else address(min(first.month_labels), first.month_col or 0)
        )
        problems.append(Problem(sheet, where, ProblemCode.FISCAL_YEAR_GUESSED, str(hint.year)))
    department = (
        overrides.department or inputs.sheet_department or department_context(rows, top, sheet)
    )
    ctx_unit = _declared_unit(rows, guesses[0].data_start)
    tables: list[Table] = []
    kpis: list[ImportedKpi] = []
    hidden = grid.details.hidden()
    previous_start = 0
    for guess in guesses:
        table_hint = hint
        if previous_start and overrides.fiscal_year is None:
            first = max(previous_start, guess.header_row - 3)
            table_hint = year_context(rows, guess.header_row, "", "", first) or hint
        table_series = _series_title(rows, guess.header_row, previous_start or -1)
        previous_start = guess.data_start
        drop_repeated_months(guess, sheet, problems)  # a chart's copy of the months
        months, _ = _resolve_months(guess, table_hint, start)
        ctx = SheetContext(
            sheet,
            grid.details,
            department,
            ctx_unit,
            _target_annual(guess),
            grid.merged,
            table_series,
        )
        drafts: list[KpiDraft]
        if guess.layout == "across":
            drafts = across_drafts(rows, guess, months, ctx, problems, progress)
        elif guess.layout == "down":
            drafts = down_drafts(rows, guess, months, ctx)
        elif guess.layout == "long":
            drafts = long_drafts(rows, guess, months, ctx)
        else:
            assert month_sheet is not None
            drafts = month_sheet_drafts(rows, guess, month_sheet, ctx)
        for draft in resolve_names(drafts, sheet, problems, keep_groups=guess.hierarchy):
            kpi = finish(draft, ctx, problems, rows)
            if kpi is not None:
                if in_hidden_cells(kpi, *hidden, by_column=guess.layout == "down"):
                    kpi = replace(kpi, hidden=True)
                    problems.append(hidden_problem(kpi))
                kpis.append(kpi)
        tables.append(_table_value(guess, months, month_sheet))
    fiscal_year = _fiscal_year_of(tables, hint, start)
    if not kpis:
        problems = [p for p in problems if p.code is not ProblemCode.FISCAL_YEAR_GUESSED]
    problems.sort(key=lambda p: _cell_order(p.cell))
    return SheetAnalysis(
        sheet,
        SheetStatus.KPIS if kpis else SheetStatus.NO_KPIS,
        tuple(tables),
        fiscal_year,
        source,
        start,
        department,
        tuple(kpis),
        tuple(problems),
        key,
    )


_ADDRESS = re.compile(r"([A-Z]+)([0-9]+)")


def _cell_order(cell: str) -> tuple[int, int]:
    match = _ADDRESS.fullmatch(cell)
    if match is None:
        return (0, 0)
    col = 0
    for ch in match[1]:
        col = col * 26 + ord(ch) - 64
    return (int(match[2]), col)


def _year_hint(
    rows: Sequence[Sequence[object]],
    top: int,
    sheet: str,
    inputs: SheetInput,
    overrides: SheetOverrides,
) -> tuple[YearHint | None, str]:
    if overrides.fiscal_year is not None:
        return YearHint(overrides.fiscal_year, True, "override"), "override"
    hint = year_context(rows, top, sheet, inputs.file_name) or inputs.workbook_year
    return hint, (hint.source if hint is not None else "")


def cover_year(grid: SheetGrid) -> YearHint | None:
    """The fiscal year a sheet that holds no table names in its first rows (a 表紙 with
    ``2025年度 管理部門 KPI管理表``, ``対象期間：2025/4〜2026/3``): a year for the workbook's
    sheets that name none; its source is ``cover:<sheet>!<cell>``. Only a title-like cell
    counts, not a sentence of instructions (「2024年度の実績を参考に目標を…」)."""
    for r, row in enumerate(grid.rows[:SCAN_ROWS]):
        for c, value in enumerate(row):
            if not isinstance(value, str) or len(text_key(value)) > _COVER_TITLE:
                continue
            if (hint := fiscal_year_in_text(value)) is not None:
                return YearHint(
                    hint.year, True, f"cover:{grid.name}!{address(r, c)}", hint.start_month
                )
    return None


def _month_of_sheet(
    rows: Sequence[Sequence[object]],
    top: int,
    sheet: str,
    inputs: SheetInput,
    hint: YearHint | None,
    start: int,
) -> tuple[YearMonth | None, bool]:
    if inputs.sheet_month is not None:
        return inputs.sheet_month, False
    label = sheet_month_context(rows, top, sheet)
    if label is None:
        return None, False
    if label.month is not None:
        return label.month, False
    assert label.bare is not None
    if hint is None:
        year = default_fiscal_year(inputs.today, start)
        return month_in_fiscal_year(label.bare, year, start), True
    if hint.fiscal:
        return month_in_fiscal_year(label.bare, hint.year, start), False
    return YearMonth(hint.year, label.bare), False


def _fiscal_year_of(tables: Sequence[Table], hint: YearHint | None, start: int) -> int | None:
    months = [c.month for t in tables for c in t.columns if c.month is not None]
    months += [t.sheet_month for t in tables if t.sheet_month is not None]
    months += [m for t in tables for _, m in t.row_months]
    if months:
        first = min(months)
        return first.year if first.month >= start else first.year - 1
    return hint.year if hint is not None else None
