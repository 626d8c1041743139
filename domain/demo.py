"""Data of the demo company (デモ会社) behind ``main.py demo`` and the first-start "デモ会社を開く".

Pure data, no I/O: ``build_demo`` returns plain values that a service stores. Departments, KGIs,
goals, members and owners are referred to by name / title / employee number; the caller assigns ids.

Values cover two fiscal years: the previous one complete and the current one up to the last finished
month before ``today``. The "current" fiscal year is the one that month belongs to, so in April the
demo shows the fiscal year just closed plus the one before it. Values are drawn for all 24 months
before being cut at ``today``, so a month's value does not change as the calendar moves on. Each KPI
has a designed trend around its target so the dashboard shows all three statuses (達成・注意・未達).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

from domain.demo_appraisal import DemoAppraisals, build_demo_appraisals
from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of
from domain.model import LEVEL_COUNT, Aggregation, Direction, Kpi, KpiKind

FISCAL_YEAR_START = 4
COMPANY_NAME = "株式会社みえる商事"

KGI_PROFIT = "営業利益率10%を安定して達成できる、筋肉質な収益体質をつくる"
KGI_PEOPLE = "社員が安心して長く働ける会社をつくる（離職率5%以下）"

GENERAL_AFFAIRS = "総務部"
HR = "人事部"
ACCOUNTING = "経理財務部"
LEGAL = "法務部"
IT = "情報システム部"


@dataclass(frozen=True, slots=True)
class DemoMember:
    employee_no: str
    name: str
    department: str
    title: str  # 役職
    grade: str  # 等級


@dataclass(frozen=True, slots=True)
class DemoKpi:
    """A KPI of a demo department with its monthly values (実績), notes and step targets (目標)."""

    department: str
    kpi: Kpi
    objective: str | None
    owner_no: str | None
    actuals: dict[YearMonth, float]
    notes: dict[YearMonth, str]
    monthly_targets: dict[YearMonth, float]


@dataclass(frozen=True, slots=True)
class DemoDepartment:
    name: str
    mission: str
    kgi: str
    goals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DemoData:
    company_name: str
    fiscal_year_start: int
    kgis: tuple[str, ...]
    departments: tuple[DemoDepartment, ...]
    members: tuple[DemoMember, ...]
    kpis: tuple[DemoKpi, ...]
    appraisals: DemoAppraisals | None = None  # one 評価期間 (domain.demo_appraisal)


DEPARTMENTS = (
    DemoDepartment(
        GENERAL_AFFAIRS,
        "社員が本業に集中できるよう、安全で快適な職場と滞りのない庶務サービスを、"
        "適正なコストで提供する。",
        KGI_PEOPLE,
        ("社内からの依頼に速く確実に応える", "ペーパーレス化で事務コストと保管スペースを減らす"),
    ),
    DemoDepartment(
        HR,
        "事業に必要な人材を必要な時期に迎え入れ、一人ひとりが力を発揮して長く働ける仕組みをつくる。",
        KGI_PEOPLE,
        ("事業計画に必要な人材を計画どおり採用する", "入社した人が定着し、成長できる環境をつくる"),
    ),
    DemoDepartment(
        ACCOUNTING,
        "正確で速い決算と健全な資金管理によって、経営が数字にもとづいて素早く判断できるようにする。",
        KGI_PROFIT,
        (
            "月次決算を早め、経営が数字で素早く判断できるようにする",
            "経費処理の効率化施策を3つ提案し、実行する",
        ),
    ),
    DemoDepartment(
        LEGAL,
        "契約と法令のリスクを事前に見つけて小さくし、事業部門が安心してスピード感をもって動けるよう"
        "にする。",
        KGI_PROFIT,
        (
            "契約審査を速く確実にし、事業のスピードを落とさない",
            "法令改正の内容を社内に正しく伝える",
        ),
    ),
    DemoDepartment(
        IT,
        "安定して安全なIT環境を提供し、社員がITで困る時間を減らして業務の生産性を高める。",
        KGI_PROFIT,
        (
            "業務を止めない、安全なIT環境を維持する",
            "社員がITの困りごとを自分で解決できるようにする",
        ),
    ),
)

MEMBERS = (
    DemoMember("E0001", "佐藤 健一", GENERAL_AFFAIRS, "部長", "G5"),
    DemoMember("E0002", "鈴木 美咲", GENERAL_AFFAIRS, "主任", "G3"),
    DemoMember("E0003", "高橋 直樹", HR, "課長", "G4"),
    DemoMember("E0004", "田中 由紀", HR, "担当", "G2"),
    DemoMember("E0005", "伊藤 誠", ACCOUNTING, "部長", "G5"),
    DemoMember("E0006", "渡辺 彩", ACCOUNTING, "主任", "G3"),
    DemoMember("E0007", "山本 剛", LEGAL, "課長", "G4"),
    DemoMember("E0008", "中村 さくら", LEGAL, "担当", "G2"),
    DemoMember("E0009", "小林 拓也", IT, "課長", "G4"),
    DemoMember("E0010", "加藤 翔太", IT, "担当", "G1"),
)


@dataclass(frozen=True, slots=True)
class _Event:
    """A one-off change to a planned value, with the note that explains it."""

    year: int  # 0 = current fiscal year, -1 = previous
    month: int  # calendar month
    delta: float
    note: str


@dataclass(frozen=True, slots=True)
class _Plan:
    """How a KPI's monthly values move.

    ``previous``/``current`` are the levels at the first and last month of each fiscal year (linear
    in between). When the plan has monthly targets, the levels are ratios to those targets instead.
    ``season`` adds to calendar months every year; ``cumulative`` values never fall within a year.
    """

    previous: tuple[float, float]
    current: tuple[float, float]
    noise: float
    season: tuple[tuple[int, float], ...] = ()
    events: tuple[_Event, ...] = ()
    low: float = 0.0
    high: float | None = None
    targets_previous: tuple[float, ...] = ()  # 12 monthly targets in fiscal order
    targets_current: tuple[float, ...] = ()
    cumulative: bool = False


@dataclass(frozen=True, slots=True)
class _Spec:
    department: str
    owner_no: str
    objective: str | None
    kpi: Kpi
    rationale: str
    plan: _Plan


# Which KPI has its latest month not yet entered (未入力), to show the missing-value warning.
_LATEST_GAP_KPI = "契約書確認の平均処理時間"
_HISTORY_GAPS = 2  # missing months drawn at random in the previous fiscal year


def _ramp(first: float, last: float, decimals: int = 1) -> tuple[float, ...]:
    """Twelve monthly step targets rising evenly from ``first`` to ``last``."""
    return tuple(round(first + (last - first) * i / 11, decimals) for i in range(12))


def _goal(department: str, index: int) -> str:
    return next(d for d in DEPARTMENTS if d.name == department).goals[index]


def _kpi(
    name: str,
    unit: str,
    direction: Direction,
    aggregation: Aggregation,
    annual_target: float | None,
    decimals: int,
    *,
    levels: tuple[str, ...] = (),
    band: tuple[float, float] | None = None,
) -> Kpi:
    """A KPI as the library defines it; ``levels`` make it qualitative, ``band`` is a RANGE band."""
    return Kpi(
        id=0,
        department_id=0,
        name=name,
        unit=unit,
        direction=direction,
        aggregation=aggregation,
        annual_target=annual_target,
        range_low=band[0] if band else None,
        range_high=band[1] if band else None,
        decimals=decimals,
        kind=KpiKind.QUALITATIVE if levels else KpiKind.QUANTITATIVE,
        level_descriptions=levels,
    )


_H, _L, _R = Direction.HIGHER, Direction.LOWER, Direction.RANGE
_SUM, _AVG, _LAST = Aggregation.SUM, Aggregation.AVERAGE, Aggregation.LAST

_INQUIRY_LEVELS = (
    "回答が遅れがちで、たらい回しや回答漏れの指摘がある",
    "回答はしているが説明が不十分で、同じ質問の再問い合わせが多い",
    "期限内に正確に回答している",
    "相手の状況を踏まえ、手順や関連情報まで添えて回答している",
    "よくある質問をFAQにまとめるなど、問い合わせ自体を減らす工夫ができている",
)
_BRIEFING_LEVELS = (
    "条文をそのまま転記しており、現場が何をすべきか読み取れない",
    "要点はまとまっているが、誤りや古い情報が含まれ修正が必要",
    "内容が正確で、変更点と対応期限が明記されている",
    "部門別に「何を・いつまでに・どう変えるか」が具体的で、質問がほとんど出ない",
    "Q&Aやチェックリストまで整い、各部門がそのまま業務手順に落とし込める",
)

_NEW_GRADUATES = "新卒社員が入社（4月1日付）"

# Intended status in the current year, by the simple achievement idea (HIGHER actual/target,
# LOWER 2 − actual/target): 達成 — 研修参加率, 締め日遵守率, 手元流動性比率, 開封率, 丁寧さ;
# 注意 — 電子化率, 内定までの日数, 請求処理; 未達 — 離職率, 差戻し率, 説明資料. Others move.
# fmt: off
_SPECS = (
    _Spec(
        GENERAL_AFFAIRS, "E0002", _goal(GENERAL_AFFAIRS, 0),
        _kpi("備品補充の遅延件数", "件", _L, _SUM, 0, 0),
        "コピー用紙やトナーが切れて現場の仕事が止まることをなくし、"
        "社員が本業に集中できる職場を守る。",
        _Plan(
            (2.4, 1.6), (0.5, 0.2), 0.45,
            events=(_Event(-1, 3, 2.5, "年度末の発注集中で納品が遅れた"),),
        ),
    ),
    _Spec(
        GENERAL_AFFAIRS, "E0002", _goal(GENERAL_AFFAIRS, 0),
        _kpi("問い合わせ対応の丁寧さ", "レベル", _H, _AVG, 4, 0, levels=_INQUIRY_LEVELS),
        "総務は社員が最初に頼る窓口。丁寧でわかりやすい対応が信頼を生み、"
        "困りごとが早めに相談されるようになる。",
        _Plan(
            (3.0, 3.6), (4.3, 4.5), 0.3, low=1, high=LEVEL_COUNT,
            events=(_Event(-1, 10, 0, "社内FAQポータルを公開し、回答にリンクを添える運用を開始"),),
        ),
    ),
    _Spec(
        GENERAL_AFFAIRS, "E0001", _goal(GENERAL_AFFAIRS, 1),
        _kpi("契約書の電子化率", "%", _H, _LAST, 80.0, 1),
        "電子契約に切り替えると印紙代・郵送費・保管場所が減る。ペーパーレス化でコストを下げ、"
        "その分を社員が働きやすい環境づくりに回す。",
        _Plan(
            (1.0, 1.02), (0.95, 0.95), 0.6, high=100,
            targets_previous=_ramp(25, 45), targets_current=_ramp(48, 80),
        ),
    ),
    _Spec(
        HR, "E0003", _goal(HR, 0),
        _kpi("採用人数", "人", _H, _SUM, 12, 0),
        "計画どおりに人がそろわなければ、現場の残業が増え定着にも響く。"
        "採用計画に対する進み具合を毎月確かめ、遅れには早めに手を打つ。",
        _Plan(
            (0.9, 0.9), (1.0, 1.0), 0.4,
            targets_previous=(4, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1),
            targets_current=(4, 0, 1, 1, 0, 1, 2, 0, 1, 1, 0, 1),
            events=(_Event(-1, 4, 0, _NEW_GRADUATES), _Event(0, 4, 0, _NEW_GRADUATES)),
        ),
    ),
    _Spec(
        HR, "E0004", _goal(HR, 0),
        _kpi("採用面接から内定までの平均日数", "日", _L, _AVG, 14.0, 1),
        "選考が長引くと、よい候補者ほど他社に決まってしまう。"
        "内定までを短くし、採用計画の達成と内定承諾率の向上につなげる。",
        _Plan(
            (21.0, 17.0), (14.7, 14.6), 0.25, season=((3, 3.0),),
            events=(_Event(-1, 3, 0, "新卒選考のピークで、面接日程の調整に時間がかかった"),),
        ),
    ),
    _Spec(
        HR, "E0003", _goal(HR, 1),
        _kpi("採用後1年以内の離職率", "%", _L, _LAST, 10.0, 1),
        "採用した人が早く辞めれば、採用費も育成の手間も失われる。"
        "入社後のフォローが機能しているかを示し、『長く働ける会社』に直結する。",
        _Plan((16.0, 13.5), (13.0, 12.0), 0.3),
    ),
    _Spec(
        HR, "E0004", _goal(HR, 1),
        _kpi("研修参加率", "%", _H, _AVG, 90.0, 1),
        "対象者が参加できなければ研修は効果を出せない。"
        "業務の都合で学ぶ機会を逃す人をなくし、成長と定着を支える。",
        _Plan((84.0, 88.0), (93.5, 94.5), 0.8, high=100),
    ),
    _Spec(
        ACCOUNTING, "E0005", _goal(ACCOUNTING, 0),
        _kpi("月次決算の締め日遵守率", "%", _H, _AVG, 95.0, 1),
        "決算が予定どおり締まれば、経営会議に最新の数字が間に合う。"
        "利益率改善の打ち手を毎月の数字で素早く判断できるようにする。",
        _Plan((88.0, 93.0), (97.5, 98.5), 0.6, high=100),
    ),
    _Spec(
        ACCOUNTING, "E0006", _goal(ACCOUNTING, 1),
        _kpi("経費精算の差戻し率", "%", _L, _AVG, 3.0, 1),
        "差戻しは申請者と経理の双方の手間になる。"
        "手引きと入力チェックを見直し、一度で通る精算を増やして間接コストを下げる。",
        _Plan(
            (6.5, 5.0), (4.6, 3.6), 0.25,
            events=(_Event(-1, 10, 2.5, "インボイス番号の記載漏れによる差戻しが増加"),),
        ),
    ),
    _Spec(
        ACCOUNTING, "E0006", _goal(ACCOUNTING, 0),
        _kpi("請求処理の平均日数", "日", _L, _AVG, 3.0, 1),
        "請求書の発行が遅れると入金も遅れ、資金繰りを圧迫する。"
        "売上確定から請求までを短くし、手元資金の安定につなげる。",
        _Plan((4.2, 3.5), (3.15, 3.12), 0.04),
    ),
    _Spec(
        ACCOUNTING, "E0005", None,
        _kpi("手元流動性比率", "か月", _R, _LAST, None, 1, band=(1.5, 3.0)),
        "資金が少なすぎれば支払いが滞り、多すぎれば投資の機会を逃す。"
        "適正な範囲に保ち、事業部門が安心して動ける資金の土台を守る。",
        _Plan(
            (1.9, 2.2), (2.3, 2.5), 0.08, season=((6, -0.3), (12, -0.35)),
            events=(_Event(0, 12, 0, "冬季賞与の支給で一時的に低下"),),
        ),
    ),
    _Spec(
        LEGAL, "E0008", _goal(LEGAL, 0),
        _kpi("契約書確認の平均処理時間", "時間", _L, _AVG, 16.0, 1),
        "契約審査が遅れると事業部門の商談が止まる。"
        "リスクを見落とさずに速く返すことで、事業のスピードと利益を支える。",
        _Plan(
            (26.0, 21.0), (19.0, 15.0), 1.0,
            events=(_Event(-1, 9, 5.0, "大型取引先との基本契約の交渉が重なり長期化"),),
        ),
    ),
    _Spec(
        LEGAL, "E0007", _goal(LEGAL, 0),
        _kpi("法務相談の期限内回答率", "%", _H, _AVG, 95.0, 1),
        "約束した期限までに回答することで、事業部門が早めに法務へ相談できる関係をつくり、"
        "トラブルを未然に防ぐ。",
        _Plan((85.0, 90.0), (91.0, 95.5), 1.5, high=100),
    ),
    _Spec(
        LEGAL, "E0007", _goal(LEGAL, 1),
        _kpi("社内説明資料の精度", "レベル", _H, _AVG, 4, 0, levels=_BRIEFING_LEVELS),
        "法令改正や社内ルールは現場が正しく理解して初めて守られる。"
        "わかりやすい説明資料が、違反の芽を事前に摘む。",
        _Plan((2.6, 3.0), (3.0, 3.3), 0.25, low=1, high=LEVEL_COUNT),
    ),
    _Spec(
        IT, "E0009", _goal(IT, 0),
        _kpi("障害対応の平均復旧時間", "時間", _L, _AVG, 2.0, 1),
        "システムが止まっている間は社員の仕事も止まる。"
        "復旧を速くすることが『業務を止めない』という使命に直結する。",
        _Plan(
            (3.2, 2.6), (1.9, 1.6), 0.15,
            events=(
                _Event(-1, 9, 2.0, "台風による停電でサーバーが停止"),
                _Event(0, 7, 3.5, "基幹システムのストレージ障害（ベンダー起因）対応のため長期化"),
            ),
        ),
    ),
    _Spec(
        IT, "E0010", _goal(IT, 1),
        _kpi("ヘルプデスク自己解決率", "%", _H, _AVG, 40.0, 1),
        "社員がFAQで自分で解決できれば待ち時間がなくなり、"
        "情報システム部は改善の仕事に時間を使える。",
        _Plan(
            (24.0, 30.0), (33.0, 39.0), 1.0,
            events=(_Event(-1, 11, 0, "FAQを全面改訂し、検索しやすくした"),),
        ),
    ),
    _Spec(
        IT, "E0009", _goal(IT, 0),
        _kpi("権限棚卸し実施率", "%", _H, _LAST, 100.0, 1),
        "退職者や異動者の権限が残れば情報漏えいの入口になる。"
        "計画どおりに棚卸しを進め、必要な人に必要な権限だけがある状態を保つ。",
        _Plan(
            (1.0, 1.0), (1.0, 1.0), 1.5, high=100, cumulative=True,
            targets_previous=_ramp(100 / 12, 100), targets_current=_ramp(100 / 12, 100),
        ),
    ),
    _Spec(
        IT, "E0010", _goal(IT, 0),
        _kpi("標的型メール訓練の開封率", "%", _L, _LAST, 5.0, 1),
        "訓練メールを開く社員が減るほど、ウイルス感染や情報漏えいのリスクが下がる。"
        "IT教育の効果を数字で確かめる。",
        _Plan((14.0, 9.0), (4.2, 3.0), 0.3),
    ),
)
# fmt: on


def build_demo(today: date, *, seed: int = 7) -> DemoData:
    """The demo company with values up to the last finished month before ``today``."""
    rng = random.Random(seed)
    last_month = YearMonth(today.year, today.month).add(-1)
    current_year = fiscal_year_of(last_month, FISCAL_YEAR_START)
    years = (
        fiscal_months(current_year - 1, FISCAL_YEAR_START),
        fiscal_months(current_year, FISCAL_YEAR_START),
    )
    specs = _SPECS
    series = [_simulate(spec, years, rng) for spec in specs]
    gaps = _pick_gaps(rng, specs, series, years[0], last_month)

    kpis: list[DemoKpi] = []
    sort_orders: dict[str, int] = {}
    for spec, (actuals, notes, targets) in zip(specs, series, strict=True):
        kept = {
            m: v for m, v in actuals.items() if m <= last_month and (spec.kpi.name, m) not in gaps
        }
        order = sort_orders.get(spec.department, 0)
        sort_orders[spec.department] = order + 1
        kpis.append(
            DemoKpi(
                department=spec.department,
                kpi=replace(spec.kpi, rationale=spec.rationale, sort_order=order),
                objective=spec.objective,
                owner_no=spec.owner_no,
                actuals=kept,
                notes={m: n for m, n in notes.items() if m in kept},
                monthly_targets=targets,
            )
        )
    return DemoData(
        company_name=COMPANY_NAME,
        fiscal_year_start=FISCAL_YEAR_START,
        kgis=(KGI_PROFIT, KGI_PEOPLE),
        departments=DEPARTMENTS,
        members=MEMBERS,
        kpis=tuple(kpis),
        appraisals=build_demo_appraisals(
            today,
            FISCAL_YEAR_START,
            tuple((m.employee_no, m.name, m.department) for m in MEMBERS),
            tuple(
                (k.kpi.name, k.owner_no, k.kpi.direction, k.kpi.annual_target, k.kpi.unit,
                 (k.kpi.range_low, k.kpi.range_high))
                for k in kpis
            ),
        ),
    )


_Series = tuple[dict[YearMonth, float], dict[YearMonth, str], dict[YearMonth, float]]


def _simulate(
    spec: _Spec, years: tuple[tuple[YearMonth, ...], tuple[YearMonth, ...]], rng: random.Random
) -> _Series:
    """Values, notes and monthly targets of one KPI for all 24 months of both fiscal years."""
    plan, kpi = spec.plan, spec.kpi
    season = dict(plan.season)
    actuals: dict[YearMonth, float] = {}
    notes: dict[YearMonth, str] = {}
    targets: dict[YearMonth, float] = {}
    for offset, months, (start, end), year_targets in (
        (-1, years[0], plan.previous, plan.targets_previous),
        (0, years[1], plan.current, plan.targets_current),
    ):
        running = plan.low
        for index, month in enumerate(months):
            level = start + (end - start) * index / 11
            if year_targets:
                targets[month] = year_targets[index]
                level *= year_targets[index]
            level += season.get(month.month, 0.0) + rng.gauss(0.0, plan.noise)
            for event in plan.events:
                if event.year == offset and event.month == month.month:
                    level += event.delta
                    notes[month] = event.note
            level = max(plan.low, level if plan.high is None else min(plan.high, level))
            if plan.cumulative:
                level = running = max(running, level)
            actuals[month] = round(level, kpi.decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return actuals, notes, targets


def _pick_gaps(
    rng: random.Random,
    specs: tuple[_Spec, ...],
    series: list[_Series],
    previous_year: tuple[YearMonth, ...],
    last_month: YearMonth,
) -> set[tuple[str, YearMonth]]:
    """Months left empty: a few in last year's history, plus the latest month of one KPI."""
    pool = [
        (spec.kpi.name, month)
        for spec, (_, notes, _) in zip(specs, series, strict=True)
        for month in previous_year
        if month not in notes
    ]
    gaps = set(rng.sample(pool, _HISTORY_GAPS))
    # Only when the current year has more than one month, so that KPI still shows a value this year.
    if previous_year[-1].months_until(last_month) >= 2:
        gaps.add((_LATEST_GAP_KPI, last_month))
    return gaps
