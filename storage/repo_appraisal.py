"""Repository of the appraisal feature over SQLAlchemy Core: rows in, domain values out.

A sheet is read and written as one aggregate (header, items, 加点・減点, 面談記録, workflow log).
A period's sheets are read with one query per table, not one per sheet.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from domain.appraisal_errors import DuplicatePeriodName
from domain.appraisal_model import (
    AchievementBand,
    Action,
    Adjustment,
    AdjustmentKind,
    Appraisal,
    AppraisalEvent,
    AppraisalItem,
    AppraisalPeriod,
    Block,
    GradeBand,
    Interview,
    InterviewKind,
    ScoringRules,
    Stage,
)
from domain.errors import NotFound
from storage.orm_appraisal import (
    AppraisalAdjustmentRow,
    AppraisalEventRow,
    AppraisalInterviewRow,
    AppraisalItemRow,
    AppraisalPeriodRow,
    AppraisalRow,
)

period_t = AppraisalPeriodRow.__table__
sheet_t = AppraisalRow.__table__
item_t = AppraisalItemRow.__table__
adjustment_t = AppraisalAdjustmentRow.__table__
interview_t = AppraisalInterviewRow.__table__
event_t = AppraisalEventRow.__table__

_CHUNK = 900


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _bound(value: float) -> float | None:
    """JSON has no infinity: the open lower bound ("else D") is stored as null."""
    return None if math.isinf(value) else value


def _unbound(value: float | None) -> float:
    return -math.inf if value is None else float(value)


def _rules_values(rules: ScoringRules) -> dict[str, Any]:
    return {
        "scale_min": rules.scale_min,
        "scale_max": rules.scale_max,
        "scale_labels": json.dumps(list(rules.scale_labels), ensure_ascii=False),
        "performance_weight": rules.performance_weight,
        "process_weight": rules.process_weight,
        "grade_bands": json.dumps(
            [[b.grade, _bound(b.min_points)] for b in rules.grade_bands], ensure_ascii=False
        ),
        "achievement_bands": json.dumps(
            [[_bound(b.min_ratio), b.score] for b in rules.achievement_bands]
        ),
        "self_counts": rules.self_counts,
    }


def _period(row: Any) -> AppraisalPeriod:
    rules = ScoringRules(
        scale_min=row.scale_min,
        scale_max=row.scale_max,
        scale_labels=tuple(json.loads(row.scale_labels or "[]")),
        performance_weight=row.performance_weight,
        process_weight=row.process_weight,
        grade_bands=tuple(GradeBand(g, _unbound(p)) for g, p in json.loads(row.grade_bands)),
        achievement_bands=tuple(
            AchievementBand(_unbound(r), float(s)) for r, s in json.loads(row.achievement_bands)
        ),
        self_counts=bool(row.self_counts),
    )
    return AppraisalPeriod(row.id, row.name, row.start_date, row.end_date, rules)


def _item(row: Any) -> AppraisalItem:
    return AppraisalItem(
        id=row.id,
        block=Block(row.block),
        goal=row.goal,
        criteria=row.criteria,
        weight=row.weight,
        difficulty=row.difficulty,
        kpi_id=row.kpi_id,
        score_from_kpi=bool(row.score_from_kpi),
        result=row.result,
        level_descriptions=tuple(json.loads(row.level_descriptions or "[]")),
        self_score=row.self_score,
        self_comment=row.self_comment,
        first_score=row.first_score,
        first_comment=row.first_comment,
        second_score=row.second_score,
        second_comment=row.second_comment,
    )


def _item_values(item: AppraisalItem, order: int) -> dict[str, Any]:
    return {
        "sort_order": order,
        "block": item.block.value,
        "goal": item.goal,
        "criteria": item.criteria,
        "weight": item.weight,
        "difficulty": item.difficulty,
        "kpi_id": item.kpi_id,
        "score_from_kpi": item.score_from_kpi,
        "result": item.result,
        "level_descriptions": json.dumps(list(item.level_descriptions), ensure_ascii=False),
        "self_score": item.self_score,
        "self_comment": item.self_comment,
        "first_score": item.first_score,
        "first_comment": item.first_comment,
        "second_score": item.second_score,
        "second_comment": item.second_comment,
    }


class AppraisalRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    # --- periods ------------------------------------------------------------------------------
    def list_periods(self) -> list[AppraisalPeriod]:
        """Most recent first (by start date)."""
        rows = self._c.execute(
            select(period_t).order_by(period_t.c.start_date.desc(), period_t.c.id.desc())
        )
        return [_period(r) for r in rows]

    def get_period(self, period_id: int) -> AppraisalPeriod:
        row = self._c.execute(select(period_t).where(period_t.c.id == period_id)).first()
        if row is None:
            raise NotFound("appraisal_period", period_id)
        return _period(row)

    def period_by_name(self, name: str) -> AppraisalPeriod | None:
        row = self._c.execute(select(period_t).where(period_t.c.name == name)).first()
        return None if row is None else _period(row)

    def _period_values(self, period: AppraisalPeriod) -> dict[str, Any]:
        return {
            "name": period.name,
            "start_date": period.start,
            "end_date": period.end,
            **_rules_values(period.rules),
        }

    def add_period(self, period: AppraisalPeriod) -> AppraisalPeriod:
        try:
            with self._c.begin_nested():
                new_id = self._c.execute(
                    insert(period_t).values(**self._period_values(period))
                ).inserted_primary_key[0]
        except IntegrityError as exc:
            raise DuplicatePeriodName(period.name) from exc
        return self.get_period(new_id)

    def update_period(self, period: AppraisalPeriod) -> None:
        try:
            with self._c.begin_nested():
                self._c.execute(
                    update(period_t)
                    .where(period_t.c.id == period.id)
                    .values(**self._period_values(period))
                )
        except IntegrityError as exc:
            raise DuplicatePeriodName(period.name) from exc

    def delete_period(self, period_id: int) -> None:
        self._c.execute(delete(period_t).where(period_t.c.id == period_id))

    # --- sheets -------------------------------------------------------------------------------
    def list_sheets(self, period_id: int) -> list[Appraisal]:
        rows = self._c.execute(
            select(sheet_t).where(sheet_t.c.period_id == period_id).order_by(sheet_t.c.id)
        ).all()
        return self._assemble(rows)

    def get_sheet(self, appraisal_id: int) -> Appraisal:
        row = self._c.execute(select(sheet_t).where(sheet_t.c.id == appraisal_id)).first()
        if row is None:
            raise NotFound("appraisal", appraisal_id)
        return self._assemble([row])[0]

    def find_sheet(self, period_id: int, member_id: int) -> Appraisal | None:
        row = self._c.execute(
            select(sheet_t).where(
                sheet_t.c.period_id == period_id, sheet_t.c.member_id == member_id
            )
        ).first()
        return None if row is None else self._assemble([row])[0]

    def count_final(self, period_id: int) -> int:
        return int(
            self._c.execute(
                select(func.count())
                .select_from(sheet_t)
                .where(sheet_t.c.period_id == period_id, sheet_t.c.stage == Stage.FINAL.value)
            ).scalar_one()
        )

    def _children(self, table: Any, ids: Sequence[int], order: Any) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = defaultdict(list)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows = self._c.execute(
                select(table).where(table.c.appraisal_id.in_(chunk)).order_by(*order)
            )
            for r in rows:
                found[r.appraisal_id].append(r)
        return found

    def _assemble(self, rows: Sequence[Any]) -> list[Appraisal]:
        ids = [r.id for r in rows]
        items = self._children(item_t, ids, (item_t.c.sort_order, item_t.c.id))
        adjustments = self._children(
            adjustment_t, ids, (adjustment_t.c.sort_order, adjustment_t.c.id)
        )
        interviews = self._children(interview_t, ids, (interview_t.c.sort_order, interview_t.c.id))
        events = self._children(event_t, ids, (event_t.c.id,))
        return [
            Appraisal(
                id=r.id,
                period_id=r.period_id,
                member_id=r.member_id,
                first_evaluator_id=r.first_evaluator_id,
                second_evaluator_id=r.second_evaluator_id,
                stage=Stage(r.stage),
                self_comment=r.self_comment,
                first_comment=r.first_comment,
                second_comment=r.second_comment,
                items=tuple(_item(i) for i in items.get(r.id, [])),
                adjustments=tuple(
                    Adjustment(a.id, AdjustmentKind(a.kind), a.points, a.reason)
                    for a in adjustments.get(r.id, [])
                ),
                interviews=tuple(
                    Interview(v.id, InterviewKind(v.kind), v.held_on, v.summary, v.agreements)
                    for v in interviews.get(r.id, [])
                ),
                events=tuple(
                    AppraisalEvent(
                        e.id,
                        Action(e.action),
                        Stage(e.from_stage),
                        Stage(e.to_stage),
                        e.user,
                        e.at,
                        e.reason,
                    )
                    for e in events.get(r.id, [])
                ),
            )
            for r in rows
        ]

    def _header_values(self, sheet: Appraisal) -> dict[str, Any]:
        return {
            "period_id": sheet.period_id,
            "member_id": sheet.member_id,
            "first_evaluator_id": sheet.first_evaluator_id,
            "second_evaluator_id": sheet.second_evaluator_id,
            "stage": sheet.stage.value,
            "self_comment": sheet.self_comment,
            "first_comment": sheet.first_comment,
            "second_comment": sheet.second_comment,
            "updated_at": _now(),
        }

    def add_sheet(self, sheet: Appraisal) -> Appraisal:
        new_id = self._c.execute(
            insert(sheet_t).values(**self._header_values(sheet))
        ).inserted_primary_key[0]
        self._write_children(new_id, sheet, existing_items=())
        return self.get_sheet(new_id)

    def save_sheet(self, sheet: Appraisal) -> Appraisal:
        """Write header and children: items keep their ids (updated, inserted when id is 0,
        deleted when gone); 加点・減点 and 面談記録 are rewritten. The event log is not touched."""
        self._c.execute(
            update(sheet_t).where(sheet_t.c.id == sheet.id).values(**self._header_values(sheet))
        )
        existing = (
            self._c.execute(select(item_t.c.id).where(item_t.c.appraisal_id == sheet.id))
            .scalars()
            .all()
        )
        self._write_children(sheet.id, sheet, existing_items=existing)
        return self.get_sheet(sheet.id)

    def _write_children(
        self, appraisal_id: int, sheet: Appraisal, *, existing_items: Sequence[int]
    ) -> None:
        keep = {i.id for i in sheet.items if i.id}
        gone = [i for i in existing_items if i not in keep]
        if gone:
            self._c.execute(delete(item_t).where(item_t.c.id.in_(gone)))
        new_rows = []
        for order, item in enumerate(sheet.items):
            values = _item_values(item, order)
            if item.id and item.id in existing_items:
                self._c.execute(update(item_t).where(item_t.c.id == item.id).values(**values))
            else:
                new_rows.append({"appraisal_id": appraisal_id, **values})
        if new_rows:
            self._c.execute(insert(item_t), new_rows)
        self._c.execute(delete(adjustment_t).where(adjustment_t.c.appraisal_id == appraisal_id))
        adjustments = [
            {
                "appraisal_id": appraisal_id,
                "sort_order": order,
                "kind": a.kind.value,
                "points": a.points,
                "reason": a.reason,
            }
            for order, a in enumerate(sheet.adjustments)
        ]
        if adjustments:
            self._c.execute(insert(adjustment_t), adjustments)
        self._c.execute(delete(interview_t).where(interview_t.c.appraisal_id == appraisal_id))
        interviews = [
            {
                "appraisal_id": appraisal_id,
                "sort_order": order,
                "kind": v.kind.value,
                "held_on": v.held_on,
                "summary": v.summary,
                "agreements": v.agreements,
            }
            for order, v in enumerate(sheet.interviews)
        ]
        if interviews:
            self._c.execute(insert(interview_t), interviews)

    def set_stage(self, appraisal_id: int, stage: Stage) -> None:
        self._c.execute(
            update(sheet_t)
            .where(sheet_t.c.id == appraisal_id)
            .values(stage=stage.value, updated_at=_now())
        )

    def add_event(self, appraisal_id: int, event: AppraisalEvent) -> None:
        self._c.execute(
            insert(event_t).values(
                appraisal_id=appraisal_id,
                action=event.action.value,
                from_stage=event.from_stage.value,
                to_stage=event.to_stage.value,
                user=event.user,
                at=event.at,
                reason=event.reason,
            )
        )
