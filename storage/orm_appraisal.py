"""Tables of the appraisal feature (migration 0004). They reference only the 0001 tables."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm import Base


class AppraisalPeriodRow(Base):
    """評価期間 with its scoring rules (bands and labels as JSON)."""

    __tablename__ = "appraisal_period"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    scale_min: Mapped[int] = mapped_column(Integer, default=1)
    scale_max: Mapped[int] = mapped_column(Integer, default=5)
    scale_labels: Mapped[str] = mapped_column(Text, default="[]")
    performance_weight: Mapped[float] = mapped_column(Float, default=70.0)
    process_weight: Mapped[float] = mapped_column(Float, default=30.0)
    grade_bands: Mapped[str] = mapped_column(Text)
    achievement_bands: Mapped[str] = mapped_column(Text)
    self_counts: Mapped[bool] = mapped_column(Boolean, default=False)


class AppraisalRow(Base):
    """評価シート: one per member and period."""

    __tablename__ = "appraisal"
    __table_args__ = (
        UniqueConstraint("period_id", "member_id", name="uq_appraisal_period_member"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("appraisal_period.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    first_evaluator_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), nullable=True
    )
    second_evaluator_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), nullable=True
    )
    stage: Mapped[str] = mapped_column(String(20))
    self_comment: Mapped[str] = mapped_column(Text, default="")
    first_comment: Mapped[str] = mapped_column(Text, default="")
    second_comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AppraisalItemRow(Base):
    """評価項目 of a sheet (業績 or プロセス・行動)."""

    __tablename__ = "appraisal_item"
    __table_args__ = (Index("ix_appraisal_item_sheet", "appraisal_id", "sort_order"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appraisal_id: Mapped[int] = mapped_column(ForeignKey("appraisal.id", ondelete="CASCADE"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    block: Mapped[str] = mapped_column(String(20))
    goal: Mapped[str] = mapped_column(Text, default="")
    criteria: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(Float, default=0.0)
    difficulty: Mapped[float] = mapped_column(Float, default=1.0)
    kpi_id: Mapped[int | None] = mapped_column(
        ForeignKey("kpi.id", ondelete="SET NULL"), nullable=True
    )
    score_from_kpi: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[str] = mapped_column(Text, default="")
    level_descriptions: Mapped[str] = mapped_column(Text, default="[]")
    self_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    self_comment: Mapped[str] = mapped_column(Text, default="")
    first_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    first_comment: Mapped[str] = mapped_column(Text, default="")
    second_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    second_comment: Mapped[str] = mapped_column(Text, default="")


class AppraisalAdjustmentRow(Base):
    """加点・減点."""

    __tablename__ = "appraisal_adjustment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appraisal_id: Mapped[int] = mapped_column(ForeignKey("appraisal.id", ondelete="CASCADE"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10))
    points: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")


class AppraisalInterviewRow(Base):
    """面談記録."""

    __tablename__ = "appraisal_interview"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appraisal_id: Mapped[int] = mapped_column(ForeignKey("appraisal.id", ondelete="CASCADE"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10))
    held_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    agreements: Mapped[str] = mapped_column(Text, default="")


class AppraisalEventRow(Base):
    """Workflow log: every transition and every reopen (who, when, from → to, why)."""

    __tablename__ = "appraisal_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appraisal_id: Mapped[int] = mapped_column(ForeignKey("appraisal.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(20))
    from_stage: Mapped[str] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    user: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
