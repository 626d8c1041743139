"""What the services need from storage: a unit of work holding one repository per aggregate.

storage/ implements these protocols over SQLAlchemy; services and the UI only see the protocols.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, Self

from domain.appraisal_ports import AppraisalRepository
from domain.dashboard_ports import (
    DashboardQueries,
    OkrRepository,
    ReviewRepository,
    TargetRevisionRepository,
)
from domain.fiscal import YearMonth
from domain.importing.ports import ImportRepository
from domain.model import (
    Aggregation,
    CellValue,
    Change,
    Company,
    Department,
    Kpi,
    Member,
    Objective,
    Series,
)

Cell = tuple[int, YearMonth]  # (kpi_id, month)


class CompanyRepository(Protocol):
    def get(self) -> Company | None: ...
    def add(self, company: Company) -> Company: ...
    def update(self, company: Company) -> None: ...


class DepartmentRepository(Protocol):
    def list(self, *, include_archived: bool = False) -> list[Department]: ...
    def get(self, department_id: int) -> Department: ...
    def add(self, department: Department) -> Department: ...
    def update(self, department: Department) -> None: ...


class MemberRepository(Protocol):
    def list(self, *, include_archived: bool = False) -> list[Member]: ...
    def get(self, member_id: int) -> Member: ...
    def by_employee_no(self, employee_no: str) -> Member | None: ...
    def add(self, member: Member) -> Member: ...
    def update(self, member: Member) -> None: ...


class ObjectiveRepository(Protocol):
    def list(self, *, include_archived: bool = False) -> list[Objective]: ...
    def get(self, objective_id: int) -> Objective: ...
    def add(self, objective: Objective) -> Objective: ...
    def update(self, objective: Objective) -> None: ...
    def delete(self, objective_id: int) -> None: ...


class KpiRepository(Protocol):
    def list(
        self, *, department_id: int | None = None, include_archived: bool = False
    ) -> list[Kpi]: ...
    def get(self, kpi_id: int) -> Kpi: ...
    def add(self, kpi: Kpi) -> Kpi: ...
    def update(self, kpi: Kpi) -> None: ...
    def delete(self, kpi_id: int) -> None: ...
    def count_active(self, department_id: int) -> int: ...


class ValueRepository(Protocol):
    """Monthly actuals (実績) and monthly targets, keyed by (kpi_id, month)."""

    def read(
        self, series: Series, kpi_ids: Sequence[int], first: YearMonth, last: YearMonth
    ) -> dict[Cell, CellValue]: ...
    def get(
        self, series: Series, kpi_id: int, month: YearMonth, *, lock: bool = False
    ) -> CellValue | None: ...
    def put_many(
        self, series: Series, cells: Mapping[Cell, CellValue], *, user: str
    ) -> None: ...
    def count(self, kpi_id: int) -> int: ...


class ChangeRepository(Protocol):
    def add_many(self, changes: Iterable[Change]) -> None: ...
    def for_kpi(self, kpi_id: int) -> list[Change]: ...


class UnitOfWork(Protocol):
    """One transaction: ``with uow: …; uow.commit()``; leaving the block without commit rolls back."""

    company: CompanyRepository
    departments: DepartmentRepository
    members: MemberRepository
    objectives: ObjectiveRepository
    kpis: KpiRepository
    values: ValueRepository
    changes: ChangeRepository
    appraisals: AppraisalRepository
    reviews: ReviewRepository
    okrs: OkrRepository
    target_revisions: TargetRevisionRepository
    dashboard: DashboardQueries
    imports: ImportRepository

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


__all__ = ["Aggregation", "Cell", "UnitOfWork"]
