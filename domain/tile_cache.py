"""The dashboard's tile cache: tiles of earlier builds, reused while a KPI's inputs are unchanged.

A screen keeps one :class:`TileCache` and passes it to every refresh
(:func:`domain.dashboard.load_dashboard`), so a refresh after editing one KPI recomputes that KPI
only, and switching back to a fiscal year shown before is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.model import Kpi

if TYPE_CHECKING:
    from domain.dashboard import KpiTile


class TileCache:
    """Tiles of earlier builds, reused while a KPI's inputs are unchanged; and the KPIs read before.

    :func:`domain.dashboard.build_tile` is a pure function of (KPI, its values, stored targets,
    last year's values, owner name) and of what is common to the whole report (company, fiscal
    year, which months are overdue, settings); equal inputs give an equal tile. A screen keeps one
    cache and passes it to every refresh, so a refresh after editing one KPI recomputes that KPI
    only. Holds the tiles of the last few report-wide settings (switching back to a fiscal year
    shown before is cheap). ``kpis`` lets storage hand back the same :class:`Kpi` objects while
    their stored rows are unchanged (see ``DashboardQueries.kpis``), so an unchanged KPI is neither
    rebuilt nor compared field by field.
    """

    def __init__(self, generations: int = 4) -> None:
        self._limit = generations
        self._store: dict[object, dict[int, Kept]] = {}
        self.kpis: dict[object, Kpi] = {}

    def tiles(self, generation: object) -> dict[int, Kept]:
        """What was kept for ``generation`` by KPI id (empty when nothing)."""
        return self._store.get(generation, {})

    def keep(self, generation: object, tiles: dict[int, Kept]) -> None:
        """Keep exactly ``tiles`` for ``generation`` (tiles of deleted or changed KPIs go)."""
        self._store.pop(generation, None)
        while len(self._store) >= self._limit:
            del self._store[next(iter(self._store))]
        self._store[generation] = tiles  # most recent last

    def clear(self) -> None:
        """Forget the tiles (the KPIs read stay: storage checks them against their rows)."""
        self._store.clear()


# A tile with the inputs it was built from: (kpi, actuals, step targets, last year, owner, tile).
_Values = tuple[float | None, ...]
Kept = tuple[Kpi, _Values, _Values, _Values, str, "KpiTile"]


def reusable_tile(
    kept: Kept | None,
    kpi: Kpi,
    actuals: tuple[float | None, ...],
    targets: _Values,
    last_year: tuple[float | None, ...],
    owner: str,
) -> KpiTile | None:
    """The kept tile when it was built from equal inputs."""
    if (
        kept is not None
        and (kept[0] is kpi or kept[0] == kpi)
        and kept[1] == actuals
        and kept[2] == targets
        and kept[3] == last_year
        and kept[4] == owner
    ):
        return kept[5]
    return None
