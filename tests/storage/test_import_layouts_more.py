"""More importer layouts written here and read back with the real reader, exact results: 部署
written on a group's first row only, merged group headings, 【目標】/【実績】 tables stacked in
one sheet, and a year written on the first month and January only."""

from __future__ import annotations

import openpyxl

from domain.importing.workbook import analyse_workbook
from storage.spreadsheet_reader import read_workbook
from tests.storage.test_import_layouts import TODAY, analyse, kpi, months, problems_of


def test_department_written_on_the_first_row_of_its_group_is_carried_down(tmp_path):
    path = tmp_path / "部署別_時間外.csv"
    path.write_text(
        "部署,項目,単位,2025/04,2025/05,2025/06,2025/07,累計\n"
        "総務部,時間外労働時間,時間,120.5,98.0,110.0,,328.5\n"
        ",休日出勤日数,日,3,1,0,,4\n"
        "小計,,,,,,,\n"
        "経理部,時間外労働時間,時間,210.0,180.5,250.0,,640.5\n"
        ",休日出勤日数,日,5,2,6,,13\n"
        "合計,,,330.5,278.5,360.0,,\n",
        encoding="cp932",
    )
    result = analyse(path)
    s = "部署別_時間外"
    assert result["kpis"] == [
        kpi(s, "時間外労働時間", months(2025, [120.5, 98, 110]), department="総務部", unit="時間"),
        kpi(s, "休日出勤日数", months(2025, [3, 1, 0]), department="総務部", unit="日"),
        kpi(s, "時間外労働時間", months(2025, [210, 180.5, 250]), department="経理部", unit="時間"),
        kpi(s, "休日出勤日数", months(2025, [5, 2, 6]), department="経理部", unit="日"),
    ]
    assert problems_of(result) == []  # the 合計 row (合計 in the 部署 column) is no "nameless row"


def test_a_total_row_ends_the_carried_department(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "部署別"
    ws.append(["2025年度 部署別KPI"])
    ws.append(["部署", "項目", "単位", "4月", "5月", "6月"])
    ws.append(["総務部", "休日出勤日数", "日", 3, 1, 0])
    ws.append(["小計", None, None, 3, 1, 0])
    ws.append([None, "時間外労働時間", "時間", 100, 90, 80])
    wb.save(tmp_path / "部署別.xlsx")
    result = analyse(tmp_path / "部署別.xlsx")
    assert [(k["department"], k["name"]) for k in result["kpis"]] == [
        ("総務部", "休日出勤日数"),
        (None, "時間外労働時間"),
    ]
    assert problems_of(result) == []


def test_merged_group_headings_are_not_kpis(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPI一覧"
    ws.append(["令和7年度 総務課 業務KPI"])
    ws.append(["No.", "KPI名", "単位", "4月", "5月", "6月"])
    ws.append(["【庶務】"])
    ws.merge_cells("A3:C3")
    ws.append([1, "問合せ件数", "件", 120, 131, 118])
    ws.append(["＜施設グループ＞"])
    ws.merge_cells("A5:F5")  # across the month columns too
    ws.append([2, "会議室稼働率", "%", 66, 72, 75])
    wb.save(tmp_path / "総務課.xlsx")
    result = analyse(tmp_path / "総務課.xlsx")
    assert result["kpis"] == [
        kpi("KPI一覧", "問合せ件数", months(2025, [120, 131, 118]), department="総務課", unit="件"),
        kpi("KPI一覧", "会議室稼働率", months(2025, [66, 72, 75]), department="総務課", unit="%"),
    ]
    assert problems_of(result) == []


def test_stacked_target_and_actual_tables_make_one_kpi(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人事課"
    ws["A1"] = "2025年度 人事課 KPI"

    def block(top: int, title: str, rows: list) -> None:
        ws.cell(top, 1, title)
        for c, text in enumerate(["指標", "単位", "4月", "5月", "6月", "7月"], 1):
            ws.cell(top + 1, c, text)
        for r, (name, unit, vals) in enumerate(rows, top + 2):
            for c, v in enumerate([name, unit, *vals], 1):
                ws.cell(r, c, v)

    block(3, "【目標】", [("採用人数", "人", [2, 2, 3, 1]), ("研修実施回数", "回", [4, 4, 4, 4])])
    block(8, "実績", [("採用人数", "人", [1, 3, 2]), ("研修実施回数", "回", [4, 5, 3])])
    wb.save(tmp_path / "人事課.xlsx")
    data = read_workbook(tmp_path / "人事課.xlsx")
    analysis = analyse_workbook(data.sheets, file_name=data.file_name, today=TODAY)
    (sheet,) = analysis.sheets
    hires = [k for k in sheet.kpis if k.name == "採用人数"]
    actuals = {str(m): v for k in hires for m, v in k.actuals.items()}
    targets = {str(m): v for k in hires for m, v in k.targets.items()}
    assert actuals == months(2025, [1, 3, 2])  # the 実績 table, not the 目標 one
    assert targets == months(2025, [2, 2, 3, 1])
    result = analyse(tmp_path / "人事課.xlsx")
    assert [k["target"] for k in result["kpis"]] == [None, 4.0]  # 4 every month: the target
    assert problems_of(result) == []


def test_year_on_the_first_month_and_january_only_is_not_guessed(tmp_path):
    labels = ["2025年4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"]
    labels += ["2026年1月", "2月", "3月"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IT資産"
    ws.append(["情報システム課"])
    ws.append(["項目", *labels])
    ws.append(["PC故障件数", *range(1, 13)])
    wb.save(tmp_path / "IT資産.xlsx")
    result = analyse(tmp_path / "IT資産.xlsx")
    assert result["kpis"][0]["values"] == months(2025, list(range(1, 13)))
    assert problems_of(result) == []  # no FISCAL_YEAR_GUESSED
    data = read_workbook(tmp_path / "IT資産.xlsx")
    (sheet,) = analyse_workbook(data.sheets, file_name=data.file_name, today=TODAY).sheets
    assert (sheet.fiscal_year, sheet.start_month, sheet.year_source) == (2025, 4, "")
