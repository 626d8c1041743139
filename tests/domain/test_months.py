"""Month, date, year and fiscal-year labels seen in real Japanese workbooks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.errors import MierukaError
from domain.fiscal import InvalidMonth, YearMonth
from domain.months import (
    ERAS,
    DateParseError,
    DateProblem,
    era_of,
    month_in_fiscal_year,
    parse_bare_month,
    parse_date,
    parse_fiscal_year_label,
    parse_month_label,
    parse_year_label,
)

YM = YearMonth


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025年4月", YM(2025, 4)),
        ("2025年 4月", YM(2025, 4)),
        ("2025 年 04 月", YM(2025, 4)),
        ("２０２５年４月", YM(2025, 4)),
        ("2025年4月度", YM(2025, 4)),
        ("2025年4月分", YM(2025, 4)),
        ("2025/4", YM(2025, 4)),
        ("2025/04", YM(2025, 4)),
        ("2025-04", YM(2025, 4)),
        ("2025-4", YM(2025, 4)),
        ("2025.4", YM(2025, 4)),
        ("2025.10", YM(2025, 10)),
        ("2025_04", YM(2025, 4)),  # yyyy_mm sheet names
        ("2025/4月", YM(2025, 4)),
        ("202504", YM(2025, 4)),
        ("2025/4/1", YM(2025, 4)),
        ("2025-04-01", YM(2025, 4)),
        ("2025-04-01 00:00:00", YM(2025, 4)),
        ("2025/4/1 0:00", YM(2025, 4)),
        ("2025年4月1日", YM(2025, 4)),
        ("R7.4", YM(2025, 4)),
        ("R7/4", YM(2025, 4)),
        ("R07.04", YM(2025, 4)),
        ("r7.4", YM(2025, 4)),
        ("Ｒ７．４", YM(2025, 4)),
        ("R7年4月", YM(2025, 4)),
        ("令和7年4月", YM(2025, 4)),
        ("令和 7年 4月", YM(2025, 4)),
        ("㋿7年4月", YM(2025, 4)),
        ("令和元年5月", YM(2019, 5)),
        ("令和元年4月", YM(2019, 4)),  # before 令和 began, accepted (documented)
        ("H31.4", YM(2019, 4)),
        ("平成31年4月", YM(2019, 4)),
        ("㍻31年4月", YM(2019, 4)),
        ("平成元年1月", YM(1989, 1)),
        ("平成32年1月", YM(2020, 1)),  # prepared across the era change, accepted
        ("S64.1", YM(1989, 1)),
        ("昭和64年1月", YM(1989, 1)),
        ("R7.4.1", YM(2025, 4)),
        ("令和7年4月1日", YM(2025, 4)),
        ("Apr-25", YM(2025, 4)),
        ("Apr-2025", YM(2025, 4)),
        ("Apr 2025", YM(2025, 4)),
        ("April 2025", YM(2025, 4)),
        ("APRIL 2025", YM(2025, 4)),
        ("Apr. 2025", YM(2025, 4)),
        ("Apr '25", YM(2025, 4)),
        ("Sept 2024", YM(2024, 9)),
        ("Dec-99", YM(1999, 12)),  # Excel two-digit window: 30–99 → 19xx
        ("Jan-29", YM(2029, 1)),
        ("2025-Apr", YM(2025, 4)),
        ("2025年度4月", YM(2025, 4)),
        ("2025年度 1月", YM(2026, 1)),
        ("令和7年度3月", YM(2026, 3)),
        ("FY2025 10月", YM(2025, 10)),
        (date(2025, 4, 9), YM(2025, 4)),
        (datetime(2026, 3, 31, 23, 59), YM(2026, 3)),
        (202504, YM(2025, 4)),
        (202504.0, YM(2025, 4)),
    ],
)
def test_month_label_with_year(label, expected):
    assert parse_month_label(label) == expected
    # An explicit year wins over the fiscal year context.
    assert parse_month_label(label, fiscal_year=2030, start_month=4) == expected


@pytest.mark.parametrize(
    "label",
    [
        "上期計",
        "下期計",
        "年間計",
        "合計",
        "平均",
        "累計",
        "達成率",
        "KPI名",
        "No.",
        "1Q",
        "4月実績",
        "4月計",
        "4月〜6月",
        "2025/5 〜 2026/4",
        "2025年度",
        "2025年度上期",
        "2025",
        "2025年",
        "25/4",  # two-digit year: ambiguous (documented)
        "25年4月",
        "4/1",
        "4月1日",  # a day, not a month header
        "2025年13月",
        "2025/0",
        "2025/13",
        "202513",
        "1234/5",  # year outside 1900–2999
        "令和0年4月",
        "Apr-25-2025",
        "25-Apr",
        "Foo 2025",
        "定量評価シート_1月",
        "",
        "   ",
        "-",
        13,
        0,
        4.5,
        True,
        None,
        45748,  # an Excel serial only when asked for
    ],
)
def test_not_a_month_label(label):
    assert parse_month_label(label) is None
    assert parse_month_label(label, fiscal_year=2025) is None


@pytest.mark.parametrize(
    ("label", "month"),
    [
        ("4月", 4),
        ("４月", 4),
        ("04月", 4),
        ("4", 4),
        ("12", 12),
        ("4月度", 4),
        ("4月分", 4),
        (" 4 月 ", 4),
        ("四月", 4),
        ("十二月", 12),
        ("十月", 10),
        ("Apr", 4),
        ("apr.", 4),
        ("April", 4),
        ("May", 5),
        (4, 4),
        (4.0, 4),
    ],
)
def test_bare_month(label, month):
    assert parse_bare_month(label) == month
    assert parse_month_label(label) is None  # a bare month needs a fiscal year


@pytest.mark.parametrize(
    "label", ["0月", "13月", "0", "13", "2025年4月", "四", "Foo", "", 4.5, True, None, "上期"]
)
def test_not_a_bare_month(label):
    assert parse_bare_month(label) is None


@pytest.mark.parametrize(
    ("label", "fiscal_year", "start", "expected"),
    [
        ("4月", 2025, 4, YM(2025, 4)),
        ("12月", 2025, 4, YM(2025, 12)),
        ("1月", 2025, 4, YM(2026, 1)),
        ("3月", 2025, 4, YM(2026, 3)),
        ("１月", 2025, 1, YM(2025, 1)),
        ("12月", 2025, 1, YM(2025, 12)),
        ("6月", 2025, 6, YM(2025, 6)),
        ("5月", 2025, 6, YM(2026, 5)),
        ("9月", 2012, 10, YM(2013, 9)),
        ("10月", 2012, 10, YM(2012, 10)),
        (1, 2025, 4, YM(2026, 1)),
        ("Jan", 2025, 4, YM(2026, 1)),
    ],
)
def test_bare_month_with_fiscal_year(label, fiscal_year, start, expected):
    assert parse_month_label(label, fiscal_year=fiscal_year, start_month=start) == expected


def test_month_in_fiscal_year_checks_start_month():
    assert month_in_fiscal_year(3, 2025, 4) == YM(2026, 3)
    with pytest.raises(InvalidMonth):
        month_in_fiscal_year(3, 2025, 13)
    with pytest.raises(InvalidMonth):
        parse_month_label("4月", fiscal_year=2025, start_month=0)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (45748, YM(2025, 4)),  # 2025-04-01
        (45383, YM(2024, 4)),  # 2024-04-01
        (45748.5, YM(2025, 4)),
        ("45748", YM(2025, 4)),
        (4, None),  # 1–12 stays a bare month, even here
        (202504, YM(2025, 4)),  # yyyymm wins over the serial reading
    ],
)
def test_excel_serial_on_request(label, expected):
    assert parse_month_label(label, excel_serial=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025/4/1", date(2025, 4, 1)),
        ("2025/04/01", date(2025, 4, 1)),
        ("2025-04-01", date(2025, 4, 1)),
        ("2025.4.1", date(2025, 4, 1)),
        ("20250401", date(2025, 4, 1)),
        ("2025年4月1日", date(2025, 4, 1)),
        ("2025 年 4 月 1 日", date(2025, 4, 1)),
        ("２０２５年４月１日", date(2025, 4, 1)),
        ("２０２５／４／１", date(2025, 4, 1)),
        ("令和7年4月1日", date(2025, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("R7.4.1", date(2025, 4, 1)),
        ("R7/4/1", date(2025, 4, 1)),
        ("Ｒ７．４．１", date(2025, 4, 1)),
        ("H27.3.31", date(2015, 3, 31)),
        ("2025/4/1(火)", date(2025, 4, 1)),
        ("2025/4/1（火曜日）", date(2025, 4, 1)),
        ("2025-04-01 00:00:00", date(2025, 4, 1)),
        ("2025-04-01T09:30:00", date(2025, 4, 1)),
        ("2025/4/1 0:00", date(2025, 4, 1)),
        ("2024/2/29", date(2024, 2, 29)),
        (date(2025, 4, 1), date(2025, 4, 1)),
        (datetime(2025, 4, 1, 12, 30), date(2025, 4, 1)),
    ],
)
def test_parse_date(text, expected):
    result = parse_date(text)
    assert result == expected
    assert type(result) is date


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", DateProblem.EMPTY),
        ("\u3000", DateProblem.EMPTY),
        ("2025/2/30", DateProblem.INVALID_DATE),
        ("2025/13/1", DateProblem.INVALID_DATE),
        ("2025/2/29", DateProblem.INVALID_DATE),
        ("2025/4/1(月)", DateProblem.INVALID_DATE),  # 2025-04-01 is a Tuesday
        ("R0.4.1", DateProblem.INVALID_DATE),
        ("25/4/1", DateProblem.NOT_A_DATE),
        ("4/1", DateProblem.NOT_A_DATE),
        ("2025/4", DateProblem.NOT_A_DATE),
        ("2025/4-1", DateProblem.NOT_A_DATE),
        ("abc", DateProblem.NOT_A_DATE),
        ("2025年4月", DateProblem.NOT_A_DATE),
        (45748, DateProblem.NOT_A_DATE),
        (None, DateProblem.NOT_A_DATE),
    ],
)
def test_parse_date_rejects(text, problem):
    with pytest.raises(DateParseError) as caught:
        parse_date(text)
    assert caught.value.problem is problem


def test_date_parse_error_is_a_known_condition():
    error = DateParseError(DateProblem.INVALID_DATE, "2025/2/30")
    assert isinstance(error, MierukaError)
    assert isinstance(error, ValueError)
    assert str(error) == "invalid_date: '2025/2/30'"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年度", 2025),
        ("２０２５年度", 2025),
        ("2025 年度", 2025),
        ("令和7年度", 2025),
        ("令和元年度", 2019),
        ("R7年度", 2025),
        ("R8", 2026),
        ("平成27年度", 2015),
        ("H27", 2015),
        ("FY2025", 2025),
        ("fy 2025", 2025),
        ("FY25", 2025),
        ("FY26", 2026),
        ("2025", 2025),
        (2025, 2025),
        ("平成27年", 2015),
        ("2025年度上期", None),
        ("2025年4月", None),
        ("上期", None),
        ("S4", None),  # bare S/T letters look like sizes, not eras
        ("T1", None),
        ("25年度", None),
        ("1800年度", None),
        ("年度", None),
        ("", None),
        (True, None),
        (None, None),
    ],
)
def test_parse_fiscal_year_label(text, expected):
    assert parse_fiscal_year_label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", 2025),
        ("2025年", 2025),
        ("令和元年", 2019),
        ("平成23年", 2011),
        ("平成 30 年", 2018),
        ("R7年", 2025),
        ("S60年", 1985),
        ("R7", 2025),
        (1999, 1999),
        ("2025年度", None),
        ("abc", None),
        (12, None),
    ],
)
def test_parse_year_label(text, expected):
    assert parse_year_label(text) == expected


@pytest.mark.parametrize(
    ("day", "era_name", "era_year"),
    [
        (date(2019, 5, 1), "令和", 1),
        (date(2019, 4, 30), "平成", 31),
        (date(1989, 1, 8), "平成", 1),
        (date(1989, 1, 7), "昭和", 64),
        (date(2025, 4, 1), "令和", 7),
        (date(1926, 12, 25), "昭和", 1),
        (date(1920, 1, 1), "大正", 9),
    ],
)
def test_era_of(day, era_name, era_year):
    era, year = era_of(day)
    assert (era.name, year) == (era_name, era_year)
    assert era.to_gregorian(year) == day.year


def test_era_table():
    assert [(e.name, e.letter, e.start) for e in ERAS[:3]] == [
        ("令和", "R", date(2019, 5, 1)),
        ("平成", "H", date(1989, 1, 8)),
        ("昭和", "S", date(1926, 12, 25)),
    ]
    with pytest.raises(ValueError):
        era_of(date(1900, 1, 1))
