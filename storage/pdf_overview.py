"""The period overview PDF (評価結果一覧): every member × status × score × grade, and the grade
distribution. Drawn from domain.appraisal_report.PeriodOverview, like the screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from domain.appraisal_report import PeriodOverview
from storage.atomic_file import write_atomically
from storage.pdf_common import (
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    SheetMark,
    encryption,
    escape,
    fmt_date,
    fmt_number,
    make_styles,
    numbered_canvas,
    register_font,
)
from storage.pdf_labels import STAGE_LABELS, UNSCORED
from storage.pdf_labels import make_table as _table
from storage.pdf_sheet import PdfOptions


def write_overview(
    overview: PeriodOverview, target: Path, options: PdfOptions | None = None
) -> Path:
    """評価結果一覧 of a period as an A4 landscape PDF at ``target`` (temporary name, renamed)."""
    options = options or PdfOptions()
    page = landscape(PAGE_SIZE)
    width = page[0] - 2 * MARGIN_X

    def write(temp: Path) -> None:
        font = register_font(options.font_path)
        s = make_styles(font)
        doc = BaseDocTemplate(
            str(temp),
            pagesize=page,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"評価結果一覧 {overview.period.name}",
            author="Mieruka",
            encrypt=encryption(options.password),
            initialFontName=font,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            width,
            page[1] - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="overview", frames=[frame])])

        def p(text: str, style: Any = None) -> Paragraph:
            return Paragraph(escape(text), style or s.cell)

        period = overview.period
        story: list[Any] = [
            SheetMark("overview", "評価結果一覧"),
            p(f"{period.name}　評価結果一覧", s.title),
            p(
                f"{overview.company_name}　評価期間：{fmt_date(period.start)} ～ "
                f"{fmt_date(period.end)}　対象 {len(overview.rows)}名",
                s.cell_center,
            ),
            Spacer(0, 3 * mm),
        ]
        dist = [
            [p("評語", s.cell_center)]
            + [p(g, s.cell_center) for g, _ in overview.distribution]
            + [p(UNSCORED, s.cell_center)],
            [p("人数", s.cell_center)]
            + [p(f"{n}名", s.cell_center) for _, n in overview.distribution]
            + [p(f"{overview.unscored}名", s.cell_center)],
        ]
        cols = len(dist[0])
        story.append(_table(dist, [22 * mm] * cols, [("BACKGROUND", (0, 1), (0, 1), LABEL_BG)]))
        stages = "　".join(f"{STAGE_LABELS[st]} {n}名" for st, n in overview.stages)
        story += [Spacer(0, 1.5 * mm), p(f"進捗：{stages}", s.note), Spacer(0, 3 * mm)]
        header = [
            "社員番号",
            "氏名",
            "所属",
            "役職",
            "等級",
            "一次評価者",
            "二次評価者",
            "状態",
            "合計点",
            "評語",
        ]
        fractions = [0.09, 0.13, 0.13, 0.08, 0.06, 0.12, 0.12, 0.1, 0.09, 0.08]
        data: list[list[Any]] = [[p(h, s.cell_center) for h in header]]
        for row in overview.rows:
            data.append(
                [
                    p(row.employee_no),
                    p(row.name),
                    p(row.department_name),
                    p(row.title),
                    p(row.grade_level, s.cell_center),
                    p(row.first_evaluator),
                    p(row.second_evaluator or "―"),
                    p(STAGE_LABELS[row.stage], s.cell_center),
                    p(fmt_number(row.points, 1, trim=False), s.cell_right),
                    p(row.grade or UNSCORED, s.cell_center),
                ]
            )
        story.append(_table(data, [width * f for f in fractions], []))
        printed = fmt_date(options.printed_on or date.today())
        footer = f"{overview.company_name}　{period.name} 評価結果一覧　出力日 {printed}"
        doc.build(story, canvasmaker=numbered_canvas(footer))

    return write_atomically(target, write)
