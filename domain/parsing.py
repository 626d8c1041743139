"""Parsing what a user types or pastes into a monthly cell: numbers with units, and level scores.

The rule is "never return a wrong number silently": a text is either read exactly or rejected with a
typed :class:`ValueParseError` whose ``problem`` code the UI phrases. Blank-looking cells (``-``,
``―``, ``N/A`` …) are *missing values* (``None``), not zero.

Grammar of a value, after :func:`normalize` (full-width → half-width, unified minus signs, thousands
separators removed)::

    value   = [sign] [currency] [sign] number [multiplier] [unit]  (one sign at most)
            | "(" [currency] number [multiplier] [unit] ")"         (accounting negative)
    sign    = "-" | "+" | "△" | "▲"                             (△/▲ = negative: 会計表記)
    number  = digits ["." digits] | "." digits                  (no exponent notation)
    multiplier = 千 | 万 | 百万 | 千万 | 億 | 兆

Decisions (each tested):

* ``#N/A`` and every other Excel error value raise ``EXCEL_ERROR`` (a failed lookup is not a
  blank).
* Exponent notation (``1.2E+05``) is rejected: it is what Excel shows for a *rounded* number.
* ``0.95`` in a ``%`` KPI stays 0.95 — rescaling fractions is the importer's job (it knows the
  cell's number format); ``95%`` / ``９５％`` are 95.0.
* A multiplier is applied only when the KPI unit is a *base* unit (``円``, ``件`` …, not
  ``千円`` and not ``%``) or the unit is empty: ``1.2万円`` → 12000 for unit 円, ``5万`` →
  50000. For a ``千円`` KPI only the suffix ``千円`` itself is accepted; ``5万円`` is a
  UNIT_MISMATCH rather than a conversion.
* With an empty KPI unit any trailing unit word without digits is dropped (``12件`` → 12),
  except the scale words ``割`` and ``‰`` which would change the number (UNIT_MISMATCH).
* ``¥``/``\\`` (the yen sign of Shift-JIS) and ``JPY`` count as the unit 円; other currency
  signs as themselves.
* Superscripts, subscripts, vulgar fractions, circled and parenthesised digits are *not* folded by
  :func:`normalize` (NFKC would turn ``10²`` into ``102`` and ``⑴`` into ``(1)``).
* A KPI in hours (``時間``, ``h``) or minutes (``分``, ``min``) also takes a duration:
  ``1:30``, ``1:30:00``, ``1時間30分``, ``90分``, ``2h30m``, ``１：３０`` — converted exactly into
  the KPI's unit (``1:30`` → 1.5 時間, ``1:10:00`` → 70 分). Minutes and seconds after a larger
  part must be whole and below 60 (``1:75`` is refused); a duration never has a sign. In a
  minutes KPI ``3:45`` is refused (h:mm or mm:ss? call-centre exports mean the second), ``3分45秒``
  and ``0:03:45`` are not. Other units take no durations (``1:30`` stays NOT_A_NUMBER for 件).
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from enum import StrEnum

from domain.errors import MierukaError


class ParseProblem(StrEnum):
    """Why a cell text could not be read as a value."""

    NOT_A_NUMBER = "not_a_number"
    UNIT_MISMATCH = "unit_mismatch"
    EXCEL_ERROR = "excel_error"
    NOT_FINITE = "not_finite"
    NOT_AN_INTEGER = "not_an_integer"  # a level such as "3.5"
    OUT_OF_RANGE = "out_of_range"  # a level outside 1..levels


class ValueParseError(MierukaError, ValueError):
    """A cell text that is not a value: ``text`` as typed, ``detail`` a short machine hint."""

    def __init__(self, problem: ParseProblem, text: str, detail: str = "") -> None:
        super().__init__(problem, text, detail)
        self.problem = problem
        self.text = text
        self.detail = detail

    def __str__(self) -> str:
        suffix = f" ({self.detail})" if self.detail else ""
        return f"{self.problem}: {self.text!r}{suffix}"


# --------------------------------------------------------------------------- normalisation

_KEEP_TAGS = ("<super>", "<sub>", "<fraction>", "<circle>")
_ASCII_DIGIT = re.compile(r"[0-9]")
# Dashes that mean minus (or, alone, "no value"); ー (katakana long vowel) only before a digit.
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58]")
_KATAKANA_MINUS = re.compile(r"(?<![\u30a0-\u30ff\uff66-\uff9f])ー(?=[0-9])")
_THOUSANDS = re.compile(r"(?<![0-9.,])([1-9][0-9]{0,2})((?:,[0-9]{3})+)(?![0-9,])")


def _keep_unfolded(ch: str) -> bool:
    """True for characters whose NFKC form would invent digits (``²`` → 2, ``⑴`` → (1))."""
    if ch.isascii():
        return False
    if unicodedata.decomposition(ch).startswith(_KEEP_TAGS):
        return True
    folded = unicodedata.normalize("NFKC", ch)
    return len(folded) > 1 and _ASCII_DIGIT.search(folded) is not None


def _nfkc(text: str) -> str:
    parts: list[str] = []
    run: list[str] = []
    for ch in text:
        if _keep_unfolded(ch):
            if run:
                parts.append(unicodedata.normalize("NFKC", "".join(run)))
                run = []
            parts.append(ch)
        else:
            run.append(ch)
    if run:
        parts.append(unicodedata.normalize("NFKC", "".join(run)))
    return "".join(parts)


def normalize(text: str) -> str:
    """Canonical half-width form of a cell text.

    NFKC (full-width digits, letters, punctuation, ``￥`` → ``¥``, ideographic space → space), then
    strip; ``‐ ‑ ‒ – — ― − －`` become ``-``, and ``ー`` too when it stands before a digit
    and is not part of a katakana word; commas are removed only where they are well-formed
    thousands separators (``1,234,567.8``; ``1,23`` and ``0,123`` are left alone so that they
    fail to parse).
    """
    text = _nfkc(text).strip()
    text = _DASHES.sub("-", text)
    text = _KATAKANA_MINUS.sub("-", text)
    return _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)


def compact(text: str) -> str:
    """:func:`normalize`, then every whitespace character removed."""
    return re.sub(r"\s+", "", normalize(text))


# --------------------------------------------------------------------------- values

_BLANK_WORDS = frozenset({"", "…", "...", "‥", "n/a"})
_ONLY_DASHES = re.compile(r"[-ー]+")
_EXCEL_ERROR = re.compile(r"#(?:N/A|[A-Z][A-Z0-9_/]*[!?])")
_NON_FINITE = frozenset({"nan", "inf", "infinity", "∞"})
_VALUE = re.compile(
    r"(?P<sign>[-+△▲])?\s*(?P<cur>[¥\\$€£])?\s*(?P<sign2>[-+△▲])?\s*"
    r"(?P<num>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(?P<suffix>.*)",
    re.S,
)
_NEGATIVE_SIGNS = frozenset("-△▲")
YEN_SIGNS = frozenset("¥\\")  # after normalize: ￥ → ¥; \\ is Shift_JIS's yen
# Longest first, so that 百万 is not read as 百 + 万.
MULTIPLIERS: dict[str, int] = {
    "百万": 10**6,
    "千万": 10**7,
    "千": 10**3,
    "万": 10**4,
    "億": 10**8,
    "兆": 10**12,
}
_PERCENT = "%"
_SCALE_WORDS = ("割", "‰")
_NOT_A_UNIT_START = frozenset(".,+-()#/*^=<>[]")


def _unit_key(unit: str) -> str:
    """Comparable form of a unit: compacted, case-folded; yen signs and JPY count as 円."""
    key = compact(unit).casefold()
    return "円" if key in {"¥", "\\", "jpy"} else key


def _multiplier_of(unit_key: str) -> tuple[str, int]:
    for word, factor in MULTIPLIERS.items():
        if unit_key.startswith(word):
            return word, factor
    return "", 1


def is_blank(text: str) -> bool:
    """True for texts that mean "no value": empty, dashes (``-``, ``―``, ``ー`` …), ``…``,
    ``N/A``."""
    key = compact(text).casefold()
    return key in _BLANK_WORDS or _ONLY_DASHES.fullmatch(key) is not None


def _droppable_word(suffix: str) -> bool:
    return (
        _ASCII_DIGIT.search(suffix) is None
        and suffix[0] not in _NOT_A_UNIT_START
        and not suffix.startswith(_SCALE_WORDS)
    )


def _suffix_factor(suffix: str, unit_key: str, has_currency: bool, raw: str) -> int:
    """The factor a trailing suffix applies, or raise. ``suffix`` and ``unit_key`` are unit keys."""
    if not suffix:
        return 1
    if _ASCII_DIGIT.search(suffix) or suffix[0] in _NOT_A_UNIT_START or _keep_unfolded(suffix[0]):
        # Digits, punctuation or a superscript right after the number: part of a malformed
        # number ("1.2.3", "12a3", "10²"), unless it is exactly the KPI unit ("m2").
        if suffix != unit_key or has_currency:
            raise ValueParseError(ParseProblem.NOT_A_NUMBER, raw)
    if suffix == unit_key and not has_currency:
        return 1
    word, factor = _multiplier_of(suffix)
    if word:
        rest = suffix[len(word) :]
        base_ok = unit_key == "" or (unit_key != _PERCENT and not _multiplier_of(unit_key)[0])
        if base_ok and (
            rest == ""
            or (rest == unit_key and not has_currency)
            or (unit_key == "" and not has_currency and rest != _PERCENT and _droppable_word(rest))
        ):
            return factor
        raise ValueParseError(ParseProblem.UNIT_MISMATCH, raw, suffix)
    if unit_key == "" and not has_currency and (suffix == _PERCENT or _droppable_word(suffix)):
        return 1
    raise ValueParseError(ParseProblem.UNIT_MISMATCH, raw, suffix)


def _check_currency(currency: str, unit_key: str, raw: str) -> None:
    expected = "円" if currency in YEN_SIGNS else currency.casefold()
    if unit_key not in ("", expected):
        raise ValueParseError(ParseProblem.UNIT_MISMATCH, raw, currency)


def _raise_if_special(key: str, raw: str) -> None:
    if _EXCEL_ERROR.fullmatch(key.upper()):
        raise ValueParseError(ParseProblem.EXCEL_ERROR, raw, key.upper())
    if key.casefold().lstrip("+-") in _NON_FINITE:
        raise ValueParseError(ParseProblem.NOT_FINITE, raw)


def _number_from_python(raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueParseError(ParseProblem.NOT_A_NUMBER, repr(raw), type(raw).__name__)
    try:
        value = float(raw)
    except OverflowError:
        raise ValueParseError(ParseProblem.NOT_FINITE, repr(raw)) from None
    if not math.isfinite(value):
        raise ValueParseError(ParseProblem.NOT_FINITE, repr(raw))
    return value + 0.0  # -0.0 → 0.0


# --------------------------------------------------------------------------- durations

HOUR_UNITS = frozenset({"時間", "h", "hr", "hrs", "hour", "hours"})
MINUTE_UNITS = frozenset({"分", "分間", "min", "mins", "minute", "minutes"})
_CLOCK = re.compile(r"(?P<h>[0-9]+):(?P<m>[0-5][0-9])(?::(?P<s>[0-5][0-9]))?")
_PARTS = re.compile(  # ``m`` is minutes only after hours (2h30m): alone it may be metres
    r"(?:(?P<h>[0-9]+(?:\.[0-9]+)?)(?:時間|hours?|hrs?|h))?"
    r"(?:(?P<m>[0-9]+(?:\.[0-9]+)?)(?P<mword>分間?|minutes?|mins?|m))?"
    r"(?:(?P<s>[0-9]+(?:\.[0-9]+)?)秒)?"
)
DURATION_WORDS = HOUR_UNITS | MINUTE_UNITS | {"秒"}  # words a time KPI converts


def _duration_hours(key: str) -> Decimal | None:
    """Hours in a compacted, case-folded duration text, or None when it is not one."""
    match = _CLOCK.fullmatch(key) or _PARTS.fullmatch(key)
    if match is None or not any(match.group(g) for g in "hms"):
        return None
    if match.re is _PARTS and match.group("mword") == "m" and not match.group("h"):
        return None
    parts = [match.group(g) for g in "hms"]
    given = [part for part in parts if part]
    if len(given) > 1 and any("." in part for part in given):
        return None  # 1.5時間30分: not a way anyone writes a duration
    first = next(i for i, part in enumerate(parts) if part)
    for part in parts[first + 1 :]:  # after the largest part: below 60
        if part and int(part) >= 60:
            return None
    hours, minutes, seconds = (Decimal(part or 0) for part in parts)
    return hours + minutes / 60 + seconds / 3600


def time_unit_scale(unit: str) -> int | None:
    """What one hour is in ``unit``: 1 for hours (時間, h), 60 for minutes (分, min); None for a
    unit that is no time unit."""
    key = _unit_key(unit)
    return 1 if key in HOUR_UNITS else 60 if key in MINUTE_UNITS else None


def _duration_in(unit_key: str, text: str) -> float | None:
    """``text`` as a duration in a time unit, or None (not a time unit, not a duration)."""
    if unit_key in HOUR_UNITS:
        scale = Decimal(1)
    elif unit_key in MINUTE_UNITS:
        scale = Decimal(60)
    else:
        return None
    key = re.sub(r"\s+", "", text).casefold()
    if scale == 60 and key.count(":") == 1:
        return None  # 3:45 in minutes: 3 h 45 min or 3 min 45 s? Refused, never guessed
    hours = _duration_hours(key)
    if hours is None:
        return None
    return float(hours * scale) + 0.0


def parse_value(raw: str | int | float | None, *, unit: str = "") -> float | None:
    """Read a monthly cell as a number in the KPI's ``unit``; ``None`` when the cell is blank.

    See the module docstring for the grammar and the decisions. Ints and floats are taken as they
    are (NaN/∞ → NOT_FINITE, ``bool`` → NOT_A_NUMBER). The result is never ``-0.0``.
    """
    if raw is None:
        return None
    if not isinstance(raw, str):
        return _number_from_python(raw)
    if is_blank(raw):
        return None
    text = normalize(raw)
    _raise_if_special(re.sub(r"\s+", "", text), raw)
    unit_key = _unit_key(unit)
    duration = _duration_in(unit_key, text)
    if duration is not None:
        return duration
    negative = False
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        negative, text = True, text[1:-1].strip()
    match = _VALUE.fullmatch(text)
    if match is None:
        raise ValueParseError(ParseProblem.NOT_A_NUMBER, raw)
    sign, sign2, currency = match["sign"], match["sign2"], match["cur"]
    if (sign and sign2) or (negative and (sign or sign2)) or (sign2 and not currency):
        raise ValueParseError(ParseProblem.NOT_A_NUMBER, raw, "sign")
    if currency:
        _check_currency(currency, unit_key, raw)
    factor = _suffix_factor(_unit_key(match["suffix"]), unit_key, bool(currency), raw)
    value = float(Decimal(match["num"]) * factor)
    if not math.isfinite(value):
        raise ValueParseError(ParseProblem.NOT_FINITE, raw)
    if negative or (sign or sign2 or "+") in _NEGATIVE_SIGNS:
        value = -value
    return value + 0.0


def format_value(value: float | None, decimals: int) -> str:
    """Display form: thousands separators, ``decimals`` places, ``""`` for None, never ``-0``.

    ``parse_value(format_value(x, d)) == float(f"{x:.{d}f}")`` (tested as a property).
    """
    if value is None:
        return ""
    if not math.isfinite(value):
        raise ValueError(value)
    if decimals < 0:
        raise ValueError(decimals)
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]
    return text


# --------------------------------------------------------------------------- levels

_LEVEL_PREFIXES = ("レベル", "level", "lv.", "lv", "l.")
_LEVEL_SUFFIXES = ("点",)
_LEVEL_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)")


def _circled_number(text: str) -> int | None:
    if len(text) == 1 and unicodedata.decomposition(text).startswith("<circle>"):
        folded = unicodedata.normalize("NFKC", text)
        if folded.isascii() and folded.isdigit():
            return int(folded)
    return None


def parse_level(raw: str | int | float | None, *, levels: int = 5) -> int | None:
    """Read a qualitative score 1..``levels``; ``None`` when blank.

    Accepts ``3``, ``３``, ``3.0``, ``③``, ``レベル3``, ``Lv3``, ``Lv.3``, ``Level 3``, ``3点``.
    A non-integral number is NOT_AN_INTEGER, a number outside 1..levels OUT_OF_RANGE.
    """
    if levels < 1:
        raise ValueError(levels)
    if raw is None:
        return None
    if isinstance(raw, str):
        if is_blank(raw):
            return None
        key = compact(raw).casefold()
        _raise_if_special(key, raw)
        circled = _circled_number(key)
        if circled is not None:
            number = Decimal(circled)
        else:
            for prefix in _LEVEL_PREFIXES:
                if key.startswith(prefix):
                    key = key[len(prefix) :]
                    break
            for suffix in _LEVEL_SUFFIXES:
                key = key.removesuffix(suffix)
            if _LEVEL_NUMBER.fullmatch(key) is None:
                raise ValueParseError(ParseProblem.NOT_A_NUMBER, raw)
            number = Decimal(key)
        text = raw
    else:
        number = Decimal(_number_from_python(raw))
        text = repr(raw)
    if number != number.to_integral_value():
        raise ValueParseError(ParseProblem.NOT_AN_INTEGER, text)
    if not 1 <= number <= levels:
        raise ValueParseError(ParseProblem.OUT_OF_RANGE, text, f"1..{levels}")
    return int(number)
