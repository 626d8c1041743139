"""Analysing a whole workbook: every sheet, departments from sheet names, one KPI per name.

A KPI that appears in several sheets or tables (one sheet per month, one sheet per year, stacked
tables) is merged into one; when two places give different values for the same month the later
one is reported and the first kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from domain.fiscal import YearMonth
from domain.importing.analysis import SheetInput, analyse_sheet, year_context
from domain.importing.cells import SheetGrid, address, paused_gc, text_key
from domain.importing.model import (
    ImportedKpi,
    Layout,
    Problem,
    ProblemCode,
    SheetAnalysis,
    SheetOverrides,
    SheetStatus,
    WorkbookAnalysis,
)
from domain.importing.month_labels import (
    YearHint,
    default_fiscal_year,
    fiscal_year_in_text,
    month_in_text,
    resolve_sequence,
)
from domain.importing.tables import SCAN_ROWS
from domain.importing.vocabulary import Role
from domain.model import Series

WorkbookProgress = Callable[[int, int], None]  # (sheets done, sheet count)

_GENERIC_SHEETS = (
    "sheet",
    "シート",
    "kpi",
    "集計",
    "一覧",
    "データ",
    "data",
    "入力",
    "管理",
    "表",
    "目標",
    "実績",
    "まとめ",
    "summary",
    "total",
    "合計",
    "定義",
    "設定",
    "マスタ",
    "説明",
    "注意",
    "manual",
    "マニュアル",
    "記入例",
    "サンプル",
    "テンプレート",
    "template",
)


def _department_sheet_name(name: str) -> bool:
    key = text_key(name)
    if not key or len(key) > 16 or any(ch.isdigit() for ch in key):
        return False
    if month_in_text(name) is not None or fiscal_year_in_text(name, loose=True) is not None:
        return False
    return not any(word in key for word in _GENERIC_SHEETS)


def _signature(analysis: SheetAnalysis) -> tuple[object, ...]:
    table = analysis.tables[0]
    return (
        table.layout,
        tuple((c.role, text_key(c.label)) for c in table.columns if c.role is not Role.VALUES),
        sum(1 for c in table.columns if c.role is Role.VALUES),
    )


def sheet_departments(
    analyses: Sequence[SheetAnalysis], known: Sequence[str] = ()
) -> dict[str, str]:
    """Sheets whose names are departments: a known department's name, or — when two or more
    sheets share one layout — names that are not months, years or generic words (総務 / 人事)."""
    known_keys = {text_key(k): k for k in known}
    out: dict[str, str] = {}
    with_tables = [a for a in analyses if a.tables and a.status is SheetStatus.KPIS]
    shapes: dict[tuple[object, ...], list[SheetAnalysis]] = {}
    for a in with_tables:
        shapes.setdefault(_signature(a), []).append(a)
    for a in with_tables:
        key = text_key(a.sheet)
        if key in known_keys:
            out[a.sheet] = known_keys[key]
        elif len(shapes[_signature(a)]) >= 2 and _department_sheet_name(a.sheet):
            if a.tables[0].layout is not Layout.MONTH_SHEET:
                out[a.sheet] = a.sheet.strip()
    return out


def _month_sheet_months(
    grids: Sequence[SheetGrid], file_name: str, start: int, today: date
) -> tuple[dict[str, YearMonth], bool]:
    """Months of sheets named ``4月``, ``5月`` …, in sheet order (so 1月 after 12月 is the next
    year) — used only for sheets that turn out to hold one month; and whether the year was a
    guess."""
    names = [g.name for g in grids]
    labels = [month_in_text(n) for n in names]
    named = [i for i, label in enumerate(labels) if label is not None and label.bare is not None]
    if len(named) < 2:
        return {}, False
    first = grids[named[0]]
    hint = year_context(first.rows, SCAN_ROWS, "", file_name)
    guessed = hint is None
    if hint is None:
        hint = YearHint(default_fiscal_year(today, start), True, "guess")
    resolved = resolve_sequence(labels, hint=hint, start_month=start)
    return {n: m for n, m in zip(names, resolved, strict=True) if m is not None}, guessed


def merge_kpis(kpis: Sequence[ImportedKpi], problems: list[Problem]) -> list[ImportedKpi]:
    """One KPI per (department, name): months from several places are combined."""
    merged: dict[tuple[str | None, str], ImportedKpi] = {}
    order: list[tuple[str | None, str]] = []
    for kpi in kpis:
        key = (kpi.department, text_key(kpi.name))
        first = merged.get(key)
        if first is None:
            merged[key] = kpi
            order.append(key)
            continue
        actuals = dict(first.actuals)
        targets = dict(first.targets)
        sources = list(first.sources)
        conflict: tuple[int, int] | None = None
        added: set[tuple[Series, YearMonth]] = set()
        for series, source, into in (
            (Series.ACTUAL, kpi.actuals, actuals),
            (Series.TARGET, kpi.targets, targets),
        ):
            for month, value in source.items():
                if month in into and into[month] != value:
                    conflict = conflict or kpi.source_of(series, month) or (kpi.row, 0)
                    continue
                if month not in into:
                    added.add((series, month))
                into[month] = value
        sources += [s for s in kpi.sources if (s[0], s[1]) in added]
        if conflict is not None:
            problems.append(
                Problem(kpi.sheet, address(*conflict), ProblemCode.DUPLICATE_NAME, kpi.name)
            )
        merged[key] = replace(
            first,
            actuals=dict(sorted(actuals.items())),
            targets=dict(sorted(targets.items())),
            sources=tuple(sources),
            unit=first.unit or kpi.unit,
            target=first.target if first.target is not None else kpi.target,
            owner=first.owner or kpi.owner,
        )
    return [merged[k] for k in order]


def analyse_workbook(
    grids: Sequence[SheetGrid],
    *,
    file_name: str,
    today: date,
    overrides: Mapping[str, SheetOverrides] | None = None,
    start_month: int | None = None,
    default_start: int = 4,
    known_departments: Sequence[str] = (),
    progress: WorkbookProgress | None = None,
) -> WorkbookAnalysis:
    """Analyse every sheet of a workbook (see :func:`analyse_sheet`)."""
    with paused_gc():
        return _analyse_workbook(
            grids,
            file_name,
            today,
            overrides or {},
            start_month,
            default_start,
            known_departments,
            progress,
        )


def sheet_inputs(
    grids: Sequence[SheetGrid],
    *,
    file_name: str,
    today: date,
    start_month: int | None = None,
    default_start: int = 4,
) -> tuple[dict[str, SheetInput], bool]:
    """What each sheet's analysis needs from the workbook (the month of a sheet named 「5月」 in
    a run of month sheets), and whether that year was a guess."""
    start = start_month or default_start
    month_names, guessed = _month_sheet_months(grids, file_name, start, today)
    inputs = {
        grid.name: SheetInput(
            file_name=file_name,
            today=today,
            start_month=start_month,
            default_start=default_start,
            sheet_month=month_names.get(grid.name),
        )
        for grid in grids
    }
    return inputs, guessed


def combine(
    file_name: str,
    analyses: Sequence[SheetAnalysis],
    *,
    overrides: Mapping[str, SheetOverrides] | None = None,
    known_departments: Sequence[str] = (),
    year_guessed: bool = False,
) -> WorkbookAnalysis:
    """The workbook from its sheets: departments from sheet names, one KPI per name."""
    overrides = overrides or {}
    analyses = list(analyses)
    departments = sheet_departments(analyses, known_departments)
    for i, a in enumerate(analyses):
        name = departments.get(a.sheet)
        if name is None or overrides.get(a.sheet, SheetOverrides()).department:
            continue
        kpis = tuple(k if k.department else replace(k, department=name) for k in a.kpis)
        analyses[i] = replace(a, department=name, kpis=kpis)
    problems = [p for a in analyses for p in a.problems]
    month_sheets = [a for a in analyses if a.layout is Layout.MONTH_SHEET]
    if year_guessed and month_sheets:
        year = str(month_sheets[0].fiscal_year or "")
        problems.insert(
            0, Problem(month_sheets[0].sheet, "A1", ProblemCode.FISCAL_YEAR_GUESSED, year)
        )
    with paused_gc():
        kpis = merge_kpis([k for a in analyses for k in a.kpis], problems)
    return WorkbookAnalysis(file_name, tuple(analyses), tuple(kpis), tuple(problems))


def _analyse_workbook(
    grids: Sequence[SheetGrid],
    file_name: str,
    today: date,
    overrides: Mapping[str, SheetOverrides],
    start_month: int | None,
    default_start: int,
    known_departments: Sequence[str],
    progress: WorkbookProgress | None,
) -> WorkbookAnalysis:
    inputs, guessed = sheet_inputs(
        grids,
        file_name=file_name,
        today=today,
        start_month=start_month,
        default_start=default_start,
    )
    analyses: list[SheetAnalysis] = []
    total = sum(len(g.rows) for g in grids) or 1
    offset = 0
    for grid in grids:
        report = None
        if progress is not None:
            report = (lambda base: lambda row: progress(min(base + row, total), total))(offset)
        analyses.append(analyse_sheet(grid, inputs[grid.name], overrides.get(grid.name), report))
        offset += len(grid.rows)
        if progress is not None:
            progress(min(offset, total), total)
    return combine(
        file_name,
        analyses,
        overrides=overrides,
        known_departments=known_departments,
        year_guessed=guessed and any(i.sheet_month for i in inputs.values()),
    )
