"""Backups, restore and the one-writer rule on real files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from domain import services
from domain.errors import DatabaseCorrupt, DatabaseInUse
from storage.backup import (
    BackupDamaged,
    daily_backup,
    list_backups,
    newest_good_backup,
    restore_backup,
)
from storage.database import open_database
from storage.instance_lock import filesystem_of, is_network_path

ROOT = Path(__file__).resolve().parents[2]


def _company_name(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name FROM company").fetchone()[0]
    finally:
        conn.close()


def test_first_open_of_the_day_makes_one_daily_backup(tmp_path: Path):
    path = tmp_path / "d.sqlite3"
    db = open_database(path)  # new file: nothing to back up yet
    services.create_company(db.uow(), name="日次")
    db.close()
    assert list_backups(path) == []
    open_database(path).close()
    open_database(path).close()
    assert [b.reason for b in list_backups(path)] == ["daily"]
    assert daily_backup(path, today=datetime(2099, 1, 1)) is not None  # a new day, a new copy


def test_restore_replaces_the_data_and_keeps_the_replaced_file(tmp_path: Path):
    path = tmp_path / "r.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="復元前")
    db.close()
    open_database(path).close()  # daily backup holds 「復元前」
    good = list_backups(path)[0]
    db = open_database(path)
    services.update_settings(
        db.uow(), name="上書き後", fiscal_year_start=4,
        thresholds=services.get_company(db.uow()).thresholds,
    )
    db.close()
    safety = restore_backup(good.path, path)
    assert _company_name(path) == "復元前"
    assert safety is not None and _company_name(safety) == "上書き後"
    again = open_database(path)
    assert services.get_company(again.uow()).name == "復元前"
    again.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path: Path):
    path = tmp_path / "x.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="そのまま")
    db.close()
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = path.read_bytes()
    with pytest.raises(BackupDamaged):
        restore_backup(broken, path)
    assert path.read_bytes() == before


def test_a_corrupt_database_is_reported_and_the_newest_good_backup_found(tmp_path: Path):
    path = tmp_path / "c.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="壊れる前")
    dept = services.add_department(db.uow(), name="総務部")
    db.close()
    open_database(path).close()  # a daily backup
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # trash page 2
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt):
        open_database(path)
    good = newest_good_backup(path)
    assert good is not None and good.reason == "daily"
    restore_backup(good.path, path)
    db = open_database(path)
    assert [d.id for d in services.list_departments(db.uow())] == [dept.id]
    db.close()
    assert any(b.reason in ("before-restore", "damaged") for b in list_backups(path))


def test_a_second_writer_on_the_same_file_is_refused(tmp_path: Path):
    path = tmp_path / "shared.sqlite3"
    first = open_database(path)
    services.create_company(first.uow(), name="先に開いた人")
    with pytest.raises(DatabaseInUse) as info:
        open_database(path)
    assert "pid" in info.value.detail
    with pytest.raises(DatabaseInUse):
        restore_backup(path, path)  # a restore needs the file to itself as well
    first.close()
    open_database(path).close()  # free again once the first one closed


def test_another_process_holding_the_file_is_detected(tmp_path: Path):
    path = tmp_path / "p.sqlite3"
    open_database(path).close()
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1]);"
        "from storage.database import open_database; db = open_database(sys.argv[2]);"
        "print('open', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(ROOT), str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUse) as info:
            open_database(path)
        assert f"pid {holder.pid}" in info.value.detail
    finally:
        holder.kill()
        holder.wait()
    open_database(path).close()  # the OS dropped the dead process's lock


MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/share nfs4 rw 0 0
//nas/kpi /mnt/nas cifs rw 0 0
/dev/sdb1 /mnt/nas-local ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/home/user/mieruka.sqlite3", "ext4"),
        ("/mnt/share/dept/mieruka.sqlite3", "nfs4"),
        ("/mnt/nas/mieruka.sqlite3", "cifs"),
        ("/mnt/nas-local/mieruka.sqlite3", "ext4"),  # a prefix of a name is not a parent folder
    ],
)
def test_files_on_network_mounts_are_recognised(path: str, fstype: str):
    assert filesystem_of(path, MOUNTS) == fstype


def test_local_folders_are_not_network_shares(tmp_path: Path):
    assert not is_network_path(tmp_path / "x.sqlite3")
