"""Values the importer produces: tables found in a sheet, imported KPIs, problems, overrides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from domain.fiscal import YearMonth
from domain.importing.vocabulary import Role, SeriesWord
from domain.model import Aggregation, Direction, Series
from domain.values import quick_init


class Layout(StrEnum):
    """How a table holds its months."""

    ACROSS = "across"  # one row per KPI (or 目標/実績 row pairs), months across the columns
    DOWN = "down"  # transposed: one row per month, one column per KPI
    LONG = "long"  # one row per KPI and month (年月 | KPI名 | 実績)
    MONTH_SHEET = "month_sheet"  # the whole sheet is one month (sheet 「7月」: 指標 | 目標 | 実績)


class SheetStatus(StrEnum):
    KPIS = "kpis"  # KPIs found
    NO_KPIS = "no_kpis"  # a table with months, but no KPI rows
    NO_MONTHS = "no_months"  # numbers but no recognisable months (reported)
    NOT_DATA = "not_data"  # empty, notes or instructions: nothing to import (not reported)
    SKIPPED = "skipped"  # the user chose to skip it


class ProblemCode(StrEnum):
    """Why a cell (or a sheet) was not read; the UI and the CLI phrase these."""

    NOT_A_NUMBER = "not_a_number"
    UNIT_MISMATCH = "unit_mismatch"
    EXCEL_ERROR = "excel_error"
    FORMULA_NO_VALUE = "formula_no_value"
    NOT_FINITE = "not_finite"
    DATE_NOT_NUMBER = "date_not_number"
    BOOL_NOT_NUMBER = "bool_not_number"
    TARGET_NOT_NUMBER = "target_not_number"
    NO_MONTHS = "no_months"
    FISCAL_YEAR_GUESSED = "fiscal_year_guessed"
    NO_NAME = "no_name"
    DUPLICATE_NAME = "duplicate_name"
    UNIT_DIFFERS = "unit_differs"  # the file's unit is not the stored KPI's unit
    HIDDEN = "hidden"  # a KPI in hidden rows (or columns): left out unless the user includes it
    REPEATED_MONTHS = "repeated_months"  # a copy of the months beside the table (for a chart)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something not read, with where: ``cell`` is an Excel address (``G7``)."""

    sheet: str
    cell: str
    code: ProblemCode
    text: str = ""  # the cell as written
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table and what it holds."""

    col: int
    label: str
    role: Role
    month: YearMonth | None = None  # VALUES columns of an ACROSS table
    series: SeriesWord | None = None  # VALUES: set by a sub-header / label affix, else by row
    dimension: str = ""  # a sub-label that is neither a series nor a total (売上 / 原価)


@dataclass(frozen=True, slots=True)
class Table:
    """A table found in a sheet. Rows are 0-based; ``data_end`` is exclusive."""

    layout: Layout
    header_row: int
    data_start: int
    data_end: int
    columns: tuple[Column, ...]
    month_col: int | None = None  # DOWN / LONG
    sheet_month: YearMonth | None = None  # MONTH_SHEET
    row_months: tuple[tuple[int, YearMonth], ...] = ()  # DOWN / LONG: row → month

    def role_col(self, role: Role) -> int | None:
        return next((c.col for c in self.columns if c.role is role), None)


@quick_init  # built by the ten thousand in a big import
@dataclass(frozen=True, slots=True)
class ImportedKpi:
    """A KPI as read from a file: values in the KPI's unit (95 % → 95.0), blank months absent."""

    sheet: str
    name: str
    department: str | None
    unit: str
    target: float | None
    actuals: Mapping[YearMonth, float]
    targets: Mapping[YearMonth, float] = field(default_factory=dict)
    sources: tuple[tuple[Series, YearMonth, int, int], ...] = ()  # where each value was read
    row: int = 0  # first row (0-based) of the KPI in its sheet
    direction: Direction | None = None  # when the file says so (方向 column, 「3%以下」)
    aggregation: Aggregation | None = None  # when the file says so (集計 column, total column)
    owner: str = ""
    target_is_annual: bool | None = None  # None: the file does not say
    column_target: float | None = None  # the value of a single 目標 column, if the table has one
    hidden: bool = False  # every cell of it is in a hidden row or column (see importing.hidden)

    def source_of(self, series: Series, month: YearMonth) -> tuple[int, int] | None:
        """(row, col) of the cell a value was read from."""
        for s, m, row, col in self.sources:
            if s is series and m == month:
                return row, col
        return None


@dataclass(frozen=True, slots=True)
class SheetOverrides:
    """Corrections a user made to the guesses for one sheet (all optional)."""

    skip: bool | None = None  # None: decided by the importer (an example sheet is skipped)
    header_row: int | None = None  # 0-based
    layout: Layout | None = None
    roles: Mapping[int, Role] = field(default_factory=dict)  # column → role
    fiscal_year: int | None = None
    start_month: int | None = None
    department: str | None = None


@dataclass(frozen=True, slots=True)
class SheetAnalysis:
    """What the importer made of one sheet."""

    sheet: str
    status: SheetStatus
    tables: tuple[Table, ...] = ()
    fiscal_year: int | None = None
    year_source: str = ""  # "override", "header", "cell:A1", "sheet", "file", "guess"
    start_month: int = 4
    department: str | None = None
    kpis: tuple[ImportedKpi, ...] = ()
    problems: tuple[Problem, ...] = ()
    shape_key: str = ""

    @property
    def header_row(self) -> int | None:
        return self.tables[0].header_row if self.tables else None

    @property
    def layout(self) -> Layout | None:
        return self.tables[0].layout if self.tables else None


@dataclass(frozen=True, slots=True)
class WorkbookAnalysis:
    """A whole file: per-sheet analyses and the KPIs of all sheets (month sheets merged)."""

    file_name: str
    sheets: tuple[SheetAnalysis, ...]
    kpis: tuple[ImportedKpi, ...]
    problems: tuple[Problem, ...]
