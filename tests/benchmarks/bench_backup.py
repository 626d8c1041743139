"""Benchmark of issue 6: time to back up a database holding 10 fiscal years of demo-sized data
(50 departments × 10 KPIs × 120 months of values, with targets and history), vs a plain file copy
of the same file measured in the same run. Run: `uv run python tests/benchmarks/bench_backup.py`.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def build(path: Path) -> None:
    from domain import services
    from domain.fiscal import fiscal_months
    from storage.database import open_database
    from storage.repositories import change_t, department_t, kpi_t, measurement_t, target_t

    db = open_database(path)
    services.create_company(db.uow(), name="十年株式会社")
    rng = random.Random(3)
    now = datetime(2026, 1, 1)
    with db.engine.begin() as conn:
        conn.execute(department_t.insert(), [
            {"name": f"部門{d}", "mission": "m", "sort_order": d, "archived": False} for d in range(50)
        ])
        dept_ids = [r[0] for r in conn.execute(department_t.select().with_only_columns(department_t.c.id))]
        conn.execute(kpi_t.insert(), [
            {"department_id": d, "name": f"指標{d}-{k}", "unit": "件", "direction": "higher",
             "aggregation": "sum", "decimals": 0, "kind": "quantitative", "level_descriptions": "[]",
             "rationale": "r", "active_months": "1,2,3,4,5,6,7,8,9,10,11,12", "sort_order": k,
             "archived": False}
            for d in dept_ids for k in range(10)
        ])
        kpi_ids = [r[0] for r in conn.execute(kpi_t.select().with_only_columns(kpi_t.c.id))]
        months = [m for year in range(2016, 2026) for m in fiscal_months(year, 4)]
        conn.execute(measurement_t.insert(), [
            {"kpi_id": k, "ym": m.as_int(), "value": rng.uniform(0, 100), "note": "",
             "updated_by": "u", "updated_at": now} for k in kpi_ids for m in months
        ])
        conn.execute(target_t.insert(), [
            {"kpi_id": k, "ym": m.as_int(), "value": 50.0, "note": ""} for k in kpi_ids for m in months
        ])
        conn.execute(change_t.insert(), [
            {"kpi_id": k, "ym": m.as_int(), "series": "actual", "old_value": None,
             "new_value": 1.0, "old_note": "", "new_note": "", "user": "u", "at": now,
             "source": "edit"} for k in kpi_ids for m in months
        ])
    db.close()


def main() -> None:
    from storage.backup import make_backup

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ten_years.sqlite3"
        build(path)
        size = path.stat().st_size
        ours, copy = [], []
        for i in range(5):
            t = time.perf_counter()
            made = make_backup(path, "bench", keep=2)
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            shutil.copyfile(path, Path(tmp) / f"copy{i}.sqlite3")
            copy.append(time.perf_counter() - t)
        assert made.exists()
        b, c = statistics.median(ours), statistics.median(copy)
        print(f"database {size / 1e6:.1f} MB (500 KPIs x 120 months, targets and history)")
        print(f"backup with the sqlite3 backup API: {b * 1000:.0f} ms; plain file copy {c * 1000:.0f} ms;"
              f" ratio {b / c:.1f}")


if __name__ == "__main__":
    main()
