"""Benchmark of issue 4 (dashboard). Run: `uv run python tests/benchmarks/bench_dashboard.py`.

Data: 50 departments × 10 KPIs × 10 fiscal years of monthly values (FY2016–FY2025, the last year
up to November), a fifth of the KPIs with stored monthly targets, every KPI with an owner.
Floor: a raw sqlite3 fetch of the same rows the dashboard reads (departments, members, KPIs, this
and last fiscal year's values, this year's monthly targets, open actions, objectives), measured
in the same run. Target: refresh ≤ 3 × floor and ≤ 150 ms; switching the fiscal year likewise.

Figures (medians):
* use case, cold — load_dashboard with no tile cache (first show of a fiscal year);
* use case, warm — the screen's refresh: the same, with the tile cache the panel keeps;
* refresh after an edit — one value changed, then the warm refresh;
* panel — DashboardPanel.reload() end to end (use case + every model reset), warm;
* switching the fiscal year on the panel: to a year not shown yet (cold) and back (warm).
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2025, 12, 15)
DEPARTMENTS, KPIS_PER_DEPARTMENT, YEARS = 50, 10, 10
FIRST_YEAR = 2016


def build_database(path: Path) -> None:
    from domain import services
    from domain.fiscal import YearMonth
    from storage.database import open_database

    db = open_database(path)
    services.create_company(db.uow(), name="ベンチ株式会社", fiscal_year_start=4)
    db.close()
    rng = random.Random(4)
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO department(name, mission, sort_order, archived) VALUES (?, ?, ?, 0)",
        [(f"部門{d:02d}", "部門のミッション" * 4, d) for d in range(DEPARTMENTS)],
    )
    departments = [r[0] for r in con.execute("SELECT id FROM department ORDER BY id")]
    con.executemany(
        "INSERT INTO member(employee_no, name, department_id, title, grade, archived)"
        " VALUES (?, ?, ?, '', '', 0)",
        [(f"E{d:04d}", f"担当{d:02d}", dept) for d, dept in enumerate(departments)],
    )
    members = [r[0] for r in con.execute("SELECT id FROM member ORDER BY id")]
    kinds = [
        ("sum", "higher", 120.0),
        ("average", "higher", 95.0),
        ("last", "lower", 5.0),
        ("average", "lower", 3.0),
        ("sum", "lower", 24.0),
    ]
    rows = []
    for index, dept in enumerate(departments):
        for k in range(KPIS_PER_DEPARTMENT):
            aggregation, direction, target = kinds[k % len(kinds)]
            rows.append(
                (
                    dept,
                    f"指標{k}",
                    "件",
                    direction,
                    aggregation,
                    target,
                    1,
                    "quantitative",
                    "[]",
                    members[index],
                    "理由",
                    "1,2,3,4,5,6,7,8,9,10,11,12",
                    k,
                )
            )
    con.executemany(
        "INSERT INTO kpi(department_id, name, unit, direction, aggregation, annual_target,"
        " decimals, kind, level_descriptions, owner_id, rationale, active_months, sort_order,"
        " archived) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
        rows,
    )
    kpis = con.execute("SELECT id, aggregation, annual_target FROM kpi ORDER BY id").fetchall()
    first = YearMonth(FIRST_YEAR, 4)
    last = YearMonth(TODAY.year, TODAY.month).add(-1)
    values = []
    targets = []
    for kpi_id, aggregation, target in kpis:
        level = target / 12 if aggregation == "sum" else target
        for i in range(first.months_until(last) + 1):
            month = first.add(i)
            seasonal = 1 + 0.2 * ((month.month % 12) in (3, 4))
            values.append(
                (
                    kpi_id,
                    month.as_int(),
                    round(level * seasonal * rng.uniform(0.8, 1.2), 1),
                    "",
                    "bench",
                    "2025-12-01 00:00:00",
                )
            )
        if kpi_id % 5 == 0:
            targets += [(kpi_id, YearMonth(2025, 4).add(i).as_int(), level, "") for i in range(12)]
    con.executemany(
        "INSERT INTO measurement(kpi_id, ym, value, note, updated_by, updated_at)"
        " VALUES (?,?,?,?,?,?)",
        values,
    )
    con.executemany("INSERT INTO monthly_target(kpi_id, ym, value, note) VALUES (?,?,?,?)", targets)
    con.commit()
    con.close()
    print(f"data: {len(kpis)} KPIs, {len(values):,} monthly values, {len(targets)} stored targets")


def raw_fetch(path: Path, year: int) -> Callable[[], None]:
    con = sqlite3.connect(path)
    first_previous, last = (year - 1) * 100 + 4, (year + 1) * 100 + 3
    first = year * 100 + 4

    def fetch() -> None:
        con.execute("SELECT * FROM company").fetchall()
        con.execute("SELECT * FROM department WHERE archived = 0").fetchall()
        con.execute("SELECT * FROM member").fetchall()
        con.execute("SELECT * FROM kpi WHERE archived = 0").fetchall()
        con.execute(
            "SELECT kpi_id, ym, value FROM measurement WHERE ym >= ? AND ym <= ?",
            (first_previous, last),
        ).fetchall()
        con.execute(
            "SELECT kpi_id, ym, value FROM monthly_target WHERE ym >= ? AND ym <= ?", (first, last)
        ).fetchall()
        con.execute(
            "SELECT * FROM review_action JOIN review ON review.id = review_action.review_id"
            " WHERE done = 0"
        ).fetchall()
        con.execute("SELECT * FROM objective").fetchall()

    return fetch


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def paired(
    name: str,
    fn: Callable[[], object],
    floor: Callable[[], object],
    *,
    setup: Callable[[], object] | None = None,
    runs: int = 15,
) -> None:
    """Time ``floor`` and ``fn`` alternately (the machine's load hits both alike), print medians
    and the median of the per-pair ratios. ``setup`` runs untimed before each ``fn``."""
    fn()
    floor()
    floors: list[float] = []
    times: list[float] = []
    for _ in range(runs):
        floors.append(_timed(floor))
        if setup is not None:
            setup()
        times.append(_timed(fn))
    ms = statistics.median(times)
    ratio = statistics.median(t / f for t, f in zip(times, floors, strict=True))
    verdict = "ok" if ratio <= 3 and ms <= 150 else "OVER TARGET"
    print(
        f"{name:<42} {ms:7.1f} ms  floor {statistics.median(floors):5.1f} ms  "
        f"{ratio:5.2f} ×  [{verdict}]"
    )


def breakdown(panel: Any, app: Any) -> None:
    """Where a fiscal-year switch spends its time (extra runs after the figures above, which
    they do not change): reading and building the report, handing it to the models, painting."""
    import ui.dashboard as screen

    real_load = screen.load_dashboard
    loads: list[float] = []

    def timed_load(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real_load(*args, **kwargs)
        finally:
            loads.append((time.perf_counter() - start) * 1000)

    screen.load_dashboard = timed_load
    try:
        for label, years, back in (
            ("cold", [2024, 2023, 2022, 2021, 2020], 2025),
            ("warm", [2025] * 5, 2024),
        ):
            use_case, models, paint = [], [], []
            for year in years:
                if label == "cold":
                    panel._cache.clear()
                panel.set_fiscal_year(back)
                app.processEvents()
                loads.clear()
                start = time.perf_counter()
                panel.set_fiscal_year(year)
                middle = time.perf_counter()
                app.processEvents()
                paint.append((time.perf_counter() - middle) * 1000)
                use_case.append(loads[0])
                models.append((middle - start) * 1000 - loads[0])
            print(
                f"  switch ({label}), medians: use case {statistics.median(use_case):.1f} ms, "
                f"models and labels {statistics.median(models):.1f} ms, "
                f"layout + paint {statistics.median(paint):.1f} ms"
            )
    finally:
        screen.load_dashboard = real_load


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from domain.dashboard import TileCache, load_dashboard
    from domain.fiscal import YearMonth
    from domain.model import CellEdit, Series
    from domain.services import apply_edits
    from storage.database import open_database
    from ui.dashboard import DashboardPanel

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        build_database(path)
        db = open_database(path)
        floor = raw_fetch(path, 2025)
        print("floor = a raw sqlite3 fetch of the same rows, timed alternately with each figure")

        paired(
            "use case, cold (no tile cache)",
            lambda: load_dashboard(db.uow(), fiscal_year=2025, today=TODAY),
            floor,
        )
        cache = TileCache()
        paired(
            "use case, warm (the screen's refresh)",
            lambda: load_dashboard(db.uow(), fiscal_year=2025, today=TODAY, cache=cache),
            floor,
        )
        kpi_ids = [k for (k,) in sqlite3.connect(path).execute("SELECT id FROM kpi")]
        counter = iter(range(10**6))

        def edit_one_value() -> None:
            value = float(next(counter) % 50)
            edit = CellEdit(random.choice(kpi_ids), YearMonth(2025, 11), Series.ACTUAL, value)
            apply_edits(db.uow(), [edit], user="bench")

        paired(
            "refresh after editing one value",
            lambda: load_dashboard(db.uow(), fiscal_year=2025, today=TODAY, cache=cache),
            floor,
            setup=edit_one_value,
        )

        app = QApplication.instance() or QApplication(sys.argv[:1])
        panel = DashboardPanel(db.uow, fiscal_year_start=4, user="bench", today=TODAY)
        panel.resize(1500, 900)
        panel.show()
        app.processEvents()
        panel.reload()
        paired("panel refresh: use case + models", panel.reload, floor)

        def reload_and_paint() -> None:
            panel.reload()
            app.processEvents()  # the one repaint Qt schedules after the model resets

        paired("panel refresh incl. layout + paint", reload_and_paint, floor)

        years = iter([2024, 2023, 2022, 2021, 2020, 2019, 2018] * 4)

        def to_new_year() -> None:
            panel.set_fiscal_year(next(years))
            app.processEvents()

        def back_to_2025() -> None:
            panel.set_fiscal_year(2025)
            app.processEvents()

        def forget_and_show_2025() -> None:
            panel._cache.clear()  # the next year has not been shown yet
            back_to_2025()

        paired(
            "switch fiscal year, incl. paint (cold)",
            to_new_year,
            raw_fetch(path, 2022),
            setup=forget_and_show_2025,
            runs=7,
        )
        paired(
            "switch back to a year shown (warm)",
            back_to_2025,
            floor,
            setup=lambda: (panel.set_fiscal_year(2024), app.processEvents()),
            runs=7,
        )
        tiles = sum(1 for _ in panel.report.tiles())
        print(f"tiles on the dashboard: {tiles}")
        breakdown(panel, app)
        panel.close()
        panel.deleteLater()
        app.processEvents()
        db.close()


if __name__ == "__main__":
    main()
