"""Layouts found by probing the importer with new office workbooks (exact results): example
sheets and 例）rows are not data, KPI names that begin with 平均/累計 are KPIs, and a % KPI's
target is scaled apart from its actuals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from domain.importing.model import SheetOverrides, SheetStatus
from domain.importing.workbook import analyse_workbook
from storage.spreadsheet_reader import read_workbook
from ui.cli_import import dry_run_json

TODAY = date(2026, 1, 15)


def analysed(path: Path, **kwargs):
    data = read_workbook(path)
    return analyse_workbook(data.sheets, file_name=data.file_name, today=TODAY, **kwargs)


def values_of(result: dict) -> dict[str, dict[str, float]]:
    return {k["name"]: k["values"] for k in result["kpis"]}


def test_a_filled_example_sheet_and_example_rows_are_not_imported(tmp_path):
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "【記入例】"
    notes["A1"] = "【記入例】2025年度 KPI実績表（○○部）"
    notes.append([])
    notes.append(["KPI名", "単位", "目標", "4月", "5月", "6月", "合計"])
    notes.append(["例）問合せ対応件数", "件", 100, 95, 102, 110, None])
    ws = wb.create_sheet("総務部")
    ws["A1"] = "2025年度 KPI実績表"
    ws.append(["KPI名", "単位", "目標", "4月", "5月", "6月", "合計"])
    ws.append(["（例）備品発注件数", "件", 10, 1, 2, 3, None])
    ws.append(["問合せ対応件数", "件", 100, 91, 99, None, None])
    path = tmp_path / "KPI.xlsx"
    wb.save(path)

    analysis = analysed(path)
    result = dry_run_json(analysis)
    assert [(k["sheet"], k["name"]) for k in result["kpis"]] == [("総務部", "問合せ対応件数")]
    assert values_of(result)["問合せ対応件数"] == {"2025-04": 91.0, "2025-05": 99.0}
    assert result["problems"] == []
    assert [s.status for s in analysis.sheets] == [SheetStatus.SKIPPED, SheetStatus.KPIS]
    # the user can still include the sheet (the wizard's 取り込む choice): it is read, and its
    # one row is an example row (例）…), so it holds no KPI
    included = analysed(path, overrides={"【記入例】": SheetOverrides(skip=False)})
    assert included.sheets[0].status is SheetStatus.NO_KPIS


def test_a_company_named_like_a_sample_is_still_data(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "サンプル商事"
    ws.append(["2025年度"])
    ws.append(["KPI名", "単位", "4月", "5月", "6月"])
    ws.append(["売上", "千円", 100, 120, 130])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    assert values_of(dry_run_json(analysed(path))) == {
        "売上": {"2025-04": 100.0, "2025-05": 120.0, "2025-06": 130.0}
    }


def test_months_down_kpis_named_average_or_cumulative_are_kpis(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人事部"
    ws.append(["人事部 月次推移（2025年度）"])
    ws.append(
        ["年月", "採用人数", "平均残業時間", "累計受講者数", "平均年齢", "前年比", "達成率", "小計"]
    )
    for m, (hired, overtime, trained, age) in zip(
        (4, 5, 6), ((3, "12.5時間", 40, 41.2), (1, "10時間", 55, 41.3), (2, 9.75, 70, 41.1))
    ):
        ws.append([f"2025年{m}月", hired, overtime, trained, age, "102%", "95%", 7])
    ws.append(["合計", 6, None, None, None, None, None, None])
    path = tmp_path / "推移.xlsx"
    wb.save(path)

    result = dry_run_json(analysed(path))
    assert values_of(result) == {
        "採用人数": {"2025-04": 3.0, "2025-05": 1.0, "2025-06": 2.0},
        "平均残業時間": {"2025-04": 12.5, "2025-05": 10.0, "2025-06": 9.75},
        "累計受講者数": {"2025-04": 40.0, "2025-05": 55.0, "2025-06": 70.0},
        "平均年齢": {"2025-04": 41.2, "2025-05": 41.3, "2025-06": 41.1},
    }
    units = {k["name"]: k["unit"] for k in result["kpis"]}
    assert units["平均残業時間"] == "時間"


def test_percent_target_written_as_80_beside_fraction_actuals(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "情報システム部"
    ws.append(["2025年度"])
    ws.append(["指標", "単位", "目標", "4月", "5月", "6月"])
    ws.append(["電話応答率", "%", 80, 0.82, 0.85, 0.9])  # no number formats
    ws.append(["稼働率", "%", 0.995, 0.998, 0.999, 1])
    ws.append(["満足度", "%", "90%", 88, 91, 93])
    ws.append(["障害率", "%", 0.8, 0.5, 1.2, 0.9])  # 1.2 > 1: shown as percent already
    path = tmp_path / "率.xlsx"
    wb.save(path)

    result = dry_run_json(analysed(path))
    got = {k["name"]: (k["target"], k["values"]) for k in result["kpis"]}
    assert got["電話応答率"] == (80.0, {"2025-04": 82.0, "2025-05": 85.0, "2025-06": 90.0})
    assert got["稼働率"] == (99.5, {"2025-04": 99.8, "2025-05": 99.9, "2025-06": 100.0})
    assert got["満足度"] == (90.0, {"2025-04": 88.0, "2025-05": 91.0, "2025-06": 93.0})
    assert got["障害率"] == (0.8, {"2025-04": 0.5, "2025-05": 1.2, "2025-06": 0.9})
