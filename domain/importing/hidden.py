"""KPIs that sit in hidden rows or columns of a sheet.

An office hides a row rather than delete it (a KPI given up, 「（旧）問合せ件数」, kept so that old
formulas still work). Such a KPI is read like any other but marked ``hidden``: it is left out of
an import unless the user includes it (the wizard shows it unticked, the command line reports
it). What counts is the line that holds the KPI: its row (months across, one row per value), or
its column when the KPI runs down a column (months down the rows). Hiding month columns — to see
the recent months better, or by folding a quarter's group — hides no KPI; rows folded into an
outline group are not hidden either (the reader leaves those out of the hidden rows).
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.importing.cells import address
from domain.importing.model import ImportedKpi, Problem, ProblemCode


def in_hidden_cells(
    kpi: ImportedKpi, rows: frozenset[int], cols: frozenset[int], *, by_column: bool = False
) -> bool:
    """The line that holds ``kpi`` is hidden: every row it was read from (its first row when it
    has no values), or with ``by_column`` (months down the rows) every column."""
    if by_column:
        return bool(cols) and bool(kpi.sources) and all(c in cols for *_, c in kpi.sources)
    if not rows:
        return False
    return kpi.row in rows and all(r in rows for _, _, r, _ in kpi.sources)


def hidden_problem(kpi: ImportedKpi) -> Problem:
    """Where a hidden KPI is and that it was left out."""
    r, c = kpi.sources[0][2:] if kpi.sources else (kpi.row, 0)
    return Problem(kpi.sheet, address(r, c), ProblemCode.HIDDEN, kpi.name)


def visible(kpis: Iterable[ImportedKpi]) -> tuple[ImportedKpi, ...]:
    """The KPIs an import takes when nobody chose otherwise."""
    return tuple(k for k in kpis if not k.hidden)
