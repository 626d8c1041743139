"""Month headers that repeat months the table already has: a chart's data area beside it.

A sheet often keeps, right of its table, a copy of the months for a chart (``合計 | | グラフ用 |
4月 5月 6月``). Read as more months, the copy would land in the next fiscal year — numbers that
are silently wrong. A later run of bare month headers (no year, no 目標/実績 word) that starts at
a month an earlier run already had, before that earlier run covered a whole year, is such a copy:
its columns are not read, and the sheet says so. A run after a complete year (4月…3月 | 4月…) is
the next year, as before.
"""

from __future__ import annotations

from domain.importing.cells import address
from domain.importing.model import Problem, ProblemCode
from domain.importing.tables import TableGuess
from domain.importing.vocabulary import Role

_YEAR = 12


def _runs(columns: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for c in columns:
        if runs and c == runs[-1][-1] + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def repeated_month_columns(guess: TableGuess) -> list[int]:
    """Columns of ``guess`` (months across) whose month headers repeat an earlier run."""
    if guess.layout != "across" or guess.year_hints:
        return []
    columns = sorted(c for c in guess.month_labels if guess.roles.get(c) is Role.VALUES)
    runs = _runs(columns)
    if len(runs) < 2:
        return []
    for c in columns:
        label = guess.month_labels[c]
        if label.month is not None or label.series is not None or c in guess.series:
            return []  # years or 目標/実績 words tell the runs apart: no copy
    seen: set[int] = set()
    repeated: list[int] = []
    for run in runs:
        numbers = [guess.month_labels[c].bare for c in run]
        if repeated or (numbers[0] in seen and len(seen) < _YEAR):
            repeated += run
            continue
        seen.update(n for n in numbers if n is not None)
    return repeated


def drop_repeated_months(guess: TableGuess, sheet: str, problems: list[Problem]) -> None:
    """Leave out (and report) the columns of :func:`repeated_month_columns`."""
    repeated = repeated_month_columns(guess)
    if not repeated:
        return
    for c in repeated:
        guess.roles[c] = Role.IGNORE
        guess.month_labels.pop(c, None)
    first = repeated[0]
    problems.append(
        Problem(
            sheet,
            address(guess.header_row, first),
            ProblemCode.REPEATED_MONTHS,
            guess.labels.get(first, ""),
        )
    )
