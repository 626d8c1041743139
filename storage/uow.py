"""Unit of work over one SQLAlchemy connection and transaction."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from domain.errors import DatabaseLocked, DatabaseReadOnly, StorageFull
from storage.repo_appraisal import AppraisalRepo
from storage.repo_import import ImportRepo
from storage.repositories import (
    ChangeRepo,
    CompanyRepo,
    DepartmentRepo,
    KpiRepo,
    MemberRepo,
    ObjectiveRepo,
    ValueRepo,
)
from storage.repositories_dashboard import (
    DashboardQueriesRepo,
    OkrRepo,
    ReviewRepo,
    TargetRevisionRepo,
)


def translate_operational_error(exc: OperationalError, location: str) -> Exception:
    """Map driver errors that users can act on to typed errors; others pass through unchanged."""
    message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "locked" in message or "busy" in message:
        return DatabaseLocked(location, str(exc.orig))
    if "readonly" in message or "read-only" in message:
        return DatabaseReadOnly(location, str(exc.orig))
    if any(t in message for t in ("disk is full", "disk full", "no space", "disk i/o error")):
        return StorageFull(location, str(exc.orig))
    return exc


class SqlUnitOfWork:
    """``with uow: …; uow.commit()`` — rolls back unless committed; errors become typed errors."""

    def __init__(self, engine: Engine, location: str) -> None:
        self._engine = engine
        self._location = location
        self._conn: Connection | None = None

    def __enter__(self) -> Self:
        try:
            conn = self._engine.connect()
            conn.begin()
        except OperationalError as exc:
            raise translate_operational_error(exc, self._location) from exc
        self._conn = conn
        self.company = CompanyRepo(conn)
        self.departments = DepartmentRepo(conn)
        self.members = MemberRepo(conn)
        self.objectives = ObjectiveRepo(conn)
        self.kpis = KpiRepo(conn)
        self.values = ValueRepo(conn)
        self.changes = ChangeRepo(conn)
        self.appraisals = AppraisalRepo(conn)
        self.reviews = ReviewRepo(conn)
        self.okrs = OkrRepo(conn)
        self.target_revisions = TargetRevisionRepo(conn)
        self.dashboard = DashboardQueriesRepo(conn)
        self.imports = ImportRepo(conn)
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        conn = self._conn
        self._conn = None
        if conn is None:
            return
        try:
            if conn.in_transaction():
                conn.rollback()
        finally:
            conn.close()
        if isinstance(exc, OperationalError):
            translated = translate_operational_error(exc, self._location)
            if translated is not exc:
                raise translated from exc

    def commit(self) -> None:
        assert self._conn is not None, "commit outside of 'with uow'"
        try:
            self._conn.commit()
        except OperationalError as exc:
            raise translate_operational_error(exc, self._location) from exc

    def rollback(self) -> None:
        if self._conn is not None:
            self._conn.rollback()
