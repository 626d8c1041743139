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
from domain.importing.analysis import SheetInput, analyse_sheet, cover_year, year_context
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


def first_month_sheet(names: Sequence[str]) -> str | None:
    """The first of two or more sheets named by a bare month (``4月``, ``5月`` …): its rows say
    which year the run of month sheets belongs to. None when there is no such run."""
    named = [n for n in names if (label := month_in_text(n)) is not None and label.bare is not None]
    return named[0] if len(named) >= 2 else None


def _month_sheet_months(
    grids: Sequence[SheetGrid], file_name: str, start: int, today: date
) -> tuple[dict[str, YearMonth], bool]:
    """Months of sheets named ``4月``, ``5月`` …, in sheet order (so 1月 after 12月 is the next
    year) — used only for sheets that turn out to hold one month; and whether the year was a
    guess. ``grids`` may hold only the first month sheet's rows besides every sheet's name."""
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
        if first.hidden and not kpi.hidden:  # a visible line's values win over a hidden one's
            first, kpi = kpi, first
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
            hidden=first.hidden and kpi.hidden,
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
    if any(p.code is ProblemCode.HIDDEN for p in problems):  # merged with a visible one: taken
        hidden = {k.name for k in kpis if k.hidden}
        problems = [p for p in problems if p.code is not ProblemCode.HIDDEN or p.text in hidden]
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
    sheets = SheetBySheet(
        [g.name for g in grids],
        file_name=file_name,
        today=today,
        overrides=overrides,
        start_month=start_month,
        default_start=default_start,
        progress=progress,
    )
    for grid in grids:
        sheets.add(grid)
    return sheets.result(known_departments)


class SheetBySheet:
    """Analyses a workbook sheet by sheet as the reader delivers them (in order), so the
    analysis of one sheet runs while the reader parses the next ones.

    ``progress`` gets (done, total) in thousandths of the workbook: each sheet an equal share,
    filled row by row. A run of month sheets (「4月」「5月」…) needs the first one's rows for
    its year: sheets are held back until that one has arrived.
    """

    def __init__(
        self,
        names: Sequence[str],
        *,
        file_name: str,
        today: date,
        overrides: Mapping[str, SheetOverrides] | None = None,
        start_month: int | None = None,
        default_start: int = 4,
        progress: WorkbookProgress | None = None,
    ) -> None:
        self.names = tuple(names)
        self.file_name = file_name
        self.overrides = dict(overrides or {})
        self.grids: list[SheetGrid] = []
        self.analyses: dict[str, SheetAnalysis] = {}
        self.inputs: dict[str, SheetInput] = {}
        self.guessed = False
        self._covers: dict[str, YearHint] = {}  # "year": the first cover's, "conflict": another
        self._today, self._start_month, self._default_start = today, start_month, default_start
        self._progress = progress
        self._waiting_for = first_month_sheet(self.names)
        self._held: list[SheetGrid] = []
        if self._waiting_for is None:
            self._set_inputs([SheetGrid(n, []) for n in self.names])

    def _set_inputs(self, grids: Sequence[SheetGrid]) -> None:
        self.inputs, self.guessed = sheet_inputs(
            grids,
            file_name=self.file_name,
            today=self._today,
            start_month=self._start_month,
            default_start=self._default_start,
        )
        year = None if "conflict" in self._covers else self._covers.get("year")
        if year is not None:
            self.inputs = {n: replace(i, workbook_year=year) for n, i in self.inputs.items()}

    def add(self, grid: SheetGrid) -> None:
        self.grids.append(grid)
        if not self.inputs:
            self._held.append(grid)
            if grid.name != self._waiting_for:
                return
            self._set_inputs([grid if n == grid.name else SheetGrid(n, []) for n in self.names])
            held, self._held = self._held, []
            for waiting in held:
                self._analyse(waiting)
            return
        self._analyse(grid)

    def _analyse(self, grid: SheetGrid) -> None:
        index = len(self.analyses)
        total = 1000 * max(len(self.names), 1)
        report = None
        if self._progress is not None:
            rows = max(len(grid.rows), 1)
            progress = self._progress
            report = lambda row: progress(1000 * index + min(1000 * row // rows, 999), total)  # noqa: E731
        with paused_gc():
            analysis = analyse_sheet(
                grid, self.inputs[grid.name], self.overrides.get(grid.name), report
            )
        self.analyses[grid.name] = analysis
        if analysis.status is SheetStatus.NOT_DATA:
            self._note_cover(grid)
        if self._progress is not None:
            self._progress(1000 * (index + 1), total)

    def _note_cover(self, grid: SheetGrid) -> None:
        """A sheet without a table that names a fiscal year (a 表紙) gives that year to the
        sheets that name none; two such sheets naming different years give none."""
        found = cover_year(grid)
        if found is None or self._covers.get("conflict"):
            return
        first = self._covers.get("year")
        if first is not None and first.year != found.year:
            self._covers["conflict"] = found
            self._set_cover(None)
            return
        if first is None:
            self._covers["year"] = found
            self._set_cover(found)

    def _set_cover(self, year: YearHint | None) -> None:
        self.inputs = {n: replace(i, workbook_year=year) for n, i in self.inputs.items()}
        for name, done in list(self.analyses.items()):  # sheets read before the cover
            source = done.year_source
            if (source == "guess" or source.startswith("cover:")) and (
                done.layout is not Layout.MONTH_SHEET
            ):
                grid = next(g for g in self.grids if g.name == name)
                self.analyses[name] = analyse_sheet(
                    grid, self.inputs[name], self.overrides.get(name)
                )

    def finish(self) -> None:
        """Analyse sheets still held back (the month sheet waited for never came)."""
        if self._held:
            have = {g.name: g for g in self._held}
            self._set_inputs([have.get(n, SheetGrid(n, [])) for n in self.names])
            held, self._held = self._held, []
            for waiting in held:
                self._analyse(waiting)

    def result(self, known_departments: Sequence[str] = ()) -> WorkbookAnalysis:
        """The workbook once every sheet was added."""
        self.finish()
        return combine(
            self.file_name,
            [self.analyses[g.name] for g in self.grids],
            overrides=self.overrides,
            known_departments=known_departments,
            year_guessed=self.guessed and any(i.sheet_month for i in self.inputs.values()),
        )
