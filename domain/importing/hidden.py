"""KPIs that sit in hidden rows or columns of a sheet.

An office hides a row rather than delete it (a KPI given up, 「（旧）問合せ件数」, kept so that old
formulas still work). Such a KPI is read like any other but marked ``hidden``: it is left out of
an import unless the user includes it (the wizard shows it unticked, the command line reports
it). A KPI is hidden when every cell it was read from is in a hidden row or column — hiding a
few month columns to see the recent ones better hides no KPI.
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.importing.cells import address
from domain.importing.model import ImportedKpi, Problem, ProblemCode


def in_hidden_cells(kpi: ImportedKpi, rows: frozenset[int], cols: frozenset[int]) -> bool:
    """Every cell ``kpi`` was read from (its first row when it has no values) is hidden."""
    if not rows and not cols:
        return False
    cells = [(r, c) for _, _, r, c in kpi.sources] or [(kpi.row, -1)]
    return all(r in rows or c in cols for r, c in cells)


def hidden_problem(kpi: ImportedKpi) -> Problem:
    """Where a hidden KPI is and that it was left out."""
    r, c = kpi.sources[0][2:] if kpi.sources else (kpi.row, 0)
    return Problem(kpi.sheet, address(r, c), ProblemCode.HIDDEN, kpi.name)


def visible(kpis: Iterable[ImportedKpi]) -> tuple[ImportedKpi, ...]:
    """The KPIs an import takes when nobody chose otherwise."""
    return tuple(k for k in kpis if not k.hidden)
