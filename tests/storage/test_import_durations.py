"""Times in a KPI sheet: time cells (h:mm, [h]:mm) and durations written as text (1時間30分,
18:30, 45分) land in the KPI's unit, hours or minutes; a text that is no duration is reported."""

from __future__ import annotations

import datetime
from datetime import date

import openpyxl

from domain.importing.model import ProblemCode
from domain.importing.workbook import analyse_workbook
from storage.spreadsheet_reader import read_workbook


def test_time_cells_and_written_durations_in_hours_and_minutes(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "情報システム部"
    ws.append(["2025年度 KPI"])
    ws.append(["KPI名", "単位", "目標", "4月", "5月", "6月", "7月"])
    ws.append(
        ["障害対応の平均復旧時間", "時間", 2, datetime.time(1, 30), "2:15", "1時間30分", "90分"]
    )
    ws.append(
        [
            "平均残業時間",
            "時間",
            20,
            datetime.timedelta(hours=25, minutes=30),
            "18:30",
            17.5,
            "1:75",
        ]
    )
    ws.append(["問合せ一次回答時間", "分", 30, datetime.time(0, 25), "45分", "1時間10分", "3:45"])
    ws.append(["平均通話時間", "min", 5, datetime.time(0, 4, 30), "0:03:45", None, None])
    for cell in ("D3", "D5", "D6"):
        ws[cell].number_format = "h:mm"
    ws["D4"].number_format = "[h]:mm"
    path = tmp_path / "情シス.xlsx"
    wb.save(path)
    data = read_workbook(path)
    analysis = analyse_workbook(data.sheets, file_name=path.name, today=date(2025, 8, 1))
    got = {k.name: (k.unit, {str(m): v for m, v in k.actuals.items()}) for k in analysis.kpis}
    assert got == {
        "障害対応の平均復旧時間": (
            "時間",
            {"2025-04": 1.5, "2025-05": 2.25, "2025-06": 1.5, "2025-07": 1.5},
        ),
        "平均残業時間": ("時間", {"2025-04": 25.5, "2025-05": 18.5, "2025-06": 17.5}),
        "問合せ一次回答時間": ("分", {"2025-04": 25.0, "2025-05": 45.0, "2025-06": 70.0}),
        "平均通話時間": ("min", {"2025-04": 4.5, "2025-05": 3.75}),  # a time cell in minutes too
    }
    problems = [(p.cell, p.code, p.text) for p in analysis.problems]
    assert problems == [
        ("G4", ProblemCode.NOT_A_NUMBER, "1:75"),
        ("G5", ProblemCode.NOT_A_NUMBER, "3:45"),  # h:mm or mm:ss: not guessed
    ]


def test_text_kept_numbers_and_yen_amounts_in_a_csv(tmp_path):
    """'120 (Excel's keep-as-text mark, left in an export) is 120; ¥1,200 gives the unit 円."""
    path = tmp_path / "export.csv"
    path.write_text(
        "KPI名,単位,4月,5月,6月\n"
        "問合せ件数,件,'120,'131, 118 \n"
        '交際費,,"¥1,200","￥12,000","\\800"\n',  # \\ is how Shift_JIS shows the yen sign
        encoding="utf-8-sig",
    )
    data = read_workbook(path)
    analysis = analyse_workbook(data.sheets, file_name=path.name, today=date(2025, 8, 1))
    got = {k.name: (k.unit, sorted(k.actuals.values())) for k in analysis.kpis}
    assert got == {
        "問合せ件数": ("件", [118.0, 120.0, 131.0]),
        "交際費": ("円", [800.0, 1200.0, 12000.0]),
    }
    assert [p.code for p in analysis.problems] == [ProblemCode.FISCAL_YEAR_GUESSED]
