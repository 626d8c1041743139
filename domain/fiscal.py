"""Fiscal calendar: year-months, fiscal years starting at any month, halves (上期/下期) and quarters.

A fiscal year is named by the calendar year in which it starts (2025年度 with an April start runs
2025-04 … 2026-03). With a January start the fiscal year equals the calendar year.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class InvalidMonth(ValueError):
    """A month number outside 1–12."""


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    """A calendar month. Ordered; stored as the integer ``yyyymm``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InvalidMonth(self.month)

    def __hash__(self) -> int:  # cheaper than hashing a tuple; months are dict keys in bulk
        return self.year * 12 + self.month

    @classmethod
    def from_int(cls, value: int) -> YearMonth:
        return cls(value // 100, value % 100)

    def as_int(self) -> int:
        return self.year * 100 + self.month

    def add(self, months: int) -> YearMonth:
        index = self.year * 12 + (self.month - 1) + months
        return YearMonth(index // 12, index % 12 + 1)

    def months_until(self, other: YearMonth) -> int:
        """Number of months from ``self`` to ``other`` (negative when ``other`` is earlier)."""
        return (other.year - self.year) * 12 + (other.month - self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class Half(StrEnum):
    FIRST = "first"  # 上期
    SECOND = "second"  # 下期


def check_start_month(start_month: int) -> None:
    if not 1 <= start_month <= 12:
        raise InvalidMonth(start_month)


def fiscal_year_of(month: YearMonth, start_month: int = 4) -> int:
    """The fiscal year a calendar month belongs to (named by the year it starts in)."""
    check_start_month(start_month)
    return month.year if month.month >= start_month else month.year - 1


def fiscal_months(fiscal_year: int, start_month: int = 4) -> tuple[YearMonth, ...]:
    """The twelve months of a fiscal year in order; months after December roll into the next year."""
    check_start_month(start_month)
    first = YearMonth(fiscal_year, start_month)
    return tuple(first.add(i) for i in range(12))


def fiscal_index(month: YearMonth, start_month: int = 4) -> int:
    """Position 0–11 of a month inside its fiscal year."""
    check_start_month(start_month)
    return (month.month - start_month) % 12


def half_of(month: YearMonth, start_month: int = 4) -> Half:
    """上期 = the first six fiscal months, 下期 = the last six."""
    return Half.FIRST if fiscal_index(month, start_month) < 6 else Half.SECOND


def quarter_of(month: YearMonth, start_month: int = 4) -> int:
    """Fiscal quarter 1–4."""
    return fiscal_index(month, start_month) // 3 + 1


def half_months(fiscal_year: int, half: Half, start_month: int = 4) -> tuple[YearMonth, ...]:
    months = fiscal_months(fiscal_year, start_month)
    return months[:6] if half is Half.FIRST else months[6:]


def quarter_months(fiscal_year: int, quarter: int, start_month: int = 4) -> tuple[YearMonth, ...]:
    if not 1 <= quarter <= 4:
        raise ValueError(quarter)
    months = fiscal_months(fiscal_year, start_month)
    return months[(quarter - 1) * 3 : quarter * 3]
