"""Table-driven cases found by probing the importer with new office workbooks (probe 4)."""

from __future__ import annotations

import pytest

from domain.importing.month_labels import YearHint, fiscal_year_in_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a period written with days: the 人事考課表 第24期 2024年10月1日〜2025年9月30日
        ("第24期（2024年10月1日〜2025年9月30日）", YearHint(2024, True, "period", 10)),
        ("対象期間：2024年10月1日～2025年9月30日", YearHint(2024, True, "period", 10)),
        ("2024/10/1-2025/9/30", YearHint(2024, True, "period", 10)),
        # a period in 和暦
        ("令和6年10月～令和7年9月", YearHint(2024, True, "period", 10)),
        ("R6.10～R7.9", YearHint(2024, True, "period", 10)),
        ("H31.4〜R2.3", YearHint(2019, True, "period", 4)),
        # 決算期: the fiscal year that ends in that month
        ("2025年3月期", YearHint(2024, True, "period", 4)),
        ("2026年3月期 KPI管理表", YearHint(2025, True, "period", 4)),
        ("2025年12月期", YearHint(2025, True, "period", 1)),
        ("2025年9月期 人事", YearHint(2024, True, "period", 10)),
        # unchanged
        ("対象期間：2026/5 〜 2027/4", YearHint(2026, True, "period", 5)),
        ("2025年度", YearHint(2025, True)),
    ],
)
def test_fiscal_year_in_a_period_or_closing_text(text, expected):
    assert fiscal_year_in_text(text) == expected


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("大項目", 0),
        ("中項目", 1),
        ("小項目", 2),
        ("大分類", 0),
        ("小分類名", 2),
        ("評価中分類", 1),
        ("項目", None),
        ("中間", None),
        ("大阪", None),
    ],
)
def test_name_level(label, level):
    from domain.importing.vocabulary import name_level

    assert name_level(label) == level
