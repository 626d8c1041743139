"""Layouts found by probing the importer with new office workbooks (probe 4), written here with
openpyxl and read back with the real reader; exact results."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from tests.storage.test_import_layouts import analyse, kpi, months


def test_a_fiscal_year_from_october_named_by_a_period_with_days(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人事"
    ws["A1"] = "第24期（2024年10月1日〜2025年9月30日）人事KPI"
    ws.append([])
    ws.append(
        ["指標", "単位", "目標", *[f"{m}月" for m in (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)]]
    )
    ws.append(["採用人数", "人", 12, 1, 0, 2, 1, 1, 3])
    path = tmp_path / "人事考課.xlsx"
    wb.save(path)
    assert analyse(path) == {
        "kpis": [
            kpi(
                "人事", "採用人数", months(2024, [1, 0, 2, 1, 1, 3], start=10), unit="人", target=12
            )
        ],
        "problems": [],
    }


def test_a_closing_month_title_names_the_fiscal_year_that_ends_then(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "経理"
    ws["A1"] = "2026年3月期 経理KPI"
    ws.append(["指標", *[f"{m}月" for m in (4, 5, 6)]])
    ws.append(["請求書処理件数", 100, 120, 110])
    path = tmp_path / "経理.xlsx"
    wb.save(path)
    assert analyse(path)["kpis"][0]["values"] == months(2025, [100, 120, 110])
    assert analyse(path)["problems"] == []


def _cover_book(path, covers, *, data_first=False):
    wb = openpyxl.Workbook()
    data = []
    for dept, name in (("総務部", "問合せ件数"), ("人事部", "採用人数")):
        s = wb.create_sheet(dept)
        s.append(["KPI名", "単位", "目標", "4月", "5月", "6月"])
        s.append([name, "件", 10, 8, 9, 12])
        data.append(s)
    for i, (title, text) in enumerate(covers):
        s = wb.create_sheet(title, index=len(wb.sheetnames) if data_first else i)
        s["B3"] = text
        s["B7"], s["C7"] = "作成日", datetime(2025, 4, 1)
    toc = wb.create_sheet("目次")
    toc.append(["No.", "シート名", "内容"])
    toc.append([1, "総務部", "総務部KPI"])
    toc.append([2, "人事部", "人事部KPI"])
    del wb["Sheet"]
    wb.save(path)
    return path


def test_a_cover_sheet_names_the_fiscal_year_of_sheets_that_name_none(tmp_path):
    expected = {
        "kpis": [
            kpi(
                "総務部",
                "問合せ件数",
                months(2025, [8, 9, 12]),
                department="総務部",
                unit="件",
                target=10,
            ),
            kpi(
                "人事部",
                "採用人数",
                months(2025, [8, 9, 12]),
                department="人事部",
                unit="件",
                target=10,
            ),
        ],
        "problems": [],
    }
    covers = [("表紙", "2025年度 管理部門 KPI管理表")]
    assert analyse(_cover_book(tmp_path / "a.xlsx", covers)) == expected
    # a cover read after the data sheets still counts
    assert analyse(_cover_book(tmp_path / "b.xlsx", covers, data_first=True)) == expected


def test_covers_naming_different_years_or_instruction_sentences_give_no_year(tmp_path):
    for covers in (
        [("表紙", "2025年度 KPI管理表"), ("旧表紙", "2024年度 KPI管理表")],
        [("記入方法", "2024年度の実績を参考に、今年度の目標を各月に入力してください。")],
    ):
        result = analyse(_cover_book(tmp_path / "c.xlsx", covers))
        assert [k["values"] for k in result["kpis"]] == [months(2026, [8, 9, 12])] * 2
        assert [(p["sheet"], p["cell"]) for p in result["problems"]] == [
            ("総務部", "D1"),
            ("人事部", "D1"),
        ]  # 年度が書かれていないため2026年度として読みました


def test_transposed_kpis_as_columns_with_unit_and_target_rows_under_the_header(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "情報システム部"
    ws.append(["2025年度 情報システム部 月次実績"])
    ws.append(["月", "問合せ件数", "平均復旧時間", "自己解決率", "備考"])
    ws.append(["単位", "件", "h", "%", None])
    ws.append(["目標値", 300, 2, "60%", None])
    for m, vals in zip(
        (4, 5, 6, 7, 8),
        ((320, 1.5, "58%"), (290, 2.5, "61%"), (305, "3.5h", "63%"), (280, 1.0, 0.65), (None,) * 3),
        strict=True,
    ):
        ws.append([f"{m}月", *vals, "メモ"])
    ws.cell(8, 4).number_format = "0%"
    ws.append(["合計", 1195, None, None, None])
    path = tmp_path / "情シス.xlsx"
    wb.save(path)
    sheet = dept = "情報システム部"
    assert analyse(path) == {
        "kpis": [
            kpi(
                sheet,
                "問合せ件数",
                months(2025, [320, 290, 305, 280]),
                department=dept,
                unit="件",
                target=300,
            ),
            kpi(
                sheet,
                "平均復旧時間",
                months(2025, [1.5, 2.5, 3.5, 1.0]),
                department=dept,
                unit="h",
                target=2,
            ),
            kpi(
                sheet,
                "自己解決率",
                months(2025, [58, 61, 63, 65]),
                department=dept,
                unit="%",
                target=60,
            ),
        ],
        "problems": [],
    }


def test_a_kpi_name_split_over_large_middle_and_small_item_columns(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["2025年度 総務部 KPI一覧"])
    ws.append(["大項目", "中項目", "小項目", "単位", "目標", "4月", "5月", "6月"])
    ws.append(["庶務", "問合せ対応", "件数", "件", 100, 95, 102, 99])
    ws.append([None, None, "満足度", "点", 4.0, 3.8, 4.1, 4.0])  # merged A3:A5, B3:B4
    ws.append([None, "備品管理", "補充遅延件数", "件", 0, 1, 0, 0])
    ws.append(["施設", "会議室", None, "%", "70%", "66%", "72%", "75%"])  # no 小項目
    ws.append([None, None, "利用満足度", "点", 4.0, 4.2, None, None])  # not merged: carried
    ws.merge_cells("A3:A5")
    ws.merge_cells("B3:B4")
    path = tmp_path / "総務.xlsx"
    wb.save(path)
    s = d = "総務部"
    assert analyse(path) == {
        "kpis": [
            kpi(
                s,
                "問合せ対応 件数",
                months(2025, [95, 102, 99]),
                department=d,
                unit="件",
                target=100,
            ),
            kpi(
                s,
                "問合せ対応 満足度",
                months(2025, [3.8, 4.1, 4.0]),
                department=d,
                unit="点",
                target=4,
            ),
            kpi(
                s,
                "備品管理 補充遅延件数",
                months(2025, [1, 0, 0]),
                department=d,
                unit="件",
                target=0,
            ),
            kpi(s, "会議室", months(2025, [66, 72, 75]), department=d, unit="%", target=70),
            kpi(s, "会議室 利用満足度", months(2025, [4.2]), department=d, unit="点", target=4),
        ],
        "problems": [],
    }


def test_a_category_column_beside_a_kpi_name_column_is_not_part_of_the_name(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人事部"
    ws.append(["2025年度"])
    ws.append(["大分類", "KPI名", "単位", "4月", "5月"])
    ws.append(["採用", "採用人数", "人", 2, 3])
    ws.append([None, "内定承諾率", "%", "80%", "75%"])
    ws.append(["育成", "研修実施回数", "回", 4, 5])
    path = tmp_path / "人事.xlsx"
    wb.save(path)
    s = d = "人事部"
    assert analyse(path)["kpis"] == [
        kpi(s, "採用人数", months(2025, [2, 3]), department=d, unit="人"),
        kpi(s, "内定承諾率", months(2025, [80, 75]), department=d, unit="%"),
        kpi(s, "研修実施回数", months(2025, [4, 5]), department=d, unit="回"),
    ]


def test_a_long_table_with_the_month_split_over_year_and_month_columns(tmp_path):
    path = tmp_path / "kpi_export.csv"
    lines = ["年度,月,部門,指標,実績値,目標値"]
    lines += [f"2025,{m},総務部,問合せ件数,{v},10" for m, v in ((4, 10), (5, 12), (1, 9), (3, 14))]
    lines += ["2024,3,総務部,問合せ件数,8,10"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    values = {"2025-03": 8.0, "2025-04": 10.0, "2025-05": 12.0, "2026-01": 9.0, "2026-03": 14.0}
    assert analyse(path) == {
        "kpis": [kpi("kpi_export", "問合せ件数", values, department="総務部", target=10)],
        "problems": [],
    }
    # sorted by month number, a fiscal year still starts at the company's start month
    lines = ["年度,月,KPI,件数"] + [f"2025,{m},採用人数,{m}" for m in range(1, 13)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert analyse(path)["kpis"][0]["values"] == months(
        2025, [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    )
    # a calendar 年 column, months written 1月, the value column not a known word
    lines = ["年,月,指標,件数"]
    lines += [f"{y},{m}月,障害件数,{v}" for y, m, v in ((2024, 12, 2), (2025, 1, 3), (2025, 2, 4))]
    path.write_text("\n".join(lines) + "\n", encoding="cp932")
    assert analyse(path)["kpis"][0]["values"] == {"2024-12": 2.0, "2025-01": 3.0, "2025-02": 4.0}


def test_a_sheet_of_quarters_only_is_reported_not_skipped_in_silence(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "四半期"
    ws.append(["2025年度 人事部 四半期KPI"])
    ws.append(["KPI名", "単位", "目標", "第1四半期", "第2四半期", "第3四半期", "第4四半期"])
    ws.append(["採用人数", "人", 12, 3, 4, None, None])
    path = tmp_path / "四半期.xlsx"
    wb.save(path)
    result = analyse(path)
    assert result["kpis"] == []
    assert [(p["sheet"], p["cell"]) for p in result["problems"]] == [("四半期", "A1")]
    assert result["problems"][0]["message"].startswith("月の見出し")


def test_this_years_figure_under_a_month_beside_last_years_and_the_ratio(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["2025年度 総務部"])
    ws.append(["KPI名", "単位", "4月", None, None, "5月", None, None])
    ws.append([None, None, "前年", "当年", "前年比", "前年実績", "今年度実績", "前年比"])
    ws.append(["問合せ件数", "件", 100, 120, "120%", 90, 99, "110%"])
    ws.merge_cells("C2:E2")
    ws.merge_cells("F2:H2")
    path = tmp_path / "前年比較.xlsx"
    wb.save(path)
    assert analyse(path) == {
        "kpis": [
            kpi("総務部", "問合せ件数", months(2025, [120, 99]), department="総務部", unit="件")
        ],
        "problems": [],
    }
