"""Value and level parsing: what a user types or pastes into a monthly cell."""

from __future__ import annotations

import math
import pickle

import pytest

from domain.errors import MierukaError
from domain.parsing import (
    ParseProblem,
    ValueParseError,
    format_value,
    is_blank,
    normalize,
    parse_level,
    parse_value,
)

P = ParseProblem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１２３", "123"),
        ("  12  ", "12"),
        ("\u300012\u3000", "12"),
        ("1,234", "1234"),
        ("１，２３４", "1234"),
        ("1,234,567.89", "1234567.89"),
        ("-1,234", "-1234"),
        ("▲1,000", "▲1000"),
        ("1,23", "1,23"),  # not a thousands separator: left so that it fails to parse
        ("0,123", "0,123"),
        ("1,2345", "1,2345"),
        ("1,234,5", "1,234,5"),
        ("0.123,456", "0.123,456"),
        ("−5", "-5"),  # U+2212 minus sign
        ("‐5", "-5"),  # U+2010 hyphen
        ("‒5", "-5"),
        ("–5", "-5"),
        ("—5", "-5"),
        ("―5", "-5"),
        ("－５", "-5"),
        ("ー5", "-5"),
        ("ｰ5", "-5"),
        ("データー", "データー"),  # long vowel mark inside a word is not a minus
        ("ー", "ー"),
        ("ﾃﾞｰﾀ", "データ"),
        ("ＡＢＣ", "ABC"),
        ("％", "%"),
        ("￥１，２００", "¥1200"),
        ("10²", "10²"),  # superscripts are kept, not folded into digits
        ("⑴", "⑴"),
        ("①", "①"),
        ("½", "½"),
        ("㋿7年", "令和7年"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("raw", "unit", "expected"),
    [
        ("12", "", 12.0),
        ("１２", "", 12.0),
        ("1,234", "", 1234.0),
        ("１，２３４", "", 1234.0),
        ("1,234.5", "", 1234.5),
        ("0.5", "", 0.5),
        (".5", "", 0.5),
        ("007", "", 7.0),
        ("+5", "", 5.0),
        ("-5", "", -5.0),
        ("- 5", "", -5.0),
        ("−5", "", -5.0),
        ("－５", "", -5.0),
        ("ー5", "", -5.0),
        ("△5", "", -5.0),
        ("▲5", "", -5.0),
        ("▲1,000", "", -1000.0),
        ("△ 1,000", "", -1000.0),
        ("(5)", "", -5.0),
        ("(1,234)", "", -1234.0),
        ("（５）", "", -5.0),
        ("-0", "", 0.0),
        ("95%", "", 95.0),
        ("95%", "%", 95.0),
        ("９５％", "%", 95.0),
        ("95％", "％", 95.0),
        ("95 %", "%", 95.0),
        ("95", "%", 95.0),
        ("0.95", "%", 0.95),  # never rescaled here
        ("12件", "件", 12.0),
        ("12 件", "件", 12.0),
        ("１２件", "件", 12.0),
        ("3.5日", "日", 3.5),
        ("¥1,200", "円", 1200.0),
        ("￥1,200", "円", 1200.0),
        ("\\1,200", "円", 1200.0),
        ("¥-1,200", "円", -1200.0),
        ("-¥1,200", "円", -1200.0),
        ("1,200円", "円", 1200.0),
        ("1.2万円", "円", 12000.0),
        ("1.1万円", "円", 11000.0),
        ("3千円", "円", 3000.0),
        ("5万", "円", 50000.0),
        ("¥1.2万", "円", 12000.0),
        ("2億円", "円", 200_000_000.0),
        ("1.5百万円", "円", 1_500_000.0),
        ("3千万円", "円", 30_000_000.0),
        ("1.2万件", "件", 12000.0),
        ("5千円", "千円", 5.0),
        ("5,000", "千円", 5000.0),
        ("1.2万円", "", 12000.0),
        ("5万", "", 50000.0),
        ("12件", "", 12.0),
        ("12abc", "", 12.0),
        ("3.5h", "", 3.5),
        ("¥1,200", "", 1200.0),
        ("12H", "h", 12.0),
        ("12件/月", "件/月", 12.0),
        ("12 件 / 月", "件/月", 12.0),
        ("5m²", "m²", 5.0),
        ("5m2", "m2", 5.0),
        ("$5", "$", 5.0),
        ("1200円", "¥", 1200.0),
    ],
)
def test_parse_value_accepts(raw, unit, expected):
    result = parse_value(raw, unit=unit)
    assert result == expected
    assert math.copysign(1.0, result) == math.copysign(1.0, expected)  # no -0.0


@pytest.mark.parametrize(
    "raw",
    [None, "", " ", "\u3000", "-", "－", "―", "—", "ー", "‐", "−", "--", "…", "...", "N/A", "n/a"],
)
def test_parse_value_blank_is_none(raw):
    assert parse_value(raw) is None
    assert parse_value(raw, unit="件") is None


@pytest.mark.parametrize(
    ("raw", "unit", "problem"),
    [
        ("abc", "", P.NOT_A_NUMBER),
        ("1.2.3", "", P.NOT_A_NUMBER),
        ("12a3", "", P.NOT_A_NUMBER),
        ("12a3", "件", P.NOT_A_NUMBER),
        ("a12", "", P.NOT_A_NUMBER),
        ("1,23", "", P.NOT_A_NUMBER),
        ("0,123", "", P.NOT_A_NUMBER),
        ("1 234", "", P.NOT_A_NUMBER),
        ("1e5", "", P.NOT_A_NUMBER),
        ("1.2E+05", "", P.NOT_A_NUMBER),
        ("10²", "", P.NOT_A_NUMBER),
        ("12½", "", P.NOT_A_NUMBER),
        ("⑴", "", P.NOT_A_NUMBER),
        ("5-", "", P.NOT_A_NUMBER),
        ("5.", "", P.NOT_A_NUMBER),
        ("--5", "", P.NOT_A_NUMBER),
        ("+-5", "", P.NOT_A_NUMBER),
        ("△-5", "", P.NOT_A_NUMBER),
        ("(-5)", "", P.NOT_A_NUMBER),
        ("(△5)", "", P.NOT_A_NUMBER),
        ("()", "", P.NOT_A_NUMBER),
        ("5万3千", "", P.NOT_A_NUMBER),
        ("1/2", "", P.NOT_A_NUMBER),
        ("12:30", "", P.NOT_A_NUMBER),
        ("約5", "", P.NOT_A_NUMBER),
        ("十二", "", P.NOT_A_NUMBER),
        ("٣", "", P.NOT_A_NUMBER),  # Arabic-Indic digit: float() would accept it
        ("¥1,200円", "円", P.UNIT_MISMATCH),
        ("12日", "件", P.UNIT_MISMATCH),
        ("12abc", "件", P.UNIT_MISMATCH),
        ("95%", "件", P.UNIT_MISMATCH),
        ("¥1,200", "件", P.UNIT_MISMATCH),
        ("¥1,200", "千円", P.UNIT_MISMATCH),
        ("1,200円", "千円", P.UNIT_MISMATCH),
        ("5万円", "千円", P.UNIT_MISMATCH),  # ambiguous: no silent conversion
        ("5万", "千円", P.UNIT_MISMATCH),
        ("5万", "%", P.UNIT_MISMATCH),
        ("5万%", "", P.UNIT_MISMATCH),
        ("5万日", "件", P.UNIT_MISMATCH),
        ("9割", "", P.UNIT_MISMATCH),
        ("9割", "%", P.UNIT_MISMATCH),
        ("5‰", "", P.UNIT_MISMATCH),
        ("$5", "円", P.UNIT_MISMATCH),
        ("#DIV/0!", "", P.EXCEL_ERROR),
        ("#VALUE!", "", P.EXCEL_ERROR),
        ("#REF!", "", P.EXCEL_ERROR),
        ("#N/A", "", P.EXCEL_ERROR),
        ("#NAME?", "", P.EXCEL_ERROR),
        ("#NUM!", "", P.EXCEL_ERROR),
        ("#NULL!", "", P.EXCEL_ERROR),
        ("#SPILL!", "", P.EXCEL_ERROR),
        ("＃ＤＩＶ／０！", "", P.EXCEL_ERROR),
        ("#div/0!", "件", P.EXCEL_ERROR),
        ("nan", "", P.NOT_FINITE),
        ("NaN", "", P.NOT_FINITE),
        ("inf", "", P.NOT_FINITE),
        ("-Infinity", "", P.NOT_FINITE),
        ("∞", "", P.NOT_FINITE),
        ("9" * 400, "", P.NOT_FINITE),
        ("1" + "0" * 305 + "兆", "", P.NOT_FINITE),
    ],
)
def test_parse_value_rejects(raw, unit, problem):
    with pytest.raises(ValueParseError) as caught:
        parse_value(raw, unit=unit)
    assert caught.value.problem is problem
    assert caught.value.text == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(12, 12.0), (-3, -3.0), (0, 0.0), (1.5, 1.5), (-0.0, 0.0), (10**20, 1e20)],
)
def test_parse_value_numbers_pass_through(raw, expected):
    result = parse_value(raw)
    assert result == expected
    assert isinstance(result, float)
    assert math.copysign(1.0, result) == math.copysign(1.0, expected)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (math.nan, P.NOT_FINITE),
        (math.inf, P.NOT_FINITE),
        (-math.inf, P.NOT_FINITE),
        (10**400, P.NOT_FINITE),
        (True, P.NOT_A_NUMBER),
        (object(), P.NOT_A_NUMBER),
        (b"12", P.NOT_A_NUMBER),
    ],
)
def test_parse_value_rejects_non_numbers(raw, problem):
    with pytest.raises(ValueParseError) as caught:
        parse_value(raw)
    assert caught.value.problem is problem


def test_value_parse_error_carries_its_fields_and_pickles():
    error = ValueParseError(P.UNIT_MISMATCH, "12日", "日")
    assert (error.problem, error.text, error.detail) == (P.UNIT_MISMATCH, "12日", "日")
    assert isinstance(error, ValueError)
    assert isinstance(error, MierukaError)  # a known condition, phrased by the UI
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.problem, copy.text, copy.detail) == (P.UNIT_MISMATCH, "12日", "日")
    assert str(error) == "unit_mismatch: '12日' (日)"


@pytest.mark.parametrize(
    ("text", "blank"),
    [("", True), ("－", True), ("ーー", True), ("N/A", True), ("0", False), ("#N/A", False)],
)
def test_is_blank(text, blank):
    assert is_blank(text) is blank


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234, 0, "1,234"),
        (1234.0, 0, "1,234"),
        (95.5, 1, "95.5"),
        (95.5, 0, "96"),  # round-half-even on the binary value: 95.5 → 96
        (0.125, 2, "0.12"),  # 0.125 is exact; half-even → 0.12
        (1234567.891, 2, "1,234,567.89"),
        (-1234.5, 1, "-1,234.5"),
        (0, 0, "0"),
        (-0.0, 0, "0"),
        (-0.0001, 2, "0.00"),
        (-0.4, 0, "0"),
        (-0.5, 0, "0"),
        (-0.6, 0, "-1"),
        (12, 3, "12.000"),
        (None, 0, ""),
        (None, 2, ""),
    ],
)
def test_format_value(value, decimals, expected):
    assert format_value(value, decimals) == expected


@pytest.mark.parametrize(("value", "decimals"), [(math.nan, 0), (math.inf, 1), (1.0, -1)])
def test_format_value_rejects(value, decimals):
    with pytest.raises(ValueError):
        format_value(value, decimals)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3", 3),
        ("３", 3),
        ("レベル3", 3),
        ("レベル３", 3),
        ("Lv3", 3),
        ("LV3", 3),
        ("Lv.3", 3),
        ("Ｌｖ３", 3),
        ("Level 3", 3),
        ("3.0", 3),
        ("3点", 3),
        ("③", 3),
        ("1", 1),
        ("5", 5),
        (3, 3),
        (3.0, 3),
        (None, None),
        ("", None),
        ("-", None),
        ("―", None),
    ],
)
def test_parse_level_accepts(raw, expected):
    assert parse_level(raw) == expected


@pytest.mark.parametrize(
    ("raw", "levels", "problem"),
    [
        ("0", 5, P.OUT_OF_RANGE),
        ("6", 5, P.OUT_OF_RANGE),
        ("-1", 5, P.OUT_OF_RANGE),
        ("⑥", 5, P.OUT_OF_RANGE),
        (6, 5, P.OUT_OF_RANGE),
        ("4", 3, P.OUT_OF_RANGE),
        ("3.5", 5, P.NOT_AN_INTEGER),
        (2.5, 5, P.NOT_AN_INTEGER),
        ("abc", 5, P.NOT_A_NUMBER),
        ("レベル", 5, P.NOT_A_NUMBER),
        ("3件", 5, P.NOT_A_NUMBER),
        ("○", 5, P.NOT_A_NUMBER),
        ("#N/A", 5, P.EXCEL_ERROR),
        (math.nan, 5, P.NOT_FINITE),
        (True, 5, P.NOT_A_NUMBER),
    ],
)
def test_parse_level_rejects(raw, levels, problem):
    with pytest.raises(ValueParseError) as caught:
        parse_level(raw, levels=levels)
    assert caught.value.problem is problem


def test_parse_level_custom_scale():
    assert parse_level("7", levels=7) == 7
    assert parse_level("3", levels=3) == 3
    with pytest.raises(ValueError):
        parse_level("1", levels=0)


@pytest.mark.parametrize(
    ("raw", "unit", "expected"),
    [
        ("1:30", "時間", 1.5),
        ("1:30", "h", 1.5),
        ("1:30:00", "min", 90.0),
        ("0:45", "時間", 0.75),
        ("25:30", "時間", 25.5),  # overtime of a month
        ("1:30:00", "時間", 1.5),
        ("0:00:30", "分", 0.5),
        ("１：３０", "時間", 1.5),
        ("1時間30分", "時間", 1.5),
        ("１時間３０分", "分", 90.0),
        ("1 時間 30 分", "時間", 1.5),
        ("90分", "時間", 1.5),
        ("90分間", "時間", 1.5),
        ("45分", "分", 45.0),
        ("2時間", "分", 120.0),
        ("1.5時間", "分", 90.0),
        ("2h30m", "h", 2.5),
        ("2H 30M", "時間", 2.5),
        ("2h", "分", 120.0),
        ("30min", "時間", 0.5),
        ("30秒", "分", 0.5),
        ("1:10:00", "分", 70.0),
        ("0:03:45", "分", 3.75),
        ("3分45秒", "分", 3.75),
        ("1時間10分", "min", 70.0),
        ("1:10", "時間", 1 + 10 / 60),
        ("1.5", "時間", 1.5),  # a plain number is in the KPI's unit, as always
        ("12", "分", 12.0),
    ],
)
def test_a_time_kpi_takes_durations(raw, unit, expected):
    assert parse_value(raw, unit=unit) == pytest.approx(expected, abs=0, rel=1e-15)


@pytest.mark.parametrize(
    ("raw", "unit"),
    [
        ("1:75", "時間"),  # minutes below 60
        ("1:30", "件"),  # not a time unit: no durations
        ("1:30", ""),
        ("-1:30", "時間"),  # a duration has no sign
        ("1h30", "h"),  # the minutes need their word
        ("1時間90分", "時間"),
        ("1.5時間30分", "時間"),
        ("1:3", "時間"),
        (":30", "時間"),
        ("1:30円", "時間"),
        ("30m", "時間"),  # m alone may be metres: minutes only after hours (2h30m)
        ("3:45", "分"),  # 3 h 45 min or 3 min 45 s: refused in minutes, never guessed
        ("1:10", "分間"),
        ("30s", "分"),
    ],
)
def test_not_a_duration_is_refused(raw, unit):
    with pytest.raises(ValueParseError):
        parse_value(raw, unit=unit)
