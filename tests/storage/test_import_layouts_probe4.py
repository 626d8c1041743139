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
