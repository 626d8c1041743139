"""Words and number formats of the dashboard: statuses, forecast methods and why, warnings.

domain/ returns codes and numbers; this module phrases them (translatable, Japanese source).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from domain.fiscal import YearMonth
from domain.forecast import EarlyWarning, Forecast, Method, Reason, Severity, WarningKind
from domain.model import Aggregation, Kpi, Status
from domain.okr import OkrPace
from domain.parsing import format_value
from domain.review import ReviewScope

# Strong colours for tile stripes and chips; the light ones of the entry grid are backgrounds.
STATUS_ACCENT = {
    Status.ACHIEVED: QColor("#2e9d52"),
    Status.CAUTION: QColor("#e0a800"),
    Status.MISSED: QColor("#d64545"),
    Status.NO_DATA: QColor("#9aa0a6"),
}
STATUS_BACKGROUND = {
    Status.ACHIEVED: QColor("#e3f4e8"),
    Status.CAUTION: QColor("#fff4d1"),
    Status.MISSED: QColor("#fbe3e3"),
    Status.NO_DATA: QColor("#f1f3f4"),
}
SEVERITY_COLOUR = {Severity.CAUTION: QColor("#b07800"), Severity.CRITICAL: QColor("#c62828")}


def status_label(status: Status) -> str:
    return {
        Status.ACHIEVED: QCoreApplication.translate("Dashboard", "達成"),
        Status.CAUTION: QCoreApplication.translate("Dashboard", "注意"),
        Status.MISSED: QCoreApplication.translate("Dashboard", "未達"),
        Status.NO_DATA: QCoreApplication.translate("Dashboard", "実績なし"),
    }[status]


def percent(ratio: float | None) -> str:
    """「95%」, or an em dash when there is nothing to show."""
    if ratio is None:
        return "—"
    return QCoreApplication.translate("Dashboard", "{0}%").format(f"{ratio * 100:.0f}")


def value_text(kpi: Kpi, value: float | None, *, with_unit: bool = True) -> str:
    if value is None:
        return "—"
    text = format_value(value, kpi.decimals)
    return f"{text}{kpi.unit}" if with_unit else text


def month_text(month: YearMonth) -> str:
    return QCoreApplication.translate("Dashboard", "{0}年{1}月").format(month.year, month.month)


def short_month(month: YearMonth) -> str:
    return QCoreApplication.translate("Dashboard", "{0}月").format(month.month)


def method_label(method: Method) -> str:
    return {
        Method.NONE: QCoreApplication.translate("Dashboard", "予測なし"),
        Method.ACTUAL: QCoreApplication.translate("Dashboard", "実績"),
        Method.RUN_RATE: QCoreApplication.translate("Dashboard", "ランレート"),
        Method.LINEAR_TREND: QCoreApplication.translate("Dashboard", "線形トレンド"),
        Method.SEASONAL: QCoreApplication.translate("Dashboard", "前年の季節性"),
    }[method]


def _level_words(kpi: Kpi) -> str:
    if kpi.aggregation is Aggregation.SUM:
        return QCoreApplication.translate("Dashboard", "これまでの月平均")
    return QCoreApplication.translate("Dashboard", "直近の水準")


def reason_text(kpi: Kpi, forecast: Forecast) -> str:
    """Why the method was chosen, with its numbers: the transparency the forecast promises."""
    level = value_text(kpi, forecast.level)
    match forecast.reason:
        case Reason.NO_VALUES:
            return QCoreApplication.translate("Dashboard", "今年度の実績がないため予測できません。")
        case Reason.YEAR_SETTLED:
            return QCoreApplication.translate(
                "Dashboard", "年度が締まったため、実績だけで計算しています。"
            )
        case Reason.ALL_ENTERED:
            return QCoreApplication.translate(
                "Dashboard", "すべての月に実績が入っているため、実績だけで計算しています。"
            )
        case Reason.HISTORY:
            return QCoreApplication.translate(
                "Dashboard",
                "前年度と今年度で{0}か月分の実績があるため、残りの月は前年度の同じ月の実績に"
                "今年度の前年比（{1}）を掛けて見込みました。",
            ).format(forecast.history, percent(forecast.ratio))
        case Reason.CLEAR_TREND:
            return QCoreApplication.translate(
                "Dashboard",
                "今年度{0}か月分の実績にはっきりした傾向がある（決定係数{1}）ため、"
                "直線を当てはめて年度末まで延ばしました（1か月あたり{2}）。",
            ).format(
                forecast.values,
                f"{forecast.r_squared or 0:.2f}",
                value_text(kpi, forecast.slope),
            )
        case Reason.FEW_VALUES:
            return QCoreApplication.translate(
                "Dashboard",
                "実績がまだ{0}か月分のため、{1}（{2}）が残りの月も続くと見込みました。",
            ).format(forecast.values, _level_words(kpi), level)
        case Reason.NO_CLEAR_TREND:
            return QCoreApplication.translate(
                "Dashboard",
                "はっきりした傾向がない（決定係数{0}）ため、{1}（{2}）が残りの月も続くと"
                "見込みました。",
            ).format(f"{forecast.r_squared or 0:.2f}", _level_words(kpi), level)
    return ""


def warning_text(warning: EarlyWarning) -> str:
    if warning.kind is WarningKind.FORECAST:
        return QCoreApplication.translate("Dashboard", "このペースだと年度末に目標の{0}").format(
            percent(warning.value)
        )
    return QCoreApplication.translate(
        "Dashboard", "進捗{0}：この時点の目安{1}より遅れています"
    ).format(percent(warning.value), percent(warning.expected))


def severity_label(severity: Severity) -> str:
    return {
        Severity.CAUTION: QCoreApplication.translate("Dashboard", "注意"),
        Severity.CRITICAL: QCoreApplication.translate("Dashboard", "要対応"),
    }[severity]


def okr_pace_label(pace: OkrPace | None) -> str:
    if pace is None:
        return "—"
    return {
        OkrPace.ON_TRACK: QCoreApplication.translate("Dashboard", "順調"),
        OkrPace.IN_DANGER: QCoreApplication.translate("Dashboard", "遅れ気味"),
        OkrPace.OFF_TRACK: QCoreApplication.translate("Dashboard", "要挽回"),
    }[pace]


def scope_label(scope: ReviewScope) -> str:
    return {
        ReviewScope.MONTHLY: QCoreApplication.translate("Dashboard", "月次"),
        ReviewScope.QUARTERLY: QCoreApplication.translate("Dashboard", "四半期"),
    }[scope]


def period_text(scope: ReviewScope, first: YearMonth, fiscal_year: int, quarter: int) -> str:
    if scope is ReviewScope.MONTHLY:
        return month_text(first)
    return QCoreApplication.translate("Dashboard", "{0}年度 第{1}四半期").format(
        fiscal_year, quarter
    )
