"""The words of Japanese KPI workbooks: header synonyms, series words (目標/実績), totals, units.

Every function takes a :func:`domain.importing.cells.text_key` (NFKC, no whitespace, case folded)
and is a plain lookup; the vocabulary follows shared/research/excel-layouts.md §2.5.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from enum import StrEnum

from domain.model import Aggregation, Direction


class Role(StrEnum):
    """What a column holds."""

    NAME = "name"  # KPI名
    GROUP = "group"  # a block label in front of the name (媒体, 店舗) used when names repeat
    UNIT = "unit"
    TARGET = "target"  # one target per KPI (目標値 column)
    ACTUAL = "actual"  # the value column of a sheet that holds one month (L7) or a long table
    KIND = "kind"  # 区分: 目標 / 実績 row pairs
    DEPARTMENT = "department"
    OWNER = "owner"
    DIRECTION = "direction"
    AGGREGATION = "aggregation"
    CODE = "code"  # No., 科目コード
    MONTH = "month"  # a month label column (months down the rows / long tables)
    VALUES = "values"  # a month column of values (months across)
    IGNORE = "ignore"  # totals, 達成率, notes, anything else


class SeriesWord(StrEnum):
    TARGET = "target"
    ACTUAL = "actual"
    OTHER = "other"  # 見込, 達成率, 差異, 前年 … : read by nobody


# fmt: off
_NAME = {
    "kpi", "kpi名", "kpi名称", "kpi項目", "指標", "指標名", "指標名称", "項目", "項目名",
    "評価項目", "目標項目", "管理項目", "管理指標", "成果指標", "重点指標", "測定項目", "科目",
    "科目名", "科目名称", "勘定科目", "大項目", "大項目名", "中項目", "小項目", "名称", "kgi/kpi",
    "keyresult", "kr", "kpi(指標)", "指標(kpi)", "評価指標", "業績指標", "目標指標",
    "kpi名(指標)", "内容", "取組項目",
}
# fmt: on
_UNIT = {"単位", "unit", "単位名"}
# fmt: off
_TARGET = {
    "目標", "目標値", "年間目標", "年度目標", "通期目標", "月間目標", "月次目標", "月目標",
    "計画", "計画値", "目標数値", "目標水準", "目標(年間)", "目標(月)", "目標(月間)", "kpi目標",
    "予算", "予算値", "規定値", "達成基準", "ノルマ", "target", "goal", "目標値(年間)",
    "目標値(月間)", "基準値", "目安",
}
_ACTUAL = {
    "実績", "実績値", "結果", "当月実績", "今月実績", "月次実績", "数値", "値", "actual", "value",
    "実数", "確定値", "速報値",
}
# fmt: on
_KIND = {"区分", "種別", "予実", "予実区分", "種類", "目標/実績", "目標・実績", "項目区分"}
# fmt: off
_DEPARTMENT = {
    "部署", "部署名", "部門", "部門名", "所属", "所属名", "所属部署", "課", "課名", "担当部署",
    "部課", "事業部", "部", "department", "dept", "担当部門", "組織", "組織名", "拠点",
}
_OWNER = {
    "担当", "担当者", "責任者", "主担当", "担当者名", "owner", "管理者", "責任者名",
    "担当者(責任者)",
}
_DIRECTION = {
    "方向", "評価方向", "方向性", "望ましい方向", "改善方向", "良化方向", "direction", "判定方向",
}
# fmt: on
_AGGREGATION = {"集計", "集計方法", "集計方式", "年間集計", "aggregation"}
# fmt: off
_CODE = {
    "no", "no.", "№", "番号", "コード", "科目コード", "id", "#", "項番", "連番", "kpiコード",
    "kpiid", "指標コード", "管理番号", "code",
}
_NOTE = {
    "備考", "コメント", "メモ", "説明", "概要", "定義", "計算方法", "計算式", "算出方法",
    "データソース", "更新頻度", "出典", "根拠", "補足", "所見", "理由", "設定理由", "測定方法",
    "note", "notes", "remarks",
}
# fmt: on
_HEADER_WORDS = (
    _NAME | _UNIT | _TARGET | _ACTUAL | _KIND | _DEPARTMENT | _OWNER | _DIRECTION | _CODE
)


def header_role(key: str) -> Role | None:
    """The role a header label names, or None for a label we do not know."""
    key = key.rstrip(":：")
    for words, role in (
        (_NAME, Role.NAME),
        (_UNIT, Role.UNIT),
        (_TARGET, Role.TARGET),
        (_ACTUAL, Role.ACTUAL),
        (_KIND, Role.KIND),
        (_DEPARTMENT, Role.DEPARTMENT),
        (_OWNER, Role.OWNER),
        (_DIRECTION, Role.DIRECTION),
        (_AGGREGATION, Role.AGGREGATION),
        (_CODE, Role.CODE),
        (_NOTE, Role.IGNORE),
    ):
        if key in words:
            return role
    if is_aggregate_label(key):
        return Role.IGNORE
    return None


_LEVEL = re.compile(r"(?:評価|kpi)?(?P<level>[大中小])(?:項目|分類|区分)名?")


def name_level(key: str) -> int | None:
    """The depth of a KPI-name column of a hierarchy: 大項目 / 大分類 0, 中項目 1, 小項目 2."""
    match = _LEVEL.fullmatch(key.rstrip(":："))
    return None if match is None else "大中小".index(match["level"])


def is_header_word(key: str) -> bool:
    return key.rstrip(":：") in _HEADER_WORDS


# --------------------------------------------------------------------------- series words

# fmt: off
_SERIES_TARGET = {
    "目標", "目標値", "計画", "計画値", "予算", "予算値", "予定", "ノルマ", "月間目標",
    "月次目標", "target", "plan", "budget", "目標(月)", "kpi目標",
}
_SERIES_ACTUAL = {
    "実績", "実績値", "結果", "実数", "確定", "確定値", "速報", "速報値", "actual", "実測",
    # this year's figure beside 前年 (前年 | 当年 | 前年比 under a month)
    "当年", "今年", "本年", "当年度", "今年度", "本年度", "当期", "今期", "当年実績",
    "今年実績", "本年実績", "当年度実績", "今年度実績", "本年度実績", "当期実績", "今期実績",
}
_SERIES_OTHER_PREFIXES = (
    "見込", "予測", "着地", "forecast", "達成", "進捗", "差異", "差額", "差", "予実差", "前年",
    "昨年", "前期", "対前年", "対目標", "比率", "構成比", "累計", "合計", "平均", "yoy", "増減",
    "乖離",
)
# fmt: on


def series_word(key: str) -> SeriesWord | None:
    """目標/計画/予算 → TARGET, 実績/結果 → ACTUAL, 見込/達成率/差異/前年… → OTHER, else None."""
    key = key.strip("()[]【】<>〈〉")
    if key in _SERIES_TARGET:
        return SeriesWord.TARGET
    if key in _SERIES_ACTUAL:
        return SeriesWord.ACTUAL
    if key.startswith(_SERIES_OTHER_PREFIXES) or key.endswith(("率", "比")):
        return SeriesWord.OTHER
    return None


_AFFIX_WORDS = "目標|実績|計画|予算|見込み?|結果"
_PREFIX = re.compile(rf"[(\[【<]?(?P<w>{_AFFIX_WORDS})[)\]】>]?[_\-・/:]?(?P<core>.+)")
_SUFFIX = re.compile(rf"(?P<core>.+?)[_\-・/:]?[(\[【<]?(?P<w>{_AFFIX_WORDS}|達成率|差異)[)\]】>]?")


def split_series_affix(key: str) -> tuple[str, SeriesWord | None]:
    """``4月実績`` → (``4月``, ACTUAL); ``目標4月``, ``4月(目標)``, ``4月_目標`` → (``4月``,
    TARGET); ``売上目標`` → (``売上``, TARGET); no affix → (key, None)."""
    for pattern in (_SUFFIX, _PREFIX):
        match = pattern.fullmatch(key)
        if match is not None:
            core = match["core"].strip("()[]【】<>_-・/: ")
            if core and _is_plain_core(core):
                return core, series_word(match["w"])
    return key, None


def _is_plain_core(core: str) -> bool:
    """The rest is not itself only a series word (``目標実績`` is no KPI)."""
    return series_word(core) is None


# --------------------------------------------------------------------------- totals

# fmt: off
_AGGREGATE_PREFIXES = (
    "上期", "下期", "上半期", "下半期", "半期", "通期", "年間", "年計", "年度計", "合計", "総計",
    "小計", "累計", "累積", "平均", "月平均", "達成", "進捗", "前年", "昨年", "前期", "対前年",
    "差異", "差額", "予実差", "構成比", "ytd", "total", "sum", "average", "avg", "四半期",
    "第1四半期", "第2四半期", "第3四半期", "第4四半期", "当月迄", "当期", "期末", "期計", "計",
    "年間合計",
)
# fmt: on
_NOUN_PREFIXES = frozenset(("合計", "総計", "小計", "累計", "累積", "平均", "月平均", "年間合計"))
_QUALIFIERS = (
    "値", "額", "金額", "件数", "(", "[", "計", "実績", "目標", "ytd", "上期", "下期", "年間",
    "通期", "1q", "2q", "3q", "4q", "/", "・", "_", "-", ":",
)
_QUARTER = re.compile(r"(?:[1-4]q|q[1-4]|第?[1-4]四半期|[1-4]q計|[1-4]q累計)")
_NOT_TOTALS = ("計画", "会計", "設計", "統計", "時計", "計算", "計測", "計上", "家計", "集計方法")


def is_quarter_label(key: str) -> bool:
    """第1四半期, 1Q, Q3, 1Q計 …"""
    return bool(key) and _QUARTER.fullmatch(key) is not None


def is_aggregate_label(key: str) -> bool:
    """A header label of a total/average/ratio column (上期計, 年間計, 1Q, 達成率, 前年比 …)."""
    if not key:
        return False
    if key.startswith(_NOT_TOTALS):
        return False
    if _QUARTER.fullmatch(key):
        return True
    for prefix in _AGGREGATE_PREFIXES:
        if key.startswith(prefix):
            rest = key[len(prefix) :]
            # 平均残業時間 / 累計受講者数 are KPIs: a total or average is only qualified
            return prefix not in _NOUN_PREFIXES or not rest or rest.startswith(_QUALIFIERS)
    if key.endswith(("計", "合計", "累計", "平均")) and not key.endswith(_NOT_TOTALS):
        return True
    return key.endswith(("率", "比", "比(%)", "率(%)", "度")) and key.startswith(
        ("達成", "進捗", "前年", "昨年", "対", "予算比", "計画比")
    )


# fmt: off
_TOTAL_NAMES = {
    "計", "合計", "小計", "総計", "累計", "総合計", "全体計", "total", "sum", "grandtotal",
    "subtotal", "平均", "average", "月平均", "年間計", "上期計", "下期計",
}
# fmt: on


def is_total_name(key: str) -> bool:
    """A row label of a total row (合計, 小計, 東京計, カテゴリ1合計 …), not a KPI."""
    if not key:
        return False
    if key in _TOTAL_NAMES:
        return True
    if key.startswith(("合計", "小計", "総計", "total")):
        return True
    return key.endswith(("計", "合計", "小計")) and not key.endswith(_NOT_TOTALS)


# fmt: off
_EXAMPLE_SHEETS = ("記入例", "記載例", "入力例", "作成例", "書き方", "記入方法", "入力方法")
_EXAMPLE_ALONE = frozenset((  # only a sheet named just this (サンプル商事 is a company)
    "見本", "サンプル", "sample", "example", "テンプレート", "template", "ひな形", "ひな型", "雛形",
    "雛型", "例",
))
_DECORATION = re.compile(r"[\s()\[\]【】<>〈〉「」『』_\-－・.:0-9]+")
_EXAMPLE_ROW = ("例)", "例:", "(例)", "例.", "【例】", "[例]", "<例>", "記入例")
# fmt: on


def is_example_sheet(name: str) -> bool:
    """A sheet that shows how to fill the form in (記入例, サンプル …): not data to import."""
    key = "".join(unicodedata.normalize("NFKC", name).split()).casefold()
    if any(word in key for word in _EXAMPLE_SHEETS):
        return True
    return _DECORATION.sub("", key) in _EXAMPLE_ALONE


def is_example_name(key: str) -> bool:
    """A row label of an example row (例）問合せ件数, （例）…): not a KPI."""
    return key.startswith(_EXAMPLE_ROW)


# fmt: off
_NOTE_START = (
    "注)", "注:", "注記", "※", "*", "(注", "出典", "資料:", "備考:", "【注", "注意", "note",
)
# fmt: on


def is_note_text(key: str) -> bool:
    return key.startswith(_NOTE_START)


# --------------------------------------------------------------------------- units

# fmt: off
UNIT_WORDS = {
    "%", "件", "人", "名", "日", "営業日", "時間", "h", "hr", "分", "秒", "回", "円", "千円",
    "万円", "百万円", "億円", "点", "個", "台", "枚", "本", "社", "冊", "箇所", "ヶ所", "か所",
    "カ所", "pt", "ポイント", "kwh", "t", "kg", "m", "km", "人泊", "人日", "人月", "倍", "回転",
    "ヶ月", "か月", "カ月", "月", "年", "週", "席", "室", "通", "部", "ページ", "文字", "レベル",
    "段階", "人時", "ms", "秒/件", "分/件", "日/件", "時間/人", "円/人", "件/月", "件/人", "%pt",
    "ppm", "‰",
}
# fmt: on
_UNIT_IN_NAME = re.compile(
    r"^(?P<name>.+?)\s*[(（\[［【〔](?P<unit>[^()（）\[\]［］【】〔〕]{1,8})[)）\]］】〕]$"
)
_DECLARED_UNIT = re.compile(r"単位\s*[:：]?\s*(?P<unit>[^\s)）\]】,、]{1,8})")


@functools.lru_cache(maxsize=512)
def normalize_unit(text: str) -> str:
    """A unit cell as a unit: NFKC key without brackets (``（件）`` → ``件``, ``％`` → ``%``)."""
    from domain.importing.cells import text_key

    key = text_key(text).strip("()[]【】〔〕")
    if key.startswith("単位") and len(key) > 2:
        key = key[2:].lstrip(":：")
    return "h" if key in {"hr", "hrs", "hours"} else key


def unit_in_name(name: str) -> str:
    """The unit in a trailing bracket of a KPI name: ``月間平均残業時間(h)`` → ``h``."""
    from domain.importing.cells import text_key

    if not name.endswith((")", "）", "]", "］", "】", "〕")):
        return ""
    match = _UNIT_IN_NAME.fullmatch(name.strip())
    if match is None:
        return ""
    unit = normalize_unit(match["unit"])
    if unit.startswith("単位"):
        unit = unit[2:].lstrip(":：")
    return unit if unit in UNIT_WORDS or text_key(unit) in UNIT_WORDS else ""


def declared_unit(text: str) -> str:
    """The unit declared in a note such as ``単位：千円`` or ``（単位：人泊）``; ``""`` if none."""
    import unicodedata

    match = _DECLARED_UNIT.search(unicodedata.normalize("NFKC", text))
    return normalize_unit(match["unit"]) if match else ""


# --------------------------------------------------------------------------- direction, aggregation

# fmt: off
_HIGHER = (
    "大きいほど", "高いほど", "多いほど", "上昇", "増加", "↑", "higher", "up", "高", "大", "多",
    "以上",
)
_LOWER = (
    "小さいほど", "低いほど", "少ないほど", "減少", "低下", "↓", "lower", "down", "低", "小",
    "少", "以下",
)
# fmt: on
_RANGE = ("範囲", "range", "維持", "以内")


@functools.lru_cache(maxsize=256)
def direction_word(key: str) -> Direction | None:
    if not key:
        return None
    if key.startswith(_RANGE):
        return Direction.RANGE
    if key.startswith(_HIGHER):
        return Direction.HIGHER
    if key.startswith(_LOWER):
        return Direction.LOWER
    return None


# fmt: off
_AGGREGATION_WORDS = {
    "合計": Aggregation.SUM, "sum": Aggregation.SUM, "累計": Aggregation.SUM,
    "平均": Aggregation.AVERAGE, "average": Aggregation.AVERAGE, "avg": Aggregation.AVERAGE,
    "最終値": Aggregation.LAST, "期末値": Aggregation.LAST, "last": Aggregation.LAST,
    "最新": Aggregation.LAST, "最小": Aggregation.MIN, "min": Aggregation.MIN,
    "最大": Aggregation.MAX, "max": Aggregation.MAX,
}
# fmt: on


def aggregation_word(key: str) -> Aggregation | None:
    return _AGGREGATION_WORDS.get(key)


# fmt: off
_LOWER_IS_BETTER = (
    "遅延", "離職", "退職率", "残業", "差戻", "差し戻", "エラー", "ミス", "誤り", "事故",
    "障害件数", "クレーム", "苦情", "欠勤", "不良", "手戻", "欠落", "リードタイム", "所要",
    "処理時間", "復旧時間", "待ち時間", "コスト", "費用", "滞留", "未処理", "残件", "解約",
    "返品", "漏れ", "違反", "インシデント", "平均日数", "日数", "時間", "原価", "経費", "未達",
    "遅れ", "超過",
)
_HIGHER_DESPITE = (
    "削減", "短縮", "低減", "率向上", "解決率", "遵守率", "充足率", "達成率", "実施率",
)
# fmt: on


def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


_HIGHER_DESPITE_RE = _words(_HIGHER_DESPITE)
_LOWER_RE = _words(_LOWER_IS_BETTER)


def guess_direction(name_key: str) -> Direction:
    """大きいほど良い unless the name says a count of bad things or a duration (遅延, 日数…)."""
    if _HIGHER_DESPITE_RE.search(name_key):
        return Direction.HIGHER
    if _LOWER_RE.search(name_key):
        return Direction.LOWER
    return Direction.HIGHER


# fmt: off
_AVERAGE_UNITS = {
    "%", "日", "営業日", "時間", "h", "分", "秒", "点", "レベル", "段階", "倍", "回転", "pt",
    "ポイント", "%pt", "ms",
}
_AVERAGE_NAMES = (
    "率", "平均", "満足度", "単価", "回転", "割合", "比率", "スコア", "評価", "指数", "レベル",
    "日数", "時間", "リードタイム",
)
_LAST_NAMES = (
    "在籍", "残高", "在庫", "労働者数", "社員数", "従業員数", "雇用者数", "人員数", "会員数",
    "契約数", "保有",
)
# fmt: on


_LAST_RE = _words(_LAST_NAMES)
_AVERAGE_RE = _words(_AVERAGE_NAMES)


def guess_aggregation(name_key: str, unit: str) -> Aggregation:
    """LAST for stocks (在籍, 残高), AVERAGE for rates, durations and scores, else SUM."""
    if _LAST_RE.search(name_key):
        return Aggregation.LAST
    if unit in _AVERAGE_UNITS or _AVERAGE_RE.search(name_key):
        return Aggregation.AVERAGE
    return Aggregation.SUM


# --------------------------------------------------------------------------- departments

# fmt: off
_DEPARTMENT_SUFFIXES = (
    "部", "課", "室", "部門", "本部", "事業部", "センター", "グループ", "チーム", "支店",
    "営業所", "係", "局", "支社", "工場", "店",
)
# fmt: on
_NOT_DEPARTMENTS = ("全部", "一部", "内部", "外部", "細部", "上部", "下部", "頭部", "本店", "全店")


def looks_like_department(text: str) -> bool:
    """``総務部``, ``人事課``, ``情報システム室``: short, no digits, a department suffix."""
    from domain.importing.cells import text_key

    key = label_core(text_key(text))
    if not 2 <= len(key) <= 16 or any(ch.isdigit() for ch in key):
        return False
    if key in _NOT_DEPARTMENTS or key in _DEPARTMENT_LABELS:
        return False
    if "kpi" in key or "管理" in key or "表" in key:
        return False
    return key.endswith(_DEPARTMENT_SUFFIXES)


def department_in_text(text: str) -> str | None:
    """A department named among the words of a title (``2025年度　総務部　KPI管理表`` → 総務部)."""
    import unicodedata

    words = re.split(r"[\s　・:：/／|｜【】\[\]()（）「」]+", unicodedata.normalize("NFKC", text))
    for word in words:
        if looks_like_department(word):
            return label_core(word)
    return None


# fmt: off
_DEPARTMENT_LABELS = (
    "部署", "部門", "所属", "部署名", "部門名", "所属部署", "担当部署", "課", "組織",
)
# fmt: on


_DECORATION_BEFORE = "#＃■□●○◆◇◎・*＊※▼▽▶►>＞<＜【［[〔《"
_DECORATION_AFTER = ":：】］]〕》>＞<＜"


def label_core(key: str) -> str:
    """A label without the marks around it: ``#部門:`` → ``部門``, ``■総務部`` → ``総務部``,
    ``【経理部】`` → ``経理部`` (a system export's ``#key: value`` header lines, section marks)."""
    return key.lstrip(_DECORATION_BEFORE).rstrip(_DECORATION_AFTER)


def department_label(key: str) -> bool:
    return label_core(key) in _DEPARTMENT_LABELS
