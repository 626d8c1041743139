"""Department headings inside one table: a sheet of several departments' KPIs, each section under
a row that names its department (``■総務部``, ``【人事部】``, ``＜経理課＞``) and holds nothing
else. Such a row gives the KPIs below it their department (there is no 部署 column).

A heading names the department when the sheet names none (``管理部門KPI一覧``) or when two
sections or more name different ones; a single ``＜施設グループ＞`` under a title that names
the department (``総務課 業務KPI``) is a team of that department, not a department.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.importing.cells import is_blank
from domain.importing.vocabulary import label_core, looks_like_department

_BRACKETS = "【】［］[]＜＞<>〈〉《》()（）「」 　"


class _Placed(Protocol):
    row: int
    department: str | None


def department_heading(row: Sequence[object], first_value_col: int) -> str | None:
    """The department a heading row names: its only filled cell, left of the values, is a
    department name. ``None`` for any other row (cheap for a row with a first value)."""
    if first_value_col < len(row) and not is_blank(row[first_value_col]):
        return None
    found: str | None = None
    for c, value in enumerate(row):
        if is_blank(value):
            continue
        if c >= first_value_col or not isinstance(value, str):
            return None
        if found is not None and value != found:  # a merged heading is filled across its range
            return None
        found = value
    if found is None:
        return None
    name = label_core(found.strip(_BRACKETS)).strip(_BRACKETS)
    return name if looks_like_department(name) else None


def apply_headings(
    drafts: Sequence[_Placed], headings: Sequence[tuple[int, str]], sheet_department: str | None
) -> None:
    """Give each draft the department of the last heading above it (see the module docstring)."""
    if not headings:
        return
    if sheet_department is not None and len({name for _, name in headings}) < 2:
        return
    i = -1
    for draft in drafts:  # drafts and headings are both in row order
        while i + 1 < len(headings) and headings[i + 1][0] < draft.row:
            i += 1
        if i >= 0:
            draft.department = headings[i][1]
