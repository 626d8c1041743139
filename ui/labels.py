"""Japanese labels for domain codes (directions, aggregations, kinds), translatable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.model import Aggregation, Direction, KpiKind


def _tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def direction_label(direction: Direction) -> str:
    return {
        Direction.HIGHER: _tr("大きいほど良い"),
        Direction.LOWER: _tr("小さいほど良い"),
        Direction.RANGE: _tr("範囲内"),
    }[direction]


def aggregation_label(aggregation: Aggregation) -> str:
    return {
        Aggregation.SUM: _tr("合計"),
        Aggregation.AVERAGE: _tr("平均"),
        Aggregation.LAST: _tr("最終値"),
        Aggregation.MIN: _tr("最小"),
        Aggregation.MAX: _tr("最大"),
    }[aggregation]


def kind_label(kind: KpiKind) -> str:
    return {KpiKind.QUANTITATIVE: _tr("定量"), KpiKind.QUALITATIVE: _tr("定性")}[kind]
