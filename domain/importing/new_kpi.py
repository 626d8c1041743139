"""The KPI an import creates for a name it does not know: direction, aggregation, targets.

Guesses come from the file when it says (方向 column, 「3%以下」, 集計 column) and otherwise from
the name and unit (domain.importing.vocabulary); the user corrects them later in the KPI dialog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of
from domain.importing.cells import text_key
from domain.importing.model import ImportedKpi
from domain.importing.vocabulary import guess_aggregation, guess_direction
from domain.model import Aggregation, Kpi


def _uniform_year(targets: Mapping[YearMonth, float], start: int) -> float | None:
    """The one value of monthly targets that fill whole fiscal years, else None."""
    if not targets or len(set(targets.values())) != 1:
        return None
    years = {fiscal_year_of(m, start) for m in targets}
    needed = {m for fy in years for m in fiscal_months(fy, start)}
    return next(iter(targets.values())) if needed == set(targets) else None


def new_kpi_for(
    imported: ImportedKpi,
    start: int,
    *,
    name_key: str | None = None,
    department_id: int = 0,
    sort_order: int = 0,
) -> tuple[Kpi, dict[YearMonth, float]]:
    """The KPI an import creates, and the monthly (step) targets to store for it.

    Direction and aggregation come from the file when it says (方向 column, 「3%以下」, 集計
    column), else from the name and unit (遅延・離職・日数 → 小さいほど良い; %・率・平均 → 平均).
    Monthly targets that are the same in every month of whole fiscal years become the annual
    target (× 12 for a summed KPI); others are stored month by month. A single 目標 column is an
    annual target when its header says so (年間目標), a monthly one when it says 月; otherwise a
    summed KPI's target is monthly when it is close to the monthly actuals. ``name_key`` is
    ``text_key(imported.name)`` when the caller has it already; ``department_id`` and
    ``sort_order`` place the KPI (0 until the commit knows them).
    """
    key = text_key(imported.name) if name_key is None else name_key
    aggregation = imported.aggregation or guess_aggregation(key, imported.unit)
    direction = imported.direction or guess_direction(key)
    decimals = _decimals([*imported.actuals.values(), *imported.targets.values()])
    step: dict[YearMonth, float] = {}
    annual: float | None = None
    column = imported.column_target
    uniform = _uniform_year(imported.targets, start)
    if uniform is not None and column is None:
        annual = uniform * 12 if aggregation is Aggregation.SUM else uniform
    elif imported.targets:
        step = dict(imported.targets)
        annual = (
            column
            if imported.target_is_annual
            or (column is not None and aggregation is not Aggregation.SUM)
            else None
        )
    elif column is not None:
        annual = column
        if aggregation is Aggregation.SUM and not imported.target_is_annual:
            actuals = list(imported.actuals.values())
            mean = sum(actuals) / len(actuals) if actuals else None
            monthly = imported.target_is_annual is False or (
                mean is not None and abs(column) < 4 * abs(mean)
            )
            if monthly:
                annual = column * 12
    kpi = Kpi(
        id=0,
        department_id=department_id,
        name=imported.name.strip()[:300],
        unit=imported.unit[:50],
        direction=direction,
        aggregation=aggregation,
        annual_target=annual,
        decimals=decimals,
        sort_order=sort_order,
    )
    return kpi, step


def _decimals(values: Sequence[float]) -> int:
    values = values[:200]
    if all(map(float.is_integer, values)):  # the usual case, without a Python loop
        return 0
    places = 0
    for value in values:
        if value.is_integer():
            continue
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        if "." in text:
            places = max(places, len(text.split(".")[1]))
    return min(places, 4)
