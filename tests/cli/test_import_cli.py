"""``main.py import`` / ``export-xlsx`` / ``undo-import`` as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MIERUKA_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def kpi_sheet(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["2025年度　総務部　KPI管理表"])
    ws.append([])
    ws.append(["KPI名", "単位", "目標", "4月", "5月", "6月", "上期計", "達成率", "備考"])
    ws.append(["会議室稼働率", "%", 0.7, 0.66, 0.72, "-", "=AVERAGE(D4:F4)", "=G4/C4", ""])
    ws.append(["問合せ件数", "件", 120, "131件", 118, None, "=SUM(D5:F5)", "=G5/C5", "メモ"])
    ws.append(["合計", None, None, 1, 2, 3, None, None, None])
    for cell in ("C4", "D4", "E4"):
        ws[cell].number_format = "0%"
    notes = wb.create_sheet("記入方法")
    notes["A1"] = "※ 実績は毎月10日までに入力してください。"
    wb.save(path)
    return path


def test_dry_run_json_is_exactly_the_design_object_and_writes_nothing(tmp_path):
    data_dir = tmp_path / "data"
    path = kpi_sheet(tmp_path / "総務部KPI.xlsx")
    result = run("import", str(path), "--dry-run", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "kpis": [
            {
                "sheet": "総務部",
                "department": "総務部",
                "name": "会議室稼働率",
                "unit": "%",
                "target": 70.0,
                "values": {"2025-04": 66.0, "2025-05": 72.0},
            },
            {
                "sheet": "総務部",
                "department": "総務部",
                "name": "問合せ件数",
                "unit": "件",
                "target": 120.0,
                "values": {"2025-04": 131.0, "2025-05": 118.0},
            },
        ],
        "problems": [],
    }
    assert len(result.stdout.strip().splitlines()) == 1  # exactly one JSON object
    assert not data_dir.exists() or not any(data_dir.rglob("*.sqlite3"))


def test_unreadable_file_exits_non_zero_with_one_line_naming_the_file(tmp_path):
    path = tmp_path / "勤怠.xls"
    path.write_text(
        "<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8"
    )
    result = run("import", str(path), "--dry-run", "--json", data_dir=tmp_path / "data")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "勤怠.xls" in lines[0] and ".xlsx" in lines[0]


def test_import_undo_and_export_from_the_command_line(tmp_path):
    data_dir = tmp_path / "data"
    db = tmp_path / "m.sqlite3"
    path = kpi_sheet(tmp_path / "総務部KPI.xlsx")
    done = run(
        "import",
        str(path),
        "--db",
        str(db),
        "--json",
        "--fiscal-year-start",
        "4",
        data_dir=data_dir,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["created_kpis"], summary["written_cells"], summary["problems"]) == (2, 4, [])
    backups = list((tmp_path / "backups").glob("m-*-before-import.sqlite3"))
    assert len(backups) == 1  # the file as it was before the import can be restored
    out = tmp_path / "KPI.xlsx"
    exported = run(
        "export-xlsx", str(out), "--db", str(db), "--fiscal-year", "2025", data_dir=data_dir
    )
    assert exported.returncode == 0, exported.stderr
    again = run("import", str(out), "--dry-run", "--json", data_dir=data_dir)
    values = {k["name"]: k["values"] for k in json.loads(again.stdout)["kpis"]}
    assert values == {
        "会議室稼働率": {"2025-04": 66.0, "2025-05": 72.0},
        "問合せ件数": {"2025-04": 131.0, "2025-05": 118.0},
    }
    listed = run("undo-import", "--db", str(db), data_dir=data_dir)
    assert listed.stdout.startswith(f"{summary['import_id']}\t")
    undone = run("undo-import", str(summary["import_id"]), "--db", str(db), data_dir=data_dir)
    assert undone.returncode == 0, undone.stderr
    assert "2 KPI(s) deleted" in undone.stdout
    twice = run("undo-import", str(summary["import_id"]), "--db", str(db), data_dir=data_dir)
    assert twice.returncode != 0 and "already undone" in twice.stderr
