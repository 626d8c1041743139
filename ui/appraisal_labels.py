"""Japanese words for the appraisal codes and the phrasing of its typed errors (translatable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.appraisal_errors import (
    DuplicatePeriodName,
    InvalidPeriod,
    InvalidScore,
    NoPeriod,
    Part,
    PeriodHasFinalSheets,
    RefusalCode,
    SheetLocked,
    TransitionRefused,
)
from domain.appraisal_model import Action, AdjustmentKind, Block, InterviewKind, Stage
from domain.scoring import WeightProblemCode
from ui.messages import error_text


def stage_label(stage: Stage) -> str:
    return {
        Stage.DRAFT: QCoreApplication.translate("Appraisal", "下書き"),
        Stage.SELF_DONE: QCoreApplication.translate("Appraisal", "自己評価済"),
        Stage.FIRST_DONE: QCoreApplication.translate("Appraisal", "一次評価済"),
        Stage.SECOND_DONE: QCoreApplication.translate("Appraisal", "二次評価済"),
        Stage.FINAL: QCoreApplication.translate("Appraisal", "確定"),
    }[stage]


def block_label(block: Block) -> str:
    return {
        Block.PERFORMANCE: QCoreApplication.translate("Appraisal", "業績"),
        Block.PROCESS: QCoreApplication.translate("Appraisal", "プロセス・行動"),
    }[block]


def interview_label(kind: InterviewKind) -> str:
    return {
        InterviewKind.START: QCoreApplication.translate("Appraisal", "期首"),
        InterviewKind.MID: QCoreApplication.translate("Appraisal", "中間"),
        InterviewKind.END: QCoreApplication.translate("Appraisal", "期末"),
    }[kind]


def adjustment_label(kind: AdjustmentKind) -> str:
    return {
        AdjustmentKind.BONUS: QCoreApplication.translate("Appraisal", "加点"),
        AdjustmentKind.PENALTY: QCoreApplication.translate("Appraisal", "減点"),
    }[kind]


def action_label(action: Action) -> str:
    return {
        Action.SUBMIT_SELF: QCoreApplication.translate("Appraisal", "自己評価を提出"),
        Action.CONFIRM_FIRST: QCoreApplication.translate("Appraisal", "一次評価を確定"),
        Action.CONFIRM_SECOND: QCoreApplication.translate("Appraisal", "二次評価を確定"),
        Action.FINALIZE: QCoreApplication.translate("Appraisal", "確定する"),
        Action.REOPEN: QCoreApplication.translate("Appraisal", "差し戻す（再開）"),
    }[action]


def part_label(part: Part) -> str:
    return {
        Part.GOALS: QCoreApplication.translate("Appraisal", "目標・ウェイト"),
        Part.EVALUATORS: QCoreApplication.translate("Appraisal", "評価者"),
        Part.SELF: QCoreApplication.translate("Appraisal", "本人評価"),
        Part.FIRST: QCoreApplication.translate("Appraisal", "一次評価"),
        Part.SECOND: QCoreApplication.translate("Appraisal", "二次評価"),
        Part.ADJUSTMENTS: QCoreApplication.translate("Appraisal", "加点・減点"),
        Part.INTERVIEWS: QCoreApplication.translate("Appraisal", "面談記録"),
    }[part]


def appraisal_error_text(exc: BaseException) -> str:
    """A clear sentence for the appraisal errors; other errors go to ui.messages.error_text."""
    if isinstance(exc, TransitionRefused):
        if exc.code is RefusalCode.INVALID_WEIGHTS:
            problems = [p for p in exc.problems if p.code is WeightProblemCode.BLOCK_TOTAL]
            if problems:
                detail = "、".join(
                    QCoreApplication.translate("Appraisal", "{0}ブロックの合計が{1:g}%").format(
                        block_label(p.block), p.total
                    )
                    for p in problems
                    if p.block is not None
                )
                return QCoreApplication.translate(
                    "Appraisal", "ウェイトが100%になっていないため確定できません（{0}）。"
                ).format(detail)
            return QCoreApplication.translate(
                "Appraisal", "評価項目がないか、ウェイトに誤りがあるため確定できません。"
            )
        return {
            RefusalCode.WRONG_STAGE: QCoreApplication.translate(
                "Appraisal", "現在の状態（{0}）ではこの操作はできません。"
            ).format(stage_label(exc.stage)),
            RefusalCode.NO_SECOND_EVALUATOR: QCoreApplication.translate(
                "Appraisal", "二次評価者が設定されていません。"
            ),
            RefusalCode.SECOND_PENDING: QCoreApplication.translate(
                "Appraisal", "二次評価が確定していないため、まだ確定できません。"
            ),
            RefusalCode.NO_FIRST_EVALUATOR: QCoreApplication.translate(
                "Appraisal", "一次評価者を設定してから確定してください。"
            ),
            RefusalCode.NOT_EARLIER: QCoreApplication.translate(
                "Appraisal", "差し戻し先には現在より前の段階を選んでください。"
            ),
        }.get(exc.code, str(exc.code))
    if isinstance(exc, SheetLocked):
        parts = "、".join(part_label(p) for p in sorted(exc.parts))
        return QCoreApplication.translate(
            "Appraisal", "「{0}」の段階では {1} は変更できません。必要なら差し戻してください。"
        ).format(stage_label(exc.stage), parts)
    if isinstance(exc, DuplicatePeriodName):
        return QCoreApplication.translate("Appraisal", "評価期間「{0}」は既にあります。").format(
            exc.name
        )
    if isinstance(exc, InvalidPeriod):
        return QCoreApplication.translate(
            "Appraisal",
            "評価期間の設定に誤りがあります（名前・期間・評価尺度・ブロックウェイトの合計100%・評語）。",
        )
    if isinstance(exc, PeriodHasFinalSheets):
        return QCoreApplication.translate(
            "Appraisal", "確定済みのシートが{0}件あるため、採点ルールは変更できません。"
        ).format(exc.count)
    if isinstance(exc, InvalidScore):
        return QCoreApplication.translate(
            "Appraisal", "値「{0}」は使えません（評点は評価尺度の範囲内、難易度は0より大きい数）。"
        ).format(exc.value)
    if isinstance(exc, NoPeriod):
        return QCoreApplication.translate("Appraisal", "評価期間がありません。")
    return error_text(exc)
