"""Dashboard storage on real SQLite files: migration 0003, repositories and use cases end to end."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from domain import services
from domain.dashboard import (
    DashboardFilter,
    apply_filter,
    load_dashboard,
    save_warning_settings,
)
from domain.demo import build_demo
from domain.fiscal import YearMonth, fiscal_months
from domain.forecast import WarningSettings
from domain.kpi_detail import load_kpi_detail
from domain.model import Kpi, Member, Objective, ObjectiveLevel, Series, Status
from domain.okr import CheckIn, InvalidOkr, KeyResult, list_okrs, record_check_in, save_okr
from domain.review import (
    InvalidReview,
    Review,
    ReviewAction,
    ReviewScope,
    delete_review,
    list_reviews,
    load_review_context,
    open_actions,
    save_review,
    set_action_done,
)
from domain.seed import create_demo_company
from domain.target_revision import (
    InvalidRevision,
    RevisionProblem,
    revise_target,
    target_revisions,
)

TODAY = date(2025, 11, 20)
MY_TABLES = {
    "review",
    "review_action",
    "key_result",
    "okr_check_in",
    "target_revision",
    "dashboard_setting",
}


def test_migration_creates_tables_matching_the_orm(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import storage.orm_dashboard  # noqa: F401  (registers the tables)
    from storage.orm import Base

    with db.engine.connect() as conn:
        from sqlalchemy import inspect

        names = set(inspect(conn).get_table_names())
        assert MY_TABLES <= names
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    mine = [d for d in diff if _table_of(d) in MY_TABLES]
    assert mine == []


def _table_of(diff: object) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:] if isinstance(item, tuple) else ():
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None and getattr(table, "name", None):
            return table.name
        if isinstance(part, str) and part in MY_TABLES:
            return part
        if name in MY_TABLES:
            return name
    return None


def test_downgrade_and_upgrade_again(tmp_path):
    from alembic import command
    from alembic.config import Config

    from storage import migrate
    from storage.database import open_database

    database = open_database(tmp_path / "m.sqlite3")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    tables = {
        r[0]
        for r in sqlite3.connect(tmp_path / "m.sqlite3").execute(
            "SELECT name FROM sqlite_master WHERE type='table'"
        )
    }
    assert not MY_TABLES & tables
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    tables = {
        r[0]
        for r in sqlite3.connect(tmp_path / "m.sqlite3").execute(
            "SELECT name FROM sqlite_master WHERE type='table'"
        )
    }
    assert MY_TABLES <= tables
    database.close()


@pytest.fixture
def demo(uow_factory):
    create_demo_company(uow_factory(), build_demo(TODAY))
    return uow_factory


def kpi_named(uow_factory, name: str) -> Kpi:
    return next(k for k in services.list_kpis(uow_factory()) if k.name == name)


def test_dashboard_of_the_demo_shows_all_three_statuses(demo):
    report = load_dashboard(demo(), fiscal_year=2025, today=TODAY)
    assert [s.department.name for s in report.sections] == [
        "総務部",
        "人事部",
        "経理財務部",
        "法務部",
        "情報システム部",
    ]
    statuses = {t.kpi.name: t.status for t in report.tiles()}
    assert len(statuses) == 18
    assert {Status.ACHIEVED, Status.CAUTION, Status.MISSED} <= set(statuses.values())
    assert statuses["研修参加率"] is Status.ACHIEVED
    assert statuses["採用後1年以内の離職率"] is Status.MISSED
    # the demo leaves the latest month of one KPI empty: it is missing once it is due
    gap = report.tile(kpi_named(demo, "契約書確認の平均処理時間").id)
    assert gap.missing == (YearMonth(2025, 10),)
    assert all(t.forecast.is_estimate for t in report.tiles())


def test_dashboard_filter_by_department_on_the_demo(demo):
    report = load_dashboard(demo(), fiscal_year=2025, today=TODAY)
    hr = next(s.department for s in report.sections if s.department.name == "人事部")
    narrowed = apply_filter(report, DashboardFilter(department_id=hr.id))
    assert {t.kpi.name for t in narrowed.tiles()} == {
        "採用人数",
        "採用面接から内定までの平均日数",
        "採用後1年以内の離職率",
        "研修参加率",
    }


def test_grace_day_is_stored_with_the_data(demo):
    save_warning_settings(demo(), WarningSettings(grace_day=25))
    report = load_dashboard(demo(), fiscal_year=2025, today=TODAY)
    gap = report.tile(kpi_named(demo, "契約書確認の平均処理時間").id)
    assert gap.missing == ()  # October is due on 11/25 now
    with pytest.raises(ValueError):
        save_warning_settings(demo(), WarningSettings(grace_day=31))


def test_kpi_detail_has_notes_and_last_year(demo):
    kpi = kpi_named(demo, "障害対応の平均復旧時間")
    detail = load_kpi_detail(demo(), kpi_id=kpi.id, fiscal_year=2025, today=TODAY)
    months = fiscal_months(2025, 4)
    assert "ストレージ障害" in detail.notes[months.index(YearMonth(2025, 7))]
    assert sum(v is not None for v in detail.tile.last_year) >= 11
    assert detail.tile.owner_name == "小林 拓也"
    assert detail.band is not None


def legal(uow_factory):
    """A demo department without reviews or OKRs of its own."""
    return next(d for d in services.list_departments(uow_factory()) if d.name == "法務部")


def test_demo_has_reviews_open_actions_and_okrs(demo):
    report = load_dashboard(demo(), fiscal_year=2025, today=TODAY)
    by_name = {s.department.name: s for s in report.sections}
    assert len(by_name["総務部"].open_actions) == 2  # the done one is not shown
    assert len(by_name["人事部"].open_actions) == 2
    assert [v.objective.title for v in by_name["総務部"].okrs] == ["部門の戦略的価値を高める"]
    (it_okr,) = by_name["情報システム部"].okrs
    assert len(it_okr.key_results) == 3 and it_okr.progress is not None
    assert {r.scope for r in list_reviews(demo())} == {ReviewScope.MONTHLY, ReviewScope.QUARTERLY}


def test_reviews_round_trip_and_open_actions(demo):
    dept = legal(demo)
    member = services.list_members(demo())[0]
    saved = save_review(
        demo(),
        Review(
            0,
            dept.id,
            date(2025, 10, 8),
            ReviewScope.QUARTERLY,
            YearMonth(2025, 7),
            participants="佐藤、鈴木",
            notes="  遅延が減った  ",
            decisions="発注点を見直す",
            actions=(
                ReviewAction(0, "発注点の一覧を作る", member.id, date(2025, 10, 31)),
                ReviewAction(0, "業者と納期を再交渉", None, None),
            ),
        ),
    )
    assert saved.id and saved.notes == "遅延が減った"
    assert [a.description for a in saved.actions] == ["発注点の一覧を作る", "業者と納期を再交渉"]
    assert [a.action.description for a in open_actions(demo(), department_id=dept.id)] == [
        "発注点の一覧を作る",
        "業者と納期を再交渉",
    ]  # dated first
    set_action_done(demo(), saved.actions[0].id, True, today=TODAY)
    remaining = open_actions(demo(), department_id=dept.id)
    assert [a.action.description for a in remaining] == ["業者と納期を再交渉"]
    (stored,) = list_reviews(demo(), department_id=dept.id)
    assert stored.actions[0].done and stored.actions[0].done_on == TODAY
    # editing keeps the done action, drops a removed one and adds a new one
    edited = save_review(
        demo(),
        Review(
            stored.id,
            dept.id,
            stored.held_on,
            stored.scope,
            stored.first_month,
            notes=stored.notes,
            actions=(stored.actions[0], ReviewAction(0, "新しい施策")),
        ),
    )
    assert [(a.description, a.done) for a in edited.actions] == [
        ("発注点の一覧を作る", True),
        ("新しい施策", False),
    ]
    report = load_dashboard(demo(), fiscal_year=2025, today=TODAY)
    section = next(s for s in report.sections if s.department.id == dept.id)
    assert [a.action.description for a in section.open_actions] == ["新しい施策"]
    delete_review(demo(), stored.id)
    assert list_reviews(demo(), department_id=dept.id) == []
    assert open_actions(demo(), department_id=dept.id) == []


def test_invalid_review_is_refused(demo):
    dept = legal(demo)
    with pytest.raises(InvalidReview):
        save_review(
            demo(), Review(0, dept.id, TODAY, ReviewScope.QUARTERLY, YearMonth(2025, 8), notes="x")
        )
    assert list_reviews(demo(), department_id=dept.id) == []


def test_review_context_shows_the_periods_numbers(demo):
    dept = next(d for d in services.list_departments(demo()) if d.name == "人事部")
    context = load_review_context(
        demo(), department_id=dept.id, scope=ReviewScope.QUARTERLY, first_month=YearMonth(2025, 4)
    )
    assert context.months == (YearMonth(2025, 4), YearMonth(2025, 5), YearMonth(2025, 6))
    hires = next(r for r in context.rows if r.kpi.name == "採用人数")
    assert hires.target == 5.0  # step targets 4 + 0 + 1
    assert hires.months_with_values == 3


def test_okr_with_check_ins_on_the_dashboard(demo):
    dept = legal(demo)
    objective = Objective(
        0,
        "部門の戦略的価値を高める",
        ObjectiveLevel.OKR,
        department_id=dept.id,
        fiscal_year=2025,
        quarter=3,
    )
    saved, key_results = save_okr(
        demo(),
        objective,
        [
            KeyResult(0, 0, "社内満足度アンケート80%以上", 60, 80, "%", weight=2),
            KeyResult(0, 0, "FAQを40本公開", 0, 40, "本"),
        ],
    )
    record_check_in(demo(), CheckIn(0, key_results[0].id, date(2025, 11, 1), 70, 6, "中間調査"))
    record_check_in(demo(), CheckIn(0, key_results[1].id, date(2025, 11, 1), 40, 9))
    (view,) = list_okrs(demo(), fiscal_year=2025, today=TODAY, department_id=dept.id)
    assert view.progress == pytest.approx((2 * 0.5 + 1.0) / 3)
    report = load_dashboard(demo(), fiscal_year=2025, today=TODAY)
    section = next(s for s in report.sections if s.department.id == dept.id)
    assert [v.objective.title for v in section.okrs] == ["部門の戦略的価値を高める"]
    # editing: drop one KR (its check-ins go too) is refused below two
    with pytest.raises(InvalidOkr):
        save_okr(demo(), saved, key_results[:1])
    _, again = save_okr(demo(), saved, [key_results[0], KeyResult(0, 0, "勉強会を3回", 0, 3)])
    assert [k.title for k in again] == ["社内満足度アンケート80%以上", "勉強会を3回"]
    (view,) = list_okrs(demo(), fiscal_year=2025, today=TODAY, department_id=dept.id)
    assert [kr.current for kr in view.key_results] == [70, None]
    services.delete_objective(demo(), saved.id)  # cascades to key results and check-ins
    assert list_okrs(demo(), fiscal_year=2025, today=TODAY, department_id=dept.id) == []
    with demo() as uow:
        assert uow.okrs.key_results([saved.id]) == []
        assert uow.okrs.check_ins([k.id for k in again]) == []


def test_target_revision_pins_the_year_and_keeps_history(demo):
    kpi = kpi_named(demo, "採用面接から内定までの平均日数")  # AVERAGE, LOWER, annual 14 日
    at = datetime(2025, 10, 3, 9, 30)
    revision = revise_target(
        demo(),
        kpi_id=kpi.id,
        fiscal_year=2025,
        new_target=15.0,
        reason="採用市場の逼迫",
        effective_from=YearMonth(2025, 10),
        user="sato",
        at=at,
    )
    assert (revision.old_target, revision.new_target, revision.reason) == (
        14.0,
        15.0,
        "採用市場の逼迫",
    )
    months = fiscal_months(2025, 4)
    stored = services.read_series(demo(), Series.TARGET, [kpi.id], months[0], months[-1])
    assert [stored[(kpi.id, m)].value for m in months] == [14.0] * 6 + [15.0] * 6
    assert services.list_kpis(demo(), department_id=kpi.department_id)[1].annual_target == 14.0
    (listed,) = target_revisions(demo(), kpi.id)
    assert listed == revision and listed.at == at
    history = services.kpi_history(demo(), kpi.id)
    assert {(c.old_value, c.new_value, c.source) for c in history} == {
        (14.0, 14.0, "target_revision"),
        (14.0, 15.0, "target_revision"),
    } and len(history) == 12
    previous_year = services.read_series(
        demo(), Series.TARGET, [kpi.id], months[0].add(-12), months[0].add(-1)
    )
    assert previous_year == {}  # other years untouched


@pytest.mark.parametrize(
    ("reason", "effective", "problem"),
    [
        ("  ", YearMonth(2025, 10), RevisionProblem.NO_REASON),
        ("理由", YearMonth(2026, 4), RevisionProblem.OUTSIDE_YEAR),
    ],
)
def test_target_revision_refusals(demo, reason, effective, problem):
    kpi = kpi_named(demo, "採用人数")
    with pytest.raises(InvalidRevision) as raised:
        revise_target(
            demo(),
            kpi_id=kpi.id,
            fiscal_year=2025,
            new_target=10.0,
            reason=reason,
            effective_from=effective,
            user="u",
            at=datetime(2025, 10, 1),
        )
    assert raised.value.problem is problem
    assert target_revisions(demo(), kpi.id) == []


def test_range_kpi_cannot_be_revised(demo):
    kpi = kpi_named(demo, "手元流動性比率")
    with pytest.raises(InvalidRevision) as raised:
        revise_target(
            demo(),
            kpi_id=kpi.id,
            fiscal_year=2025,
            new_target=2.0,
            reason="x",
            effective_from=YearMonth(2025, 10),
            user="u",
            at=datetime(2025, 10, 1),
        )
    assert raised.value.problem is RevisionProblem.RANGE_KPI


def test_owner_deleted_leaves_action_without_owner(uow_factory, company):
    dept = services.add_department(uow_factory(), name="総務部")
    member = services.add_member(uow_factory(), Member(0, "9", "一時", dept.id))
    saved = save_review(
        uow_factory(),
        Review(
            0,
            dept.id,
            TODAY,
            ReviewScope.MONTHLY,
            YearMonth(2025, 10),
            actions=(ReviewAction(0, "確認", member.id),),
        ),
    )
    with uow_factory() as uow:
        from sqlalchemy import text

        uow._conn.execute(text("DELETE FROM member WHERE id = :id"), {"id": member.id})
        uow.commit()
    (stored,) = list_reviews(uow_factory())
    assert stored.actions[0].owner_id is None and stored.id == saved.id
