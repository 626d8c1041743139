"""Benchmarks of issue 2 (core). Run: `uv run python tests/benchmarks/bench_core.py`.

1. Cold start to an interactive main window on the demo database vs a bare script that imports
   PySide6.QtWidgets, pyqtgraph and sqlalchemy.orm and shows an empty QMainWindow (target ≤ 1.2×).
2. Loading one fiscal year of 500 KPIs (the entry grid's data) vs raw sqlite3 queries of the same
   rows (target ≤ 3×).
3. Editing a cell and saving it at 500 KPIs: parse, write + history, undo command, model update
   (target < 16 ms).
Medians of several runs, measured in the same run on the same machine.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
import pyqtgraph, sqlalchemy.orm
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _time_process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def bench_cold_start(runs: int = 7) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.sqlite3"
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            MIERUKA_QUIT_AFTER_SHOW="1",
            MIERUKA_DATA_DIR=tmp,
            XDG_CONFIG_HOME=tmp,
        )
        subprocess.run(
            [sys.executable, "main.py", "demo", "--db", str(demo)],
            check=True,
            env=env,
            capture_output=True,
            cwd=ROOT,
        )
        ours, bare = [], []
        for _ in range(runs):  # interleave so both see the same machine load
            bare.append(_time_process([sys.executable, "-c", BARE], env))
            ours.append(_time_process([sys.executable, "main.py", "--db", str(demo)], env))
    return statistics.median(ours), statistics.median(bare)


def _big_database(path: Path, kpi_count: int = 500) -> tuple[int, int]:
    from domain import services
    from domain.fiscal import fiscal_months
    from storage.database import open_database

    db = open_database(path)
    services.create_company(db.uow(), name="ベンチ株式会社")
    dept = services.add_department(db.uow(), name="総務部")
    rng = random.Random(1)
    with db.engine.begin() as conn:
        from storage.repositories import kpi_t, measurement_t, target_t

        conn.execute(
            kpi_t.insert(),
            [
                {
                    "department_id": dept.id,
                    "name": f"指標{i}",
                    "unit": "件",
                    "direction": "higher",
                    "aggregation": "sum",
                    "decimals": 0,
                    "kind": "quantitative",
                    "level_descriptions": "[]",
                    "rationale": "r",
                    "active_months": "1,2,3,4,5,6,7,8,9,10,11,12",
                    "sort_order": i,
                    "archived": False,
                    "annual_target": 120.0,
                }
                for i in range(kpi_count)
            ],
        )
        ids = [r[0] for r in conn.execute(kpi_t.select().with_only_columns(kpi_t.c.id))]
        from datetime import datetime

        now = datetime(2025, 1, 1)
        for year in (2024, 2025):
            months = fiscal_months(year, 4)
            conn.execute(
                measurement_t.insert(),
                [
                    {
                        "kpi_id": k,
                        "ym": m.as_int(),
                        "value": rng.uniform(0, 20),
                        "note": "",
                        "updated_by": "b",
                        "updated_at": now,
                    }
                    for k in ids
                    for m in months
                ],
            )
            conn.execute(
                target_t.insert(),
                [
                    {"kpi_id": k, "ym": m.as_int(), "value": 10.0, "note": ""}
                    for k in ids
                    for m in months
                ],
            )
    db.close()
    return dept.id, len(ids)


def bench_load_year(path: Path, dept_id: int, runs: int = 30) -> tuple[float, float]:
    from domain import services
    from storage.database import open_database

    db = open_database(path)
    ours, raw = [], []
    conn = sqlite3.connect(path)
    for _ in range(runs):
        t = time.perf_counter()
        grid = services.load_grid(db.uow(), department_id=dept_id, fiscal_year=2025)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        kpis = conn.execute(
            "SELECT * FROM kpi WHERE department_id=? AND archived=0 ORDER BY sort_order, id",
            (dept_id,),
        ).fetchall()
        ids = [k[0] for k in kpis]
        marks = ",".join("?" * len(ids))
        a = conn.execute(
            f"SELECT kpi_id, ym, value, note FROM measurement WHERE kpi_id IN ({marks}) AND ym >= 202504 AND ym <= 202603",
            ids,
        ).fetchall()
        b = conn.execute(
            f"SELECT kpi_id, ym, value, note FROM monthly_target WHERE kpi_id IN ({marks}) AND ym >= 202504 AND ym <= 202603",
            ids,
        ).fetchall()
        raw.append(time.perf_counter() - t)
        assert len(a) == len(grid.actuals) == 6000 and len(b) == len(grid.targets)
    conn.close()
    db.close()
    return statistics.median(ours), statistics.median(raw)


def bench_edit(path: Path, dept_id: int, runs: int = 60) -> float:
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from storage.database import open_database
    from ui.entry_grid_model import Column
    from ui.main_window import MainWindow, WindowContext

    app = QApplication.instance() or QApplication([])
    db = open_database(path)
    window = MainWindow(WindowContext(db.uow, str(path), "bench", "0"), today=date(2025, 11, 1))
    window.show()
    app.processEvents()
    model = window.grid.model
    times = []
    for i in range(runs):
        index = model.index((i * 14) % model.rowCount(), Column.FIRST_MONTH + i % 12)
        t = time.perf_counter()
        assert model.setData(index, f"{i + 1:,}")
        times.append(time.perf_counter() - t)
    window.close()
    db.close()
    return statistics.median(times)


def main() -> None:
    ours, bare = bench_cold_start() if "--no-start" not in sys.argv else (1.0, 1.0)
    print(
        f"cold start: app {ours * 1000:.0f} ms, bare Qt+pyqtgraph+SQLAlchemy window {bare * 1000:.0f} ms,"
        f" ratio {ours / bare:.2f} (target <= 1.2)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite3"
        dept_id, n = _big_database(path)
        ours, raw = bench_load_year(path, dept_id)
        print(
            f"load one fiscal year of {n} KPIs: {ours * 1000:.1f} ms, raw sqlite3 {raw * 1000:.1f} ms,"
            f" ratio {ours / raw:.2f} (target <= 3)"
        )
        edit = bench_edit(path, dept_id)
        print(f"edit one cell and save at {n} KPIs: {edit * 1000:.2f} ms (target < 16 ms)")


if __name__ == "__main__":
    main()
