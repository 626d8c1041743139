"""The small KPI trend chart of the 評価シート (reportlab graphics, no data logic)."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String

from domain.appraisal_report import KpiTrend
from storage.pdf_common import ACTUAL_LINE, GRID, MUTED, TARGET_LINE, fmt_number


def trend_chart(trend: KpiTrend, width: float, height: float, font: str) -> Drawing:
    """A small line chart of a KPI over the period: actual (solid), target (dotted)."""
    d = Drawing(width, height)
    kpi = trend.kpi
    title = kpi.name if len(kpi.name) <= 16 else kpi.name[:15] + "…"
    d.add(String(2, height - 8, title, fontName=font, fontSize=7))
    if trend.achievement is not None:
        d.add(
            String(
                width - 2,
                height - 8,
                f"{trend.achievement * 100:.0f}%",
                fontName=font,
                fontSize=7,
                textAnchor="end",
                fillColor=ACTUAL_LINE,
            )
        )
    left, bottom, top = 16.0, 9.0, height - 12
    right = width - 4
    d.add(
        Rect(
            left,
            bottom,
            right - left,
            top - bottom,
            strokeColor=GRID,
            strokeWidth=0.4,
            fillColor=None,
        )
    )
    values = [v for v in (*trend.actuals, *trend.targets) if v is not None]
    n = len(trend.months)
    if not values or n == 0:
        d.add(
            String(
                (left + right) / 2,
                (bottom + top) / 2,
                "実績なし",
                fontName=font,
                fontSize=6.5,
                textAnchor="middle",
                fillColor=MUTED,
            )
        )
        return d
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.12
    low, high = low - pad, high + pad

    def x(i: int) -> float:
        return left + (right - left) * (i + 0.5) / n

    def y(v: float) -> float:
        return bottom + (top - bottom) * (v - low) / (high - low)

    for label_value in (high - pad, low + pad):
        d.add(
            String(
                left - 1.5,
                y(label_value) - 2,
                fmt_number(label_value, kpi.decimals),
                fontName=font,
                fontSize=5,
                textAnchor="end",
                fillColor=MUTED,
            )
        )
    for i, month in enumerate(trend.months):
        d.add(
            String(
                x(i),
                bottom - 6.5,
                f"{month.month}月",
                fontName=font,
                fontSize=5,
                textAnchor="middle",
                fillColor=MUTED,
            )
        )
    for series, colour, dash in (
        (trend.targets, TARGET_LINE, (1.5, 1.5)),
        (trend.actuals, ACTUAL_LINE, None),
    ):
        run: list[float] = []
        for i, v in enumerate((*series, None)):
            if v is not None:
                run += [x(i), y(v)]
                continue
            if len(run) >= 4:
                d.add(
                    PolyLine(
                        run,
                        strokeColor=colour,
                        strokeWidth=1.1 if dash is None else 0.8,
                        strokeDashArray=dash,
                    )
                )
            elif len(run) == 2 and dash is None:
                d.add(
                    Line(
                        run[0] - 1, run[1], run[0] + 1, run[1], strokeColor=colour, strokeWidth=1.6
                    )
                )
            run = []
    return d
