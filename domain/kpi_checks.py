"""Checks of a KPI definition for the KPI dialog: errors block saving, SMART warnings never do.

Each finding is a code plus the :class:`~domain.model.Kpi` field it concerns, so the UI can phrase
it and put the focus on the right input. Findings come in the order of their enum.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from domain.importing.cells import text_key
from domain.model import LEVEL_COUNT, Direction, Kpi, KpiKind

MAX_KPIS_PER_DEPARTMENT = 5  # DESIGN.md: 3–5 KPIs per department
MAX_DECIMALS = 4


class KpiWarningCode(StrEnum):
    TOO_MANY_KPIS = "too_many_kpis"  # more than 5 active KPIs in the department, this one included
    NO_TARGET = "no_target"  # nothing to measure achievement against
    NO_UNIT = "no_unit"  # quantitative KPI without a unit
    NO_PERIOD = "no_period"  # no deadline (期限)
    QUALITATIVE_WITHOUT_LEVELS = "qualitative_without_levels"  # < 5 level descriptions
    BASELINE_EQUALS_TARGET = "baseline_equals_target"  # the baseline formula would be 0 / 0
    BASELINE_WRONG_SIDE = "baseline_wrong_side"  # HIGHER with baseline > target, LOWER with <


class KpiErrorCode(StrEnum):
    EMPTY_NAME = "empty_name"
    EMPTY_RATIONALE = "empty_rationale"  # このKPIがミッションにどう効くか is required
    RANGE_INVERTED = "range_inverted"  # range_low > range_high
    BAD_DECIMALS = "bad_decimals"  # decimals outside 0–4
    DUPLICATE_NAME = "duplicate_name"  # another active KPI of the department has this name


@dataclass(frozen=True, slots=True)
class KpiWarning:
    """A SMART hint. ``count``/``limit`` carry the numbers of TOO_MANY_KPIS (KPIs, 5) and
    QUALITATIVE_WITHOUT_LEVELS (described levels, 5)."""

    code: KpiWarningCode
    field: str
    count: int | None = None
    limit: int | None = None

    def __str__(self) -> str:
        return str(self.code)


@dataclass(frozen=True, slots=True)
class KpiError:
    """A reason the KPI cannot be saved as it is."""

    code: KpiErrorCode
    field: str

    def __str__(self) -> str:
        return str(self.code)


def _has_target(kpi: Kpi, has_monthly_targets: bool) -> bool:
    if kpi.direction is Direction.RANGE:
        return kpi.range_low is not None or kpi.range_high is not None
    return kpi.annual_target is not None or has_monthly_targets


def kpi_warnings(
    kpi: Kpi, *, active_kpis_in_department: int, has_monthly_targets: bool
) -> list[KpiWarning]:
    """SMART warnings for ``kpi``; ``active_kpis_in_department`` counts this KPI too.

    NO_TARGET: no annual and no monthly target (quantitative and qualitative alike — a
    qualitative KPI needs a target level), or for RANGE neither ``range_low`` nor ``range_high``.
    BASELINE_* compare the baseline with the annual target (not for RANGE, which ignores it).
    """
    found: list[KpiWarning] = []
    if active_kpis_in_department > MAX_KPIS_PER_DEPARTMENT:
        found.append(
            KpiWarning(
                KpiWarningCode.TOO_MANY_KPIS,
                "department_id",
                count=active_kpis_in_department,
                limit=MAX_KPIS_PER_DEPARTMENT,
            )
        )
    if not _has_target(kpi, has_monthly_targets):
        field = "range_low" if kpi.direction is Direction.RANGE else "annual_target"
        found.append(KpiWarning(KpiWarningCode.NO_TARGET, field))
    if kpi.kind is KpiKind.QUANTITATIVE and not kpi.unit.strip():
        found.append(KpiWarning(KpiWarningCode.NO_UNIT, "unit"))
    if kpi.deadline is None:
        found.append(KpiWarning(KpiWarningCode.NO_PERIOD, "deadline"))
    if kpi.kind is KpiKind.QUALITATIVE:
        described = sum(1 for text in kpi.level_descriptions[:LEVEL_COUNT] if text.strip())
        if described < LEVEL_COUNT:
            found.append(
                KpiWarning(
                    KpiWarningCode.QUALITATIVE_WITHOUT_LEVELS,
                    "level_descriptions",
                    count=described,
                    limit=LEVEL_COUNT,
                )
            )
    baseline, target = kpi.baseline, kpi.annual_target
    if kpi.direction is not Direction.RANGE and baseline is not None and target is not None:
        if baseline == target:
            found.append(KpiWarning(KpiWarningCode.BASELINE_EQUALS_TARGET, "baseline"))
        elif (kpi.direction is Direction.HIGHER and baseline > target) or (
            kpi.direction is Direction.LOWER and baseline < target
        ):
            found.append(KpiWarning(KpiWarningCode.BASELINE_WRONG_SIDE, "baseline"))
    return found


def name_key(name: str) -> str:
    """A KPI name as compared for sameness: what the importer matches stored KPIs by
    (full-width/half-width, spaces and case do not count)."""
    return text_key(name)


def kpi_errors(kpi: Kpi, *, taken_names: Collection[str] = ()) -> list[KpiError]:
    """Errors that block saving: an empty name or rationale (whitespace, full-width too, is
    empty), a name another active KPI of the department has (``taken_names``: their
    :func:`name_key`; two KPIs of one name cannot be told apart, by people or by an import),
    an inverted band, decimals outside 0–4."""
    found: list[KpiError] = []
    if not kpi.name.strip():
        found.append(KpiError(KpiErrorCode.EMPTY_NAME, "name"))
    elif name_key(kpi.name) in taken_names:
        found.append(KpiError(KpiErrorCode.DUPLICATE_NAME, "name"))
    if not kpi.rationale.strip():
        found.append(KpiError(KpiErrorCode.EMPTY_RATIONALE, "rationale"))
    if kpi.range_low is not None and kpi.range_high is not None and kpi.range_low > kpi.range_high:
        found.append(KpiError(KpiErrorCode.RANGE_INVERTED, "range_low"))
    if not 0 <= kpi.decimals <= MAX_DECIMALS:
        found.append(KpiError(KpiErrorCode.BAD_DECIMALS, "decimals"))
    return found
