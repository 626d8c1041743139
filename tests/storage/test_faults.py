"""Faults a manager's PC really sees: the app killed mid-work (kill -9), a full disk.

After each, the database opens, passes PRAGMA integrity_check and holds exactly the last committed
state; no half-written export stands under its final name; the user gets a clear message.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.sqlite_only

ENTRY = r"""
import sys
sys.path.insert(0, sys.argv[1])
from domain import services
from domain.fiscal import YearMonth
from domain.model import CellEdit, Kpi, Series
from storage.database import open_database
db = open_database(sys.argv[2])
services.create_company(db.uow(), name="K")
dept = services.add_department(db.uow(), name="総務部")
kpi = services.save_kpi(db.uow(), Kpi(0, dept.id, "件数", rationale="r"))
print("ready", kpi.id, flush=True)
i = 0
while True:
    i += 1
    cells = [CellEdit(kpi.id, YearMonth(2025, m), Series.ACTUAL, float(i)) for m in (4, 5, 6)]
    services.apply_edits(db.uow(), cells, user="u")
    print(i, flush=True)
"""


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_kill_9_during_value_entry_keeps_the_last_committed_state(tmp_path: Path):
    from domain import services
    from domain.fiscal import YearMonth
    from storage.database import open_database

    path = tmp_path / "entry.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", ENTRY, str(ROOT), str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().startswith("ready")
    last = 0
    deadline = time.monotonic() + 60
    while last < 10 and time.monotonic() < deadline:
        last = int(child.stdout.readline())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    # the child may have committed (and printed) more before the kill landed: read it all
    printed = [int(line) for line in child.stdout.read().split()]
    last = printed[-1] if printed else last
    assert last >= 10
    assert _integrity(path) == "ok"
    db = open_database(path)  # the dead process's lock is gone with it
    try:
        dept = services.list_departments(db.uow())[0]
        grid = services.load_grid(db.uow(), department_id=dept.id, fiscal_year=2025)
        values = {grid.actuals[(k, m)].value for (k, m) in grid.actuals}
        # the three cells were written in one transaction: all equal, and at least the last one
        # the child saw committed (it may have committed one more before it was killed)
        assert len(values) == 1 and values.pop() in (float(last), float(last + 1))
        assert {m for (_k, m) in grid.actuals} == {YearMonth(2025, 4), YearMonth(2025, 5),
                                                   YearMonth(2025, 6)}
    finally:
        db.close()


def _main(*args: str, **popen) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], env=env, cwd=ROOT,
                            **popen)


def test_kill_9_during_a_batch_pdf_export_leaves_no_half_file(tmp_path: Path):
    demo = tmp_path / "demo.sqlite3"
    assert _main("demo", "--db", str(demo), stdout=subprocess.DEVNULL).wait() == 0
    out = tmp_path / "sheets.pdf"
    for delay in (0.7, 1.5):
        child = _main("export-pdf", str(out), "--db", str(demo),
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        if out.exists():  # finished before the kill: then it must be a whole PDF
            from pypdf import PdfReader

            assert len(PdfReader(str(out)).pages) >= 10
            out.unlink()
    assert _integrity(demo) == "ok"
    finished = _main("export-pdf", str(out), "--db", str(demo), stdout=subprocess.DEVNULL)
    assert finished.wait() == 0 and out.exists()


FULL_DISK = r"""
import resource, signal, sys
sys.path.insert(0, sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails like a full disk
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["main.py", *sys.argv[4:]]
import main
sys.exit(main.main(sys.argv[1:]))
"""


def test_a_full_disk_while_exporting_gives_a_clear_message_and_no_file(tmp_path: Path):
    demo = tmp_path / "demo.sqlite3"
    assert _main("demo", "--db", str(demo), stdout=subprocess.DEVNULL).wait() == 0
    before = demo.read_bytes()
    out = tmp_path / "sheets.pdf"
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(ROOT), "x", str(50_000),
         "export-pdf", str(out), "--db", str(demo)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode != 0
    assert "nothing was written" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert demo.read_bytes() == before


def test_a_full_disk_while_saving_values_loses_nothing(tmp_path: Path):
    """A write that fails (full disk) reaches the user as StorageFull; stored data is intact."""
    code = r"""
import resource, signal, sys
sys.path.insert(0, sys.argv[1])
from domain import services
from domain.errors import StorageFull
from domain.fiscal import YearMonth
from domain.model import CellEdit, Series
from storage.database import open_database
db = open_database(sys.argv[2])
dept = services.list_departments(db.uow())[0]
kpi = services.list_kpis(db.uow(), department_id=dept.id)[0]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # from now on every write fails
cells = [CellEdit(kpi.id, YearMonth(2024, m), Series.ACTUAL, 1.0, "x" * 4000) for m in range(1, 13)]
try:
    services.apply_edits(db.uow(), cells, user="u")
    print("saved")
except StorageFull as exc:
    print("StorageFull")
"""
    demo = tmp_path / "demo.sqlite3"
    assert _main("demo", "--db", str(demo), stdout=subprocess.DEVNULL).wait() == 0
    conn = sqlite3.connect(demo)
    before = conn.execute("SELECT kpi_id, ym, value, note FROM measurement ORDER BY id").fetchall()
    conn.close()
    result = subprocess.run([sys.executable, "-c", code, str(ROOT), str(demo)],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "StorageFull", result.stderr[-2000:]
    assert _integrity(demo) == "ok"
    conn = sqlite3.connect(demo)
    after = conn.execute("SELECT kpi_id, ym, value, note FROM measurement ORDER BY id").fetchall()
    conn.close()
    assert after == before
