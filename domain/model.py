"""Plain, immutable domain values: the glossary of DESIGN.md as frozen dataclasses and enums."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.fiscal import YearMonth
from domain.values import quick_init


class Direction(StrEnum):
    """Which way is good for a KPI (大きいほど良い / 小さいほど良い / 範囲内)."""

    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "range"


class Aggregation(StrEnum):
    """How monthly values combine into a period figure (合計 / 平均 / 最終値 / 最小 / 最大)."""

    SUM = "sum"
    AVERAGE = "average"
    LAST = "last"
    MIN = "min"
    MAX = "max"


class KpiKind(StrEnum):
    """定量 (a number) or 定性 (a 1–5 level score with written level descriptions)."""

    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class ObjectiveLevel(StrEnum):
    """Where a goal sits in the goal tree."""

    KGI = "kgi"
    DEPARTMENT = "department"
    OKR = "okr"
    PERSONAL = "personal"


class Series(StrEnum):
    """The two monthly series of a KPI: the actual value (実績) and the monthly target (目標)."""

    ACTUAL = "actual"
    TARGET = "target"


class Status(StrEnum):
    """Traffic light of an achievement (達成 / 注意 / 未達), or no data."""

    ACHIEVED = "achieved"
    CAUTION = "caution"
    MISSED = "missed"
    NO_DATA = "no_data"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Status thresholds as achievement ratios (1.0 = 100 %)."""

    achieved: float = 1.0
    caution: float = 0.9


@dataclass(frozen=True, slots=True)
class Company:
    id: int
    name: str
    fiscal_year_start: int = 4
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass(frozen=True, slots=True)
class Department:
    id: int
    name: str
    mission: str = ""
    kgi_id: int | None = None
    sort_order: int = 0
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    employee_no: str
    name: str
    department_id: int | None = None
    title: str = ""  # 役職
    grade: str = ""  # 等級
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Objective:
    """A node of the goal tree: KGI, department goal, OKR objective or personal goal."""

    id: int
    title: str
    level: ObjectiveLevel
    parent_id: int | None = None
    department_id: int | None = None
    member_id: int | None = None
    fiscal_year: int | None = None
    quarter: int | None = None
    description: str = ""
    sort_order: int = 0
    archived: bool = False


LEVEL_COUNT = 5  # qualitative KPIs are scored on levels 1..5


@quick_init  # read by the hundred on every dashboard refresh
@dataclass(frozen=True, slots=True)
class Kpi:
    """An indicator (指標 / Key Result) of a department.

    ``active_months`` are calendar months (1–12) in which a value is expected; ``start`` and
    ``deadline`` bound the period the KPI runs (None = open). ``range_low``/``range_high`` are the
    acceptable band of a RANGE KPI. ``level_descriptions`` describe levels 1..5 of a qualitative KPI.
    """

    id: int
    department_id: int
    name: str
    unit: str = ""
    direction: Direction = Direction.HIGHER
    aggregation: Aggregation = Aggregation.SUM
    baseline: float | None = None
    annual_target: float | None = None
    range_low: float | None = None
    range_high: float | None = None
    decimals: int = 0
    kind: KpiKind = KpiKind.QUANTITATIVE
    level_descriptions: tuple[str, ...] = ()
    owner_id: int | None = None
    objective_id: int | None = None
    rationale: str = ""
    active_months: tuple[int, ...] = tuple(range(1, 13))
    start: YearMonth | None = None
    deadline: YearMonth | None = None
    sort_order: int = 0
    archived: bool = False


@dataclass(frozen=True, slots=True)
class CellValue:
    """A stored monthly number with its note."""

    value: float | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class CellEdit:
    """One cell of the monthly grid to write. ``value=None`` with an empty note clears the cell."""

    kpi_id: int
    month: YearMonth
    series: Series
    value: float | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the change history (誰が・いつ・旧値・新値)."""

    id: int
    kpi_id: int
    month: YearMonth
    series: Series
    old_value: float | None
    new_value: float | None
    old_note: str
    new_note: str
    user: str
    at: datetime
    source: str = ""
