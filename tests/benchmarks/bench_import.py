"""Benchmark of the Excel import (run as a script; not collected by pytest).

    uv run python tests/benchmarks/bench_import.py [--keep DIR]

1. A 20-sheet workbook of 2,000 rows × 30 columns (a KPI per row: name, unit, owner, direction,
   annual target, twelve months — the last three blank —, totals, 達成率, notes): parse + detect +
   validate + commit into a new SQLite database, against python-calamine alone reading every
   cell of the same file in the same run. Target: ratio ≤ 2.
2. A 50-row sheet, end to end as ``import --dry-run --json`` does it (read, analyse, JSON),
   after start-up (modules imported once). Target: ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
HEADER = (
    ["No.", "KPI名", "単位", "担当者", "方向", "年間目標"]
    + [f"{m}月" for m in MONTHS]
    + [
        "上期計",
        "下期計",
        "年間計",
        "達成率",
        "前年実績",
        "前年比",
        "差異",
        "備考",
        "データソース",
        "更新頻度",
        "コード",
        "メモ",
    ]
)
assert len(HEADER) == 30


def write_big(path: Path, sheets: int = 20, rows: int = 2000) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for s in range(sheets):
        ws = wb.create_sheet(f"部署{s + 1:02d}")
        ws.append(["2025年度 KPI管理表"])
        ws.append(HEADER)
        for i in range(rows):
            base = (i * 7 + s) % 500 + 10
            values = [float(base + m) for m in range(9)] + [None, None, None]
            ws.append(
                [
                    i + 1,
                    f"指標{s:02d}-{i:04d}",
                    "件",
                    "担当者",
                    "大きいほど良い",
                    base * 12.0,
                    *values,
                    sum(values[:6]),
                    sum(values[6:9]),
                    sum(values[:9]),
                    0.95,
                    base * 11.0,
                    1.05,
                    12.0,
                    "備考",
                    "基幹システム",
                    "月次",
                    f"K{i:05d}",
                    "メモ",
                ]
            )
    wb.save(path)


def write_small(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["2025年度　総務部　KPI管理表"])
    ws.append(["KPI名", "単位", "目標", *[f"{m}月" for m in MONTHS], "年間計"])
    for i in range(50):
        ws.append([f"指標{i}", "件", 100, *[float(i + m) for m in range(12)], None])
    wb.save(path)


def calamine_alone(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        cells += sum(len(r) for r in rows)
    book.close()
    elapsed = time.perf_counter() - started
    assert cells >= 20 * 2000 * 30
    return elapsed


def full_import(path: Path, folder: Path) -> tuple[float, dict[str, float], int]:
    """What the app does (the CLI ``import`` and the wizard's worker): each sheet is analysed as
    the reader delivers it while the next sheets are parsed; then the commit."""
    from domain import services
    from domain.importing.commit import ImportRequest, commit_import
    from domain.importing.workbook import SheetBySheet
    from storage.database import open_database
    from storage.spreadsheet_reader import read_workbook

    db_path = folder / f"bench-{time.monotonic_ns()}.sqlite3"
    db = open_database(db_path)
    services.create_company(db.uow(), name="ベンチ", fiscal_year_start=4)
    parts: dict[str, float] = {}
    started = time.perf_counter()
    holder: list[SheetBySheet] = []

    def on_sheet(grid, names) -> None:  # noqa: ANN001
        if not holder:
            holder.append(SheetBySheet(names, file_name=path.name, today=date(2026, 1, 1)))
        holder[0].add(grid)

    data = read_workbook(path, on_sheet=on_sheet)
    analysis = holder[0].result()
    parts["read+detect+validate"] = time.perf_counter() - started
    t = time.perf_counter()
    request = ImportRequest(data.file_name, analysis.kpis, tuple(g.name for g in data.sheets))
    result = commit_import(db.uow(), request, user="bench")
    parts["commit"] = time.perf_counter() - t
    total = time.perf_counter() - started
    db.close()
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    assert result.created_kpis == 40_000, result
    assert result.written_cells == 360_000, result
    return total, parts, result.written_cells


def small_dry_run(path: Path) -> float:
    from domain.importing.workbook import analyse_workbook
    from storage.spreadsheet_reader import read_workbook
    from ui.cli_import import dry_run_json

    started = time.perf_counter()
    data = read_workbook(path)
    analysis = analyse_workbook(data.sheets, file_name=data.file_name, today=date.today())
    text = json.dumps(dry_run_json(analysis), ensure_ascii=False)
    elapsed = time.perf_counter() - started
    assert len(json.loads(text)["kpis"]) == 50
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="folder to keep the generated workbooks in")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    big, small = folder / "big.xlsx", folder / "small.xlsx"
    if not big.exists():
        t = time.perf_counter()
        write_big(big)
        print(
            f"generated {big.name} ({big.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - t:.1f} s"
        )
    if not small.exists():
        write_small(small)

    floors, totals = [], []
    for _ in range(args.runs):
        gc.collect()
        floors.append(calamine_alone(big))
        gc.collect()
        total, parts, cells = full_import(big, folder)
        totals.append(total)
        detail = ", ".join(f"{k} {v:.2f} s" for k, v in parts.items())
        print(
            f"  run: calamine alone {floors[-1]:.2f} s; "
            f"import {total:.2f} s ({detail}; {cells} cells)"
        )
    floor, total = statistics.median(floors), statistics.median(totals)
    print(
        "20 sheets × 2,000 rows × 30 columns: "
        f"calamine alone {floor:.2f} s (median of {args.runs}), "
        f"parse+detect+validate+commit {total:.2f} s → ratio {total / floor:.2f} (target ≤ 2)"
    )

    small_dry_run(small)  # start-up: modules imported, caches warm
    times = [small_dry_run(small) for _ in range(20)]
    print(
        "50-row sheet dry run (read + analyse + JSON): "
        f"median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms (target ≤ 50 ms)"
    )


if __name__ == "__main__":
    main()
