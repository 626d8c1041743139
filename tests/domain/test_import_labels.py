"""Table-driven tests of the importer's pure rules: month labels, years, vocabulary, cell values."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from domain.fiscal import YearMonth
from domain.importing.cells import NO_DETAILS, SheetGrid, Special, SpecialKind, address, fill_merged
from domain.importing.model import ProblemCode
from domain.importing.month_labels import (
    MonthLabel,
    YearHint,
    fiscal_year_in_text,
    month_in_text,
    month_label,
    resolve_sequence,
    year_cell,
)
from domain.importing.values import RawCell, fractions_for_percent, infer_unit, read_cell
from domain.importing.vocabulary import (
    Role,
    SeriesWord,
    declared_unit,
    department_in_text,
    direction_word,
    guess_aggregation,
    guess_direction,
    header_role,
    is_aggregate_label,
    is_total_name,
    series_word,
    unit_in_name,
)
from domain.model import Aggregation, Direction

YM = YearMonth


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("4月", MonthLabel(bare=4)),
        ("４月", MonthLabel(bare=4)),
        ("04月", MonthLabel(bare=4)),
        ("4月分", MonthLabel(bare=4)),
        ("4月度", MonthLabel(bare=4)),
        ("Apr", MonthLabel(bare=4)),
        ("2025年4月", MonthLabel(month=YM(2025, 4))),
        ("2025年 4月", MonthLabel(month=YM(2025, 4))),
        ("２０２５年４月", MonthLabel(month=YM(2025, 4))),
        ("2025/4", MonthLabel(month=YM(2025, 4))),
        ("2025/04", MonthLabel(month=YM(2025, 4))),
        ("2025-04", MonthLabel(month=YM(2025, 4))),
        ("2025_04", MonthLabel(month=YM(2025, 4))),
        ("2025.4", MonthLabel(month=YM(2025, 4))),
        ("R7.4", MonthLabel(month=YM(2025, 4))),
        ("Ｒ７．４", MonthLabel(month=YM(2025, 4))),
        ("令和7年4月", MonthLabel(month=YM(2025, 4))),
        ("令和元年5月", MonthLabel(month=YM(2019, 5))),
        ("H31.4", MonthLabel(month=YM(2019, 4))),
        ("Apr-25", MonthLabel(month=YM(2025, 4))),
        ("2025/4/1", MonthLabel(month=YM(2025, 4))),
        (datetime(2025, 4, 1), MonthLabel(month=YM(2025, 4))),
        (date(2026, 1, 1), MonthLabel(month=YM(2026, 1))),
        ("4月実績", MonthLabel(bare=4, series=SeriesWord.ACTUAL)),
        ("4月目標", MonthLabel(bare=4, series=SeriesWord.TARGET)),
        ("実績(4月)", MonthLabel(bare=4, series=SeriesWord.ACTUAL)),
        ("上期計", None),
        ("合計", None),
        ("達成率", None),
        ("4月1日", None),
        ("KPI名", None),
        ("45748", None),  # a number-like text needs numbers=True (a data cell is not a month)
        (4, None),
        (4.0, None),
        (None, None),
        ("", None),
    ],
)
def test_month_label(cell, expected):
    assert month_label(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (4, MonthLabel(bare=4, numeric=True)),
        ("12", MonthLabel(bare=12, numeric=True)),
        (45748, MonthLabel(month=YM(2025, 4), numeric=True)),  # Excel serial day
        ("45748", MonthLabel(month=YM(2025, 4), numeric=True)),
        (202504, MonthLabel(month=YM(2025, 4), numeric=True)),
        (13, None),
        (4.5, None),
        (True, None),
    ],
)
def test_month_label_from_numbers(cell, expected):
    assert month_label(cell, numbers=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7月", MonthLabel(bare=7)),
        ("定量評価シート_1月", MonthLabel(bare=1)),
        ("2025_10", MonthLabel(month=YM(2025, 10))),
        ("2026年5月 個人数字", MonthLabel(month=YM(2026, 5))),
        ("総務部", None),
    ],
)
def test_month_in_text(text, expected):
    assert month_in_text(text) == expected


@pytest.mark.parametrize(
    ("text", "loose", "expected"),
    [
        ("2025年度　総務部　KPI管理表", False, YearHint(2025, True)),
        ("令和7年度 目標", False, YearHint(2025, True)),
        ("R7年度", False, YearHint(2025, True)),
        ("令和元年度", False, YearHint(2019, True)),
        ("HABABI_FY26予実管理表", False, YearHint(2026, True)),
        ("FY2024", False, YearHint(2024, True)),
        ("対象期間：2026/5 〜 2027/4", False, YearHint(2026, True, "period", 5)),
        ("R6_monthly", False, None),
        ("R6_monthly", True, YearHint(2024, True)),
        ("H27_monthly", True, YearHint(2015, True)),
        ("H1_report", True, None),  # 上期 (first half), not 平成元年
        ("L04_人事KPI_2025", True, YearHint(2025, True)),
        ("月次報告", True, None),
    ],
)
def test_fiscal_year_in_text(text, loose, expected):
    assert fiscal_year_in_text(text, loose=loose) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("平成30年", YearHint(2018, False)),
        ("令和元年", YearHint(2019, False)),
        ("2025年", YearHint(2025, False)),
        ("2025年度", YearHint(2025, True)),
        ("2025", YearHint(2025, True)),
        (2025, YearHint(2025, True)),
        (2025.0, YearHint(2025, True)),
        (12, None),
        ("4月", None),
    ],
)
def test_year_cell(cell, expected):
    assert year_cell(cell) == expected


B = MonthLabel


@pytest.mark.parametrize(
    ("labels", "hint", "start", "expected"),
    [
        # April start, fiscal 2025: months after December roll into 2026
        (
            [B(bare=4), B(bare=12), B(bare=1), B(bare=3)],
            YearHint(2025, True),
            4,
            [YM(2025, 4), YM(2025, 12), YM(2026, 1), YM(2026, 3)],
        ),
        # a fiscal year starting in October
        ([B(bare=10), B(bare=9)], YearHint(2025, True), 10, [YM(2025, 10), YM(2026, 9)]),
        # Jan–Mar of fiscal 2025 (April start) belong to 2026
        ([B(bare=1), B(bare=2)], YearHint(2025, True), 4, [YM(2026, 1), YM(2026, 2)]),
        # a calendar year
        ([B(bare=1), B(bare=12)], YearHint(2025, False), 4, [YM(2025, 1), YM(2025, 12)]),
        # sub-columns repeat a month: same month
        (
            [B(bare=6), B(bare=6), B(bare=7)],
            YearHint(2025, True),
            6,
            [YM(2025, 6)] * 2 + [YM(2025, 7)],
        ),
        # explicit years win; bare months roll forward and back from them
        (
            [B(bare=11), B(bare=12), B(month=YM(2026, 1)), B(bare=2)],
            None,
            4,
            [YM(2025, 11), YM(2025, 12), YM(2026, 1), YM(2026, 2)],
        ),
        # no year anywhere: bare months stay unknown
        ([B(bare=4), B(bare=5)], None, 4, [None, None]),
        # gaps (None) are kept
        ([B(bare=9), None, B(bare=10)], YearHint(2025, True), 4, [YM(2025, 9), None, YM(2025, 10)]),
    ],
)
def test_resolve_sequence(labels, hint, start, expected):
    assert resolve_sequence(labels, hint=hint, start_month=start) == expected


def test_resolve_sequence_with_a_year_row():
    labels = [B(bare=12), B(bare=1), B(bare=2)]
    hints = [YearHint(2018, False), YearHint(2019, False), YearHint(2019, False)]
    assert resolve_sequence(labels, hint=None, start_month=4, hints=hints) == [
        YM(2018, 12),
        YM(2019, 1),
        YM(2019, 2),
    ]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("KPI名", Role.NAME),
        ("指標", Role.NAME),
        ("項目", Role.NAME),
        ("科目名称", Role.NAME),
        ("単位", Role.UNIT),
        ("目標値", Role.TARGET),
        ("年間目標", Role.TARGET),
        ("実績", Role.ACTUAL),
        ("区分", Role.KIND),
        ("部署", Role.DEPARTMENT),
        ("所属", Role.DEPARTMENT),
        ("担当者", Role.OWNER),
        ("方向", Role.DIRECTION),
        ("集計", Role.AGGREGATION),
        ("No.", Role.CODE),
        ("科目コード", Role.CODE),
        ("備考", Role.IGNORE),
        ("上期計", Role.IGNORE),
        ("年間計", Role.IGNORE),
        ("達成率", Role.IGNORE),
        ("前年比", Role.IGNORE),
        ("1Q", Role.IGNORE),
        ("累計", Role.IGNORE),
        ("平均", Role.IGNORE),
        ("担当者名前", None),
        ("計画", Role.TARGET),
    ],
)
def test_header_role(label, role):
    from domain.importing.cells import text_key

    assert header_role(text_key(label)) is role


@pytest.mark.parametrize(
    ("word", "series"),
    [
        ("目標", SeriesWord.TARGET),
        ("予算", SeriesWord.TARGET),
        ("計画", SeriesWord.TARGET),
        ("実績", SeriesWord.ACTUAL),
        ("結果", SeriesWord.ACTUAL),
        ("見込", SeriesWord.OTHER),
        ("達成率", SeriesWord.OTHER),
        ("差異", SeriesWord.OTHER),
        ("前年", SeriesWord.OTHER),
        ("KR①", None),
        ("売上", None),
    ],
)
def test_series_word(word, series):
    assert series_word(word.casefold()) is series


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("合計", True),
        ("小計", True),
        ("東京計", True),
        ("カテゴリ1合計", True),
        ("total", True),
        ("計画達成", False),
        ("会計処理件数", False),
        ("問合せ件数", False),
        ("全国", False),
    ],
)
def test_total_names(name, total):
    assert is_total_name(name.casefold()) is total


def test_aggregate_labels_are_not_months_or_names():
    for label in (
        "上期計",
        "下期計",
        "年間計",
        "合計",
        "平均",
        "1q",
        "q3",
        "累計",
        "達成率",
        "前年同月比(%)",
    ):
        assert is_aggregate_label(label), label
    for label in ("4月", "kpi名", "単位", "計画"):
        assert not is_aggregate_label(label), label


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("月間平均残業時間(h)", "h"),
        ("売上高（千円）", "千円"),
        ("契約件数［件］", "件"),
        ("研修参加率(%)", "%"),
        ("採用(中途)", ""),
        ("離職者数", ""),
    ],
)
def test_unit_in_name(text, unit):
    assert unit_in_name(text) == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [("単位：千円", "千円"), ("（単位：人泊）", "人泊"), ("単位:円", "円"), ("注）速報値", "")],
)
def test_declared_unit(text, unit):
    assert declared_unit(text) == unit


def test_departments_in_titles_and_directions():
    assert department_in_text("2025年度　総務部　KPI管理表") == "総務部"
    assert department_in_text("第1-2表　延べ宿泊者数（全体）") is None
    assert direction_word("大きいほど良い") is Direction.HIGHER
    assert direction_word("小さいほど良い") is Direction.LOWER
    assert direction_word("範囲内") is Direction.RANGE
    assert guess_direction("備品補充の遅延件数") is Direction.LOWER
    assert guess_direction("契約書の電子化率") is Direction.HIGHER
    assert guess_direction("残業時間削減率") is Direction.HIGHER
    assert guess_aggregation("会議室稼働率", "%") is Aggregation.AVERAGE
    assert guess_aggregation("問合せ件数", "件") is Aggregation.SUM
    assert guess_aggregation("常勤雇用労働者数", "") is Aggregation.LAST


class Details:
    """Cell details as a reader of an .xlsx gives them (percent formats, formulas)."""

    def __init__(self, percent=(), formatted=(), special=None):
        self.percent = set(percent)
        self.formatted = set(formatted)
        self.specials = special or {}

    def is_percent(self, row, col):
        return (row, col) in self.percent

    def has_number_format(self, row, col):
        return (row, col) in self.formatted

    def special(self, row, col):
        return self.specials.get((row, col))

    def hidden(self):
        return frozenset(), frozenset()


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (12, "", 12.0),
        (12.5, "", 12.5),
        ("12", "", 12.0),
        ("１２", "", 12.0),
        ("500,000", "", 500000.0),
        ("￥1,234", "円", 1234.0),
        ("¥1,234", "", 1234.0),
        ("131件", "件", 131.0),
        ("131件", "", 131.0),
        ("3日", "日", 3.0),
        ("5営業日", "", 5.0),
        ("-244", "", -244.0),
        ("▲1,000", "", -1000.0),
        ("△1,000", "", -1000.0),
        ("(1,000)", "", -1000.0),
        ("95%", "%", 95.0),
        ("９５％", "%", 95.0),
        ("12.5%", "%", 12.5),
        ("1.2万", "", 12000.0),
        ("-", "", None),
        ("－", "", None),
        ("―", "", None),
        ("‐", "", None),
        ("ー", "", None),
        ("…", "", None),
        ("N/A", "", None),
        ("×", "", None),
        ("対象外", "", None),
        ("", "", None),
        (None, "", None),
        (time(1, 30), "h", 1.5),
        (timedelta(hours=2, minutes=15), "時間", 2.25),
        (time(0, 45), "分", 45.0),
    ],
)
def test_read_cell_values(value, unit, expected):
    reading = read_cell(RawCell(0, 0, value), unit, NO_DETAILS, fractions=False)
    assert reading.problem is None
    assert reading.value == expected


@pytest.mark.parametrize(
    ("value", "unit", "problem"),
    [
        ("abc", "", ProblemCode.NOT_A_NUMBER),
        ("1.2.3", "", ProblemCode.NOT_A_NUMBER),
        ("5万円", "千円", ProblemCode.UNIT_MISMATCH),
        ("#DIV/0!", "", ProblemCode.EXCEL_ERROR),
        ("#N/A", "", ProblemCode.EXCEL_ERROR),
        (True, "", ProblemCode.BOOL_NOT_NUMBER),
        (date(2025, 4, 1), "", ProblemCode.DATE_NOT_NUMBER),
        (float("nan"), "", ProblemCode.NOT_FINITE),
        ("○", "", ProblemCode.NOT_A_NUMBER),
    ],
)
def test_read_cell_problems(value, unit, problem):
    reading = read_cell(RawCell(0, 0, value), unit, NO_DETAILS, fractions=False)
    assert (reading.value, reading.problem) == (None, problem)


def test_percent_cells_and_fractions():
    details = Details(percent={(0, 0)}, formatted={(0, 2)})
    # a number with a percent format is a fraction: 0.95 → 95.0, even when 0.07 × 100 is noisy
    assert read_cell(RawCell(0, 0, 0.95), "%", details, fractions=False).value == 95.0
    assert read_cell(RawCell(0, 0, 0.07), "%", details, fractions=False).value == 7.0
    # without a format, only when the whole KPI is fractions
    cells = [RawCell(0, 1, 0.66), RawCell(0, 3, "0.72"), RawCell(0, 4, "-")]
    assert fractions_for_percent(cells, details)
    assert read_cell(RawCell(0, 1, 0.66), "%", details, fractions=True).value == 66.0
    assert read_cell(RawCell(0, 3, "0.72"), "%", details, fractions=True).value == 72.0
    assert not fractions_for_percent(cells + [RawCell(0, 5, 3.5)], details)
    # an explicitly formatted number (0.5 shown as 0.5%) is meant as written
    assert not fractions_for_percent([RawCell(0, 2, 0.5)], details)
    # a unit the cells imply
    assert infer_unit([RawCell(0, 0, 0.95)], details) == "%"
    assert (
        infer_unit([RawCell(1, 1, "131件"), RawCell(1, 2, "12件"), RawCell(1, 3, 7)], NO_DETAILS)
        == "件"
    )
    assert infer_unit([RawCell(1, 1, 5)], NO_DETAILS) == ""


def test_target_text_with_a_bound():
    reading = read_cell(RawCell(0, 0, "3%以下"), "%", NO_DETAILS, fractions=False, bounds=True)
    assert (reading.value, reading.direction) == (3.0, Direction.LOWER)
    reading = read_cell(RawCell(0, 0, "80%以上"), "%", NO_DETAILS, fractions=False, bounds=True)
    assert (reading.value, reading.direction) == (80.0, Direction.HIGHER)


def test_formula_without_value_and_error_cells_are_problems_not_zero():
    details = Details(
        special={
            (2, 3): Special(SpecialKind.FORMULA_NO_VALUE, "=SUM(A1:A3)"),
            (2, 4): Special(SpecialKind.ERROR, "#DIV/0!"),
        }
    )
    formula = read_cell(RawCell(2, 3, ""), "", details, fractions=False)
    error = read_cell(RawCell(2, 4, ""), "", details, fractions=False)
    blank = read_cell(RawCell(2, 5, ""), "", details, fractions=False)
    assert (formula.value, formula.problem, formula.text) == (
        None,
        ProblemCode.FORMULA_NO_VALUE,
        "=SUM(A1:A3)",
    )
    assert (error.value, error.problem, error.text) == (None, ProblemCode.EXCEL_ERROR, "#DIV/0!")
    assert (blank.value, blank.problem) == (None, None)


def test_addresses_and_merged_cells():
    assert [address(0, 0), address(6, 6), address(0, 26), address(9, 701)] == [
        "A1",
        "G7",
        "AA1",
        "ZZ10",
    ]
    grid = SheetGrid(
        "S",
        [["title", None, None], ["名前", 1, None], [None, 2, None]],
        merged=((0, 0, 0, 2), (1, 0, 2, 0), (1, 1, 1, 2)),
    )
    rows = fill_merged(grid)
    assert rows[0] == ["title", "title", "title"]
    assert [rows[1][0], rows[2][0]] == ["名前", "名前"]  # text fills down
    assert rows[1][2] is None  # a number merged across columns is one figure, not copied
    assert grid.rows[2][0] is None  # the input is not changed


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("  総務部 ", "総務部"),
        ("問合せ\n対応件数", "問合せ対応件数"),  # wrapped by hand inside the cell
        ("問合せ\r\n対応件数", "問合せ対応件数"),
        ("売上高\n（千円）", "売上高（千円）"),
        ("Sales\nTotal", "Sales Total"),
        ("KPI\n件数", "KPI 件数"),
        ("離職率\n(%)", "離職率 (%)"),
        ("\n\n研修\n\n受講者数\n", "研修受講者数"),
        ("ｿｳﾑ部", "ソウム部"),  # half-width katakana from an old system
        ("ｼﾞﾝｼﾞ課", "ジンジ課"),
        ("ｹｲﾘ\nﾌﾞ", "ケイリブ"),
        ("ＡＢＣ１２３", "ＡＢＣ１２３"),  # full-width letters stay as written (keys match them)
        (12.0, "12"),
        (None, ""),
    ],
)
def test_display_text(cell, shown):
    from domain.importing.cells import display_text

    assert display_text(cell) == shown


def test_a_wrapped_kpi_name_and_a_half_width_department_are_read_as_people_write_them():
    from datetime import date

    from domain.importing.cells import SheetGrid
    from domain.importing.workbook import analyse_workbook

    rows = [
        ["部署", "KPI名", "単位", "4月", "5月"],
        ["ｿｳﾑ部", "問合せ\n対応件数", "件", 10, 12],
        ["ｿｳﾑ部", "Help desk\ntickets", "件", 3, 4],
    ]
    result = analyse_workbook(
        [SheetGrid("2025年度", rows)], file_name="k.xlsx", today=date(2025, 6, 1)
    )
    assert [(k.department, k.name) for k in result.kpis] == [
        ("ソウム部", "問合せ対応件数"),
        ("ソウム部", "Help desk tickets"),
    ]


@pytest.mark.parametrize(
    ("text", "unit", "value", "direction"),
    [
        ("3件以下", "件", 3.0, Direction.LOWER),
        ("月20時間以内", "時間", 20.0, Direction.LOWER),
        ("年間240時間以内", "時間", 240.0, Direction.LOWER),
        ("90%以上", "%", 90.0, Direction.HIGHER),
        ("月平均 5日未満", "日", 5.0, Direction.LOWER),
        ("毎月10件", "件", 10.0, None),
        ("1,200千円以上", "千円", 1200.0, Direction.HIGHER),
    ],
)
def test_a_target_written_in_words_gives_its_figure_unit_and_direction(
    text, unit, value, direction
):
    assert infer_unit([RawCell(0, 0, text)], NO_DETAILS) == unit
    reading = read_cell(RawCell(0, 0, text), unit, NO_DETAILS, fractions=False, bounds=True)
    assert (reading.value, reading.direction, reading.problem) == (value, direction, None)


def test_a_kpi_without_a_unit_column_takes_its_unit_from_a_target_in_words():
    """「90%以上」 beside actuals written 0.85: a percent KPI, the actuals are fractions."""
    from datetime import date

    from domain.importing.cells import SheetGrid
    from domain.importing.workbook import analyse_workbook

    rows = [
        ["KPI名", "目標", "4月", "5月"],
        ["クレーム件数", "3件以下", 2, 4],
        ["研修受講率", "90%以上", 0.85, 0.92],
        ["残業時間", "月20時間以内", 18, 22],
    ]
    result = analyse_workbook(
        [SheetGrid("総務部", rows)], file_name="k.xlsx", today=date(2025, 6, 1)
    )
    got = [
        (k.name, k.unit, k.target, k.direction, [v for _, v in sorted(k.actuals.items())])
        for k in result.kpis
    ]
    assert got == [
        ("クレーム件数", "件", 3.0, Direction.LOWER, [2.0, 4.0]),
        ("研修受講率", "%", 90.0, Direction.HIGHER, [85.0, 92.0]),
        ("残業時間", "時間", 20.0, Direction.LOWER, [18.0, 22.0]),
    ]
    assert not any(p.cell.startswith("B") for p in result.problems)
