"""Opening databases: new files, PRAGMAs, refusals that leave the file untouched, backups."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from domain import services
from domain.errors import (
    DatabaseLocked,
    DatabaseNotSqlite,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnreachable,
)
from domain.fiscal import YearMonth
from domain.model import CellEdit, Kpi, Series
from storage import engine as engine_module
from storage import migrate
from storage.backup import list_backups, make_backup
from storage.database import open_database


def test_new_database_is_private_and_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path):
    db = open_database(tmp_path / "new.sqlite3")
    try:
        mode = stat.S_IMODE((tmp_path / "new.sqlite3").stat().st_mode)
        assert mode == 0o600
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert (
                conn.execute(text("PRAGMA busy_timeout")).scalar() == engine_module.BUSY_TIMEOUT_MS
            )
            assert migrate.current_revision(conn) == migrate.HEAD
    finally:
        db.close()


def test_head_constant_matches_the_migration_scripts():
    assert migrate.script_head() == migrate.HEAD
    assert migrate.HEAD in migrate.KNOWN_REVISIONS


def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(tmp_path: Path):
    path = tmp_path / "budget.xlsx"
    content = b"PK\x03\x04 this is a spreadsheet, not a database" * 10
    path.write_bytes(content)
    with pytest.raises(DatabaseNotSqlite):
        open_database(path)
    assert path.read_bytes() == content
    assert not (tmp_path / "backups").exists()


def test_a_foreign_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseNotSqlite):
        open_database(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused_and_left_unchanged(tmp_path: Path):
    path = tmp_path / "future.sqlite3"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as info:
        open_database(path)
    assert info.value.detail == "9999"
    assert path.read_bytes() == before


def test_a_read_only_file_is_refused(tmp_path: Path):
    path = tmp_path / "ro.sqlite3"
    open_database(path).close()
    path.chmod(0o444)
    try:
        with pytest.raises(DatabaseReadOnly):
            open_database(path)
    finally:
        path.chmod(0o600)


def test_a_file_locked_by_another_program_is_reported(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "locked.sqlite3"
    other = sqlite3.connect(path, timeout=0.1)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("CREATE TABLE t (x)")
    other.execute("INSERT INTO t VALUES (1)")
    other.commit()  # an exclusive-mode connection keeps its lock after the commit
    try:
        with pytest.raises((DatabaseLocked, DatabaseNotSqlite)) as info:
            open_database(path)
        assert isinstance(info.value, DatabaseLocked)
    finally:
        other.close()


@pytest.mark.sqlite_only
def test_a_write_while_another_program_holds_the_lock_fails_cleanly(
    db, uow_factory, company, monkeypatch
):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    db.engine.dispose()  # new connections pick up the short timeout
    dept = services.add_department(uow_factory(), name="総務部")
    kpi = services.save_kpi(
        uow_factory(), Kpi(0, dept.id, "件数", unit="件", annual_target=12, rationale="理由")
    )
    month = YearMonth(2025, 4)
    services.apply_edits(uow_factory(), [CellEdit(kpi.id, month, Series.ACTUAL, 1.0)], user="u")
    other = sqlite3.connect(db.path, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked):
            services.apply_edits(
                uow_factory(), [CellEdit(kpi.id, month, Series.ACTUAL, 2.0)], user="u"
            )
    finally:
        other.rollback()
        other.close()
    grid = services.load_grid(uow_factory(), department_id=dept.id, fiscal_year=2025)
    assert grid.actuals[(kpi.id, month)].value == 1.0
    assert [c.new_value for c in services.kpi_history(uow_factory(), kpi.id)] == [1.0]


def test_a_bad_url_is_reported(tmp_path: Path):
    with pytest.raises(DatabaseUnreachable):
        open_database("nosuchdialect://user@host/db")


def test_backups_use_the_backup_api_and_rotate(tmp_path: Path):
    path = tmp_path / "data.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="バックアップ株式会社")
    made = [make_backup(path, "manual", keep=3) for _ in range(5)]
    db.close()
    listed = list_backups(path)
    assert [b.path for b in listed] == list(reversed(made))[:3]
    assert all(stat.S_IMODE(b.path.stat().st_mode) == 0o600 for b in listed)
    restored = sqlite3.connect(listed[0].path)
    try:
        assert restored.execute("SELECT name FROM company").fetchone()[0] == "バックアップ株式会社"
        assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        restored.close()


def test_a_mieruka_file_without_its_revision_marker_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="旧版株式会社")
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE alembic_version")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseNotSqlite):
        open_database(path)
    assert path.read_bytes() == before
    assert list_backups(path) == []


def test_a_database_that_needs_migrating_is_backed_up_before_the_upgrade(
    tmp_path: Path, monkeypatch
):
    """Pretend a newer schema revision exists: the stored file must be copied before upgrading."""
    path = tmp_path / "data.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="移行前株式会社")
    db.close()
    upgraded: list[str] = []

    def fake_upgrade(conn, revision="head"):
        # the backup must already exist, holding the data as it was
        backups = list_backups(path)
        assert len(backups) == 1 and backups[0].reason == "before-migration"
        copy = sqlite3.connect(backups[0].path)
        assert copy.execute("SELECT name FROM company").fetchone()[0] == "移行前株式会社"
        copy.close()
        conn.execute(text("UPDATE alembic_version SET version_num = '9998'"))
        upgraded.append(revision)

    monkeypatch.setattr(migrate, "HEAD", "9998")
    monkeypatch.setattr(migrate, "KNOWN_REVISIONS", (*migrate.KNOWN_REVISIONS, "9998"))
    monkeypatch.setattr(migrate, "upgrade", fake_upgrade)
    open_database(path).close()
    assert upgraded == ["head"]
    open_database(path).close()  # at HEAD now: no second upgrade, only the day's backup
    open_database(path).close()
    assert upgraded == ["head"]
    assert sorted(b.reason for b in list_backups(path)) == ["before-migration", "daily"]


def test_values_are_unique_per_kpi_and_month(db, uow_factory, company):
    dept = services.add_department(uow_factory(), name="人事部")
    kpi = services.save_kpi(uow_factory(), Kpi(0, dept.id, "採用人数", rationale="事業計画"))
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO measurement (kpi_id, ym, value, note, updated_by, updated_at)"
                " VALUES (:k, 202504, 1, '', 'u', '2025-05-01')"
            ),
            {"k": kpi.id},
        )
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError, match="(?i)unique"):
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO measurement (kpi_id, ym, value, note, updated_by, updated_at)"
                    " VALUES (:k, 202504, 2, '', 'u', '2025-05-01')"
                ),
                {"k": kpi.id},
            )
