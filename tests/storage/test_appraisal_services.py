"""Appraisal use cases on a real SQLite file: periods, bulk start, locks, workflow log, reports."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import inspect

from domain import appraisal_services as aps
from domain import services
from domain.appraisal_errors import (
    DuplicatePeriodName,
    InvalidPeriod,
    InvalidScore,
    NoPeriod,
    PeriodHasFinalSheets,
    RefusalCode,
    SheetLocked,
    TransitionRefused,
)
from domain.appraisal_model import (
    Action,
    Adjustment,
    AdjustmentKind,
    AppraisalItem,
    AppraisalPeriod,
    Block,
    GradeBand,
    Interview,
    InterviewKind,
    ScoringRules,
    Stage,
)
from domain.appraisal_report import build_reports, period_months, period_overview
from domain.fiscal import YearMonth
from domain.model import Aggregation, CellEdit, Direction, Kpi, Member, Series

H1 = AppraisalPeriod(0, "2025年度上期", date(2025, 4, 1), date(2025, 9, 30))


@pytest.fixture
def org(uow_factory, company):
    general = services.add_department(uow_factory(), name="総務部", mission="職場を支える")
    hr = services.add_department(uow_factory(), name="人事部", mission="人を迎え育てる")
    boss = services.add_member(uow_factory(), Member(0, "1001", "佐藤 健一", general.id, "部長"))
    staff = services.add_member(uow_factory(), Member(0, "1002", "鈴木 美咲", general.id, "主任"))
    recruiter = services.add_member(uow_factory(), Member(0, "2001", "田中 由紀", hr.id))
    return {"general": general, "hr": hr, "boss": boss, "staff": staff, "recruiter": recruiter}


def items(first=None, second=None, weights=(60, 40, 100)):
    return (
        AppraisalItem(
            0,
            Block.PERFORMANCE,
            "経費処理の効率化施策を3つ提案する",
            "3件実行",
            weight=weights[0],
            first_score=first,
            second_score=second,
        ),
        AppraisalItem(
            0,
            Block.PERFORMANCE,
            "契約書の電子化率80%",
            weight=weights[1],
            first_score=first,
            second_score=second,
        ),
        AppraisalItem(
            0,
            Block.PROCESS,
            "協調性",
            weight=weights[2],
            first_score=first,
            second_score=second,
            level_descriptions=("低い", "", "普通", "", "高い"),
        ),
    )


def started(uow_factory, org, *, second=True):
    period = aps.create_period(uow_factory(), H1)
    result = aps.start_period(
        uow_factory(),
        period.id,
        department_id=org["general"].id,
        first_evaluator_id=org["boss"].id,
        second_evaluator_id=org["recruiter"].id if second else None,
    )
    sheet_id = next(
        s.id for s in aps.list_sheets(uow_factory(), period.id) if s.member_id == org["staff"].id
    )
    return period, result, sheet_id


def test_tables_exist_and_migration_downgrades(db):
    from storage import migrate

    names = set(inspect(db.engine).get_table_names())
    assert {
        "appraisal_period",
        "appraisal",
        "appraisal_item",
        "appraisal_adjustment",
        "appraisal_interview",
        "appraisal_event",
    } <= names
    with db.engine.begin() as conn:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    assert "appraisal" not in inspect(db.engine).get_table_names()
    with db.engine.begin() as conn:
        migrate.upgrade(conn)
    assert "appraisal_item" in inspect(db.engine).get_table_names()


def test_period_round_trip_keeps_rules(uow_factory, company):
    rules = ScoringRules(
        scale_min=1,
        scale_max=4,
        scale_labels=("不足", "やや不足", "期待どおり", "優秀"),
        performance_weight=60,
        process_weight=40,
        grade_bands=(GradeBand("A", 80), GradeBand("B", 50), GradeBand("C", -math.inf)),
        achievement_bands=ScoringRules().achievement_bands[1:],
        self_counts=True,
    )
    rules = replace(
        rules,
        achievement_bands=tuple(replace(b, score=min(b.score, 4)) for b in rules.achievement_bands),
    )
    saved = aps.create_period(uow_factory(), replace(H1, rules=rules))
    assert aps.find_period(uow_factory(), "2025年度上期") == saved
    assert saved.rules == rules
    with pytest.raises(DuplicatePeriodName):
        aps.create_period(uow_factory(), H1)
    with pytest.raises(InvalidPeriod) as info:
        aps.create_period(
            uow_factory(),
            replace(H1, name="x", end=date(2025, 1, 1), rules=ScoringRules(process_weight=20)),
        )
    assert info.value.codes == ("dates", "block_weights")
    later = aps.create_period(
        uow_factory(),
        replace(H1, name="2025年度下期", start=date(2025, 10, 1), end=date(2026, 3, 31)),
    )
    assert aps.find_period(uow_factory()) == later  # the most recent
    assert aps.previous_period(uow_factory(), later.id) == saved
    with pytest.raises(NoPeriod):
        aps.find_period(uow_factory(), "2030年度上期")


def test_bulk_start_for_a_department_and_for_everyone(uow_factory, org):
    period, result, _ = started(uow_factory, org)
    assert (len(result.created), result.skipped) == (2, 0)
    sheets = {s.member_id: s for s in aps.list_sheets(uow_factory(), period.id)}
    assert set(sheets) == {org["boss"].id, org["staff"].id}
    assert sheets[org["staff"].id].first_evaluator_id == org["boss"].id
    assert sheets[org["boss"].id].first_evaluator_id is None  # nobody evaluates themselves
    everyone = aps.start_period(uow_factory(), period.id)
    assert (len(everyone.created), everyone.skipped) == (1, 2)


def test_start_copies_last_periods_goals_without_scores(uow_factory, org):
    period, _, sheet_id = started(uow_factory, org)
    sheet = aps.get_sheet(uow_factory(), sheet_id)
    aps.save_sheet(uow_factory(), replace(sheet, items=items(first=4)))
    h2 = aps.create_period(
        uow_factory(),
        replace(H1, name="2025年度下期", start=date(2025, 10, 1), end=date(2026, 3, 31)),
    )
    result = aps.start_period(uow_factory(), h2.id, copy_from_period_id=period.id)
    assert result.copied == 2
    new = next(s for s in aps.list_sheets(uow_factory(), h2.id) if s.member_id == org["staff"].id)
    assert [i.goal for i in new.items] == [i.goal for i in items()]
    assert [i.weight for i in new.items] == [60, 40, 100]
    assert all(i.first_score is None for i in new.items)
    assert new.items[2].level_descriptions == ("低い", "", "普通", "", "高い")
    assert (new.first_evaluator_id, new.second_evaluator_id) == (
        org["boss"].id,
        org["recruiter"].id,
    )


def test_save_keeps_item_ids_and_children(uow_factory, org):
    _, _, sheet_id = started(uow_factory, org)
    sheet = aps.get_sheet(uow_factory(), sheet_id)
    saved = aps.save_sheet(
        uow_factory(),
        replace(
            sheet,
            items=items(),
            self_comment="がんばった",
            adjustments=(Adjustment(0, AdjustmentKind.BONUS, 3, "改善提案"),),
            interviews=(Interview(0, InterviewKind.START, date(2025, 4, 10), "目標合意", "3件"),),
        ),
    )
    ids = [i.id for i in saved.items]
    assert all(ids)
    again = aps.save_sheet(
        uow_factory(),
        replace(saved, items=(replace(saved.items[0], first_score=4), *saved.items[1:])),
    )
    assert [i.id for i in again.items] == ids
    assert again.items[0].first_score == 4
    assert again.adjustments[0].reason == "改善提案"
    assert again.interviews[0].held_on == date(2025, 4, 10)
    with pytest.raises(InvalidScore):
        aps.save_sheet(
            uow_factory(),
            replace(again, items=(replace(again.items[0], first_score=6), *again.items[1:])),
        )


def test_workflow_through_the_database_with_locks_and_log(uow_factory, org):
    _, _, sheet_id = started(uow_factory, org)
    sheet = aps.get_sheet(uow_factory(), sheet_id)
    sheet = aps.save_sheet(uow_factory(), replace(sheet, items=items()))
    at = datetime(2025, 10, 5, 9, 0)
    sheet = aps.apply_action(uow_factory(), sheet_id, Action.SUBMIT_SELF, user="suzuki", now=at)
    assert sheet.stage is Stage.SELF_DONE
    with pytest.raises(SheetLocked) as info:  # goals are locked after the self evaluation
        aps.save_sheet(uow_factory(), replace(sheet, items=sheet.items[:2]))
    assert aps.get_sheet(uow_factory(), sheet_id).items == sheet.items
    first = tuple(replace(i, first_score=4) for i in sheet.items)
    sheet = aps.save_sheet(uow_factory(), replace(sheet, items=first))
    sheet = aps.apply_action(uow_factory(), sheet_id, Action.CONFIRM_FIRST, user="sato")
    with pytest.raises(TransitionRefused) as refused:
        aps.apply_action(uow_factory(), sheet_id, Action.FINALIZE, user="sato")
    assert refused.value.code is RefusalCode.SECOND_PENDING
    with pytest.raises(SheetLocked) as info:
        aps.save_sheet(uow_factory(), replace(sheet, first_comment="変更"))
    assert info.value.parts == {"first"}
    sheet = aps.apply_action(uow_factory(), sheet_id, Action.CONFIRM_SECOND, user="tanaka")
    sheet = aps.apply_action(uow_factory(), sheet_id, Action.FINALIZE, user="tanaka")
    assert sheet.stage is Stage.FINAL
    with pytest.raises(SheetLocked):
        aps.save_sheet(uow_factory(), replace(sheet, self_comment="後から"))
    sheet = aps.save_sheet(
        uow_factory(),
        replace(
            sheet, interviews=(Interview(0, InterviewKind.END, date(2025, 10, 20), "結果を伝えた"),)
        ),
    )
    assert len(sheet.interviews) == 1
    sheet = aps.reopen(
        uow_factory(), sheet_id, Stage.SELF_DONE, user="admin", reason="一次評価の記入漏れ"
    )
    assert sheet.stage is Stage.SELF_DONE
    log = [(e.action, e.from_stage, e.to_stage, e.user) for e in sheet.events]
    assert log == [
        (Action.SUBMIT_SELF, Stage.DRAFT, Stage.SELF_DONE, "suzuki"),
        (Action.CONFIRM_FIRST, Stage.SELF_DONE, Stage.FIRST_DONE, "sato"),
        (Action.CONFIRM_SECOND, Stage.FIRST_DONE, Stage.SECOND_DONE, "tanaka"),
        (Action.FINALIZE, Stage.SECOND_DONE, Stage.FINAL, "tanaka"),
        (Action.REOPEN, Stage.FINAL, Stage.SELF_DONE, "admin"),
    ]
    assert sheet.events[0].at == at
    assert sheet.events[-1].reason == "一次評価の記入漏れ"


def test_finalize_refused_with_bad_weights_and_no_second_means_first_is_final(uow_factory, org):
    _, _, sheet_id = started(uow_factory, org, second=False)
    sheet = aps.get_sheet(uow_factory(), sheet_id)
    aps.save_sheet(uow_factory(), replace(sheet, items=items(first=3, weights=(60, 30, 100))))
    aps.apply_action(uow_factory(), sheet_id, Action.SUBMIT_SELF, user="u")
    aps.apply_action(uow_factory(), sheet_id, Action.CONFIRM_FIRST, user="u")
    with pytest.raises(TransitionRefused) as info:
        aps.apply_action(uow_factory(), sheet_id, Action.FINALIZE, user="u")
    assert info.value.code is RefusalCode.INVALID_WEIGHTS
    assert aps.get_sheet(uow_factory(), sheet_id).stage is Stage.FIRST_DONE
    with pytest.raises(TransitionRefused):
        aps.apply_action(uow_factory(), sheet_id, Action.CONFIRM_SECOND, user="u")
    aps.reopen(uow_factory(), sheet_id, Stage.DRAFT, user="u", reason="ウェイト修正")
    sheet = aps.get_sheet(uow_factory(), sheet_id)
    aps.save_sheet(
        uow_factory(), replace(sheet, items=(replace(sheet.items[0], weight=70), *sheet.items[1:]))
    )
    for action in (Action.SUBMIT_SELF, Action.CONFIRM_FIRST, Action.FINALIZE):
        aps.apply_action(uow_factory(), sheet_id, action, user="u")
    assert aps.get_sheet(uow_factory(), sheet_id).stage is Stage.FINAL


def test_rules_frozen_once_a_sheet_is_final(uow_factory, org):
    period, _, sheet_id = started(uow_factory, org, second=False)
    sheet = aps.get_sheet(uow_factory(), sheet_id)
    aps.save_sheet(uow_factory(), replace(sheet, items=items(first=4)))
    for action in (Action.SUBMIT_SELF, Action.CONFIRM_FIRST, Action.FINALIZE):
        aps.apply_action(uow_factory(), sheet_id, action, user="u")
    aps.update_period(uow_factory(), replace(period, name="2025年度 上期"))  # rename is fine
    with pytest.raises(PeriodHasFinalSheets):
        aps.update_period(
            uow_factory(),
            replace(period, rules=ScoringRules(performance_weight=50, process_weight=50)),
        )


def test_kpi_linked_goal_takes_achievement_over_the_period(uow_factory, org):
    """Annual target 12 (SUM) spreads over the fiscal year: 1 a month; 6 months, actual 9 →
    achievement 9/6 = 150 % → score 5 by the default bands."""
    kpi = services.save_kpi(
        uow_factory(),
        Kpi(
            0,
            org["general"].id,
            "改善提案件数",
            "件",
            Direction.HIGHER,
            Aggregation.SUM,
            annual_target=12,
            rationale="改善が業務を軽くする",
        ),
    )
    months = period_months(H1)
    assert months[0] == YearMonth(2025, 4) and len(months) == 6
    services.apply_edits(
        uow_factory(),
        [
            CellEdit(kpi.id, m, Series.ACTUAL, v)
            for m, v in zip(months, (1, 2, 1, 2, 1, 2), strict=True)
        ],
        user="t",
    )
    period, _, sheet_id = started(uow_factory, org)
    sheet = aps.get_sheet(uow_factory(), sheet_id)
    aps.save_sheet(
        uow_factory(),
        replace(
            sheet,
            items=(
                AppraisalItem(
                    0,
                    Block.PERFORMANCE,
                    "改善提案を出す",
                    weight=100,
                    kpi_id=kpi.id,
                    score_from_kpi=True,
                ),
            ),
        ),
    )
    (report,) = build_reports(uow_factory(), period.id, employee_no="1002")
    trend = report.items[0].trend
    assert trend is not None
    assert trend.actuals == (1, 2, 1, 2, 1, 2)
    assert trend.targets == (1, 1, 1, 1, 1, 1)
    assert trend.actual == 9
    assert trend.achievement == pytest.approx(1.5)
    assert report.items[0].proposed == 5
    assert (report.score.points, report.score.grade) == (100.0, "S")
    overview = period_overview(uow_factory(), period.id)
    assert [(r.employee_no, r.grade) for r in overview.rows] == [("1001", None), ("1002", "S")]
    assert dict(overview.distribution)["S"] == 1
    assert overview.unscored == 1
