"""The command line as a user runs it: a real subprocess of main.py on real files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith("Mieruka 0.")


def test_demo_creates_a_complete_company(tmp_path: Path):
    target = tmp_path / "demo.sqlite3"
    result = run("demo", "--db", str(target))
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT count(*) FROM department").fetchone()[0] == 5
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 10
        kpis_per_dept = [
            r[0] for r in conn.execute("SELECT count(*) FROM kpi GROUP BY department_id")
        ]
        assert all(3 <= n <= 4 for n in kpis_per_dept)
        months = conn.execute("SELECT count(DISTINCT ym) FROM measurement").fetchone()[0]
        assert months >= 13  # one full fiscal year plus at least one month of the next
        assert conn.execute("SELECT count(*) FROM department WHERE mission = ''").fetchone()[0] == 0
    finally:
        conn.close()


def test_demo_refuses_a_database_that_already_has_a_company(tmp_path: Path):
    target = tmp_path / "demo.sqlite3"
    assert run("demo", "--db", str(target)).returncode == 0
    before = target.read_bytes()
    again = run("demo", "--db", str(target))
    assert again.returncode != 0
    assert "already" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_a_file_that_is_not_a_database_gets_a_one_line_reason(tmp_path: Path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("メモ", encoding="utf-8")
    result = run("demo", "--db", str(bogus))
    assert result.returncode != 0
    assert "NotSqlite" in result.stderr and str(bogus) in result.stderr
    assert bogus.read_text(encoding="utf-8") == "メモ"


def test_backup_writes_a_copy_next_to_the_database(tmp_path: Path):
    target = tmp_path / "data.sqlite3"
    assert run("demo", "--db", str(target)).returncode == 0
    result = run("backup", "--db", str(target))
    assert result.returncode == 0, result.stderr
    copy = Path(result.stdout.strip())
    assert copy.parent == tmp_path / "backups" and copy.exists()
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM kpi").fetchone()[0] >= 15
    conn.close()


def test_default_database_lives_in_the_data_folder(tmp_path: Path):
    result = run("demo", env_extra={"MIERUKA_DATA_DIR": str(tmp_path / "appdata")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "appdata" / "mieruka.sqlite3").exists()


def test_backup_list_and_restore(tmp_path: Path):
    target = tmp_path / "data.sqlite3"
    assert run("demo", "--db", str(target)).returncode == 0
    copy = Path(run("backup", "--db", str(target)).stdout.strip())
    conn = sqlite3.connect(target)
    conn.execute("DELETE FROM measurement")
    conn.commit()
    conn.close()
    listed = run("backup", "--list", "--db", str(target))
    assert listed.returncode == 0 and str(copy) in listed.stdout and "manual" in listed.stdout
    restored = run("restore", str(copy), "--db", str(target))
    assert restored.returncode == 0, restored.stderr
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM measurement").fetchone()[0] > 100
    conn.close()
    missing = run("restore", str(tmp_path / "nope.sqlite3"), "--db", str(target))
    assert missing.returncode != 0 and "no such backup" in missing.stderr


def test_copy_to_moves_the_data_into_another_database(tmp_path: Path):
    source = tmp_path / "local.sqlite3"
    assert run("demo", "--db", str(source)).returncode == 0
    target = tmp_path / "shared.sqlite3"
    result = run("copy-to", str(target), "--db", str(source))
    assert result.returncode == 0, result.stderr
    assert "copied" in result.stdout
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM department").fetchone()[0] == 5
    conn.close()
    again = run("copy-to", str(target), "--db", str(source))
    assert again.returncode != 0 and "TargetNotEmpty" in again.stderr
