"""Column descriptions of the sheet editor's tables: 評価項目 (per block), 加点・減点, 面談記録."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication

from domain.appraisal_errors import Part
from domain.appraisal_model import (
    Adjustment,
    AdjustmentKind,
    AppraisalItem,
    Block,
    Interview,
    InterviewKind,
    ScoringRules,
)
from domain.appraisal_report import KpiTrend
from domain.parsing import parse_value
from domain.scoring import score_from_achievement, score_in_scale
from ui.appraisal_labels import adjustment_label, interview_label


def tr(text: str) -> str:
    return QCoreApplication.translate("AppraisalColumns", text)


def number(text: str, *, allow_blank: bool) -> float | None:
    """A number typed by a person (全角, 1,234, 40% as 40); ValueError when unreadable."""
    cleaned = text.strip().rstrip("%％").strip()
    if not cleaned:
        if allow_blank:
            return None
        raise ValueError(text)
    try:
        value = parse_value(cleaned)
    except Exception as exc:  # the parser's typed problems: refuse the edit
        raise ValueError(text) from exc
    if value is None:
        if allow_blank:
            return None
        raise ValueError(text)
    return value


def fmt(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return ""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def item_columns(
    block: Block,
    rules: Callable[[], ScoringRules],
    kpi_names: Callable[[], Mapping[int, str]],
    trends: Callable[[], Mapping[int, KpiTrend]],
) -> list:
    """Columns of one block's items. Scores must lie on the period's scale."""
    from ui.appraisal_table_model import ColumnSpec

    def score_column(title: str, attr: str, part: Part) -> ColumnSpec[AppraisalItem]:
        def edit(item: AppraisalItem, text: str) -> AppraisalItem:
            value = number(text, allow_blank=True)
            if not score_in_scale(value, rules()):
                raise ValueError(text)
            return replace(item, **{attr: value})

        return ColumnSpec(title, lambda i: fmt(getattr(i, attr)), part, edit, align_right=True)

    def text_column(title: str, attr: str, part: Part) -> ColumnSpec[AppraisalItem]:
        return ColumnSpec(
            title,
            lambda i: getattr(i, attr),
            part,
            lambda i, t: replace(i, **{attr: t.strip()}),
            tooltip=lambda i: getattr(i, attr),
        )

    def weight(item: AppraisalItem, text: str) -> AppraisalItem:
        value = number(text, allow_blank=False)
        if value is None or value < 0:
            raise ValueError(text)
        return replace(item, weight=value)

    def difficulty(item: AppraisalItem, text: str) -> AppraisalItem:
        value = number(text, allow_blank=False)
        if value is None or value <= 0:
            raise ValueError(text)
        return replace(item, difficulty=value)

    def kpi_text(item: AppraisalItem) -> str:
        if item.kpi_id is None:
            return ""
        trend = trends().get(item.kpi_id)
        name = kpi_names().get(item.kpi_id, "")
        if trend is None or trend.achievement is None:
            return name
        proposed = score_from_achievement(trend.achievement, rules().achievement_bands)
        return tr("{0}（達成率 {1:.0f}%・提案 {2}）").format(
            name, trend.achievement * 100, fmt(proposed)
        )

    goal_title = tr("目標") if block is Block.PERFORMANCE else tr("評価項目")
    criteria_title = tr("達成基準") if block is Block.PERFORMANCE else tr("評価基準（行動の目安）")
    columns: list[ColumnSpec[AppraisalItem]] = [
        text_column(goal_title, "goal", Part.GOALS),
        text_column(criteria_title, "criteria", Part.GOALS),
        ColumnSpec(tr("ウェイト%"), lambda i: fmt(i.weight), Part.GOALS, weight, align_right=True),
    ]
    if block is Block.PERFORMANCE:
        columns.append(
            ColumnSpec(
                tr("難易度"),
                lambda i: fmt(i.difficulty, 2),
                Part.GOALS,
                difficulty,
                align_right=True,
            )
        )
    columns += [
        score_column(tr("本人"), "self_score", Part.SELF),
        score_column(tr("一次"), "first_score", Part.FIRST),
        score_column(tr("二次"), "second_score", Part.SECOND),
    ]
    if block is Block.PERFORMANCE:
        columns += [
            ColumnSpec(tr("関連KPI"), kpi_text, Part.GOALS, None, tooltip=kpi_text),
            ColumnSpec(
                tr("KPIで採点"),
                lambda i: "",
                Part.GOALS,
                check=lambda i: i.score_from_kpi,
                set_check=lambda i, c: replace(i, score_from_kpi=c),
            ),
            text_column(tr("実績・結果"), "result", Part.SELF),
        ]
    columns += [
        text_column(tr("本人コメント"), "self_comment", Part.SELF),
        text_column(tr("一次コメント"), "first_comment", Part.FIRST),
        text_column(tr("二次コメント"), "second_comment", Part.SECOND),
    ]
    return columns


def adjustment_columns() -> list:
    from ui.appraisal_table_model import ColumnSpec

    def kind(a: Adjustment, text: str) -> Adjustment:
        for k in AdjustmentKind:
            if text.strip() in (adjustment_label(k), k.value):
                return replace(a, kind=k)
        raise ValueError(text)

    def points(a: Adjustment, text: str) -> Adjustment:
        value = number(text, allow_blank=False)
        if value is None or value < 0:
            raise ValueError(text)
        return replace(a, points=value)

    return [
        ColumnSpec(
            tr("区分（加点／減点）"), lambda a: adjustment_label(a.kind), Part.ADJUSTMENTS, kind
        ),
        ColumnSpec(tr("点数"), lambda a: fmt(a.points), Part.ADJUSTMENTS, points, align_right=True),
        ColumnSpec(
            tr("理由"),
            lambda a: a.reason,
            Part.ADJUSTMENTS,
            lambda a, t: replace(a, reason=t.strip()),
        ),
    ]


def interview_columns() -> list:
    from ui.appraisal_table_model import ColumnSpec

    def kind(v: Interview, text: str) -> Interview:
        for k in InterviewKind:
            if text.strip() in (interview_label(k), k.value):
                return replace(v, kind=k)
        raise ValueError(text)

    def held(v: Interview, text: str) -> Interview:
        cleaned = text.strip().replace("/", "-")
        if not cleaned:
            return replace(v, held_on=None)
        return replace(v, held_on=date.fromisoformat(cleaned))

    return [
        ColumnSpec(
            tr("区分（期首／中間／期末）"), lambda v: interview_label(v.kind), Part.INTERVIEWS, kind
        ),
        ColumnSpec(
            tr("実施日"),
            lambda v: v.held_on.isoformat() if v.held_on else "",
            Part.INTERVIEWS,
            held,
        ),
        ColumnSpec(
            tr("要旨"),
            lambda v: v.summary,
            Part.INTERVIEWS,
            lambda v, t: replace(v, summary=t.strip()),
            tooltip=lambda v: v.summary,
        ),
        ColumnSpec(
            tr("合意事項"),
            lambda v: v.agreements,
            Part.INTERVIEWS,
            lambda v, t: replace(v, agreements=t.strip()),
            tooltip=lambda v: v.agreements,
        ),
    ]
