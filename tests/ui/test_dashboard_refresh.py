"""Refreshing the dashboard touches only what changed: no model resets when nothing did, one tile
when one value did; every number shown is still the one a fresh load gives (real widgets over the
demo company in a real SQLite file)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain import services
from domain.dashboard import load_dashboard
from domain.demo import build_demo
from domain.fiscal import YearMonth
from domain.model import CellEdit, Kpi, Series
from domain.seed import create_demo_company
from ui.dashboard import DashboardPanel
from ui.dashboard_models import TileModel

TODAY = date(2025, 11, 20)


@pytest.fixture
def demo(db):
    create_demo_company(db.uow(), build_demo(TODAY))
    return db


class Signals:
    """What a model told its views since the last look."""

    def __init__(self, model) -> None:
        self.resets = 0
        self.changed: list[tuple[int, int]] = []
        model.modelReset.connect(self._on_reset)
        model.dataChanged.connect(self._on_changed)

    def _on_reset(self) -> None:
        self.resets += 1

    def _on_changed(self, top_left, bottom_right, _roles=()) -> None:
        self.changed.append((top_left.row(), bottom_right.row()))

    def take(self) -> tuple[int, list[tuple[int, int]]]:
        seen = (self.resets, self.changed)
        self.resets, self.changed = 0, []
        return seen


def panel_for(qtbot, db) -> DashboardPanel:
    panel = DashboardPanel(db.uow, fiscal_year_start=4, user="tester", today=TODAY)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reload()
    return panel


def shown_tiles(model: TileModel) -> str:
    rows = [model.item_at(row) for row in range(model.rowCount())]
    return repr([row for row in rows if row is not None])


def fresh_tiles(db, fiscal_year: int) -> str:
    report = load_dashboard(db.uow(), fiscal_year=fiscal_year, today=TODAY)
    return repr([item for s in report.sections for item in (s, *s.tiles)])


def test_a_refresh_that_changes_nothing_tells_the_views_nothing(qtbot, demo):
    panel = panel_for(qtbot, demo)
    models = (panel.tiles.tile_model, panel.summary_model, panel.warning_model)
    spies = [Signals(m) for m in models]
    panel.reload()
    assert [s.take() for s in spies] == [(0, [])] * 3


def test_editing_one_value_updates_that_tile_only(qtbot, demo):
    panel = panel_for(qtbot, demo)
    model = panel.tiles.tile_model
    spy = Signals(model)
    tile = next(model.tile_at(r) for r in range(model.rowCount()) if model.tile_at(r))
    row = model.row_of_kpi(tile.kpi.id)
    edit = CellEdit(tile.kpi.id, YearMonth(2025, 10), Series.ACTUAL, 12345.0)
    services.apply_edits(demo.uow(), [edit], user="tester")
    panel.reload()
    resets, changed = spy.take()
    assert resets == 0
    assert model.tile_at(row).actuals[6] == 12345.0  # October
    first, last = changed[0]
    assert first <= row <= last and last - first <= model.rowCount() // 2
    assert shown_tiles(model) == fresh_tiles(demo, 2025)


def test_switching_years_and_back_shows_each_years_numbers(qtbot, demo):
    panel = panel_for(qtbot, demo)
    model = panel.tiles.tile_model
    for year in (2024, 2025, 2024, 2025):
        panel.set_fiscal_year(year)
        qtbot.wait(1)  # paint in between, as a user would see it
        assert shown_tiles(model) == fresh_tiles(demo, year)
        assert f"{year}年度" in panel.as_of_label.text()


def test_a_new_kpi_resets_the_tiles(qtbot, demo):
    panel = panel_for(qtbot, demo)
    spy = Signals(panel.tiles.tile_model)
    kpi = services.list_kpis(demo.uow())[0]
    added = replace(kpi, id=0, name="新しい指標", sort_order=0)
    services.save_kpi(demo.uow(), Kpi(**{f: getattr(added, f) for f in Kpi.__slots__}))
    panel.reload()
    assert spy.take()[0] == 1
    assert "新しい指標" in [t.kpi.name for t in panel.report.tiles()]
    assert shown_tiles(panel.tiles.tile_model) == fresh_tiles(demo, 2025)


def test_dashboard_models_pass_the_qt_model_tester(qtbot, demo, qtmodeltester):
    panel = panel_for(qtbot, demo)
    for model in (
        panel.tiles.tile_model,
        panel.summary_model,
        panel.warning_model,
        panel.missing_model,
        panel.action_model,
    ):
        qtmodeltester.check(model)
