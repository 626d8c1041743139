"""The department report PDF for the monthly meeting: one A4 page per department — mission, KPI
table, small charts, early warnings, missing entries and open actions.

It draws a domain.dashboard.DashboardReport (the same report the screen draws) and the chart series
of domain.kpi_detail; no figure is computed here. reportlab is imported by this module, so import
it lazily. The font is the bundled IPAexGothic, embedded (storage.pdf_common.register_font).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from domain.dashboard import DashboardReport, DepartmentSection, KpiTile
from domain.forecast import EarlyWarning, Method, Severity, WarningKind
from domain.kpi_detail import chart_series
from domain.model import Kpi, Status
from domain.parsing import format_value
from storage.atomic_file import write_atomically
from storage.pdf_common import register_font

PAGE_W, PAGE_H = A4
MARGIN = 14 * mm
WIDTH = PAGE_W - 2 * MARGIN

STATUS_TEXT = {
    Status.ACHIEVED: "達成",
    Status.CAUTION: "注意",
    Status.MISSED: "未達",
    Status.NO_DATA: "実績なし",
}
STATUS_FILL = {
    Status.ACHIEVED: colors.HexColor("#E3F4E8"),
    Status.CAUTION: colors.HexColor("#FFF4D1"),
    Status.MISSED: colors.HexColor("#FBE3E3"),
    Status.NO_DATA: colors.HexColor("#F1F3F4"),
}
STATUS_INK = {
    Status.ACHIEVED: colors.HexColor("#1E7B3C"),
    Status.CAUTION: colors.HexColor("#8A6500"),
    Status.MISSED: colors.HexColor("#B3261E"),
    Status.NO_DATA: colors.HexColor("#5F6368"),
}
METHOD_TEXT = {
    Method.NONE: "予測なし",
    Method.ACTUAL: "実績",
    Method.RUN_RATE: "ランレート",
    Method.LINEAR_TREND: "線形トレンド",
    Method.SEASONAL: "前年の季節性",
}
ACTUAL = colors.HexColor("#1F5FBF")
TARGET = colors.HexColor("#8A8A8A")
LAST_YEAR = colors.HexColor("#9DB7E0")
FORECAST = colors.HexColor("#E07B00")
GRID = colors.HexColor("#C8CDD2")
MUTED = colors.HexColor("#5F6368")
RED = colors.HexColor("#C62828")

Progress = Callable[[int, int], bool]


class ReportCancelled(Exception):
    """The user cancelled; nothing was written."""


def _pct(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:.0f}%"


def _value(kpi: Kpi, value: float | None) -> str:
    return "—" if value is None else f"{format_value(value, kpi.decimals)}{kpi.unit}"


def warning_line(warning: EarlyWarning) -> str:
    if warning.kind is WarningKind.FORECAST:
        return f"このペースだと年度末に目標の{_pct(warning.value)}"
    return f"進捗{_pct(warning.value)}：この時点の目安{_pct(warning.expected)}より遅れています"


_NO_LINE_START = frozenset("、。，．,.）)」』】〕！？!?ー…・：:；;")


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Break Japanese text by width (character by character), at most ``max_lines`` lines."""
    lines: list[str] = []
    line = ""
    for ch in text.replace("\n", " "):
        hanging = ch in _NO_LINE_START and line  # 。、）」 hang at the line end (ぶら下げ)
        if stringWidth(line + ch, font, size) > width and not hanging:
            lines.append(line)
            line = ch
            if len(lines) == max_lines:
                break
        else:
            line += ch
    else:
        if line:
            lines.append(line)
    if len(lines) == max_lines and "".join(lines) != text.replace("\n", " "):
        last = lines[-1]
        while last and stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _elide(text: str, font: str, size: float, width: float) -> str:
    return _wrap(text, font, size, width, 1)[0] if text else ""


def small_chart(tile: KpiTile, months: Sequence, width: float, height: float, font: str) -> Drawing:
    """Actual (solid, dots) vs monthly target (dashed), last year (light) and the forecast (dashed
    orange) by fiscal month — the same ChartSeries the screen's chart draws."""
    series = chart_series(tile, months, cumulative=False)
    kpi = tile.kpi
    d = Drawing(width, height)
    d.add(
        String(2, height - 9, _elide(kpi.name, font, 7.5, width - 30), fontName=font, fontSize=7.5)
    )
    d.add(
        String(
            width - 2,
            height - 9,
            _pct(tile.ytd_achievement),
            fontName=font,
            fontSize=7.5,
            textAnchor="end",
            fillColor=STATUS_INK[tile.status],
        )
    )
    left, right, bottom, top = 22.0, width - 4, 11.0, height - 14
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
    values = [
        v
        for s in (series.actual, series.target, series.last_year, series.forecast)
        for v in s
        if v is not None
    ]
    n = len(months)

    def x_of(i: int) -> float:
        return left + (right - left) * (i + 0.5) / n

    for i, month in enumerate(months):
        if i % 3 == 0:
            d.add(
                String(
                    x_of(i),
                    3,
                    f"{month.month}月",
                    fontName=font,
                    fontSize=5.5,
                    textAnchor="middle",
                    fillColor=MUTED,
                )
            )
    if not values:
        d.add(
            String(
                (left + right) / 2,
                (bottom + top) / 2 - 3,
                "実績なし",
                fontName=font,
                fontSize=7,
                textAnchor="middle",
                fillColor=MUTED,
            )
        )
        return d
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad

    def y_of(v: float) -> float:
        return bottom + (top - bottom) * (v - low) / (high - low)

    for label_value in (low + pad, high - pad):
        d.add(
            String(
                left - 2,
                y_of(label_value) - 2,
                format_value(label_value, kpi.decimals),
                fontName=font,
                fontSize=5,
                textAnchor="end",
                fillColor=MUTED,
            )
        )

    def polyline(
        values: Sequence[float | None],
        colour: object,
        width_: float,
        dash: list[float] | None = None,
    ) -> None:
        run: list[float] = []
        for i, v in enumerate([*values, None]):
            if v is None:
                if len(run) >= 4:
                    d.add(
                        PolyLine(run, strokeColor=colour, strokeWidth=width_, strokeDashArray=dash)
                    )
                run = []
            else:
                run += [x_of(i), y_of(v)]

    polyline(series.last_year, LAST_YEAR, 0.8)
    polyline(series.target, TARGET, 0.8, [2, 1.5])
    polyline(series.forecast, FORECAST, 1.0, [2.5, 1.5])
    polyline(series.actual, ACTUAL, 1.2)
    for i, v in enumerate(series.actual):
        if v is not None:
            d.add(Circle(x_of(i), y_of(v), 1.1, fillColor=ACTUAL, strokeColor=None))
    return d


class _Page:
    def __init__(self, canvas: Canvas, report: DashboardReport, font: str) -> None:
        self.c = canvas
        self.r = report
        self.font = font
        self.y = PAGE_H - MARGIN

    def text(
        self, x: float, text: str, size: float, colour: object = colors.black, anchor: str = "start"
    ) -> None:
        self.c.setFont(self.font, size)
        self.c.setFillColor(colour)
        if anchor == "end":
            self.c.drawRightString(x, self.y, text)
        else:
            self.c.drawString(x, self.y, text)

    def header(self, section: DepartmentSection, page: int, pages: int) -> None:
        r = self.r
        self.y -= 4
        self.text(MARGIN, f"{r.company.name}　部門レポート　{r.fiscal_year}年度", 9, MUTED)
        settled = "（年度締め）" if r.settled else ""
        self.text(PAGE_W - MARGIN, f"{r.today:%Y-%m-%d}時点{settled}", 9, MUTED, "end")
        self.y -= 4
        self.c.setStrokeColor(colors.black)
        self.c.setLineWidth(0.8)
        self.c.line(MARGIN, self.y, PAGE_W - MARGIN, self.y)
        self.y -= 20
        self.text(MARGIN, section.department.name, 17)
        s = section.summary
        counts = (
            f"達成 {s.achieved}　注意 {s.caution}　未達 {s.missed}　実績なし {s.no_data}　"
            f"警告 {s.warnings}　未入力 {s.missing_kpis}　未完了アクション {s.open_actions}"
        )
        self.text(PAGE_W - MARGIN, counts, 8.5, MUTED, "end")
        self.y -= 14
        mission = section.department.mission or "（ミッション未設定）"
        for line in _wrap(f"ミッション：{mission}", self.font, 9.5, WIDTH, 3):
            self.text(MARGIN, line, 9.5)
            self.y -= 13
        self.y -= 2
        self.c.setFont(self.font, 8)
        self.c.setFillColor(MUTED)
        self.c.drawCentredString(PAGE_W / 2, MARGIN / 2, f"{page} / {pages}")

    def kpi_table(self, tiles: Sequence[KpiTile]) -> None:
        cell = ParagraphStyle("cell", fontName=self.font, fontSize=8, leading=10)
        head = ["KPI", "担当", "最新の実績", "達成率", "状態", "年度末予測", "予測の方法"]
        rows: list[list[object]] = [head]
        style = [
            ("FONT", (0, 0), (-1, -1), self.font, 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6EDF4")),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (2, 1), (5, -1), "RIGHT"),
            ("ALIGN", (4, 1), (4, -1), "CENTER"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for row, tile in enumerate(tiles, start=1):
            kpi = tile.kpi
            latest = _value(kpi, tile.latest_value)
            if tile.latest_month is not None:
                latest += f"（{tile.latest_month.month}月）"
            forecast = tile.forecast
            predicted = (
                "—"
                if forecast.method is Method.NONE
                else f"{_value(kpi, forecast.year_end)}（{_pct(forecast.achievement)}）"
            )
            rows.append(
                [
                    Paragraph(kpi.name, cell),
                    tile.owner_name or "—",
                    latest,
                    _pct(tile.ytd_achievement),
                    STATUS_TEXT[tile.status],
                    predicted,
                    METHOD_TEXT[forecast.method],
                ]
            )
            style.append(("BACKGROUND", (4, row), (4, row), STATUS_FILL[tile.status]))
            style.append(("TEXTCOLOR", (4, row), (4, row), STATUS_INK[tile.status]))
        widths = [w * mm for w in (54, 20, 28, 15, 14, 30, 21)]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        _, height = table.wrapOn(self.c, WIDTH, self.y)
        table.drawOn(self.c, MARGIN, self.y - height)
        self.y -= height + 8

    def charts(self, tiles: Sequence[KpiTile], room: float) -> None:
        if not tiles:
            return
        per_row = 3 if len(tiles) <= 6 else 4
        rows = (len(tiles) + per_row - 1) // per_row
        height = max(26 * mm, min(52 * mm, (room - 16) / max(rows, 1) - 2))
        width = WIDTH / per_row
        for index, tile in enumerate(tiles):
            row, column = divmod(index, per_row)
            drawing = small_chart(tile, self.r.months, width - 6, height - 2, self.font)
            renderPDF.draw(drawing, self.c, MARGIN + column * width, self.y - (row + 1) * height)
        self.y -= rows * height + 8
        self.legend()
        self.y -= 18

    def legend(self) -> None:
        """Line samples of the small charts, in their colours."""
        x = MARGIN
        samples = (
            ("実績", ACTUAL, None, 1.2),
            ("目標", TARGET, [2, 1.5], 0.8),
            ("予測", FORECAST, [2.5, 1.5], 1.0),
            ("前年度", LAST_YEAR, None, 0.8),
        )
        self.c.setFont(self.font, 7.5)
        for label, colour, dash, width in samples:
            self.c.setStrokeColor(colour)
            self.c.setLineWidth(width)
            self.c.setDash(*(dash or [1, 0]))
            self.c.line(x, self.y + 2.5, x + 16, self.y + 2.5)
            self.c.setDash(1, 0)
            self.c.setFillColor(MUTED)
            self.c.drawString(x + 19, self.y, label)
            x += 19 + stringWidth(label, self.font, 7.5) + 12
        self.c.drawString(x + 6, self.y, "グラフ右上の数値は年度累計の達成率")

    def bullet_list(self, title: str, lines: Sequence[tuple[str, object]], bottom: float) -> None:
        self.text(MARGIN, title, 10.5)
        self.y -= 13
        if not lines:
            self.text(MARGIN + 4, "なし", 8.5, MUTED)
            self.y -= 14
            return
        for index, (line, colour) in enumerate(lines):
            if self.y - 11 < bottom:
                self.text(MARGIN + 4, f"ほか {len(lines) - index} 件", 8.5, MUTED)
                self.y -= 11
                break
            self.text(MARGIN + 4, _elide(f"・{line}", self.font, 8.5, WIDTH - 4), 8.5, colour)
            self.y -= 11
        self.y -= 5


def _page_lists(report: DashboardReport, section: DepartmentSection):  # noqa: ANN202
    warnings = [
        (
            f"{t.kpi.name}：{warning_line(w)}",
            RED if w.severity is Severity.CRITICAL else colors.black,
        )
        for t in section.tiles
        for w in t.warnings
    ]
    missing = [
        (
            f"{t.kpi.name}（{t.owner_name or '担当者なし'}）："
            + "、".join(f"{m.month}月" for m in t.missing),
            colors.black,
        )
        for t in section.tiles
        if t.missing
    ]
    actions = []
    for item in section.open_actions:
        action = item.action
        owner = report.owners.get(action.owner_id, "") if action.owner_id is not None else ""
        due = f"期限 {action.due:%Y-%m-%d}" if action.due else "期限なし"
        late = action.due is not None and action.due < report.today
        actions.append(
            (f"{action.description}（{owner or '担当未定'}、{due}）", RED if late else colors.black)
        )
    return warnings, missing, actions


def write_department_report(
    report: DashboardReport,
    path: str | Path,
    *,
    font_path: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write one page per department of ``report`` to ``path`` (temporary name, then renamed)."""
    font = register_font(font_path)
    sections = list(report.sections)

    def write(temp: Path) -> None:
        canvas = Canvas(str(temp), pagesize=A4)
        canvas.setTitle(f"{report.company.name} 部門レポート {report.fiscal_year}年度")
        canvas.setAuthor("Mieruka")
        if not sections:
            canvas.setFont(font, 12)
            canvas.drawString(MARGIN, PAGE_H - 2 * MARGIN, "表示する部門がありません。")
            canvas.showPage()
        for number, section in enumerate(sections, start=1):
            if progress is not None and not progress(number - 1, len(sections)):
                raise ReportCancelled()
            page = _Page(canvas, report, font)
            page.header(section, number, len(sections))
            page.kpi_table(section.tiles)
            warnings, missing, actions = _page_lists(report, section)
            lists_room = 3 * 24 + 11 * min(8, len(warnings) + len(missing) + len(actions))
            page.charts(section.tiles, page.y - MARGIN - lists_room)
            bottom = MARGIN + 4
            page.bullet_list("早期警告", warnings, bottom)
            page.bullet_list("未入力の月", missing, bottom)
            page.bullet_list("未完了のアクション", actions, bottom)
            canvas.showPage()
        canvas.save()
        if progress is not None:
            progress(len(sections), len(sections))

    return write_atomically(Path(path), write)
