"""The demo company's reviews (振り返り) with open actions, and OKRs with check-ins, so the demo's
dashboard shows every panel filled. Dates follow the demo's last month with values; written in the
demo's transaction by domain.seed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from domain.fiscal import YearMonth, fiscal_year_of, quarter_of
from domain.model import Objective, ObjectiveLevel
from domain.okr import CheckIn, KeyResult
from domain.ports import UnitOfWork
from domain.review import Review, ReviewAction, ReviewScope, period_start

GENERAL_AFFAIRS = "総務部"
HR = "人事部"
IT = "情報システム部"


def _day(month: YearMonth, day: int) -> date:
    return date(month.year, month.month, day)


def seed_reviews_and_okrs(
    uow: UnitOfWork,
    *,
    department_ids: Mapping[str, int],
    member_ids: Mapping[str, int],
    last_month: YearMonth,
    fiscal_year_start: int,
    user: str = "demo",
) -> None:
    """Two reviews (one monthly, one quarterly) and two OKRs of the current quarter."""
    meeting = _day(last_month.add(1), 8)
    ga, hr, it = (department_ids.get(n) for n in (GENERAL_AFFAIRS, HR, IT))
    if ga is not None:
        uow.reviews.add(
            Review(
                0,
                ga,
                meeting,
                ReviewScope.MONTHLY,
                last_month,
                participants="佐藤 健一、鈴木 美咲",
                notes="備品補充の遅延は2件。どちらも年度末前の発注集中と同じ業者の納期遅れ。"
                "問い合わせ対応の丁寧さはFAQ公開後も高い水準を保っている。",
                decisions="発注点を見直し、トナーとコピー用紙は2週間分を常に持つ。",
                actions=(
                    ReviewAction(
                        0,
                        "主要備品の発注点一覧を作り、在庫表に反映する",
                        member_ids.get("E0002"),
                        meeting + timedelta(days=20),
                    ),
                    ReviewAction(
                        0,
                        "納期遅れが続く業者と代替業者の見積もりを比較する",
                        member_ids.get("E0001"),
                        meeting + timedelta(days=35),
                    ),
                    ReviewAction(
                        0,
                        "先月の遅延2件の原因を部内で共有する",
                        member_ids.get("E0002"),
                        meeting - timedelta(days=3),
                        True,
                        meeting - timedelta(days=4),
                    ),
                ),
            )
        )
    quarter_first = period_start(ReviewScope.QUARTERLY, last_month, fiscal_year_start)
    previous_quarter = period_start(ReviewScope.QUARTERLY, quarter_first.add(-1), fiscal_year_start)
    if hr is not None:
        held = _day(quarter_first, 12)
        uow.reviews.add(
            Review(
                0,
                hr,
                held,
                ReviewScope.QUARTERLY,
                previous_quarter,
                participants="高橋 直樹、田中 由紀",
                notes="採用人数は計画どおり。ただし採用後1年以内の離職率が目標の10%を上回ったまま。"
                "面接から内定までの日数は改善傾向。",
                decisions="入社3か月・6か月の面談を全員に実施する。",
                actions=(
                    ReviewAction(
                        0,
                        "入社3か月面談の進め方と質問票を作る",
                        member_ids.get("E0004"),
                        held + timedelta(days=21),
                    ),
                    ReviewAction(
                        0,
                        "退職者アンケートの結果を部門長会議で報告する",
                        member_ids.get("E0003"),
                        held + timedelta(days=45),
                    ),
                ),
            )
        )
    year = fiscal_year_of(last_month, fiscal_year_start)
    quarter = quarter_of(last_month.add(1), fiscal_year_start)
    if fiscal_year_of(last_month.add(1), fiscal_year_start) != year:
        quarter = 4
    okrs = (
        (
            ga,
            "部門の戦略的価値を高める",
            (
                ("社内満足度アンケートで「満足」80%以上", 65.0, 80.0, "%", 2.0, (71.0, 6)),
                ("よくある質問をFAQとして40本公開する", 0.0, 40.0, "本", 1.0, (26.0, 8)),
            ),
        ),
        (
            it,
            "社員がITの困りごとを自分で解決できる会社にする",
            (
                ("ヘルプデスク自己解決率45%", 38.0, 45.0, "%", 2.0, (40.0, 5)),
                ("IT勉強会を3回開催し、延べ60人が参加する", 0.0, 60.0, "人", 1.0, (22.0, 7)),
                ("パスワード再設定をセルフサービス化する", 0.0, 1.0, "件", 1.0, (0.0, 4)),
            ),
        ),
    )
    for order, (department_id, title, key_results) in enumerate(okrs):
        if department_id is None:
            continue
        objective = uow.objectives.add(
            Objective(
                0,
                title,
                ObjectiveLevel.OKR,
                department_id=department_id,
                fiscal_year=year,
                quarter=quarter,
                sort_order=100 + order,
            )
        )
        for kr_order, (kr_title, start, target, unit, weight, latest) in enumerate(key_results):
            kr = uow.okrs.add_key_result(
                KeyResult(0, objective.id, kr_title, start, target, unit, weight, kr_order)
            )
            value, confidence = latest
            midway = start + (value - start) / 2
            uow.okrs.add_check_in(
                CheckIn(
                    0, kr.id, meeting - timedelta(days=14), midway, max(0, confidence - 1), "", user
                )
            )
            uow.okrs.add_check_in(CheckIn(0, kr.id, meeting, value, confidence, "", user))
