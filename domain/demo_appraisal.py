"""Demo appraisal period (評価期間) with a sheet per demo member at several workflow stages.

Pure data like domain.demo: the period is the latest half year (上期/下期) that ended before
``today``'s last finished month, so its KPIs have values. Goals are linked to the KPIs each member
owns; KPIs are referred to by name and members by employee number (the seed assigns ids).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from domain.appraisal_model import (
    Action,
    Adjustment,
    AdjustmentKind,
    AppraisalItem,
    AppraisalPeriod,
    Block,
    Interview,
    InterviewKind,
    ScoringRules,
    Stage,
    stage_index,
)
from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of
from domain.model import Direction

SCALE_LABELS = ("大きく下回る", "やや下回る", "期待どおり", "上回る", "大きく上回る")


@dataclass(frozen=True, slots=True)
class DemoSheet:
    employee_no: str
    first_no: str | None
    second_no: str | None
    stage: Stage
    items: tuple[AppraisalItem, ...]
    kpi_names: tuple[str | None, ...]  # per item: the linked KPI's name
    adjustments: tuple[Adjustment, ...]
    interviews: tuple[Interview, ...]
    self_comment: str
    first_comment: str
    second_comment: str
    history: tuple[tuple[Action, Stage, Stage, datetime], ...]


@dataclass(frozen=True, slots=True)
class DemoAppraisals:
    period: AppraisalPeriod
    sheets: tuple[DemoSheet, ...]


# employee no → (一次, 二次, stage)
_PLAN: dict[str, tuple[str | None, str | None, Stage]] = {
    "E0002": ("E0001", None, Stage.FINAL),
    "E0004": ("E0003", "E0001", Stage.SECOND_DONE),
    "E0006": ("E0005", "E0001", Stage.FIRST_DONE),
    "E0008": ("E0007", "E0005", Stage.SELF_DONE),
    "E0010": ("E0009", "E0005", Stage.DRAFT),
    "E0003": ("E0001", "E0005", Stage.FINAL),
    "E0005": ("E0001", None, Stage.FIRST_DONE),
    "E0007": ("E0005", "E0001", Stage.SELF_DONE),
    "E0009": ("E0005", "E0001", Stage.FINAL),
    "E0001": ("E0005", None, Stage.DRAFT),
}

_PROCESS = (
    (
        "協調性・チームワーク",
        "他部門と情報を共有し、依頼に期限内で応える",
        (
            "自部門の都合を優先し、依頼への対応が遅れる",
            "依頼には応えるが、情報共有が不足しがち",
            "期限内に応え、必要な情報を共有している",
            "相手の状況を先回りして支援している",
            "部門を越えた協力体制をつくり、周囲の模範となっている",
        ),
    ),
    (
        "責任感・正確性",
        "担当業務をミスなく、最後までやり遂げる",
        (
            "ミスや抜け漏れが多く、フォローが必要",
            "ときどき確認漏れがある",
            "担当業務を正確にやり遂げている",
            "再発防止の仕組みまで整えている",
            "部門全体の品質向上を主導している",
        ),
    ),
    (
        "改善・チャレンジ",
        "業務のムダを見つけ、改善を提案・実行する",
        (
            "指示された業務のみ行う",
            "改善の意見は出すが、実行に至らない",
            "自分の業務の改善を提案し、実行している",
            "部門の業務改善を提案し、実行している",
            "全社に広がる改善を実現している",
        ),
    ),
)

_GENERIC_GOAL = {
    "総務部": ("備品管理台帳を電子化し、棚卸し時間を半減する", "9月末までに全拠点で運用開始"),
    "人事部": ("入社3か月面談の仕組みをつくる", "対象者全員に面談を実施し記録を残す"),
    "経理財務部": ("経費処理の効率化施策を3つ提案し、実行する", "3施策を実行し、処理時間を20%短縮"),
    "法務部": ("契約書ひな形を整備する", "主要5類型のひな形と解説を公開"),
    "情報システム部": ("社内FAQを改訂し、検索しやすくする", "FAQ 50項目を改訂・公開"),
}

_LONG_COMMENT = (
    "期初に立てた三つの目標のうち、二つは計画を上回るペースで進めることができた。"
    "特に、問い合わせ対応では回答テンプレートを整備し、他部門からの再問い合わせが目に見えて減った。"
    "一方で、台帳の電子化は拠点ごとの運用ルールの違いに想定以上の時間がかかり、"
    "九月末時点で一部の拠点が未完了となった。原因は、事前のヒアリング不足と、"
    "現場の繁忙期を考慮しないスケジュールにあったと考えている。下期は、各拠点の担当者と"
    "月一回の定例を設け、進捗と課題を共有しながら進めたい。また、後輩への引き継ぎ資料を"
    "整備し、担当者が不在でも業務が止まらない体制をつくることを次の目標としたい。"
)


def demo_period(today: date, fiscal_year_start: int) -> AppraisalPeriod:
    """The latest half year that ended before ``today``'s last finished month."""
    last = YearMonth(today.year, today.month).add(-1)
    year = fiscal_year_of(last, fiscal_year_start)
    candidates = []
    for fy in (year - 1, year):
        months = fiscal_months(fy, fiscal_year_start)
        candidates += [(fy, "上期", months[0], months[5]), (fy, "下期", months[6], months[11])]
    fy, half, first, end = [c for c in candidates if c[3] <= last][-1]
    after = end.add(1)
    return AppraisalPeriod(
        0,
        f"{fy}年度{half}",
        date(first.year, first.month, 1),
        date(after.year, after.month, 1) - timedelta(days=1),
        ScoringRules(scale_labels=SCALE_LABELS),
    )


def _criteria(
    kpi_name: str,
    direction: Direction,
    target: float | None,
    unit: str,
    band: tuple[float | None, float | None],
) -> str:
    if direction is Direction.RANGE and band[0] is not None and band[1] is not None:
        return f"{kpi_name}を{band[0]:g}〜{band[1]:g}{unit}に保つ"
    if target is None:
        return f"{kpi_name}の目標を達成する"
    word = "以下" if direction is Direction.LOWER else "以上"
    return f"{kpi_name} {target:g}{unit}{word}"


def build_demo_appraisals(
    today: date,
    fiscal_year_start: int,
    members: tuple[tuple[str, str, str], ...],
    kpis: tuple[
        tuple[str, str | None, Direction, float | None, str, tuple[float | None, float | None]], ...
    ],
    *,
    seed: int = 11,
) -> DemoAppraisals:
    """Sheets for ``members`` ((employee no, name, department), …) using the KPIs they own
    ((name, owner no, direction, target, unit, band), …)."""
    rng = random.Random(seed)
    period = demo_period(today, fiscal_year_start)
    end = datetime.combine(period.end, time(10, 0))
    sheets = []
    for number, (employee_no, _name, department) in enumerate(members):
        first_no, second_no, stage = _PLAN.get(employee_no, (None, None, Stage.DRAFT))
        owned = [k for k in kpis if k[1] == employee_no][:2]
        reached = stage_index(stage)
        self_done = reached >= stage_index(Stage.SELF_DONE)
        first_done = reached >= stage_index(Stage.FIRST_DONE)
        second_done = reached >= stage_index(Stage.SECOND_DONE) and second_no is not None
        weights = {0: (100,), 1: (60, 40), 2: (40, 30, 30)}[len(owned)]
        items: list[AppraisalItem] = []
        names: list[str | None] = []

        def scores(
            base: int, done: tuple[bool, bool, bool] = (self_done, first_done, second_done)
        ) -> dict[str, float | None]:
            first = max(1, min(5, base + rng.choice((0, 0, 1, -1))))
            own = float(max(1, min(5, first + rng.choice((0, 1)))))
            second = float(max(1, min(5, first + rng.choice((0, 0, 1)))))
            return {
                "self_score": own if done[0] else None,
                "first_score": float(first) if done[1] else None,
                "second_score": second if done[2] else None,
            }

        for index, (kpi_name, _owner, direction, target, unit, band) in enumerate(owned):
            from_kpi = index == 0 and target != 0  # a zero target is met / not met
            values = scores(rng.choice((3, 4)))
            if from_kpi:
                values["first_score"] = None  # the KPI's achievement proposes the score
                values["second_score"] = None
            items.append(
                AppraisalItem(
                    0,
                    Block.PERFORMANCE,
                    f"{kpi_name}の改善",
                    criteria=_criteria(kpi_name, direction, target, unit, band),
                    weight=weights[index],
                    difficulty=(1.0, 1.2)[index % 2],
                    score_from_kpi=from_kpi,
                    result="月次で進捗を確認し、遅れた月は原因を振り返った" if self_done else "",
                    self_comment="計画どおり取り組めた" if self_done else "",
                    **values,
                )
            )
            names.append(kpi_name)
        goal, criteria = _GENERIC_GOAL[department]
        items.append(
            AppraisalItem(
                0,
                Block.PERFORMANCE,
                goal,
                criteria=criteria,
                weight=weights[-1],
                difficulty=0.8 if number % 3 == 0 else 1.0,
                result="施策を実施し、効果を測定中" if self_done else "",
                first_comment="着実に進めている" if first_done else "",
                **scores(rng.choice((3, 4, 5))),
            )
        )
        names.append(None)
        for (title, criteria_text, levels), weight in zip(_PROCESS, (40, 30, 30), strict=True):
            items.append(
                AppraisalItem(
                    0,
                    Block.PROCESS,
                    title,
                    criteria=criteria_text,
                    weight=weight,
                    level_descriptions=levels,
                    **scores(rng.choice((3, 3, 4))),
                )
            )
            names.append(None)
        adjustments: list[Adjustment] = []
        if first_done and number % 2 == 0:
            adjustments.append(
                Adjustment(0, AdjustmentKind.BONUS, 3, "改善提案（経費精算の手順書を作成）")
            )
        if first_done and number % 3 == 0:
            adjustments.append(Adjustment(0, AdjustmentKind.BONUS, 2, "資格取得（衛生管理者）"))
        interviews = [
            Interview(
                0,
                InterviewKind.START,
                period.start + timedelta(days=9),
                "期の目標とウェイトを確認した",
                "目標3件・ウェイトで合意",
            )
        ]
        if number % 4 != 3:
            interviews.append(
                Interview(
                    0,
                    InterviewKind.MID,
                    period.start + timedelta(days=95),
                    "進捗を確認。KPIの遅れについて対策を話し合った",
                    "下期に向けて手順書を整える",
                )
            )
        if stage is Stage.FINAL:
            interviews.append(
                Interview(
                    0,
                    InterviewKind.END,
                    period.end + timedelta(days=20),
                    "評価結果を伝え、次期の期待を共有した",
                    "次期は後輩の育成を目標に加える",
                )
            )
        history: list[tuple[Action, Stage, Stage, datetime]] = []
        steps = [
            (Action.SUBMIT_SELF, Stage.DRAFT, Stage.SELF_DONE),
            (Action.CONFIRM_FIRST, Stage.SELF_DONE, Stage.FIRST_DONE),
        ]
        if second_no is not None:
            steps.append((Action.CONFIRM_SECOND, Stage.FIRST_DONE, Stage.SECOND_DONE))
        steps.append((Action.FINALIZE, steps[-1][2], Stage.FINAL))
        for day, (action, before, after) in enumerate(steps, start=1):
            if stage_index(after) <= reached:
                history.append((action, before, after, end + timedelta(days=3 * day)))
        sheets.append(
            DemoSheet(
                employee_no=employee_no,
                first_no=first_no,
                second_no=second_no,
                stage=stage,
                items=tuple(items),
                kpi_names=tuple(names),
                adjustments=tuple(adjustments),
                interviews=tuple(interviews),
                self_comment=(
                    _LONG_COMMENT
                    if employee_no == "E0002"
                    else "目標の多くを達成できた。下期は改善の幅を広げたい。"
                )
                if self_done
                else "",
                first_comment="数字で成果を示し、周囲との連携もよかった。次期は後輩の育成にも期待する。"
                if first_done
                else "",
                second_comment="一次評価を妥当と判断する。" if second_done else "",
                history=tuple(history),
            )
        )
    return DemoAppraisals(period, tuple(sheets))
