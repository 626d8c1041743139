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


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        ([["年度", "月", "指標", "実績"], [2025, 4, "件数", 1], [2025, 5, "件数", 2]], True),
        (
            [["年", "月", "指標", "実績"], ["2025", "4月", "件数", 1], ["2025", "5月", "件数", 2]],
            True,
        ),
        ([["年度", "月", "指標", "実績"], [2025, 4, "件数", 1]], False),  # one row: no table
        ([["年度", "月", "指標"], ["令和7年度", 13, "件数"], [2025, 0, "件数"]], False),
        ([["指標", "月", "実績"], ["件数", 4, 1], ["件数", 5, 2]], False),  # no year column
    ],
)
def test_split_month_columns(rows, found):
    from domain.importing.split_months import split_month_columns

    assert (split_month_columns(rows) is not None) is found


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        ([["KPI名", "第1四半期", "第2四半期"], ["採用", 3, None]], True),
        ([["KPI名", "1Q", "2Q"], ["採用", "3人", None]], True),
        ([["KPI名", "Q1", "Q2"], ["採用", "-", "未定"]], False),  # no figure
        ([["KPI名", "第1四半期"], ["採用", 3]], False),  # one quarter: a total column
    ],
)
def test_quarter_table(rows, found):
    from domain.importing.split_months import quarter_table

    assert quarter_table(rows) is found


@pytest.mark.parametrize(
    ("word", "series"),
    [("当年", "actual"), ("今年度実績", "actual"), ("当期", "actual"), ("前年", "other")],
)
def test_this_years_words_are_actuals(word, series):
    from domain.importing.vocabulary import series_word

    assert series_word(word) == series
