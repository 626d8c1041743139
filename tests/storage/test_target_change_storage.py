"""save_kpi_with_revision on a real database: one transaction for the KPI, the year's targets,
their history and the revision; a refusal writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from domain import services
from domain.fiscal import YearMonth, fiscal_months
from domain.model import Kpi, Series
from domain.target_change import save_kpi_with_revision
from domain.target_revision import InvalidRevision, RevisionProblem, target_revisions

MONTHS = fiscal_months(2025, 4)
AT = datetime(2025, 10, 15, 9, 0)


@pytest.fixture
def kpi(uow_factory, company) -> Kpi:
    dept = services.add_department(uow_factory(), name="人事部")
    return services.save_kpi(
        uow_factory(),
        Kpi(0, dept.id, "研修実施数", unit="回", annual_target=24, rationale="育成"),
        monthly_targets={MONTHS[0]: 4.0},  # April had its own step target, with a note below
    )


def targets(uow_factory, kpi_id: int) -> dict[YearMonth, float | None]:
    cells = services.read_series(uow_factory(), Series.TARGET, [kpi_id], MONTHS[0], MONTHS[-1])
    return {m: c.value for (_, m), c in cells.items()}


def save(uow_factory, kpi: Kpi, **overrides):
    arguments = dict(
        monthly_targets={MONTHS[0]: 4.0},
        fiscal_year=2025,
        effective_from=YearMonth(2025, 10),
        reason="下期に新任管理職研修を追加",
        user="sato",
        at=AT,
    )
    arguments.update(overrides)
    return save_kpi_with_revision(uow_factory(), kpi, **arguments)


def test_saves_the_kpi_the_year_and_the_revision_together(uow_factory, kpi):
    revision = save(uow_factory, replace(kpi, annual_target=36, name="研修の実施回数"))
    # before: April 4 (stored) + 11 × 2 (24 / 12) = 26; the form's year: 4 + 11 × 3 (36 / 12) = 37
    # (a step target replaces its month, it does not re-spread the rest); October on share 37 − 14
    assert (revision.old_target, revision.new_target) == (26.0, 37.0)
    stored = targets(uow_factory, kpi.id)
    assert [stored[m] for m in MONTHS[:6]] == [4.0, 2.0, 2.0, 2.0, 2.0, 2.0]
    assert [stored[m] for m in MONTHS[6:]] == pytest.approx([23 / 6] * 6)
    (saved,) = services.list_kpis(uow_factory())
    assert (saved.name, saved.annual_target) == ("研修の実施回数", 36)
    assert target_revisions(uow_factory(), kpi.id) == [revision]
    history = [c for c in services.kpi_history(uow_factory(), kpi.id) if c.at == AT]
    assert len(history) == 11 and {c.source for c in history} == {"target_revision"}
    assert {c.user for c in history} == {"sato"}


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"reason": "  "}, RevisionProblem.NO_REASON),
        ({"effective_from": YearMonth(2026, 4)}, RevisionProblem.OUTSIDE_YEAR),
        ({"effective_from": YearMonth(2025, 4), "annual_target": 24}, RevisionProblem.UNCHANGED),
    ],
)
def test_a_refusal_writes_nothing(uow_factory, kpi, overrides, problem):
    overrides = dict(overrides)  # the parameter is shared by both database backends
    annual = overrides.pop("annual_target", 36)
    before_history = services.kpi_history(uow_factory(), kpi.id)
    with pytest.raises(InvalidRevision) as raised:
        save(uow_factory, replace(kpi, annual_target=annual, name="別名"), **overrides)
    assert raised.value.problem is problem
    assert services.list_kpis(uow_factory()) == [kpi]
    assert targets(uow_factory, kpi.id) == {MONTHS[0]: 4.0}
    assert target_revisions(uow_factory(), kpi.id) == []
    assert services.kpi_history(uow_factory(), kpi.id) == before_history
