"""Typed errors raised by services and storage; the UI turns each into a clear message."""

from __future__ import annotations


class MierukaError(Exception):
    """A known condition the user can understand and act on."""


class DatabaseOpenError(MierukaError):
    """The database cannot be opened; ``location`` is the file path or URL (without password)."""

    def __init__(self, location: str, detail: str = "") -> None:
        super().__init__(location, detail)
        self.location = location
        self.detail = detail


class DatabaseNotSqlite(DatabaseOpenError):
    """The file exists but is not an SQLite database."""


class DatabaseTooNew(DatabaseOpenError):
    """The database was written by a newer version of the app (unknown schema revision)."""


class DatabaseReadOnly(DatabaseOpenError):
    """The file or its folder cannot be written."""


class DatabaseLocked(DatabaseOpenError):
    """Another program holds a lock on the database."""


class DatabaseInUse(DatabaseOpenError):
    """Another Mieruka (this or another computer) has the file open; ``detail`` names the holder."""


class DatabaseCorrupt(DatabaseOpenError):
    """The file is an SQLite database but is damaged."""


class DatabaseUnreachable(DatabaseOpenError):
    """A server database (URL) cannot be reached or the URL is malformed."""


class StorageFull(MierukaError):
    """The disk (or the user's quota) is full while writing ``location``; nothing was written."""

    def __init__(self, location: str, detail: str = "") -> None:
        super().__init__(location, detail)
        self.location = location
        self.detail = detail


class NotFound(MierukaError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(what, key)
        self.what = what
        self.key = key


class DuplicateEmployeeNo(MierukaError):
    def __init__(self, employee_no: str) -> None:
        super().__init__(employee_no)
        self.employee_no = employee_no


class KpiHasHistory(MierukaError):
    """Deleting a KPI that has values needs an explicit confirmation."""

    def __init__(self, kpi_id: int, value_count: int) -> None:
        super().__init__(kpi_id, value_count)
        self.kpi_id = kpi_id
        self.value_count = value_count


class InvalidKpi(MierukaError):
    """The KPI cannot be saved; ``errors`` are domain.kpi_checks.KpiError codes."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(errors)
        self.errors = errors


class CompanyMissing(MierukaError):
    """The database has no company yet (first start)."""


class EditConflict(MierukaError):
    """Someone else changed these cells since they were shown; nothing was written.

    ``conflicts`` are (the edit that was refused, the cell as it is stored now — None if empty).
    """

    def __init__(self, conflicts: list[tuple[object, object]]) -> None:
        super().__init__(conflicts)
        self.conflicts = conflicts
