"""The later sections of the 評価シート: Ⅳ 総合評価, Ⅴ コメント, Ⅵ 面談記録 and 確認欄
(signature boxes). A mixin of storage.pdf_sheet.SheetBuilder, which provides ``r`` (the report),
``s`` (styles), ``p`` (a text cell), ``heading`` and ``show_second``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from domain.appraisal_model import Block, Stage
from domain.scoring import SheetScore
from storage.pdf_common import (
    CONTENT_WIDTH,
    HEADER_BG,
    LABEL_BG,
    escape,
    fmt_date,
    fmt_number,
)
from storage.pdf_labels import INTERVIEW_LABELS, NONE_TEXT, UNSCORED, make_table

_NBSP = "&nbsp;"
_DATE_LINE = f"日付{_NBSP * 12}年{_NBSP * 6}月{_NBSP * 6}日"


class LaterSections:
    r: Any
    s: Any
    show_second: bool

    def p(self, text: str, style: Any = None) -> Any: ...  # provided by SheetBuilder
    def heading(self, text: str, room: float = 32 * mm) -> list[Any]: ...

    # --- totals ---------------------------------------------------------------------------
    def totals(self) -> list[Any]:
        r = self.r
        rules = r.period.rules
        columns: list[tuple[str, SheetScore | None]] = [
            ("本人（参考）", r.self_score),
            ("一次", r.first_score),
        ]
        if self.show_second:
            columns.append(("二次", r.second_score))
        header = ["項目", *(c for c, _ in columns)]

        def row(label: str, get: Callable[[SheetScore], str]) -> list[Any]:
            return [self.p(label)] + [
                self.p(get(score) if score is not None else "―", self.s.cell_right)
                for _, score in columns
            ]

        def block(b: Block) -> Callable[[SheetScore], str]:
            return lambda s: fmt_number(s.block(b).score, 2, trim=False)

        data = [
            [self.p(h, self.s.cell_center) for h in header],
            row(f"業績評価（{fmt_number(rules.performance_weight)}%）", block(Block.PERFORMANCE)),
            row(f"プロセス・行動評価（{fmt_number(rules.process_weight)}%）", block(Block.PROCESS)),
            row("総合評点", lambda s: fmt_number(s.overall, 2, trim=False)),
            row("100点換算", lambda s: fmt_number(s.base_points, 1, trim=False)),
            row("加点 / 減点", lambda s: f"+{fmt_number(s.bonus)} / −{fmt_number(s.penalty)}"),
            row("合計点", lambda s: fmt_number(s.points, 1, trim=False)),
            row("評語", lambda s: s.grade or UNSCORED),
        ]
        w_table = CONTENT_WIDTH * 0.72
        first_w = w_table * 0.34
        rest = (w_table - first_w) / len(columns)
        table = make_table(
            data, [first_w] + [rest] * len(columns), [("BACKGROUND", (0, -2), (-1, -1), LABEL_BG)]
        )
        final = r.score
        label = "最終評語" if r.stage is Stage.FINAL else "評語（暫定）"
        points = fmt_number(final.points, 1, trim=False)
        capped = ""
        if final.points_uncapped is not None and final.points_uncapped != final.points:
            capped = f"（計算上 {fmt_number(final.points_uncapped, 1, trim=False)}）"
        grade_box = make_table(
            [
                [self.p(label, self.s.cell_center)],
                [Paragraph(escape(final.grade or UNSCORED), self.s.grade)],
                [self.p(f"{points} 点{capped}", self.s.cell_center)],
            ],
            [CONTENT_WIDTH * 0.25],
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
            ],
            header_rows=0,
        )
        outer = Table(
            [[table, grade_box]],
            colWidths=[CONTENT_WIDTH * 0.74, CONTENT_WIDTH * 0.26],
            hAlign="LEFT",
        )
        outer.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        bands = "　".join(
            f"{b.grade}≧{fmt_number(b.min_points)}"
            if b.min_points > -1e300
            else f"{b.grade}:その他"
            for b in sorted(rules.grade_bands, key=lambda b: b.min_points, reverse=True)
        )
        note = self.p(
            f"計算方法：ブロック評点＝Σ(ウェイト×評点×難易度)÷Σウェイト（未評価の項目は除外）。"
            f"100点換算＝(総合評点−{rules.scale_min})÷({rules.scale_max}−{rules.scale_min})×100。"
            f"合計点＝100点換算＋加点−減点（0〜100）。評語：{bands}",
            self.s.note,
        )
        return [
            KeepTogether([self.p("Ⅳ 総合評価", self.s.heading), outer, Spacer(0, 1 * mm), note])
        ]

    # --- comments, interviews, signatures --------------------------------------------------
    def comments(self) -> list[Any]:
        r = self.r
        boxes = [("本人所見", r.sheet.self_comment), ("一次評価者コメント", r.sheet.first_comment)]
        if self.show_second:
            boxes.append(("二次評価者コメント", r.sheet.second_comment))
        flow: list[Any] = self.heading("Ⅴ コメント")
        for label, text in boxes:
            flow.append(
                make_table(
                    [[self.p(label, self.s.label)], [self.p(text.strip() or "―", self.s.body)]],
                    [CONTENT_WIDTH],
                    [("BACKGROUND", (0, 0), (-1, 0), LABEL_BG)],
                    header_rows=0,
                    split_in_row=True,
                )
            )
            flow.append(Spacer(0, 1.5 * mm))
        return flow

    def interviews(self) -> list[Any]:
        head = self.heading("Ⅵ 面談記録")
        interviews = self.r.interviews
        if not interviews:
            return [*head, self.p(NONE_TEXT, self.s.body)]
        data: list[list[Any]] = [
            [self.p(h, self.s.cell_center) for h in ("区分", "実施日", "要旨", "合意事項")]
        ]
        for v in interviews:
            data.append(
                [
                    self.p(INTERVIEW_LABELS[v.kind], self.s.cell_center),
                    self.p(fmt_date(v.held_on) or "―", self.s.cell_center),
                    self.p(v.summary),
                    self.p(v.agreements),
                ]
            )
        w = CONTENT_WIDTH
        return [
            *head,
            make_table(data, [w * 0.08, w * 0.13, w * 0.42, w * 0.37], [], split_in_row=True),
        ]

    def signatures(self) -> list[Any]:
        roles = ["本人", "一次評価者", "二次評価者"]
        names = [
            self.r.member.name,
            self.r.first_evaluator,
            self.r.second_evaluator or ("" if self.r.sheet.has_second else NONE_TEXT),
        ]
        data = [
            [
                self.p(f"{role}　{name}", self.s.label)
                for role, name in zip(roles, names, strict=True)
            ],
            [Paragraph(_DATE_LINE, self.s.cell) for _ in roles],
            [self.p("署名・印", self.s.note) for _ in roles],
        ]
        table = make_table(
            data,
            [CONTENT_WIDTH / 3] * 3,
            [("BACKGROUND", (0, 0), (-1, 0), LABEL_BG), ("VALIGN", (0, 2), (-1, 2), "TOP")],
            header_rows=0,
        )
        table._argH[2] = 16 * mm  # type: ignore[attr-defined]  (room to sign)
        return [KeepTogether([self.p("確認欄", self.s.heading), table])]
