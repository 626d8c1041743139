"""Japanese labels for domain codes (directions, aggregations, kinds), translatable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.model import Aggregation, Direction, KpiKind


def direction_label(direction: Direction) -> str:
    return {
        Direction.HIGHER: QCoreApplication.translate("Labels", "大きいほど良い"),
        Direction.LOWER: QCoreApplication.translate("Labels", "小さいほど良い"),
        Direction.RANGE: QCoreApplication.translate("Labels", "範囲内"),
    }[direction]


def aggregation_label(aggregation: Aggregation) -> str:
    return {
        Aggregation.SUM: QCoreApplication.translate("Labels", "合計"),
        Aggregation.AVERAGE: QCoreApplication.translate("Labels", "平均"),
        Aggregation.LAST: QCoreApplication.translate("Labels", "最終値"),
        Aggregation.MIN: QCoreApplication.translate("Labels", "最小"),
        Aggregation.MAX: QCoreApplication.translate("Labels", "最大"),
    }[aggregation]


def kind_label(kind: KpiKind) -> str:
    return {
        KpiKind.QUANTITATIVE: QCoreApplication.translate("Labels", "定量"),
        KpiKind.QUALITATIVE: QCoreApplication.translate("Labels", "定性"),
    }[kind]
