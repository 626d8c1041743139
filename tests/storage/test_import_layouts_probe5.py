"""Layouts found by probing the importer with new office workbooks (probe 5), written here with
openpyxl and read back with the real reader; exact results."""

from __future__ import annotations

import openpyxl

from domain.importing.workbook import analyse_workbook
from storage.spreadsheet_reader import read_workbook
from tests.storage.test_import_layouts import (
    TODAY,
    analyse,
    assert_problems,
    kpi,
    months,
    problem,
)


def test_a_row_with_notes_under_the_months_is_a_kpi_not_a_sub_header(tmp_path):
    # 「12（暫定）」「約15」「未確定」 in the first KPI row: it was taken as labels under the
    # months, the KPI was lost and the next KPIs were named 「満足度 約15」
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws["A1"] = "2025年度 総務部"
    ws.append(["KPI名", "単位", "目標", "4月", "5月", "6月", "7月"])
    ws.append(["問合せ件数", "件", 100, "12（暫定）", "約15", "15件", "未確定"])
    ws.append(["満足度", "%", 90, "95.5％", "９４．０％", "n/a", "—"])
    ws.append(["前年差", "pt", 0, "▲2.0pt", "+1.5pt", "△0.5pt", "―"])
    ws.append(["電子化率", "%", 80, "７０％", "72.5%", "見込75%", "N.A."])
    path = tmp_path / "総務.xlsx"
    wb.save(path)
    result = analyse(path)
    dept = {"department": "総務部"}
    assert result["kpis"] == [
        kpi("総務部", "問合せ件数", months(2025, [12, 15, 15]), unit="件", target=100, **dept),
        kpi("総務部", "満足度", months(2025, [95.5, 94]), unit="%", target=90, **dept),
        kpi("総務部", "前年差", months(2025, [-2, 1.5, -0.5]), unit="pt", target=0, **dept),
        kpi("総務部", "電子化率", months(2025, [70, 72.5]), unit="%", target=80, **dept),
    ]
    # a forecast is not an actual
    assert_problems(result, [problem("総務部", "F6", "「見込75%」")])


def _export_csv(path, lines, encoding="cp932"):
    import csv

    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(lines)
    return path


def test_a_system_export_with_a_row_per_month_and_department(tmp_path):
    # 勤怠システムの出力: key：value lines, 締め日 dates meaning the month, a 部署 column, a KPI
    # per column, a trailing 合計 line (was: nothing read and nothing reported)
    lines = [
        ["帳票名：部署別勤怠集計"],
        ["出力日時：2025/10/05 09:12"],
        [],
        ["締め日", "部署", "総残業時間(h)", "有給取得日数"],
    ]
    for i, day in enumerate(["2025/04/30", "2025/05/31", "2025/06/30"]):
        lines.append([day, "総務部", f"{120 + i}.5", f"{10 + i}"])
        lines.append([day, "人事部", f"{80 + i}", f"{5 + i}"])
    lines.append(["合計", "", "609.5", "48"])
    path = _export_csv(tmp_path / "勤怠集計.csv", lines)
    sheet = "勤怠集計"
    assert analyse(path) == {
        "kpis": [
            kpi(
                sheet,
                "総残業時間(h)",
                months(2025, [120.5, 121.5, 122.5]),
                department="総務部",
                unit="h",
            ),
            kpi(sheet, "有給取得日数", months(2025, [10, 11, 12]), department="総務部"),
            kpi(sheet, "総残業時間(h)", months(2025, [80, 81, 82]), department="人事部", unit="h"),
            kpi(sheet, "有給取得日数", months(2025, [5, 6, 7]), department="人事部"),
        ],
        "problems": [],
    }


def test_a_system_export_of_one_department_names_it(tmp_path):
    lines = [
        ["締め日", "部署", "遅刻件数"],
        ["2025/04/30", "総務部", "1"],
        ["2025/05/31", "総務部", "0"],
        ["2025/06/30", "総務部", "2"],
    ]
    path = _export_csv(tmp_path / "勤怠.csv", lines)
    assert analyse(path)["kpis"] == [
        kpi("勤怠", "遅刻件数", months(2025, [1, 0, 2]), department="総務部")
    ]


def test_hash_key_value_header_lines_of_an_accounting_export(tmp_path):
    # 「#部門: 経理部」 named the department 「#部門」
    lines = [
        ["#帳票: 予算実績対比表"],
        ["#部門: 経理部"],
        ["#年度: 2025"],
        ["勘定科目", "4月", "5月", "6月", "期間計"],
        ["旅費交通費", "95,200", "98,000", "110,500", "303,700"],
    ]
    path = _export_csv(tmp_path / "予算実績.csv", lines)
    assert analyse(path)["kpis"] == [
        kpi("予算実績", "旅費交通費", months(2025, [95200, 98000, 110500]), department="経理部")
    ]


def test_department_section_headings_in_one_sheet(tmp_path):
    # ■総務部 / 【人事部】 rows above each department's KPIs (was: no department at all)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "管理部門KPI"
    ws["A1"] = "2025年度 管理部門KPI一覧"
    ws.append([])
    ws.append(["KPI名", "単位", "目標", "4月", "5月", "6月"])
    ws.append(["■総務部"])
    ws.append(["問合せ対応件数", "件", 100, 90, 95, 110])
    ws.append([])
    ws.append(["【人事部】"])
    ws.merge_cells("A7:C7")
    ws.append(["採用人数", "人", 2, 1, 3, 2])
    ws.append(["残業時間", "h", 20, 18, 22, 19])
    ws.append([])
    ws.append(["＜経理部＞"])
    ws.append(["残業時間", "h", 25, 30, 28, 26])
    path = tmp_path / "管理部門.xlsx"
    wb.save(path)
    sheet = "管理部門KPI"
    assert analyse(path) == {
        "kpis": [
            kpi(
                sheet,
                "問合せ対応件数",
                months(2025, [90, 95, 110]),
                department="総務部",
                unit="件",
                target=100,
            ),
            kpi(
                sheet, "採用人数", months(2025, [1, 3, 2]), department="人事部", unit="人", target=2
            ),
            kpi(
                sheet,
                "残業時間",
                months(2025, [18, 22, 19]),
                department="人事部",
                unit="h",
                target=20,
            ),
            kpi(
                sheet,
                "残業時間",
                months(2025, [30, 28, 26]),
                department="経理部",
                unit="h",
                target=25,
            ),
        ],
        "problems": [],
    }


def test_one_team_heading_under_a_department_title_is_not_a_department(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPI"
    ws.append(["2025年度 総務課 業務KPI"])
    ws.append(["KPI名", "4月", "5月", "6月"])
    ws.append(["受付チーム"])
    ws.append(["来客対応件数", 40, 42, 38])
    path = tmp_path / "総務課.xlsx"
    wb.save(path)
    assert analyse(path)["kpis"] == [
        kpi("KPI", "来客対応件数", months(2025, [40, 42, 38]), department="総務課")
    ]


def test_a_sheet_of_one_kpi_without_month_headers_is_reported(tmp_path):
    # 第1月 … 第12月 are not months it knows: the sheet was skipped in silence (one row of
    # figures counted as no data)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "法務"
    ws.append(["指標", "単位", *[f"第{i}月" for i in range(1, 13)]])
    ws.append(["契約審査件数", "件", 20, 25, 18])
    path = tmp_path / "法務.xlsx"
    wb.save(path)
    result = analyse(path)
    assert result["kpis"] == []
    assert_problems(result, [problem("法務", "A1", "月の見出し")])


def test_a_long_table_with_a_kind_column_reads_only_targets_and_actuals(tmp_path):
    # 年月 | 部署 | 指標 | 区分 | 値: the 達成率 rows were read as the actual (80 % each month, the
    # KPI in %) and the 目標 rows were lost
    lines = [["年月", "部署", "指標", "区分", "値"]]
    for ym, target, actual in (
        ("2025年04月", 10, 8),
        ("2025年05月", 10, 12),
        ("2025年06月", 10, 9),
    ):
        lines.append([ym, "人事部", "採用面接数", "実績", actual])
        lines.append([ym, "人事部", "採用面接数", "目標", target])
        lines.append([ym, "人事部", "採用面接数", "達成率", "80%"])
    path = _export_csv(tmp_path / "人事実績.csv", lines)
    data = read_workbook(path)
    (found,) = analyse_workbook(data.sheets, file_name=data.file_name, today=TODAY).kpis
    assert (found.name, found.department, found.unit) == ("採用面接数", "人事部", "")
    assert {str(m): v for m, v in found.actuals.items()} == months(2025, [8, 12, 9])
    assert {str(m): v for m, v in found.targets.items()} == months(2025, [10, 10, 10])
    assert analyse(path)["problems"] == []
