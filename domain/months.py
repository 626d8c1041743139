"""Month, date, year and fiscal-year labels as they appear in Japanese KPI workbooks.

Used by the monthly grid and by the Excel/CSV importer, so every function here is total over text:
:func:`parse_month_label`, :func:`parse_bare_month`, :func:`parse_year_label` and
:func:`parse_fiscal_year_label` return ``None`` for anything that is not such a label (``上期計``,
``合計``, ``達成率``, ``4月実績``), never raise; :func:`parse_date` raises :class:`DateParseError`.

Labels are compared after :func:`domain.parsing.normalize` (full-width → half-width), with all
whitespace removed and case folded, and must be *nothing but* the label. Decisions:

* Two-digit years are rejected in Japanese/numeric notations (``25/4``, ``25年4月``): ``25年`` is
  as likely 平成25年 (2013) as 2025, and ``25/4`` may be a day. English ``Apr-25`` is Excel's
  ``mmm-yy`` format and is read like Excel does: ``00``–``29`` → 20xx, ``30``–``99`` → 19xx.
  ``FY25`` is 2025.
* Four-digit years in month labels must lie in 1900–2999 (``1234/5`` is not a month).
* Era years convert arithmetically (元年 = 1; 令和N年 = 2018 + N, 平成N年 = 1988 + N, 昭和N年 =
  1925 + N, 大正N年 = 1911 + N). Dates just outside an era (平成31年5月, 令和元年4月) are accepted:
  documents prepared across an era change use them and the conversion is unambiguous.
  A bare letter era without 年 (``R8``) is a year label only for R and H (``S4``, ``T1`` look
  like sizes).
* A bare month (``4月``) needs a fiscal year: months before ``start_month`` belong to the next
  calendar year. Without a fiscal year :func:`parse_month_label` returns ``None`` for it; use
  :func:`parse_bare_month`.
* Integers: 1–12 are bare months, ``yyyymm`` (190001–299912) year-months; Excel serial day numbers
  only with ``excel_serial=True`` (a data cell 45383 must not turn into a month while scanning).
* Date strings (``2025/4/1``, ``R7.4.1``) are month labels of their month; ``4月1日`` (no
  year) is not.
* ``2025.1`` is January. (A float 2025.10 typed into Excel also shows as ``2025.1``; floats are
  never read as year.month, but a text cannot tell.)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.errors import MierukaError
from domain.fiscal import YearMonth, check_start_month
from domain.parsing import compact, normalize


class DateProblem(StrEnum):
    """Why a text is not a date."""

    EMPTY = "empty"
    NOT_A_DATE = "not_a_date"
    INVALID_DATE = "invalid_date"  # date-shaped but does not exist (2025/2/30, wrong weekday)


class DateParseError(MierukaError, ValueError):
    """A text that is not a date: ``text`` as typed, ``detail`` a short machine hint."""

    def __init__(self, problem: DateProblem, text: str, detail: str = "") -> None:
        super().__init__(problem, text, detail)
        self.problem = problem
        self.text = text
        self.detail = detail

    def __str__(self) -> str:
        suffix = f" ({self.detail})" if self.detail else ""
        return f"{self.problem}: {self.text!r}{suffix}"


@dataclass(frozen=True, slots=True)
class Era:
    """A Japanese era (元号): its name, its one-letter abbreviation and its first day."""

    name: str
    letter: str
    start: date

    def to_gregorian(self, era_year: int) -> int:
        """Calendar year of era year ``era_year`` (1 = 元年)."""
        return self.start.year + era_year - 1


ERAS: tuple[Era, ...] = (
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("大正", "T", date(1912, 7, 30)),
)
_ERA_BY_KEY = {key: era for era in ERAS for key in (era.name, era.letter.casefold())}


def era_of(day: date) -> tuple[Era, int]:
    """The era a day falls in and its era year (e.g. 2019-05-01 → 令和, 1)."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    raise ValueError(day)


EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 in the (1900-leap-year-bug) Excel system
_MAX_EXCEL_SERIAL = 2958465  # 9999-12-31
_EN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_KANJI_MONTHS = {
    k: i
    for i, k in enumerate(
        ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"), start=1
    )
}
_WEEKDAYS = "月火水木金土日"  # date.weekday() order

_ERA = r"(?P<era>令和|平成|昭和|大正|r|h|s|t)(?P<ey>[0-9]{1,2}|元)"
_Y4 = r"(?P<y>[0-9]{4})"
_M = r"(?P<m>[0-9]{1,2})"
_D = r"(?P<d>[0-9]{1,2})"
_MONTH_WORD = r"月(?:度|分)?"
_SEP = r"(?P<sep>[-/._])"

_YEAR_MONTH = tuple(
    re.compile(p)
    for p in (
        rf"{_Y4}年{_M}{_MONTH_WORD}",
        rf"{_Y4}{_SEP}{_M}(?:{_MONTH_WORD})?",
        rf"{_Y4}(?P<m>[0-9]{{2}})",
        rf"{_ERA}年{_M}{_MONTH_WORD}",
        rf"{_ERA}{_SEP}{_M}",
    )
)
_EN_YEAR_MONTH = (
    re.compile(r"(?P<mon>[a-z]+)\.?[-/.,']?(?P<y>[0-9]{4}|[0-9]{2})"),
    re.compile(rf"{_Y4}[-/.]?(?P<mon>[a-z]+)\.?"),
)
_DATE = tuple(
    re.compile(p + r"(?:\((?P<wd>[月火水木金土日])(?:曜日?)?\))?")
    for p in (
        rf"{_Y4}{_SEP}{_M}(?P=sep){_D}",
        rf"{_Y4}年{_M}月{_D}日",
        rf"{_ERA}年{_M}月{_D}日",
        rf"{_ERA}{_SEP}{_M}(?P=sep){_D}",
        rf"{_Y4}(?P<m>[0-9]{{2}})(?P<d>[0-9]{{2}})",
    )
)
_TIME_OF_DAY = re.compile(r"(?:[Tt]|\s+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?$")
_BARE_MONTH = re.compile(rf"(?P<m>[0-9]{{1,2}})(?:{_MONTH_WORD})?")
_KANJI_MONTH = re.compile(rf"(?P<k>十[一二]?|[一二三四五六七八九])(?:{_MONTH_WORD})")
_EN_MONTH = re.compile(r"(?P<mon>[a-z]+)\.?")
_FISCAL_PREFIX = re.compile(r"(?P<fy>.+?年度|fy[0-9]{4}|fy[0-9]{2})(?P<rest>.+)")
_FISCAL_YEAR = (
    re.compile(rf"{_Y4}年度"),
    re.compile(rf"{_ERA}年度"),
    re.compile(r"fy(?P<y>[0-9]{4})"),
    re.compile(r"fy(?P<yy>[0-9]{2})"),
)
_YEAR = (
    re.compile(rf"{_Y4}年?"),
    re.compile(rf"{_ERA}年"),
    re.compile(r"(?P<era>令和|平成|昭和|大正|r|h)(?P<ey>[0-9]{1,2}|元)"),
)


def _key(label: str) -> str:
    return compact(label).casefold()


def _plausible_year(year: int) -> bool:
    return 1900 <= year <= 2999


def _year_of(match: re.Match[str]) -> int | None:
    """Calendar year from a match with either ``y`` (four digits) or ``era`` + ``ey`` groups."""
    groups = match.groupdict()
    if groups.get("y") is not None:
        return int(groups["y"])
    era = _ERA_BY_KEY[groups["era"]]
    era_year = 1 if groups["ey"] == "元" else int(groups["ey"])
    return era.to_gregorian(era_year) if era_year >= 1 else None


def _year_month(year: int | None, month: int) -> YearMonth | None:
    if year is None or not _plausible_year(year) or not 1 <= month <= 12:
        return None
    return YearMonth(year, month)


def _from_excel_serial(serial: float) -> date | None:
    if not math.isfinite(serial) or not 1 <= serial <= _MAX_EXCEL_SERIAL:
        return None
    return EXCEL_EPOCH + timedelta(days=int(serial))


def _english_year(digits: str) -> int:
    if len(digits) == 4:
        return int(digits)
    yy = int(digits)
    return 2000 + yy if yy < 30 else 1900 + yy  # Excel's two-digit-year window


# --------------------------------------------------------------------------- bare months


def parse_bare_month(label: str | int | float) -> int | None:
    """Month number 1–12 of a label without a year: ``4月``, ``４月``, ``04月``, ``4``, ``4月度``,
    ``4月分``, ``四月``, ``Apr``, ``April``, the int 4. ``None`` for anything else, including
    labels that carry a year (``2025年4月``)."""
    if isinstance(label, bool):
        return None
    if isinstance(label, int | float):
        if isinstance(label, float) and not (math.isfinite(label) and label.is_integer()):
            return None
        return int(label) if 1 <= label <= 12 else None
    if not isinstance(label, str):
        return None
    key = _key(label)
    if match := _BARE_MONTH.fullmatch(key):
        month = int(match["m"])
    elif match := _KANJI_MONTH.fullmatch(key):
        month = _KANJI_MONTHS[match["k"]]
    elif match := _EN_MONTH.fullmatch(key):
        month = _EN_MONTHS.get(match["mon"], 0)
    else:
        return None
    return month if 1 <= month <= 12 else None


def month_in_fiscal_year(month: int, fiscal_year: int, start_month: int = 4) -> YearMonth:
    """The calendar month of month number ``month`` inside ``fiscal_year`` (named by its first
    year): months before ``start_month`` belong to ``fiscal_year + 1``."""
    check_start_month(start_month)
    return YearMonth(fiscal_year if month >= start_month else fiscal_year + 1, month)


# --------------------------------------------------------------------------- dates


def _match_date(key: str) -> tuple[re.Match[str], int | None] | None:
    for pattern in _DATE:
        if match := pattern.fullmatch(key):
            return match, _year_of(match)
    return None


def _build_date(match: re.Match[str], year: int | None) -> date | None:
    """The date of a matched date pattern, or ``None`` when it does not exist."""
    if year is None:
        return None
    try:
        day = date(year, int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    weekday = match["wd"]
    if weekday is not None and _WEEKDAYS[day.weekday()] != weekday:
        return None
    return day


def parse_date(text: str | date) -> date:
    """A day from ``2025/4/1``, ``2025-04-01``, ``2025.4.1``, ``20250401``, ``2025年4月1日``,
    ``令和7年4月1日``, ``R7.4.1``, ``R7/4/1`` (full-width digits too), optionally followed by a
    weekday ``(火)`` — which must be right — or a time of day (``2025-04-01 00:00:00``, ignored).
    ``date``/``datetime`` objects pass through (as a ``date``).

    Raises :class:`DateParseError`: EMPTY for a blank text, INVALID_DATE for a date-shaped text
    that does not exist (2025/2/30, 2025/4/1(月)), NOT_A_DATE otherwise (``25/4/1`` included).
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise DateParseError(DateProblem.NOT_A_DATE, repr(text), type(text).__name__)
    normal = normalize(text)
    if not normal:
        raise DateParseError(DateProblem.EMPTY, text)
    key = _key(_TIME_OF_DAY.sub("", normal))
    found = _match_date(key)
    if found is None:
        raise DateParseError(DateProblem.NOT_A_DATE, text)
    day = _build_date(*found)
    if day is None:
        raise DateParseError(DateProblem.INVALID_DATE, text)
    return day


# --------------------------------------------------------------------------- month labels


def _month_from_number(
    label: int | float, fiscal_year: int | None, start_month: int, excel_serial: bool
) -> YearMonth | None:
    if isinstance(label, float) and not math.isfinite(label):
        return None
    if isinstance(label, int) or label.is_integer():
        number = int(label)
        if 1 <= number <= 12:
            return (
                None
                if fiscal_year is None
                else month_in_fiscal_year(number, fiscal_year, start_month)
            )
        if 190001 <= number <= 299912:
            return _year_month(number // 100, number % 100)
    if excel_serial and -_MAX_EXCEL_SERIAL <= label <= _MAX_EXCEL_SERIAL:
        day = _from_excel_serial(float(label))
        return None if day is None else _year_month(day.year, day.month)
    return None


def _month_from_text(
    key: str, fiscal_year: int | None, start_month: int, excel_serial: bool
) -> YearMonth | None:
    for pattern in _YEAR_MONTH:
        if match := pattern.fullmatch(key):
            return _year_month(_year_of(match), int(match["m"]))
    for pattern in _EN_YEAR_MONTH:
        if (match := pattern.fullmatch(key)) and match["mon"] in _EN_MONTHS:
            return _year_month(_english_year(match["y"]), _EN_MONTHS[match["mon"]])
    if found := _match_date(key):
        day = _build_date(*found)
        return None if day is None else _year_month(day.year, day.month)
    if (bare := parse_bare_month(key)) is not None:
        if fiscal_year is None:
            return None
        return month_in_fiscal_year(bare, fiscal_year, start_month)
    if match := _FISCAL_PREFIX.fullmatch(key):
        year = parse_fiscal_year_label(match["fy"])
        bare = parse_bare_month(match["rest"])
        if year is not None and bare is not None:
            return month_in_fiscal_year(bare, year, start_month)
        return None
    if excel_serial and key.isascii() and key.isdigit() and len(key) == 5:
        day = _from_excel_serial(int(key))
        return None if day is None else _year_month(day.year, day.month)
    return None


def parse_month_label(
    label: str | date | datetime | int | float,
    *,
    fiscal_year: int | None = None,
    start_month: int = 4,
    excel_serial: bool = False,
) -> YearMonth | None:
    """The calendar month a header label names, or ``None`` when it is not a month label.

    Year-months: ``2025年4月``, ``2025年 4月``, ``2025年4月度/分``, ``2025/4``, ``2025/04``,
    ``2025-04``, ``2025.4``, ``2025_04``, ``202504``, ``R7.4``, ``R7/4``, ``R7年4月``,
    ``令和7年4月``, ``令和元年5月``, ``H31.4``, ``平成31年4月``, ``Apr-25``, ``Apr 2025``,
    ``April 2025``, ``2025-Apr``, date strings (``2025/4/1``, ``R7.4.1``), ``date`` and
    ``datetime`` objects, and a fiscal year followed by a month (``2025年度4月`` → 2025-04,
    ``2025年度1月`` → 2026-01 for an April start). Bare months (``4月``, ``4``, ``Apr``) only
    with ``fiscal_year``. ``25/4`` → ``None`` (see module docstring). ``excel_serial=True``
    also reads Excel day numbers (45748 → 2025-04).
    """
    check_start_month(start_month)
    if isinstance(label, datetime | date):
        return _year_month(label.year, label.month)
    if isinstance(label, bool):
        return None
    if isinstance(label, int | float):
        return _month_from_number(label, fiscal_year, start_month, excel_serial)
    if not isinstance(label, str):
        return None
    normal = normalize(label)
    key = _key(_TIME_OF_DAY.sub("", normal))
    if not key:
        return None
    return _month_from_text(key, fiscal_year, start_month, excel_serial)


# --------------------------------------------------------------------------- years


def parse_year_label(text: str | int) -> int | None:
    """A calendar-year label: ``2025``, ``2025年``, ``令和元年``, ``平成23年``, ``R7年``, ``R7``,
    ``H23`` (the merged era row above ``1月``…``12月`` in 推移表 sheets). ``None`` otherwise."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if _plausible_year(text) else None
    if not isinstance(text, str):
        return None
    key = _key(text)
    for pattern in _YEAR:
        if match := pattern.fullmatch(key):
            year = _year_of(match)
            return year if year is not None and _plausible_year(year) else None
    return None


def parse_fiscal_year_label(text: str | int) -> int | None:
    """The fiscal year (named by the calendar year it starts in) of ``2025年度``, ``２０２５年度``,
    ``令和7年度``, ``R7年度``, ``令和元年度``, ``FY2025``, ``FY25``; a plain year (``2025``, ``R8``,
    ``平成27年``) as written in a 年度 cell is read with :func:`parse_year_label`. ``None`` for
    anything else, including periods such as ``2025年度上期``."""
    if isinstance(text, bool):
        return None
    if isinstance(text, str):
        key = _key(text)
        for pattern in _FISCAL_YEAR:
            if match := pattern.fullmatch(key):
                year = 2000 + int(match["yy"]) if "yy" in pattern.groupindex else _year_of(match)
                return year if year is not None and _plausible_year(year) else None
    return parse_year_label(text)
