"""The A4 portrait 評価シート PDF, drawn from domain.appraisal_report.SheetReport values.

reportlab platypus with IPAexGothic embedded. Every text cell is a Paragraph with CJK wrapping, so
long Japanese text wraps inside its box; tables repeat their header row and split between rows
(never inside a goal row); comment boxes and 面談記録 may continue on the next page. Pages are
numbered per sheet. A batch of sheets goes into one PDF (:func:`write_sheets`) or one file each
(storage.pdf_batch). The words on the sheet are Japanese: it is a Japanese business form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from domain.appraisal_model import AdjustmentKind, Block
from domain.appraisal_report import ItemReport, SheetReport
from domain.scoring import weights_ok
from storage.atomic_file import write_atomically
from storage.pdf_chart import trend_chart
from storage.pdf_common import (
    CONTENT_WIDTH,
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    WARN,
    SheetMark,
    Styles,
    Text,
    encryption,
    escape,
    fmt_date,
    fmt_number,
    make_styles,
    numbered_canvas,
    register_font,
    safe_file_part,
)
from storage.pdf_labels import (
    ADJUSTMENT_LABELS,
    NONE_TEXT,
    STAGE_LABELS,
)
from storage.pdf_labels import (
    make_table as _table,
)
from storage.pdf_sheet_sections import LaterSections

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel


class Cancelled(Exception):
    """The progress callback asked to stop."""


@dataclass(frozen=True, slots=True)
class PdfOptions:
    password: str | None = None
    font_path: Path | None = None
    printed_on: date | None = None
    charts: bool = True


def sheet_file_name(report: SheetReport) -> str:
    """評価シート_{氏名}_{期間}.pdf (characters Windows refuses in file names replaced)."""
    name = safe_file_part(report.member.name)
    period = safe_file_part(report.period.name)
    return f"評価シート_{name}_{period}.pdf"


def _score(value: float | None) -> str:
    return fmt_number(value, 1)


class SheetBuilder(LaterSections):
    """Turns one SheetReport into flowables (a layout, no data logic)."""

    def __init__(self, report: SheetReport, styles: Styles, options: PdfOptions) -> None:
        self.r = report
        self.s = styles
        self.options = options
        self.show_second = report.show_second
        self.show_second_column = report.sheet.has_second and not report.hide_second

    def p(self, text: str, style: Any = None) -> Flowable:
        return Text(text, style or self.s.cell)

    def heading(self, text: str, room: float = 32 * mm) -> list[Any]:
        """A section heading that starts a new page when less than ``room`` is left, so it is
        never stranded at the bottom of a page without the first rows of its section."""
        return [CondPageBreak(room), self.p(text, self.s.heading)]

    def story(self) -> list[Any]:
        r = self.r
        flow: list[Any] = [SheetMark(r.sheet.id, f"{r.member.name}（{r.member.employee_no}）")]
        flow += self.title()
        flow.append(self.member_block())
        flow.append(Spacer(0, 2 * mm))
        flow.append(self.mission())
        flow += self.goals()
        if self.options.charts and r.trends:
            flow += self.charts()
        flow += self.process()
        flow += self.adjustments()
        flow += self.totals()
        flow += self.comments()
        flow += self.interviews()
        flow += self.signatures()
        return flow

    # --- header ---------------------------------------------------------------------------
    def title(self) -> list[Any]:
        r = self.r
        subtitle = "（一次評価者用）" if r.hide_second else ""
        status = f"状態：{STAGE_LABELS[r.stage]}"
        if r.finalized_on:
            status += f"（確定日 {fmt_date(r.finalized_on)}）"
        period = f"評価期間：{fmt_date(r.period.start)} ～ {fmt_date(r.period.end)}"
        line = _table(
            [
                [
                    self.p(r.company_name),
                    self.p(period, self.s.cell_center),
                    self.p(status, self.s.cell_right),
                ]
            ],
            [CONTENT_WIDTH * 0.3, CONTENT_WIDTH * 0.35, CONTENT_WIDTH * 0.35],
            [
                ("GRID", (0, 0), (-1, -1), 0, colors.white),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
            ],
            header_rows=0,
        )
        return [
            self.p(f"{r.period.name}　評価シート{subtitle}", self.s.title),
            line,
            Spacer(0, 2 * mm),
        ]

    def member_block(self) -> Table:
        r = self.r
        m = r.member
        lab = self.s.label
        second = r.second_evaluator or NONE_TEXT
        rows = [
            [
                self.p("氏名", lab),
                self.p(m.name),
                self.p("社員番号", lab),
                self.p(m.employee_no),
                self.p("所属", lab),
                self.p(r.department_name),
            ],
            [
                self.p("役職", lab),
                self.p(m.title),
                self.p("等級", lab),
                self.p(m.grade),
                self.p("評価者", lab),
                self.p(f"一次：{r.first_evaluator or '未設定'}　二次：{second}"),
            ],
        ]
        w = CONTENT_WIDTH
        widths = [w * 0.09, w * 0.21, w * 0.1, w * 0.17, w * 0.09, w * 0.34]
        style = [("BACKGROUND", (c, 0), (c, -1), LABEL_BG) for c in (0, 2, 4)]
        return _table(rows, widths, style, header_rows=0)

    def mission(self) -> Table:
        text = self.r.mission or NONE_TEXT
        return _table(
            [[self.p("部門ミッション", self.s.label), self.p(text)]],
            [CONTENT_WIDTH * 0.15, CONTENT_WIDTH * 0.85],
            [("BACKGROUND", (0, 0), (0, 0), LABEL_BG)],
            header_rows=0,
            split_in_row=True,
        )

    # --- goals ----------------------------------------------------------------------------
    def _weight_cell(self, total: float) -> Paragraph:
        text = f"{fmt_number(total, 1)}%"
        if not weights_ok(total):
            return Paragraph(
                f'<font color="{WARN.hexval()}">{escape(text)}（≠100）</font>', self.s.cell_right
            )
        return self.p(text, self.s.cell_right)

    def _scores(self, row: ItemReport) -> list[Paragraph]:
        item = row.item
        cells = [
            self.p(_score(item.self_score), self.s.cell_center),
            self.p(_score(item.first_score), self.s.cell_center),
        ]
        if self.show_second_column:
            cells.append(self.p(_score(item.second_score), self.s.cell_center))
        return cells

    def _comment_line(self, row: ItemReport) -> str:
        item = row.item
        parts = [("本人", item.self_comment), ("一次", item.first_comment)]
        if self.show_second_column:
            parts.append(("二次", item.second_comment))
        return "　".join(f"【{who}】{text}" for who, text in parts if text.strip())

    def _result(self, row: ItemReport) -> str:
        lines = [row.item.result] if row.item.result.strip() else []
        trend = row.trend
        if trend is not None:
            kpi = trend.kpi
            actual = fmt_number(trend.actual, kpi.decimals, trim=False)
            lines.append(f"{kpi.name}：{actual}{kpi.unit}")
            if trend.achievement is not None:
                proposal = f"（提案 {_score(row.proposed)}）" if row.item.score_from_kpi else ""
                lines.append(f"達成率 {trend.achievement * 100:.0f}%{proposal}")
        return "\n".join(lines) or "―"

    def goals(self) -> list[Any]:
        r = self.r
        rows = r.items_in(Block.PERFORMANCE)
        weight = r.period.rules.performance_weight
        head = self.heading(f"Ⅰ 業績評価（目標）　ブロックウェイト {fmt_number(weight)}%")
        if not rows:
            return [*head, self.p(NONE_TEXT, self.s.body)]
        header = ["No", "目標", "達成基準", "ウェイト", "難易度", "実績・達成率", "本人", "一次"]
        widths_mm = [7, 42, 38, 14, 12, 33, 12, 12]
        if self.show_second_column:
            header.append("二次")
            widths_mm.append(12)
        else:
            widths_mm[1] += 6
            widths_mm[2] += 6
        widths = [w * mm * CONTENT_WIDTH / (sum(widths_mm) * mm) for w in widths_mm]
        data: list[list[Any]] = [[self.p(h, self.s.cell_center) for h in header]]
        style: list[tuple[Any, ...]] = []
        for number, row in enumerate(rows, start=1):
            item = row.item
            data.append(
                [
                    self.p(str(number), self.s.cell_center),
                    self.p(item.goal),
                    self.p(item.criteria),
                    self.p(f"{fmt_number(item.weight)}%", self.s.cell_right),
                    self.p(fmt_number(item.difficulty, 2), self.s.cell_center),
                    self.p(self._result(row), self.s.small),
                    *self._scores(row),
                ]
            )
            comment = self._comment_line(row)
            if comment:
                data.append([self.p(""), self.p(comment, self.s.small)] + [""] * (len(header) - 2))
                at = len(data) - 1
                style += [
                    ("SPAN", (1, at), (-1, at)),
                    ("NOSPLIT", (0, at - 1), (-1, at)),
                    ("SPAN", (0, at - 1), (0, at)),
                ]
        block = r.score.block(Block.PERFORMANCE)
        data.append(
            [
                self.p("合計", self.s.cell_center),
                self.p(""),
                self.p(""),
                self._weight_cell(block.weight_total),
                self.p("評点", self.s.cell_center),
                self.p(fmt_number(block.score, 2, trim=False), self.s.cell_right),
            ]
            + [""] * (len(header) - 6)
        )
        last = len(data) - 1
        style += [
            ("SPAN", (0, last), (2, last)),
            ("SPAN", (5, last), (-1, last)),
            ("BACKGROUND", (0, last), (-1, last), LABEL_BG),
        ]
        return [*head, _table(data, widths, style)]

    # --- KPI charts -----------------------------------------------------------------------
    def charts(self) -> list[Any]:
        trends = self.r.trends
        per_row = 3
        width = CONTENT_WIDTH / per_row
        cells = [trend_chart(t, width - 4, 30 * mm, self.s.font) for t in trends]
        while len(cells) % per_row:
            cells.append("")
        rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
        table = Table(rows, colWidths=[width] * per_row, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return [*self.heading("関連KPIの推移（実線：実績、点線：目標）", 45 * mm), table]

    # --- process --------------------------------------------------------------------------
    def process(self) -> list[Any]:
        r = self.r
        rows = r.items_in(Block.PROCESS)
        weight = r.period.rules.process_weight
        head = self.heading(f"Ⅱ プロセス・行動評価　ブロックウェイト {fmt_number(weight)}%")
        if not rows:
            return [*head, self.p(NONE_TEXT, self.s.body)]
        header = ["No", "評価項目", "評価基準（行動の目安）", "ウェイト", "本人", "一次"]
        widths_mm = [7, 40, 84, 14, 12, 12]
        if self.show_second_column:
            header.append("二次")
            widths_mm.append(12)
        else:
            widths_mm[2] += 12
        widths = [w * CONTENT_WIDTH / sum(widths_mm) for w in widths_mm]
        data: list[list[Any]] = [[self.p(h, self.s.cell_center) for h in header]]
        style: list[tuple[Any, ...]] = []
        scale_min = r.period.rules.scale_min
        for number, row in enumerate(rows, start=1):
            item = row.item
            levels = [
                f"{scale_min + i}：{text}"
                for i, text in enumerate(item.level_descriptions)
                if text.strip()
            ]
            criteria = "\n".join(filter(None, [item.criteria, *reversed(levels)]))
            data.append(
                [
                    self.p(str(number), self.s.cell_center),
                    self.p(item.goal),
                    self.p(criteria, self.s.small),
                    self.p(f"{fmt_number(item.weight)}%", self.s.cell_right),
                    *self._scores(row),
                ]
            )
            comment = self._comment_line(row)
            if comment:
                data.append([self.p(""), self.p(comment, self.s.small)] + [""] * (len(header) - 2))
                at = len(data) - 1
                style += [
                    ("SPAN", (1, at), (-1, at)),
                    ("NOSPLIT", (0, at - 1), (-1, at)),
                    ("SPAN", (0, at - 1), (0, at)),
                ]
        block = r.score.block(Block.PROCESS)
        data.append(
            [
                self.p("合計", self.s.cell_center),
                self.p(""),
                self.p(f"評点 {fmt_number(block.score, 2, trim=False)}", self.s.cell_right),
                self._weight_cell(block.weight_total),
            ]
            + [""] * (len(header) - 4)
        )
        last = len(data) - 1
        style += [
            ("SPAN", (0, last), (1, last)),
            ("SPAN", (3, last), (-1, last)),
            ("BACKGROUND", (0, last), (-1, last), LABEL_BG),
        ]
        return [*head, _table(data, widths, style)]

    # --- 加点・減点 -------------------------------------------------------------------------
    def adjustments(self) -> list[Any]:
        head = self.heading("Ⅲ 加点・減点", 20 * mm)
        adjustments = self.r.adjustments
        if not adjustments:
            return [*head, self.p(NONE_TEXT, self.s.body)]
        data: list[list[Any]] = [[self.p(h, self.s.cell_center) for h in ("区分", "理由", "点数")]]
        for a in adjustments:
            sign = "+" if a.kind is AdjustmentKind.BONUS else "−"
            data.append(
                [
                    self.p(ADJUSTMENT_LABELS[a.kind], self.s.cell_center),
                    self.p(a.reason),
                    self.p(f"{sign}{fmt_number(a.points)}", self.s.cell_right),
                ]
            )
        w = CONTENT_WIDTH
        return [*head, _table(data, [w * 0.12, w * 0.73, w * 0.15], [])]


def sheet_story(report: SheetReport, styles: Styles, options: PdfOptions) -> list[Any]:
    return SheetBuilder(report, styles, options).story()


def _document(path: Path, options: PdfOptions, title: str) -> tuple[BaseDocTemplate, Styles]:
    font = register_font(options.font_path)
    doc = BaseDocTemplate(
        str(path),
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="Mieruka",
        encrypt=encryption(options.password),
        initialFontName=font,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame])])
    return doc, make_styles(font)


def write_sheets(
    reports: Sequence[SheetReport],
    target: Path,
    options: PdfOptions | None = None,
    progress: Progress | None = None,
) -> Path:
    """All ``reports`` into one PDF at ``target`` (written to a temporary name, then renamed).
    ``progress(done, total)`` is called as each sheet starts being laid out; returning False
    cancels (raises Cancelled, nothing is written)."""
    options = options or PdfOptions()
    if not reports:
        raise ValueError("no sheets")
    title = f"評価シート {reports[0].period.name}"
    printed = fmt_date(options.printed_on or date.today())
    footer = f"{reports[0].company_name}　{reports[0].period.name} 評価シート　出力日 {printed}"

    def write(temp: Path) -> None:
        doc, styles = _document(temp, options, title)
        story: list[Any] = []
        total = len(reports)
        for report in reports:
            if story:
                story.append(PageBreak())
            story += sheet_story(report, styles, options)
        if progress is not None:
            started = [0]

            def after(flowable: Any) -> None:
                if isinstance(flowable, SheetMark):
                    if progress(started[0], total) is False:
                        raise Cancelled()
                    started[0] += 1

            doc.afterFlowable = after  # type: ignore[method-assign]
        doc.build(story, canvasmaker=numbered_canvas(footer))
        if progress is not None and progress(total, total) is False:
            raise Cancelled()

    return write_atomically(target, write)
