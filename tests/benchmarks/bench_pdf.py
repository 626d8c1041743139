"""Benchmark: 200 two-page 評価シート with one mini-chart each into one PDF.

Compares storage.pdf_sheet.write_sheets with a bare reportlab script that draws the same tables,
texts and chart without our code (same font, same run). Target: ratio ≤ 1.5.

    uv run python tests/benchmarks/bench_pdf.py [--sheets 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from domain.appraisal_model import (  # noqa: E402
    Appraisal,
    AppraisalItem,
    AppraisalPeriod,
    Block,
    Interview,
    InterviewKind,
    Stage,
)
from domain.appraisal_report import KpiTrend, sheet_report  # noqa: E402
from domain.fiscal import YearMonth  # noqa: E402
from domain.model import Kpi, Member  # noqa: E402

COMMENT = "期初に立てた目標のうち二つは計画を上回るペースで進めることができた。" * 14
LEVELS = (
    "自部門の都合を優先する",
    "情報共有が不足しがち",
    "期限内に応え共有している",
    "先回りして支援している",
    "周囲の模範となっている",
)


def make_reports(count: int) -> list:
    period = AppraisalPeriod(1, "2025年度上期", date(2025, 4, 1), date(2025, 9, 30))
    kpi = Kpi(1, 1, "契約書の電子化率", "%", decimals=1, annual_target=80)
    months = tuple(YearMonth(2025, m) for m in range(4, 10))
    trend = KpiTrend(kpi, months, (50, 55, 61, 66, 70, 74), (48, 54, 60, 66, 72, 78), 74, 0.95)
    members = {
        i: Member(i, f"E{i:04d}", f"社員 {i:04d}", 1, "主任", "G3") for i in range(1, count + 2)
    }
    reports = []
    for i in range(1, count + 1):
        items = (
            AppraisalItem(
                0,
                Block.PERFORMANCE,
                "契約書の電子化率を高める",
                "80%以上",
                40,
                1.2,
                kpi_id=1,
                score_from_kpi=True,
                result="電子契約を全社に展開した",
                self_score=4,
                first_score=4,
                second_score=4,
                self_comment="計画どおり",
            ),
            AppraisalItem(
                0,
                Block.PERFORMANCE,
                "経費処理の効率化施策を3つ提案し実行する",
                "3施策を実行",
                30,
                self_score=4,
                first_score=3,
                second_score=4,
            ),
            AppraisalItem(
                0,
                Block.PERFORMANCE,
                "備品管理台帳を電子化する",
                "9月末に運用開始",
                30,
                0.8,
                self_score=5,
                first_score=4,
                second_score=4,
            ),
            *(
                AppraisalItem(
                    0,
                    Block.PROCESS,
                    name,
                    "行動の目安",
                    w,
                    level_descriptions=LEVELS,
                    self_score=4,
                    first_score=3,
                    second_score=4,
                )
                for name, w in (("協調性", 40), ("責任感", 30), ("改善・チャレンジ", 30))
            ),
        )
        sheet = Appraisal(
            i,
            1,
            i,
            first_evaluator_id=count + 1,
            second_evaluator_id=count + 1,
            stage=Stage.SECOND_DONE,
            self_comment=COMMENT,
            first_comment=COMMENT,
            second_comment="一次評価を妥当と判断する。",
            items=items,
            interviews=(
                Interview(
                    0, InterviewKind.START, date(2025, 4, 10), "目標を確認した", "目標3件で合意"
                ),
                Interview(
                    0, InterviewKind.MID, date(2025, 7, 5), "進捗を確認した", "手順書を整える"
                ),
            ),
        )
        reports.append(
            sheet_report(
                sheet,
                company_name="株式会社みえる商事",
                period=period,
                members=members,
                departments={1: ("総務部", "社員が本業に集中できる環境を整える。")},
                trends={1: trend},
            )
        )
    return reports


def ours(reports: list, out: Path) -> None:
    from storage.pdf_sheet import PdfOptions, write_sheets

    write_sheets(reports, out, PdfOptions(printed_on=date(2026, 11, 22)))


def bare(reports: list, out: Path) -> None:
    """The same content with plain reportlab: SimpleDocTemplate, Paragraph cells, Tables, a
    Drawing with two PolyLines, page numbers drawn in onPage (no per-sheet numbering)."""
    from reportlab.graphics.shapes import Drawing, PolyLine, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from storage.pdf_common import DEFAULT_FONT_PATH

    if "BareIPA" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareIPA", str(DEFAULT_FONT_PATH)))
    cell = ParagraphStyle("c", fontName="BareIPA", fontSize=8, leading=10.8, wordWrap="CJK")
    title = ParagraphStyle("t", parent=cell, fontSize=15, leading=20)
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6EDF4")),
        ]
    )
    width = A4[0] - 28 * mm

    def p(text: str) -> Paragraph:
        return Paragraph(text, cell)

    def table(rows: list, widths: list) -> Table:
        t = Table(rows, colWidths=widths, repeatRows=1)
        t.setStyle(grid)
        return t

    story: list = []
    for r in reports:
        if story:
            story.append(PageBreak())
        m = r.member
        story += [
            p(f"{r.period.name} 評価シート").__class__(f"{r.period.name} 評価シート", title),
            table(
                [
                    [p("氏名"), p(m.name), p("社員番号"), p(m.employee_no)],
                    [p("所属"), p(r.department_name), p("評価者"), p(r.first_evaluator)],
                ],
                [width / 4] * 4,
            ),
            Spacer(0, 2 * mm),
            table([[p("部門ミッション"), p(r.mission)]], [width * 0.15, width * 0.85]),
        ]
        rows = [
            [
                p(h)
                for h in (
                    "No",
                    "目標",
                    "達成基準",
                    "ウェイト",
                    "難易度",
                    "実績",
                    "本人",
                    "一次",
                    "二次",
                )
            ]
        ]
        for n, row in enumerate(r.items_in(Block.PERFORMANCE), 1):
            it = row.item
            rows.append(
                [
                    p(str(n)),
                    p(it.goal),
                    p(it.criteria),
                    p(f"{it.weight:g}%"),
                    p(f"{it.difficulty:g}"),
                    p(it.result),
                    p(str(it.self_score)),
                    p(str(it.first_score)),
                    p(str(it.second_score)),
                ]
            )
        story.append(
            table(rows, [width * f for f in (0.04, 0.23, 0.2, 0.08, 0.07, 0.2, 0.06, 0.06, 0.06)])
        )
        trend = r.trends[0]
        d = Drawing(width / 3, 30 * mm)
        d.add(Rect(16, 9, width / 3 - 20, 30 * mm - 21, fillColor=None, strokeColor=colors.grey))
        d.add(String(2, 30 * mm - 8, trend.kpi.name, fontName="BareIPA", fontSize=7))
        for series in (trend.actuals, trend.targets):
            points = []
            for i, v in enumerate(series):
                points += [16 + i * 25, 9 + (v - 40) * 1.5]
            d.add(PolyLine(points, strokeColor=colors.blue))
        story.append(d)
        rows = [[p(h) for h in ("No", "評価項目", "評価基準", "ウェイト", "本人", "一次", "二次")]]
        for n, row in enumerate(r.items_in(Block.PROCESS), 1):
            it = row.item
            rows.append(
                [
                    p(str(n)),
                    p(it.goal),
                    p("<br/>".join(it.level_descriptions)),
                    p(f"{it.weight:g}%"),
                    p(str(it.self_score)),
                    p(str(it.first_score)),
                    p(str(it.second_score)),
                ]
            )
        story.append(table(rows, [width * f for f in (0.05, 0.2, 0.45, 0.1, 0.07, 0.07, 0.06)]))
        s = r.score
        story.append(
            table(
                [
                    [p("項目"), p("値")],
                    [p("合計点"), p(f"{s.points}")],
                    [p("評語"), p(str(s.grade))],
                ],
                [width * 0.3, width * 0.2],
            )
        )
        for label, text in (
            ("本人所見", r.sheet.self_comment),
            ("一次評価者コメント", r.sheet.first_comment),
            ("二次評価者コメント", r.sheet.second_comment),
        ):
            t = Table([[p(label)], [p(text)]], colWidths=[width], splitInRow=1)
            t.setStyle(grid)
            story.append(t)
        rows = [[p(h) for h in ("区分", "実施日", "要旨", "合意事項")]]
        rows += [
            [p(v.kind.value), p(str(v.held_on)), p(v.summary), p(v.agreements)]
            for v in r.interviews
        ]
        story.append(table(rows, [width * f for f in (0.1, 0.15, 0.4, 0.35)]))
        story.append(
            table(
                [[p("本人"), p("一次評価者"), p("二次評価者")], [p("日付"), p("日付"), p("日付")]],
                [width / 3] * 3,
            )
        )

    def page_number(canvas, doc) -> None:  # noqa: ANN001
        canvas.setFont("BareIPA", 7.5)
        canvas.drawRightString(A4[0] - 14 * mm, 8 * mm, str(doc.page))

    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=13 * mm,
        bottomMargin=16 * mm,
    )
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reports = make_reports(args.sheets)
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as folder:
        times: dict[str, list[float]] = {"ours": [], "bare": []}
        pages: dict[str, int] = {}
        for _ in range(args.repeat):
            for name, fn in (("bare", bare), ("ours", ours)):
                out = Path(folder) / f"{name}.pdf"
                start = time.perf_counter()
                fn(reports, out)
                times[name].append(time.perf_counter() - start)
                pages[name] = len(PdfReader(str(out)).pages)
        ours_s, bare_s = statistics.median(times["ours"]), statistics.median(times["bare"])
    print(f"sheets: {args.sheets}; pages: ours {pages['ours']}, bare {pages['bare']}")
    print(f"ours (storage.pdf_sheet.write_sheets): {ours_s:.2f} s (median of {args.repeat})")
    print(f"bare reportlab script:                 {bare_s:.2f} s (median of {args.repeat})")
    ratio = ours_s / bare_s
    print(f"ratio: {ratio:.2f} (target ≤ 1.5) -> {'OK' if ratio <= 1.5 else 'TOO SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
