"""Use cases as plain functions over a unit of work (``with uow: … uow.commit()``).

Each function is one transaction. Functions that change monthly cells return what they changed
(before/after), which is all the UI's undo stack needs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from domain.errors import CompanyMissing, EditConflict, InvalidKpi, KpiHasHistory
from domain.fiscal import YearMonth, check_start_month, fiscal_months
from domain.kpi_checks import kpi_errors
from domain.model import (
    CellEdit,
    CellValue,
    Change,
    Company,
    Department,
    Kpi,
    Member,
    Objective,
    Series,
    Thresholds,
)
from domain.ports import Cell, UnitOfWork


class Source:
    """Codes recorded with each change (the UI shows them in words)."""

    EDIT = "edit"
    PASTE = "paste"
    UNDO = "undo"
    REDO = "redo"
    KPI_DIALOG = "kpi_dialog"
    DEMO = "demo"


# --- company and settings -------------------------------------------------------------------


def get_company(uow: UnitOfWork) -> Company | None:
    with uow:
        return uow.company.get()


def require_company(uow: UnitOfWork) -> Company:
    company = uow.company.get()
    if company is None:
        raise CompanyMissing()
    return company


def create_company(uow: UnitOfWork, *, name: str, fiscal_year_start: int = 4) -> Company:
    check_start_month(fiscal_year_start)
    with uow:
        existing = uow.company.get()
        if existing is not None:
            return existing
        company = uow.company.add(Company(0, name.strip(), fiscal_year_start))
        uow.commit()
        return company


def update_settings(
    uow: UnitOfWork, *, name: str, fiscal_year_start: int, thresholds: Thresholds
) -> Company:
    check_start_month(fiscal_year_start)
    if not thresholds.caution <= thresholds.achieved:
        raise ValueError("caution threshold above achieved threshold")
    with uow:
        company = require_company(uow)
        updated = replace(
            company, name=name.strip(), fiscal_year_start=fiscal_year_start, thresholds=thresholds
        )
        uow.company.update(updated)
        uow.commit()
        return updated


# --- departments ------------------------------------------------------------------------------


def list_departments(uow: UnitOfWork, *, include_archived: bool = False) -> list[Department]:
    with uow:
        return uow.departments.list(include_archived=include_archived)


def add_department(
    uow: UnitOfWork, *, name: str, mission: str = "", kgi_id: int | None = None
) -> Department:
    with uow:
        existing = uow.departments.list(include_archived=True)
        order = max((d.sort_order for d in existing), default=-1) + 1
        dept = uow.departments.add(
            Department(0, name.strip(), mission.strip(), kgi_id, sort_order=order)
        )
        uow.commit()
        return dept


def update_department(uow: UnitOfWork, department: Department) -> Department:
    """Save name, mission and KGI link; order and archive state have their own use cases
    (so a dialog holding an older copy cannot undo a reorder)."""
    with uow:
        stored = uow.departments.get(department.id)
        updated = replace(
            stored,
            name=department.name.strip(),
            mission=department.mission.strip(),
            kgi_id=department.kgi_id,
        )
        uow.departments.update(updated)
        uow.commit()
        return updated


def move_department(uow: UnitOfWork, department_id: int, delta: int) -> None:
    """Move a department up (delta < 0) or down among the active departments."""
    with uow:
        depts = uow.departments.list()
        index = next(i for i, d in enumerate(depts) if d.id == department_id)
        target = max(0, min(len(depts) - 1, index + delta))
        if target == index:
            return
        moved = depts.pop(index)
        depts.insert(target, moved)
        for order, d in enumerate(depts):
            if d.sort_order != order:
                uow.departments.update(replace(d, sort_order=order))
        uow.commit()


def set_department_archived(uow: UnitOfWork, department_id: int, archived: bool) -> None:
    with uow:
        dept = uow.departments.get(department_id)
        uow.departments.update(replace(dept, archived=archived))
        uow.commit()


# --- members ----------------------------------------------------------------------------------


def list_members(uow: UnitOfWork, *, include_archived: bool = False) -> list[Member]:
    with uow:
        return uow.members.list(include_archived=include_archived)


def employee_number(text: str) -> str:
    """The stored form of a 社員番号: typed with the IME on, 「１００１」 is the same number as
    "1001" (NFKC: full-width letters and digits become half-width), without outer spaces."""
    return unicodedata.normalize("NFKC", text).strip()


def add_member(uow: UnitOfWork, member: Member) -> Member:
    with uow:
        number = employee_number(member.employee_no)
        added = uow.members.add(replace(member, employee_no=number, name=member.name.strip()))
        uow.commit()
        return added


def update_member(uow: UnitOfWork, member: Member) -> Member:
    member = replace(member, employee_no=employee_number(member.employee_no))
    with uow:
        uow.members.update(member)
        uow.commit()
        return member


def set_member_archived(uow: UnitOfWork, member_id: int, archived: bool) -> None:
    with uow:
        uow.members.update(replace(uow.members.get(member_id), archived=archived))
        uow.commit()


# --- goal tree --------------------------------------------------------------------------------


def list_objectives(uow: UnitOfWork, *, include_archived: bool = False) -> list[Objective]:
    with uow:
        return uow.objectives.list(include_archived=include_archived)


def add_objective(uow: UnitOfWork, objective: Objective) -> Objective:
    with uow:
        added = uow.objectives.add(replace(objective, title=objective.title.strip()))
        uow.commit()
        return added


def update_objective(uow: UnitOfWork, objective: Objective) -> Objective:
    with uow:
        uow.objectives.update(objective)
        uow.commit()
        return objective


def delete_objective(uow: UnitOfWork, objective_id: int) -> None:
    """Delete a goal; its child goals move up to its parent, its KPIs stay (unlinked)."""
    with uow:
        goal = uow.objectives.get(objective_id)
        for child in uow.objectives.list(include_archived=True):
            if child.parent_id == objective_id:
                uow.objectives.update(replace(child, parent_id=goal.parent_id))
        uow.objectives.delete(objective_id)
        uow.commit()


# --- KPIs ---------------------------------------------------------------------------------------


def list_kpis(
    uow: UnitOfWork, *, department_id: int | None = None, include_archived: bool = False
) -> list[Kpi]:
    with uow:
        return uow.kpis.list(department_id=department_id, include_archived=include_archived)


def save_kpi(
    uow: UnitOfWork,
    kpi: Kpi,
    *,
    monthly_targets: Mapping[YearMonth, float | None] | None = None,
    user: str = "",
) -> Kpi:
    """Create (id == 0) or update a KPI and, optionally, its monthly step targets.

    ``monthly_targets`` maps months to a target (None clears the month's step target, so it is
    derived from the annual target again). Target changes go to the change history.
    """
    errors = kpi_errors(kpi)
    if errors:
        raise InvalidKpi([str(e.code) for e in errors])
    with uow:
        if kpi.id == 0:
            siblings = uow.kpis.list(department_id=kpi.department_id, include_archived=True)
            order = max((k.sort_order for k in siblings), default=-1) + 1
            saved = uow.kpis.add(replace(kpi, sort_order=order))
        else:
            uow.kpis.update(kpi)
            saved = kpi
        if monthly_targets:
            edits = [
                CellEdit(saved.id, month, Series.TARGET, value)
                for month, value in monthly_targets.items()
            ]
            _apply(uow, edits, user=user, source=Source.KPI_DIALOG, keep_notes=True)
        uow.commit()
        return saved


def set_kpi_archived(uow: UnitOfWork, kpi_id: int, archived: bool) -> None:
    with uow:
        uow.kpis.update(replace(uow.kpis.get(kpi_id), archived=archived))
        uow.commit()


def delete_kpi(uow: UnitOfWork, kpi_id: int, *, confirm_history: bool = False) -> None:
    """Delete a KPI. One that has values is only deleted with ``confirm_history=True``
    (otherwise it should be archived); raises KpiHasHistory to ask."""
    with uow:
        count = uow.values.count(kpi_id)
        if count and not confirm_history:
            raise KpiHasHistory(kpi_id, count)
        uow.kpis.delete(kpi_id)
        uow.commit()


def count_active_kpis(uow: UnitOfWork, department_id: int) -> int:
    with uow:
        return uow.kpis.count_active(department_id)


# --- monthly values ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GridData:
    """Everything the monthly entry grid shows for one department and fiscal year."""

    company: Company
    department: Department
    fiscal_year: int
    months: tuple[YearMonth, ...]
    kpis: tuple[Kpi, ...]
    actuals: Mapping[Cell, CellValue]
    targets: Mapping[Cell, CellValue]


def load_grid(uow: UnitOfWork, *, department_id: int, fiscal_year: int) -> GridData:
    with uow:
        company = require_company(uow)
        department = uow.departments.get(department_id)
        kpis = tuple(uow.kpis.list(department_id=department_id))
        months = fiscal_months(fiscal_year, company.fiscal_year_start)
        ids = [k.id for k in kpis]
        actuals = uow.values.read(Series.ACTUAL, ids, months[0], months[-1])
        targets = uow.values.read(Series.TARGET, ids, months[0], months[-1])
    return GridData(company, department, fiscal_year, months, kpis, actuals, targets)


def read_series(
    uow: UnitOfWork, series: Series, kpi_ids: Sequence[int], first: YearMonth, last: YearMonth
) -> dict[Cell, CellValue]:
    with uow:
        return uow.values.read(series, kpi_ids, first, last)


@dataclass(frozen=True, slots=True)
class AppliedEdit:
    """A cell as it was before and after an edit; swapping them undoes the edit."""

    before: CellEdit
    after: CellEdit


ExpectedCells = Mapping[tuple[Series, int, YearMonth], CellValue | None]


def apply_edits(
    uow: UnitOfWork,
    edits: Sequence[CellEdit],
    *,
    user: str,
    source: str = Source.EDIT,
    expected: ExpectedCells | None = None,
) -> list[AppliedEdit]:
    """Write cells in one transaction and record each real change in the history.

    Edits that change nothing are dropped from the result. All or nothing.

    ``expected`` is the optimistic check for shared databases: what the user saw in each cell
    (key ``(series, kpi_id, month)``; None = empty). If any stored cell differs — another user
    changed it meanwhile — EditConflict is raised and nothing is written.
    """
    with uow:
        if expected:
            _check_expected(uow, edits, expected)
        applied = _apply(uow, edits, user=user, source=source, keep_notes=False)
        uow.commit()
        return applied


def _same(a: CellValue | None, b: CellValue | None) -> bool:
    a_value, a_note = (None, "") if a is None else (a.value, a.note)
    b_value, b_note = (None, "") if b is None else (b.value, b.note)
    return a_value == b_value and a_note == b_note


def _check_expected(uow: UnitOfWork, edits: Sequence[CellEdit], expected: ExpectedCells) -> None:
    conflicts: list[tuple[object, object]] = []
    for edit in edits:
        key = (edit.series, edit.kpi_id, edit.month)
        if key not in expected:
            continue
        stored = uow.values.get(edit.series, edit.kpi_id, edit.month, lock=True)
        if not _same(stored, expected[key]):
            conflicts.append((edit, stored))
    if conflicts:
        raise EditConflict(conflicts)


def _stored_for(
    uow: UnitOfWork, cells: Mapping[tuple[Series, Cell], object]
) -> dict[tuple[Series, Cell], CellValue]:
    """The stored values of many cells, read per series in one query (an undo of an import
    touches hundreds of thousands; a grid edit a few)."""
    out: dict[tuple[Series, Cell], CellValue] = {}
    for series in {series for series, _ in cells}:
        keys = [cell for s, cell in cells if s is series]
        ids = sorted({kpi_id for kpi_id, _ in keys})
        months = [month for _, month in keys]
        found = uow.values.read(series, ids, min(months), max(months))
        wanted = set(keys)
        out.update(((series, k), v) for k, v in found.items() if k in wanted)
    return out


def _apply(
    uow: UnitOfWork,
    edits: Sequence[CellEdit],
    *,
    user: str,
    source: str,
    keep_notes: bool,
) -> list[AppliedEdit]:
    now = datetime.now().replace(microsecond=0)
    applied: list[AppliedEdit] = []
    by_series: dict[Series, dict[Cell, CellValue]] = {}
    changes: list[Change] = []
    latest: dict[tuple[Series, Cell], CellEdit] = {}
    for edit in edits:
        latest[(edit.series, (edit.kpi_id, edit.month))] = edit
    stored = _stored_for(uow, latest)
    for (series, cell), edit in latest.items():
        old = stored.get((series, cell))
        old_value = None if old is None else old.value
        old_note = "" if old is None else old.note
        new_note = old_note if keep_notes else edit.note
        if old_value == edit.value and old_note == new_note:
            continue
        by_series.setdefault(series, {})[cell] = CellValue(edit.value, new_note)
        before = CellEdit(edit.kpi_id, edit.month, series, old_value, old_note)
        after = CellEdit(edit.kpi_id, edit.month, series, edit.value, new_note)
        applied.append(AppliedEdit(before, after))
        changes.append(
            Change(
                0,
                edit.kpi_id,
                edit.month,
                series,
                old_value,
                edit.value,
                old_note,
                new_note,
                user,
                now,
                source,
            )
        )
    for series, cells in by_series.items():
        uow.values.put_many(series, cells, user=user)
    uow.changes.add_many(changes)
    return applied


def kpi_history(uow: UnitOfWork, kpi_id: int) -> list[Change]:
    """The KPI's change history, newest first; the cells an import wrote when it created the
    KPI are read back as entries of that import (see domain.importing.history)."""
    from domain.importing.history import import_entries
    from domain.importing.undo import stored_cells

    with uow:
        changes = uow.changes.for_kpi(kpi_id)
        batch = uow.imports.batch_creating(kpi_id)
        if batch is None:
            return changes
        stored = {key: cell.value for key, cell in stored_cells(uow, kpi_id).items()}
        return changes + import_entries(kpi_id, batch, stored, changes)[::-1]
