"""Month headers repeated right of the table (a chart's data area) are not more months: read as
such they landed in the next fiscal year, silently. A run after a whole year is the next year."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from domain.importing.model import ProblemCode
from domain.importing.workbook import analyse_workbook
from storage.spreadsheet_reader import read_workbook

TODAY = date(2025, 8, 1)


def analyse(path):
    data = read_workbook(path)
    return analyse_workbook(data.sheets, file_name=path.name, today=TODAY)


def values(analysis):
    return {k.name: {str(m): v for m, v in k.actuals.items()} for k in analysis.kpis}


def test_a_chart_copy_of_the_months_is_not_read_and_is_reported(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人事部"
    ws.append(["2025年度 人事部 KPI"])
    ws.append(
        [
            "KPI名",
            "単位",
            "目標",
            "4月",
            "5月",
            "6月",
            "合計",
            None,
            "グラフ用",
            "4月",
            "5月",
            "6月",
        ]
    )
    ws.append(["採用人数", "人", 10, 1, 2, 3, 6, None, "採用人数", 1, 2, 3])
    ws.append(["離職者数", "人", 0, 0, 1, 0, 1, None, "目標", 0, 0, 0])
    wb.save(tmp_path / "chart.xlsx")
    analysis = analyse(tmp_path / "chart.xlsx")
    assert values(analysis) == {
        "採用人数": {"2025-04": 1.0, "2025-05": 2.0, "2025-06": 3.0},
        "離職者数": {"2025-04": 0.0, "2025-05": 1.0, "2025-06": 0.0},
    }
    repeated = [
        (p.cell, p.text) for p in analysis.problems if p.code is ProblemCode.REPEATED_MONTHS
    ]
    assert repeated == [("J2", "4月")]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        # a whole year, then the next one: 24 months
        ([f"{m}月" for m in (*range(4, 13), 1, 2, 3)] * 2, 24),
        # quarters with their totals between: no month repeats
        (["4月", "5月", "6月", "1Q計", "7月", "8月", "9月"], 6),
    ],
)
def test_runs_that_are_not_copies_stay_months(tmp_path, headers, expected):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["2024年度 総務部 KPI"])
    ws.append(["KPI名", "単位", *headers])
    ws.append(["問合せ件数", "件", *[120 + 7 * i for i in range(len(headers))]])
    wb.save(tmp_path / "runs.xlsx")
    analysis = analyse(tmp_path / "runs.xlsx")
    (kpi,) = analysis.kpis
    months = sorted(kpi.actuals)
    assert len(months) == expected and str(months[0]) == "2024-04"
    assert not [p for p in analysis.problems if p.code is ProblemCode.REPEATED_MONTHS]
