"""Properties of the parsers: only typed errors, no silent numbers from letters, round trips."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from domain.fiscal import YearMonth, fiscal_months
from domain.months import (
    DateParseError,
    era_of,
    parse_bare_month,
    parse_date,
    parse_fiscal_year_label,
    parse_month_label,
    parse_year_label,
)
from domain.parsing import (
    DURATION_WORDS,
    HOUR_UNITS,
    MINUTE_UNITS,
    MULTIPLIERS,
    ValueParseError,
    format_value,
    normalize,
    parse_level,
    parse_value,
)

UNITS = ["", "件", "円", "%", "％", "千円", "日", "h", "人", "回"]
# Characters the value grammar cares about, to reach deep paths more often than random text does.
VALUE_ALPHABET = (
    "0123456789０１２３４５６７８９.,，．-+−－ー―△▲()（）¥￥\\$%％ 　"
    "件円日千万億兆百割eEaAnN#/!?²①⑴"
)
value_texts = st.one_of(st.text(), st.text(alphabet=VALUE_ALPHABET, max_size=12))
raw_values = st.one_of(
    st.none(),
    value_texts,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
)
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZあいうアイウ漢字ｱｲ"
FULLWIDTH = str.maketrans("0123456789.,-%", "０１２３４５６７８９．，－％")
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

finite_values = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False)
decimals = st.integers(min_value=0, max_value=4)
year_months = st.builds(YearMonth, st.integers(1900, 2999), st.integers(1, 12))
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))


def rounded(value: float, places: int) -> float:
    return float(f"{value:.{places}f}") + 0.0


# --------------------------------------------------------------------------- only typed errors


@given(raw=raw_values, unit=st.sampled_from(UNITS))
@example(raw="1" + "0" * 400, unit="")
@example(raw="9" * 310 + "兆", unit="円")
def test_parse_value_raises_only_its_typed_error(raw, unit):
    try:
        result = parse_value(raw, unit=unit)
    except ValueParseError:
        return
    assert result is None or (isinstance(result, float) and math.isfinite(result))
    if result is not None:
        assert math.copysign(1.0, result) == 1.0 or result != 0.0  # never -0.0


@given(raw=raw_values, levels=st.integers(1, 10))
def test_parse_level_raises_only_its_typed_error(raw, levels):
    try:
        result = parse_level(raw, levels=levels)
    except ValueParseError:
        return
    assert result is None or (type(result) is int and 1 <= result <= levels)


@given(
    label=st.one_of(
        st.text(),
        st.text(alphabet="0123456789年月度分日/-._RHS令和平成元Apr ", max_size=14),
        st.integers(),
        st.floats(),
        st.dates(),
        st.datetimes(),
    ),
    fiscal_year=st.one_of(st.none(), st.integers(1900, 2999)),
    start=st.integers(1, 12),
    serial=st.booleans(),
)
def test_month_parsers_never_raise(label, fiscal_year, start, serial):
    result = parse_month_label(
        label, fiscal_year=fiscal_year, start_month=start, excel_serial=serial
    )
    assert result is None or isinstance(result, YearMonth)
    bare = parse_bare_month(label)
    assert bare is None or 1 <= bare <= 12
    if bare is not None and fiscal_year is not None:
        assert parse_month_label(label, fiscal_year=fiscal_year, start_month=start) in (
            fiscal_months(fiscal_year, start)
        )


@given(text=st.one_of(st.text(), st.text(alphabet="0123456789年月日/-.:()RH令和火 T", max_size=16)))
def test_parse_date_raises_only_its_typed_error(text):
    try:
        result = parse_date(text)
    except DateParseError:
        return
    assert type(result) is date


@given(text=st.one_of(st.text(), st.text(alphabet="0123456789年度FYfyRH令和平成元 ", max_size=10)))
def test_year_parsers_never_raise(text):
    for parser in (parse_fiscal_year_label, parse_year_label):
        result = parser(text)
        assert result is None or 1900 <= result <= 2999


@given(text=value_texts)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


# --------------------------------------------------------------------------- no silent numbers


@given(
    value=finite_values,
    places=decimals,
    letter=st.sampled_from(LETTERS),
    position=st.integers(min_value=0),
    unit=st.sampled_from(UNITS),
)
def test_a_letter_before_a_digit_is_never_read_as_a_number(value, places, letter, position, unit):
    text = format_value(value, places)
    digit_positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    cut = position % (digit_positions[-1] + 1)  # somewhere at or before the last digit
    broken = text[:cut] + letter + text[cut:]
    with pytest.raises(ValueParseError):
        parse_value(broken, unit=unit)


@given(
    value=finite_values,
    places=decimals,
    word=st.text(alphabet=LETTERS + "%日時間名個", min_size=1, max_size=4),
    unit=st.sampled_from([u for u in UNITS if u]),
)
def test_a_foreign_unit_word_is_never_dropped(value, places, word, unit):
    assume(normalize(word).casefold() != normalize(unit).casefold())
    assume(not (unit == "円" and normalize(word).casefold() == "jpy"))  # JPY is 円 (documented)
    time_unit = unit in HOUR_UNITS | MINUTE_UNITS  # durations convert (documented)
    assume(not (time_unit and normalize(word).casefold() in DURATION_WORDS))
    with pytest.raises(ValueParseError):
        parse_value(format_value(value, places) + word, unit=unit)


@given(value=finite_values, places=decimals, word=st.text(alphabet=LETTERS, min_size=1, max_size=4))
def test_letters_before_the_number_are_never_dropped(value, places, word):
    for unit in UNITS:
        with pytest.raises(ValueParseError):
            parse_value(word + format_value(value, places), unit=unit)


# --------------------------------------------------------------------------- round trips


@given(value=finite_values, places=decimals)
def test_format_then_parse_round_trips(value, places):
    text = format_value(value, places)
    expected = rounded(value, places)
    assert parse_value(text) == expected
    assert parse_value(text.translate(FULLWIDTH)) == expected
    assert parse_value(text + "件", unit="件") == expected
    assert parse_value(f" {text} 円", unit="円") == expected
    assert "-0" != text[:2] or text.startswith("-0.") and expected != 0.0


@given(value=finite_values, places=decimals)
def test_accounting_negatives_round_trip(value, places):
    text = format_value(abs(value), places)
    expected = -rounded(abs(value), places) + 0.0
    assert parse_value("△" + text) == expected
    assert parse_value("▲" + text) == expected
    assert parse_value(f"({text})") == expected


@given(value=st.integers(0, 10**6), word=st.sampled_from(list(MULTIPLIERS)))
def test_multipliers_are_exact(value, word):
    assert parse_value(f"{value}{word}円", unit="円") == float(value * MULTIPLIERS[word])


@given(level=st.integers(1, 5))
def test_level_notations_round_trip(level):
    for text in (str(level), f"レベル{level}", f"Lv{level}", f"{level}.0", chr(0x245F + level)):
        assert parse_level(text) == level
        assert parse_level(text.translate(FULLWIDTH)) == level


@given(month=year_months)
def test_month_notations_round_trip(month):
    y, m = month.year, month.month
    for label in (
        f"{y}年{m}月",
        f"{y}年{m:02d}月度",
        f"{y}/{m}",
        f"{y}-{m:02d}",
        f"{y}.{m}",
        f"{y}{m:02d}",
        f"{EN_MONTHS[m - 1]} {y}",
        f"{EN_MONTHS[m - 1]}-{y}",
        f"{y}/{m}/1",
        date(y, m, 28),
        f"{y}年{m}月".translate(FULLWIDTH),
    ):
        assert parse_month_label(label) == month, label
    era, era_year = era_of(date(y, m, 1)) if y >= 1913 else (None, 100)
    if era is not None and era_year < 100:  # era years are written with one or two digits
        for label in (
            f"{era.name}{era_year}年{m}月",
            f"{era.letter}{era_year}.{m}",
            f"{era.letter}{era_year}/{m}",
        ):
            assert parse_month_label(label) == month, label


@given(day=dates)
def test_date_notations_round_trip(day):
    y, m, d = day.year, day.month, day.day
    weekday = "月火水木金土日"[day.weekday()]
    for text in (
        f"{y}/{m}/{d}",
        day.isoformat(),
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        f"{y}/{m}/{d}({weekday})",
        f"{day.isoformat()} 00:00:00",
        f"{y:04d}{m:02d}{d:02d}",
        f"{y}/{m}/{d}".translate(FULLWIDTH),
    ):
        assert parse_date(text) == day, text
    era, era_year = era_of(day) if y >= 1913 else (None, 100)
    if era is not None and era_year < 100:
        assert parse_date(f"{era.name}{era_year}年{m}月{d}日") == day
        assert parse_date(f"{era.letter}{era_year}.{m}.{d}") == day


@given(
    fiscal_year=st.integers(1900, 2998),
    start=st.integers(1, 12),
    month=st.integers(1, 12),
)
def test_bare_month_lands_in_its_fiscal_year(fiscal_year, start, month):
    result = parse_month_label(f"{month}月", fiscal_year=fiscal_year, start_month=start)
    assert result is not None and result.month == month
    assert result in fiscal_months(fiscal_year, start)
    assert parse_month_label(f"{fiscal_year}年度{month}月", start_month=start) == result


@given(year=st.integers(1927, 2117))
def test_fiscal_year_notations_round_trip(year):
    era, era_year = era_of(date(year, 4, 1))
    for text in (f"{year}年度", f"FY{year}", f"{era.name}{era_year}年度", str(year)):
        assert parse_fiscal_year_label(text) == year, text
        assert parse_fiscal_year_label(text.translate(FULLWIDTH)) == year, text
