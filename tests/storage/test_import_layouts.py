"""The importer against real files written here: one test per workbook layout, exact results.

Each workbook is written with openpyxl (or as a CSV in the stated encoding), read back with the
real reader (python-calamine + the sheet XML for formats and formulas) and analysed; the result
is compared with the dry-run JSON object of DESIGN.md in full.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from domain.fiscal import fiscal_months
from domain.importing.model import SheetOverrides
from domain.importing.workbook import analyse_workbook
from storage.spreadsheet_reader import read_workbook
from ui.cli_import import dry_run_json

TODAY = date(2026, 11, 22)  # fiscal 2026 with an April start: the guess when a file has no year
FY = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]


def analyse(path: Path, **kwargs) -> dict:
    data = read_workbook(path)
    return dry_run_json(
        analyse_workbook(data.sheets, file_name=data.file_name, today=TODAY, **kwargs)
    )


def months(fiscal_year: int, values: list, start: int = 4) -> dict[str, float]:
    """{"2025-04": 1.0, …} for the non-None values of a fiscal year in order."""
    return {
        str(m): float(v)
        for m, v in zip(fiscal_months(fiscal_year, start), values, strict=False)
        if v is not None
    }


def kpi(sheet, name, values, *, department=None, unit="", target=None) -> dict:
    return {
        "sheet": sheet,
        "department": department,
        "name": name,
        "unit": unit,
        "target": None if target is None else float(target),
        "values": values,
    }


def problem(sheet, cell, start: str) -> tuple[str, str, str]:
    return (sheet, cell, start)


def problems_of(result: dict) -> list[tuple[str, str, str]]:
    return [(p["sheet"], p["cell"], p["message"]) for p in result["problems"]]


def assert_problems(result: dict, expected: list[tuple[str, str, str]]) -> None:
    got = problems_of(result)
    assert [(s, c) for s, c, _ in got] == [(s, c) for s, c, _ in expected]
    for (_, _, message), (_, _, start) in zip(got, expected, strict=True):
        assert message.startswith(start), message


# --------------------------------------------------------------------------- 1. 目標/実績 row pairs


def test_l1_title_rows_row_pairs_merged_labels_and_total_columns(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws["A1"] = "2025年度　総務部　KPI管理表"
    ws.merge_cells("A1:V1")
    ws["A2"] = "部署：総務部"
    ws["S2"], ws["T2"] = "作成日", datetime(2025, 4, 1)
    header = [
        "No.",
        "KPI名",
        "単位",
        "担当者",
        "区分",
        *[f"{m}月" for m in FY[:6]],
        "上期計",
        *[f"{m}月" for m in FY[6:]],
        "下期計",
        "年間計",
        "達成率",
        "備考",
    ]
    for c, text in enumerate(header, 1):
        ws.cell(4, c, text)
    data = [
        ("備品発注リードタイム", "日", [3] * 12, [4, 3, 3, 2]),
        ("社内問合せ対応件数", "件", [120] * 12, [131, 118, 140, 125]),
        ("会議室稼働率", "%", [0.7] * 12, [0.66, 0.72, 0.75, "-"]),
    ]
    r = 5
    month_cols = list(range(6, 12)) + list(range(13, 19))
    for n, (name, unit, target, actual) in enumerate(data, 1):
        for k, (label, values) in enumerate((("目標", target), ("実績", actual))):
            ws.cell(r + k, 5, label)
            for c, v in zip(month_cols, values, strict=False):
                cell = ws.cell(r + k, c, v)
                if unit == "%" and isinstance(v, float):
                    cell.number_format = "0%"
            ws.cell(r + k, 12, f'=IFERROR(SUM(F{r + k}:K{r + k}),"")')  # no cached value
            ws.cell(r + k, 19, f'=IFERROR(SUM(M{r + k}:R{r + k}),"")')
            ws.cell(r + k, 20, f"=L{r + k}+S{r + k}")
        ws.cell(r, 1, n)
        ws.cell(r, 2, name)
        ws.cell(r, 3, unit)
        ws.cell(r, 4, "佐藤")
        for col in "ABCD":
            ws.merge_cells(f"{col}{r}:{col}{r + 1}")
        ws.cell(r + 1, 21, f'=IFERROR(T{r + 1}/T{r},"-")').number_format = "0.0%"
        r += 2
    path = tmp_path / "部門KPI管理表_2025年度.xlsx"
    wb.save(path)

    result = analyse(path)
    assert result == {
        "kpis": [
            kpi(
                "総務部",
                "備品発注リードタイム",
                months(2025, [4, 3, 3, 2]),
                department="総務部",
                unit="日",
                target=3,
            ),
            kpi(
                "総務部",
                "社内問合せ対応件数",
                months(2025, [131, 118, 140, 125]),
                department="総務部",
                unit="件",
                target=120,
            ),
            kpi(
                "総務部",
                "会議室稼働率",
                months(2025, [66, 72, 75]),
                department="総務部",
                unit="%",
                target=70,
            ),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 2. 予算/見込/実績


def test_l2_budget_forecast_actual_sub_columns_under_merged_months(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "サンプル商事"
    ws["A1"] = "サンプル商事　2025年度 目標"
    ws["P2"] = "単位：千円"
    col = 4
    for label in ("6月", "7月", "8月", "上期計"):
        ws.cell(3, col, label)
        ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + 2)
        for j, sub in enumerate(("予算", "見込", "実績")):
            ws.cell(4, col + j, sub)
        col += 3
    ws["B4"], ws["C4"] = "媒体", "項目"
    rows = [
        (
            "自社サイト",
            "売上",
            [5500, 4600, 5332, 5500, 6000, None, 5600, None, None, 16600, None, None],
        ),
        (None, "原価", [1925, 1610, 1852, 1925, 2100, None, 1960, None, None, 5810, None, None]),
        (
            "楽天",
            "売上",
            [3000, 3100, "3,050", 3000, None, None, 3000, None, None, 9000, None, None],
        ),
        (None, "原価", [900, 950, 940, 900, None, None, 900, None, None, 2700, None, None]),
        ("合計", "売上", [8500, 7700, 8382, 8500, 6000, None, 8600, None, None, 25600, None, None]),
        (None, "営業利益", [-244, 0, "▲120", 100, 0, None, 50, None, None, 900, None, None]),
    ]
    for i, (media, item, values) in enumerate(rows, 5):
        ws.cell(i, 2, media)
        ws.cell(i, 3, item)
        for j, v in enumerate(values):
            ws.cell(i, 4 + j, v)
    ws.merge_cells("B5:B6")
    ws.merge_cells("B7:B8")
    ws.merge_cells("B9:B10")
    path = tmp_path / "目標.xlsx"
    wb.save(path)

    result = analyse(path)
    sheet = "サンプル商事"
    assert result == {
        "kpis": [
            kpi(sheet, "自社サイト 売上", {"2025-06": 5332.0}, unit="千円"),
            kpi(sheet, "自社サイト 原価", {"2025-06": 1852.0}, unit="千円"),
            kpi(sheet, "楽天 売上", {"2025-06": 3050.0}, unit="千円", target=3000),
            kpi(sheet, "楽天 原価", {"2025-06": 940.0}, unit="千円", target=900),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 3. date header, FY May


def test_l3_date_cell_header_below_meta_rows_blocks_and_formulas_without_values(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "FY26原価管理表"
    ws["A1"] = "原価管理表"
    ws["A2"] = "対象期間：2026/5 〜 2027/4"
    header = 9
    for i in range(12):
        cell = ws.cell(header, 5 + i, datetime(2026 + (4 + i) // 12, (4 + i) % 12 + 1, 1))
        cell.number_format = 'yyyy"年"m"月"'
    ws.cell(header, 17, "平均")
    for name, top in (("綱島店", 10), ("宮古島店", 16)):
        ws.cell(top, 3, name)
        for k, label in enumerate(("技術売上", "原価", "割合")):
            ws.cell(top + k, 4, label)
        for i in range(3):
            letter = ws.cell(top, 5 + i).column_letter
            ws.cell(top, 5 + i, 1_200_000 + 10_000 * i)
            ws.cell(top + 1, 5 + i, 98_000 + 1_000 * i)
            ws.cell(top + 2, 5 + i, f'=IF({letter}{top}=0,"",{letter}{top + 1}/{letter}{top})')
        ws.cell(top + 2, 17, f"=AVERAGE(E{top + 2}:P{top + 2})")
    path = tmp_path / "FY26予実管理表_ver0.9.xlsx"
    wb.save(path)

    result = analyse(path)
    sheet = "FY26原価管理表"
    sales = {"2026-05": 1200000.0, "2026-06": 1210000.0, "2026-07": 1220000.0}
    cost = {"2026-05": 98000.0, "2026-06": 99000.0, "2026-07": 100000.0}
    assert result["kpis"] == [
        kpi(sheet, "綱島店 技術売上", sales),
        kpi(sheet, "綱島店 原価", cost),
        kpi(sheet, "綱島店 割合", {}),
        kpi(sheet, "宮古島店 技術売上", sales),
        kpi(sheet, "宮古島店 原価", cost),
        kpi(sheet, "宮古島店 割合", {}),
    ]
    formula = "数式「=IF("
    assert_problems(
        result,
        [problem(sheet, f"{c}{r}", formula) for r in (12, 18) for c in "EFG"],
    )


# --------------------------------------------------------------------------- 4. CSV UTF-8 BOM


def test_l4_csv_with_bom_year_meta_row_empty_first_header_and_trailing_commas(tmp_path):
    lines = [
        "年度,2025,,,,,,,,,,,,",
        ",4月,5月,6月,7月,8月,9月,10月,11月,12月,1月,2月,3月,",
        "常勤雇用労働者数,510,515,520,523,525,530,528,527,520,515,510,505,",
        "月間平均残業時間(h),18.5,21.0,19.2,-,,,,,,,,,",
        "離職者数,1,0,2,0,,,,,,,,,",
    ]
    path = tmp_path / "人事KPI.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))

    result = analyse(path)
    sheet = "人事KPI"
    assert result == {
        "kpis": [
            kpi(
                sheet,
                "常勤雇用労働者数",
                months(2025, [510, 515, 520, 523, 525, 530, 528, 527, 520, 515, 510, 505]),
            ),
            kpi(sheet, "月間平均残業時間(h)", months(2025, [18.5, 21.0, 19.2]), unit="h"),
            kpi(sheet, "離職者数", months(2025, [1, 0, 2, 0])),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 5. CSV Shift_JIS


def test_l5_shift_jis_csv_era_year_in_file_name_and_names_keyed_by_code(tmp_path):
    head = [
        "タイトル",
        "科目コード",
        "科目名称",
        "当月迄累計金額",
        "当月迄累計構成比",
        *[f"{m}月" for m in FY],
    ]
    rows = [
        ["損益計算書", 410, "売上高", 60000000, 100.0, *([5000000] * 12)],
        ["損益計算書", 546, "修繕費", 360000, 0.6, *([30000] * 12)],
        ["損益計算書", 632, "修繕費", 120000, 0.2, *([10000] * 12)],
    ]
    path = tmp_path / "R6_monthly.csv"
    with path.open("w", encoding="cp932", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(head)
        writer.writerows(rows)

    result = analyse(path)
    sheet = "R6_monthly"
    assert result == {
        "kpis": [
            kpi(sheet, "売上高", months(2024, [5000000] * 12)),
            kpi(sheet, "修繕費（546）", months(2024, [30000] * 12)),
            kpi(sheet, "修繕費（632）", months(2024, [10000] * 12)),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 6. era year row


def test_l6_merged_era_year_row_over_calendar_months_text_numbers_and_footnotes(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "1-2"
    ws["A1"] = "第1-2表　延べ宿泊者数（全体）"
    ws["A4"] = "（単位：人泊）"
    col = 3
    for era, count in (("平成30年", 2), ("令和元年", 12), ("令和2年", 1)):
        ws.cell(5, col, era)
        ws.merge_cells(start_row=5, start_column=col, end_row=5, end_column=col + count - 1)
        first = 11 if era == "平成30年" else 1
        for i in range(count):
            ws.cell(6, col + i, f"{first + i}月")
        col += count
    for r, (name, value) in enumerate(
        (("全 国", 1000), ("03岩手県", "-"), ("04宮城県", "text")), 7
    ):
        ws.cell(r, 1, name)
        for c in range(3, col):
            ws.cell(r, c, value if value != "text" else f"{500000 + (c - 3) * 1000:,}")
            if value == 1000:
                ws.cell(r, c, 1000 + c)
    ws["A11"] = "注）「-」は調査対象外。"
    path = tmp_path / "推移表.xlsx"
    wb.save(path)

    result = analyse(path)
    labels = ["2018-11", "2018-12"] + [f"2019-{m:02d}" for m in range(1, 13)] + ["2020-01"]
    assert result == {
        "kpis": [
            kpi("1-2", "全 国", {m: float(1003 + i) for i, m in enumerate(labels)}, unit="人泊"),
            kpi("1-2", "03岩手県", {}, unit="人泊"),
            kpi(
                "1-2",
                "04宮城県",
                {m: float(500000 + i * 1000) for i, m in enumerate(labels)},
                unit="人泊",
            ),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 7. a sheet per month


def test_l7_one_sheet_per_month_with_meta_rows_above_the_header(tmp_path):
    wb = openpyxl.Workbook()
    for i, (m, count, rate) in enumerate(((4, 131, 0.76), (5, 118, 0.81), (6, 140, None))):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = f"{m}月"
        ws["A1"] = "※社外秘"
        ws["A2"] = "総務部 月次KPI実績"
        ws["A3"], ws["B3"] = "表示期間", f"{m}月"
        header = ["指標", "単位", "目標", "実績", "差異", "達成率", "担当", "コメント"]
        for c, text in enumerate(header, 1):
            ws.cell(7, c, text)
        for r, (name, unit, target, actual) in enumerate(
            (("問合せ件数", "件", 120, count), ("一次回答率", "%", 0.8, rate)), 8
        ):
            ws.cell(r, 1, name)
            ws.cell(r, 2, unit)
            ws.cell(r, 3, target)
            ws.cell(r, 4, actual)
            ws.cell(r, 5, f'=IF(D{r}="","",D{r}-C{r})')
            ws.cell(r, 6, f'=IF(C{r}=0,"-",D{r}/C{r})')
            if unit == "%":
                ws.cell(r, 3).number_format = ws.cell(r, 4).number_format = "0%"
        ws["A12"] = "合計"
    path = tmp_path / "総務 月次KPI_2025年度.xlsx"
    wb.save(path)

    result = analyse(path)
    assert result == {
        "kpis": [
            kpi(
                "4月",
                "問合せ件数",
                months(2025, [131, 118, 140]),
                department="総務部",
                unit="件",
                target=120,
            ),
            kpi(
                "4月",
                "一次回答率",
                months(2025, [76, 81]),
                department="総務部",
                unit="%",
                target=80,
            ),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 8. months down


def test_transposed_months_down_the_rows_with_a_total_row(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "推移"
    ws["A1"] = "人事部 月次推移"
    ws.append([])
    ws.append(["年月", "採用人数(人)", "離職率(%)", "研修参加率", "備考"])
    for i, label in enumerate(["2025年4月", "2025年5月", "2025年6月", "2025年7月"]):
        ws.append([label, i, f"{i + 1}%", 0.8 + i / 10 if i < 2 else None, "メモ"])
        ws.cell(4 + i, 4).number_format = "0%"
    ws.append(["合計", 6, None, None])
    path = tmp_path / "推移.xlsx"
    wb.save(path)

    result = analyse(path)
    assert result == {
        "kpis": [
            kpi(
                "推移",
                "採用人数(人)",
                {"2025-04": 0.0, "2025-05": 1.0, "2025-06": 2.0, "2025-07": 3.0},
                department="人事部",
                unit="人",
            ),
            kpi(
                "推移",
                "離職率(%)",
                {"2025-04": 1.0, "2025-05": 2.0, "2025-06": 3.0, "2025-07": 4.0},
                department="人事部",
                unit="%",
            ),
            kpi(
                "推移",
                "研修参加率",
                {"2025-04": 80.0, "2025-05": 90.0},
                department="人事部",
                unit="%",
            ),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 9. long table


def test_long_table_one_row_per_kpi_and_month(tmp_path):
    path = tmp_path / "kpi_export.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["年月", "部署", "KPI名", "単位", "実績", "目標"])
        for m, count in (("2025/04", "120"), ("2025/05", "131件"), ("2025/06", "")):
            writer.writerow([m, "総務部", "問合せ件数", "件", count, "100"])
            writer.writerow([m, "人事部", "採用人数", "人", "2", "3"])
    result = analyse(path)
    assert result == {
        "kpis": [
            kpi(
                "kpi_export",
                "問合せ件数",
                {"2025-04": 120.0, "2025-05": 131.0},
                department="総務部",
                unit="件",
                target=100,
            ),
            kpi(
                "kpi_export",
                "採用人数",
                {"2025-04": 2.0, "2025-05": 2.0, "2025-06": 2.0},
                department="人事部",
                unit="人",
                target=3,
            ),
        ],
        "problems": [],
    }


# ------------------------------------------------------------------- 10. a sheet per department


def test_one_sheet_per_department_and_an_instructions_sheet(tmp_path):
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "記入方法"
    notes["A1"] = "1. 毎月10日までに実績を入力してください。"
    notes["A2"] = "2. 目標は年度初めに設定します。"
    for name, value in (("総務", 3), ("人事", 5)):
        ws = wb.create_sheet(name)
        ws.append(["KPI名", "単位", "4月", "5月", "6月", "合計"])
        ws.append(["問合せ件数", "件", value, value + 1, None, "=SUM(C2:E2)"])
    path = tmp_path / "2025年度KPI.xlsx"
    wb.save(path)

    result = analyse(path)
    assert result == {
        "kpis": [
            kpi(
                "総務", "問合せ件数", {"2025-04": 3.0, "2025-05": 4.0}, department="総務", unit="件"
            ),
            kpi(
                "人事", "問合せ件数", {"2025-04": 5.0, "2025-05": 6.0}, department="人事", unit="件"
            ),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 11. value notations


def test_header_on_row_one_every_value_notation_and_unreadable_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPI"
    ws.append(
        [
            "指標名",
            "単位",
            "目標値",
            "2025/4",
            "2025/5",
            "2025/6",
            "2025/7",
            "2025/8",
            "2025/9",
            "年間計",
        ]
    )
    ws.append(["請求書処理件数", "件", "1,200", "１２", "131件", "500,000", "―", "－", "…", None])
    ws.append(["経費", "円", None, "▲1,000", "△1,000", "(1,000)", "￥1,234", "N/A", -244, None])
    ws.append(
        ["自己解決率", "%", "80%", "95%", "12.5%", 0.95, "abc", True, datetime(2025, 9, 1), None]
    )
    ws.append(["合計", None, None, 1, 2, 3, None, None, None, None])
    ws["F4"].number_format = "0%"
    ws.append([None, None, None, 5, None, None, None, None, None, None])
    path = tmp_path / "kpi.xlsx"
    wb.save(path)

    result = analyse(path)
    assert result["kpis"] == [
        kpi(
            "KPI",
            "請求書処理件数",
            {"2025-04": 12.0, "2025-05": 131.0, "2025-06": 500000.0},
            unit="件",
            target=1200,
        ),
        kpi(
            "KPI",
            "経費",
            {
                "2025-04": -1000.0,
                "2025-05": -1000.0,
                "2025-06": -1000.0,
                "2025-07": 1234.0,
                "2025-09": -244.0,
            },
            unit="円",
        ),
        kpi(
            "KPI",
            "自己解決率",
            {"2025-04": 95.0, "2025-05": 12.5, "2025-06": 95.0},
            unit="%",
            target=80,
        ),
    ]
    assert_problems(
        result,
        [
            problem("KPI", "G4", "「abc」を数値として読み取れません"),
            problem("KPI", "H4", "「TRUE」は数値ではない"),
            problem("KPI", "I4", "日付「2025-09-01」"),
            problem("KPI", "A6", "KPI名のない行に値があります"),
        ],
    )


# --------------------------------------------------------------------- 12. 目標|実績 sub-columns


def test_two_level_header_target_and_actual_under_each_month(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"], ws["B1"] = "KPI", "単位"
    col = 3
    for label in ("2025年10月", "2025年11月", "2025年12月", "2026年1月"):
        ws.cell(1, col, label)
        ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + 1)
        ws.cell(2, col, "目標")
        ws.cell(2, col + 1, "実績")
        col += 2
    ws.append(["問合せ件数", "件", 100, 120, 100, 95, 100, None, 110, 99])
    ws.append(["満足度", "点", 4, 3.8, 4, 4.1, 4, "-", 4, "4.2点"])
    path = tmp_path / "kpi.xlsx"
    wb.save(path)

    result = analyse(path)
    assert result == {
        "kpis": [
            kpi(
                "Sheet1",
                "問合せ件数",
                {"2025-10": 120.0, "2025-11": 95.0, "2026-01": 99.0},
                unit="件",
            ),
            kpi(
                "Sheet1",
                "満足度",
                {"2025-10": 3.8, "2025-11": 4.1, "2026-01": 4.2},
                unit="点",
                target=4,
            ),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 13. stacked tables


def test_stacked_tables_of_two_fiscal_years_in_one_sheet(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "実績"
    ws.append(["2024年度"])
    ws.append(["KPI名", "1月", "2月", "3月"])
    ws.append(["件数", 1, 2, 3])
    ws.append([])
    ws.append(["2025年度"])
    ws.append(["KPI名", "1月", "2月", "3月"])
    ws.append(["件数", 4, 5, 6])
    path = tmp_path / "stacked.xlsx"
    wb.save(path)

    result = analyse(path)
    assert result == {
        "kpis": [
            kpi(
                "実績",
                "件数",
                {
                    "2025-01": 1.0,
                    "2025-02": 2.0,
                    "2025-03": 3.0,
                    "2026-01": 4.0,
                    "2026-02": 5.0,
                    "2026-03": 6.0,
                },
            ),
        ],
        "problems": [],
    }


# --------------------------------------------------------------------------- 14. fiscal-year starts


@pytest.mark.parametrize(
    ("title", "header", "start_option", "expected_first", "expected_last"),
    [
        (
            "2025年度",
            [f"{m}月" for m in (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)],
            None,
            "2025-10",
            "2026-09",
        ),
        (
            "2025年度",
            [f"{m}月" for m in (7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)],
            None,
            "2025-07",
            "2026-06",
        ),
        ("2025年 月次", [f"{m}月" for m in range(1, 13)], None, "2025-01", "2025-12"),
        ("2025年度", [f"{m}月" for m in (5, 6, 7)], 5, "2025-05", "2025-07"),
        ("2025年度", ["1月", "2月", "3月"], 4, "2026-01", "2026-03"),
    ],
)
def test_fiscal_year_starts(tmp_path, title, header, start_option, expected_first, expected_last):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["KPI名", *header])
    ws.append(["件数", *range(1, len(header) + 1)])
    path = tmp_path / "fy.xlsx"
    wb.save(path)
    result = analyse(path, start_month=start_option)
    values = result["kpis"][0]["values"]
    assert (list(values)[0], list(values)[-1], len(values)) == (
        expected_first,
        expected_last,
        len(header),
    )
    assert result["problems"] == []


def test_bare_months_without_a_year_are_guessed_and_reported_or_set_by_the_user(tmp_path):
    path = tmp_path / "kpi.csv"
    path.write_text("指標,4,5,6,7,8,9,10,11,12,1,2,3\n件数,1,2,3,,,,,,,,,\n", encoding="utf-8")
    result = analyse(path)
    assert result["kpis"][0]["values"] == months(2026, [1, 2, 3])
    assert_problems(
        result, [problem("kpi", "B1", "年度が書かれていないため2026年度として読みました")]
    )
    corrected = analyse(path, overrides={"kpi": SheetOverrides(fiscal_year=2024)})
    assert corrected["kpis"][0]["values"] == months(2024, [1, 2, 3])
    assert corrected["problems"] == []


# --------------------------------------------------------------------------- month notations


NOTATIONS = [
    ["4月", "5月"],
    ["４月", "５月"],
    ["2025年4月", "2025年5月"],
    ["2025/4", "2025/5"],
    ["2025-04", "2025-05"],
    [datetime(2025, 4, 1), datetime(2025, 5, 1)],
    ["R7.4", "R7.5"],
    ["令和7年4月", "令和7年5月"],
    ["Apr-25", "May-25"],
    ["4月分", "5月分"],
    ["2025.4", "2025.5"],
    ["2025_04", "2025_05"],
]


@pytest.mark.parametrize("labels", NOTATIONS, ids=[str(n[0]) for n in NOTATIONS])
def test_every_month_notation_in_a_header(tmp_path, labels):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["2025年度"])
    ws.append(["KPI名", *labels])
    ws.append(["件数", 1, 2])
    if isinstance(labels[0], datetime):
        for c in (2, 3):
            ws.cell(2, c).number_format = 'm"月"'
    path = tmp_path / "n.xlsx"
    wb.save(path)
    assert analyse(path) == {
        "kpis": [kpi("S", "件数", {"2025-04": 1.0, "2025-05": 2.0})],
        "problems": [],
    }


def test_excel_serial_numbers_and_yyyymm_in_a_csv_header(tmp_path):
    path = tmp_path / "serial.csv"
    path.write_text("KPI,45748,45778,45809\n件数,1,2,3\n", encoding="utf-8")
    assert analyse(path)["kpis"][0]["values"] == {"2025-04": 1.0, "2025-05": 2.0, "2025-06": 3.0}
    path.write_text("KPI,202504,202505\n件数,1,2\n", encoding="utf-8")
    assert analyse(path)["kpis"][0]["values"] == {"2025-04": 1.0, "2025-05": 2.0}


# --------------------------------------------------------------- 15. 目標/実績 in the name column


def _sheet(tmp_path: Path, rows: list[list], name: str = "S") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = name
    for row in rows:
        ws.append(row)
    path = tmp_path / f"{name}.xlsx"
    wb.save(path)
    return path


def test_target_and_actual_rows_under_a_name_only_row(tmp_path):
    path = _sheet(
        tmp_path,
        [
            ["2025年度"],
            ["項目", "4月", "5月", "6月"],
            ["問合せ件数", None, None, None],
            ["目標", 120, 120, 120],
            ["実績", 131, 118, None],
            ["会議室稼働率（%）", None, None, None],
            ["目標", "70%", "70%", "70%"],
            ["実績", "66%", "72%", None],
        ],
    )
    assert analyse(path) == {
        "kpis": [
            kpi("S", "問合せ件数", {"2025-04": 131.0, "2025-05": 118.0}, target=120),
            kpi("S", "会議室稼働率（%）", {"2025-04": 66.0, "2025-05": 72.0}, unit="%", target=70),
        ],
        "problems": [],
    }


def test_target_and_actual_as_name_suffixes(tmp_path):
    path = _sheet(
        tmp_path,
        [
            ["2025年度"],
            ["項目", "4月", "5月"],
            ["売上目標", 100, 100],
            ["売上実績", 90, 110],
            ["来客数", 5, 6],
        ],
    )
    assert analyse(path)["kpis"] == [
        kpi("S", "売上", {"2025-04": 90.0, "2025-05": 110.0}, target=100),
        kpi("S", "来客数", {"2025-04": 5.0, "2025-05": 6.0}),
    ]


@pytest.mark.parametrize(
    "header",
    [
        ["4月(実績)", "5月(実績)"],
        ["4月実績", "5月実績"],
        ["2025年\n4月", "2025年\n5月"],
        ["Apr", "May"],
        ["四月", "五月"],
    ],
)
def test_month_headers_with_affixes_line_breaks_and_words(tmp_path, header):
    path = _sheet(tmp_path, [["FY2025"], ["KPI", *header], ["件数", 12, 9]])
    assert analyse(path) == {
        "kpis": [kpi("S", "件数", {"2025-04": 12.0, "2025-05": 9.0})],
        "problems": [],
    }
