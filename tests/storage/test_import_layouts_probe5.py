"""Layouts found by probing the importer with new office workbooks (probe 5), written here with
openpyxl and read back with the real reader; exact results."""

from __future__ import annotations

import openpyxl

from tests.storage.test_import_layouts import analyse, assert_problems, kpi, months, problem


def test_a_row_with_notes_under_the_months_is_a_kpi_not_a_sub_header(tmp_path):
    # 「12（暫定）」「約15」「未確定」 in the first KPI row: it was taken as labels under the months,
    # the KPI was lost and the next KPIs were named 「満足度 約15」
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

