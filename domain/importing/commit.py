"""Import use cases: plan (match with stored KPIs, old → new), commit all-or-nothing, undo.

A KPI is matched by department + name (compared as :func:`text_key`), or mapped by the user to a
stored KPI. Departments are matched the same way and created when missing. The commit writes
every value in a single transaction, with one history row (source ``import:<batch id>``) per
cell of a KPI that already existed; the cells of the KPIs it creates are recorded once, as the
batch (:mod:`domain.importing.history` reads them back). :func:`undo_import` reverts exactly those
cells (unless changed since), deletes the KPIs and departments the import created, and is one
transaction too.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from domain.achievement import monthly_targets
from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of
from domain.importing.cells import address, paused_gc, text_key
from domain.importing.model import ImportedKpi, Problem, ProblemCode
from domain.importing.new_kpi import new_kpi_for
from domain.importing.ports import ImportBatch, ImportCell, source_code
from domain.importing.undo import ImportAlreadyUndone, UndoResult, list_imports, undo_import
from domain.model import Department, Kpi, Series
from domain.ports import UnitOfWork
from domain.values import quick_init

Progress = Callable[[int, int], None]  # (done, total); raise ImportCancelled to stop
CellKey = tuple[str, Series, YearMonth]  # (kpi key, series, month)


def kpi_key(kpi: ImportedKpi) -> str:
    """Identity of an imported KPI inside one import: department + name."""
    return f"{text_key(kpi.department or '')}\x1f{text_key(kpi.name)}"


class _Keys(dict[str, str]):
    """``text_key`` of the few department names an import repeats (×40,000), memoised."""

    def __missing__(self, text: str) -> str:
        key = self[text] = text_key(text)
        return key


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What to import: the KPIs of an analysis (possibly corrected) and the user's choices."""

    file_name: str
    kpis: tuple[ImportedKpi, ...]
    sheets: tuple[str, ...] = ()
    default_department: str = ""  # for KPIs whose department the file does not say (else sheet)
    kpi_map: Mapping[str, int] = field(default_factory=dict)  # kpi key → stored id (0 = new)
    skip: frozenset[str] = frozenset()  # kpi keys not to import


@quick_init  # one per imported KPI
@dataclass(frozen=True, slots=True)
class KpiMatch:
    key: str
    imported: ImportedKpi
    department: str
    department_id: int | None  # None: created by the import
    kpi: Kpi | None  # the stored KPI, or None: created by the import
    new_kpi: Kpi | None = None  # what will be created (department_id 0 until then)
    skip: bool = False
    new_steps: Mapping[YearMonth, float] = field(default_factory=dict)  # its monthly targets
    name_key: str | None = None  # text_key of the imported name


@dataclass(frozen=True, slots=True)
class CellChange:
    """A stored cell the import changes. ``old`` is what the user sees now (for targets, the
    target derived from the annual target when no monthly target is stored)."""

    key: str
    series: Series
    month: YearMonth
    old: float | None
    new: float
    stored: float | None
    exists: bool

    @property
    def conflict(self) -> bool:
        return self.old is not None and self.old != self.new

    @property
    def cell_key(self) -> CellKey:
        return (self.key, self.series, self.month)


@dataclass(frozen=True, slots=True)
class ImportPlan:
    file_name: str
    matches: tuple[KpiMatch, ...]
    changes: tuple[CellChange, ...]  # cells of stored KPIs that change
    unchanged: int  # cells of stored KPIs that already hold the file's value
    new_cells: int  # cells of KPIs the import creates
    new_departments: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def conflicts(self) -> tuple[CellChange, ...]:
        return tuple(c for c in self.changes if c.conflict)


@dataclass(frozen=True, slots=True)
class ImportResult:
    batch_id: int
    created_departments: int
    created_kpis: int
    written_cells: int
    kept_cells: int


# --------------------------------------------------------------------------- plan


def _match_department(name: str, departments: Sequence[Department]) -> Department | None:
    key = text_key(name)
    exact = [d for d in departments if text_key(d.name) == key]
    if exact:
        return next((d for d in exact if not d.archived), exact[0])
    stem = key.rstrip("部課室")
    loose = [d for d in departments if text_key(d.name).rstrip("部課室") == stem and stem]
    return loose[0] if len(loose) == 1 else None


def _plan(
    uow: UnitOfWork, request: ImportRequest, *, propose: bool = True
) -> tuple[ImportPlan, int]:
    """The plan of ``request`` and the fiscal-year start. Without ``propose`` the KPIs to
    create are not worked out (``new_kpi`` None): the commit does that chunk by chunk while the
    writer stores the previous chunk; ``new_cells`` then counts the file's cells of them."""
    company = uow.company.get()
    start = company.fiscal_year_start if company is not None else 4
    departments = uow.departments.list(include_archived=True)
    stored = uow.kpis.list(include_archived=True)
    by_id = {k.id: k for k in stored}
    by_name: dict[tuple[int, str], Kpi] = {}
    for k in stored:
        by_name.setdefault((k.department_id, text_key(k.name)), k)
    matches: list[KpiMatch] = []
    problems: list[Problem] = []
    new_departments: list[str] = []
    found: dict[str, Department | None] = {}
    dept_keys = _Keys()
    for imported in request.kpis:
        name_key = text_key(imported.name)
        key = f"{dept_keys[imported.department or '']}\x1f{name_key}"  # kpi_key(imported)
        dept_name = (imported.department or request.default_department or imported.sheet).strip()
        dept_key = dept_keys[dept_name]
        if dept_key not in found:
            found[dept_key] = _match_department(dept_name, departments)
            if found[dept_key] is None:
                new_departments.append(dept_name)
        dept = found[dept_key]
        mapped = request.kpi_map.get(key)
        kpi: Kpi | None = None
        if mapped:
            kpi = by_id.get(mapped)
        elif mapped is None and dept is not None:
            kpi = by_name.get((dept.id, name_key))
        skip = key in request.skip
        if (
            kpi is not None
            and imported.unit
            and kpi.unit
            and text_key(imported.unit) != text_key(kpi.unit)
        ):
            problems.append(
                Problem(
                    imported.sheet,
                    _first_cell(imported),
                    ProblemCode.UNIT_DIFFERS,
                    imported.name,
                    kpi.unit,
                )
            )
            skip = True
        new_kpi, steps = (
            new_kpi_for(imported, start, name_key=name_key)
            if kpi is None and propose
            else (None, {})
        )
        matches.append(
            KpiMatch(
                key,
                imported,
                dept.name if dept else dept_name,
                dept.id if dept else None,
                kpi,
                new_kpi,
                skip,
                steps,
                name_key,
            )
        )
    changes, unchanged, new_cells = _diff(uow, matches, start, propose)
    plan = ImportPlan(
        request.file_name,
        tuple(matches),
        tuple(changes),
        unchanged,
        new_cells,
        tuple(new_departments),
        tuple(problems),
    )
    return plan, start


def _first_cell(kpi: ImportedKpi) -> str:
    return address(*(kpi.sources[0][2:] if kpi.sources else (kpi.row, 0)))


def _diff(
    uow: UnitOfWork, matches: Sequence[KpiMatch], start: int, proposed: bool = True
) -> tuple[list[CellChange], int, int]:
    existing = [m for m in matches if m.kpi is not None and not m.skip]
    new_cells = sum(
        len(m.imported.actuals) + len(m.new_steps if proposed else m.imported.targets)
        for m in matches
        if m.kpi is None and not m.skip
    )
    months = [mo for m in existing for mo in (*m.imported.actuals, *m.imported.targets)]
    if not months:
        return [], 0, new_cells
    first = YearMonth(fiscal_year_of(min(months), start), start)
    last = max(months)
    ids = [m.kpi.id for m in existing if m.kpi is not None]
    actuals = uow.values.read(Series.ACTUAL, ids, first, last)
    targets = uow.values.read(Series.TARGET, ids, first, last.add(11))
    changes: list[CellChange] = []
    unchanged = 0
    for m in existing:
        assert m.kpi is not None
        kid = m.kpi.id
        for month, value in m.imported.actuals.items():
            cell = actuals.get((kid, month))
            old = cell.value if cell is not None else None
            if old == value:
                unchanged += 1
                continue
            changes.append(
                CellChange(m.key, Series.ACTUAL, month, old, value, old, cell is not None)
            )
        effective = _effective_targets(m.kpi, m.imported.targets, targets, start)
        for month, value in m.imported.targets.items():
            cell = targets.get((kid, month))
            stored_value = cell.value if cell is not None else None
            shown = effective.get(month)
            if shown == value:
                unchanged += 1
                continue
            changes.append(
                CellChange(
                    m.key, Series.TARGET, month, shown, value, stored_value, cell is not None
                )
            )
    return changes, unchanged, new_cells


def _effective_targets(
    kpi: Kpi,
    wanted: Mapping[YearMonth, float],
    stored: Mapping[tuple[int, YearMonth], object],
    start: int,
) -> dict[YearMonth, float | None]:
    out: dict[YearMonth, float | None] = {}
    for fy in sorted({fiscal_year_of(m, start) for m in wanted}):
        months = fiscal_months(fy, start)
        steps = {
            m: cell.value  # type: ignore[attr-defined]
            for m in months
            if (cell := stored.get((kpi.id, m))) is not None and cell.value is not None  # type: ignore[attr-defined]
        }
        for m, value in zip(months, monthly_targets(kpi, months, steps), strict=True):
            out[m] = value
    return out


def plan_import(uow: UnitOfWork, request: ImportRequest) -> ImportPlan:
    """What committing ``request`` would do, read in one transaction; writes nothing."""
    with uow:
        return _plan(uow, request)[0]


# --------------------------------------------------------------------------- commit


def commit_import(
    uow: UnitOfWork,
    request: ImportRequest,
    *,
    user: str,
    keep: Collection[CellKey] = (),
    overwrite: bool = True,
    mappings: Mapping[str, tuple[str, str]] | None = None,
    progress: Progress | None = None,
    at: datetime | None = None,
) -> ImportResult:
    """Write the import in one transaction (all or nothing) and record it as one batch.

    Stored values that differ are overwritten unless ``overwrite`` is False or the cell is in
    ``keep``. ``mappings`` (shape key → (label, settings JSON)) are remembered for next time.
    ``progress`` may raise :class:`~domain.importing.errors.ImportCancelled`: nothing is written.
    """
    at = at or datetime.now().replace(microsecond=0)
    keep_set = set(keep)
    with paused_gc(), uow:
        plan, start = _plan(uow, request, propose=False)
        total = len(plan.matches) + len(plan.changes) + plan.new_cells + 1
        done = 0

        def tick(amount: int) -> None:
            nonlocal done
            done = min(done + amount, total)
            if progress is not None:
                progress(done, total)

        batch = uow.imports.add_batch(
            ImportBatch(0, request.file_name, at, user, tuple(request.sheets))
        )
        source = source_code(batch.id, request.file_name)
        dept_ids, created_depts = _create_departments(uow, plan)
        tick(1)
        orders = _sort_orders(uow)
        written = kept = 0
        # the KPI and cell INSERTs run on a writer thread while the next rows are built here
        stored_ids = {m.key: m.kpi.id for m in plan.matches if m.kpi is not None}
        with uow.imports.write_behind():
            for series in (Series.ACTUAL, Series.TARGET):
                cells: list[ImportCell] = []  # of stored KPIs: one history row each (undo)
                for change in plan.changes:
                    if change.series is not series:
                        continue
                    if change.conflict and (not overwrite or change.cell_key in keep_set):
                        kept += 1
                        continue
                    cells.append(
                        (stored_ids[change.key], change.month.as_int(), change.stored,
                         change.new, change.exists)
                    )  # fmt: skip
                uow.imports.write_cells(series, cells, user=user, at=at, source=source)
                written += len(cells)
                tick(len(cells))
            tick(sum(1 for m in plan.matches if m.kpi is not None or m.skip))
            created: list[int] = []
            new = [m for m in plan.matches if m.kpi is None and not m.skip]
            for first in range(0, len(new), _CHUNK):
                chunk = new[first : first + _CHUNK]
                ids, actuals, steps = _create_kpis(uow, chunk, start, dept_ids, orders)
                created += ids
                uow.imports.write_cells(
                    Series.ACTUAL, actuals, user=user, at=at, source=source, history=False
                )
                uow.imports.write_cells(
                    Series.TARGET, steps, user=user, at=at, source=source, history=False
                )
                written += len(actuals) + len(steps)
                tick(len(chunk) + sum(len(m.imported.actuals) + len(m.imported.targets)
                                      for m in chunk))  # fmt: skip
        for shape_key, (label, settings) in (mappings or {}).items():
            uow.imports.save_mapping(shape_key, label, settings, at)
        uow.imports.update_batch(
            replace(
                batch,
                kpi_count=sum(1 for m in plan.matches if not m.skip),
                cell_count=written,
                created_kpis=tuple(created),
                created_departments=tuple(created_depts),
            )
        )
        tick(total)
        uow.commit()
    return ImportResult(batch.id, len(created_depts), len(created), written, kept)


def _create_departments(uow: UnitOfWork, plan: ImportPlan) -> tuple[dict[str, int], list[int]]:
    ids: dict[str, int] = {}
    created: list[int] = []
    existing = uow.departments.list(include_archived=True)
    order = max((d.sort_order for d in existing), default=-1) + 1
    keys = _Keys()
    for m in plan.matches:
        if m.skip:
            continue
        key = keys[m.department]
        if m.department_id is not None:
            ids[key] = m.department_id
        elif key not in ids:
            dept = uow.departments.add(Department(0, m.department.strip()[:200], sort_order=order))
            order += 1
            ids[key] = dept.id
            created.append(dept.id)
    return ids, created


def _placed(kpi: Kpi, department_id: int, sort_order: int) -> Kpi:
    """``replace(kpi, department_id=…, sort_order=…)`` without its introspection (×40,000)."""
    return Kpi(
        kpi.id,
        department_id,
        kpi.name,
        kpi.unit,
        kpi.direction,
        kpi.aggregation,
        kpi.baseline,
        kpi.annual_target,
        kpi.range_low,
        kpi.range_high,
        kpi.decimals,
        kpi.kind,
        kpi.level_descriptions,
        kpi.owner_id,
        kpi.objective_id,
        kpi.rationale,
        kpi.active_months,
        kpi.start,
        kpi.deadline,
        sort_order,
        kpi.archived,
    )


def _sort_orders(uow: UnitOfWork) -> dict[int, int]:
    """Department id → the highest sort order of its KPIs."""
    orders: dict[int, int] = {}
    for k in uow.kpis.list(include_archived=True):
        orders[k.department_id] = max(orders.get(k.department_id, -1), k.sort_order)
    return orders


# KPIs created per chunk: the writer stores one chunk while the next is worked out
_CHUNK = 2000


def _create_kpis(
    uow: UnitOfWork,
    matches: Sequence[KpiMatch],
    start: int,
    dept_ids: Mapping[str, int],
    orders: dict[int, int],
) -> tuple[list[int], list[ImportCell], list[ImportCell]]:
    """Queue the KPIs of ``matches`` (stored KPIs of none of them); their ids and the cells to
    write for them (actuals, monthly targets), recorded once, as the batch, not one by one."""
    to_add: list[Kpi] = []
    step_sets: list[Mapping[YearMonth, float]] = []
    dept_keys = _Keys()
    for m in matches:
        dept_id = dept_ids[dept_keys[m.department]]
        order = orders.get(dept_id, -1) + 1
        orders[dept_id] = order
        if m.new_kpi is not None:
            kpi, steps = _placed(m.new_kpi, dept_id, order), m.new_steps
        else:
            kpi, steps = new_kpi_for(
                m.imported, start, name_key=m.name_key, department_id=dept_id, sort_order=order
            )
        to_add.append(kpi)
        step_sets.append(steps)
    ids = uow.imports.add_kpis(to_add)
    actuals: list[ImportCell] = []
    targets: list[ImportCell] = []
    for kid, m, steps in zip(ids, matches, step_sets, strict=True):
        actuals += [  # month.as_int() without the call (×360,000)
            (kid, month.year * 100 + month.month, None, value, False)
            for month, value in m.imported.actuals.items()
        ]
        if steps:
            targets += [
                (kid, month.year * 100 + month.month, None, value, False)
                for month, value in steps.items()
            ]
    return ids, actuals, targets


__all__ = [
    "CellChange",
    "CellKey",
    "ImportAlreadyUndone",
    "ImportPlan",
    "ImportRequest",
    "ImportResult",
    "KpiMatch",
    "UndoResult",
    "commit_import",
    "kpi_key",
    "list_imports",
    "new_kpi_for",
    "plan_import",
    "undo_import",
]
