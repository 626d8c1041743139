"""Tables of the dashboard feature: reviews (振り返り) and their actions, OKR key results and
check-ins, KPI target revisions, and the warning settings. Migration: versions/0003."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm import Base


class ReviewRow(Base):
    __tablename__ = "review"
    __table_args__ = (Index("ix_review_department", "department_id", "held_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    held_on: Mapped[date] = mapped_column(Date)
    scope: Mapped[str] = mapped_column(String(20))
    first_ym: Mapped[int] = mapped_column(Integer)  # yyyymm of the period's first month
    participants: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")


class ReviewActionRow(Base):
    __tablename__ = "review_action"
    __table_args__ = (Index("ix_review_action_review", "review_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), nullable=True
    )
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class KeyResultRow(Base):
    __tablename__ = "key_result"
    __table_args__ = (Index("ix_key_result_objective", "objective_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(50), default="")
    start_value: Mapped[float] = mapped_column(Float)
    target_value: Mapped[float] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class CheckInRow(Base):
    __tablename__ = "okr_check_in"
    __table_args__ = (Index("ix_okr_check_in_key_result", "key_result_id", "checked_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_result_id: Mapped[int] = mapped_column(ForeignKey("key_result.id", ondelete="CASCADE"))
    checked_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    confidence: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    user: Mapped[str] = mapped_column(String(100), default="")


class TargetRevisionRow(Base):
    __tablename__ = "target_revision"
    __table_args__ = (Index("ix_target_revision_kpi", "kpi_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpi.id", ondelete="CASCADE"))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    effective_ym: Mapped[int] = mapped_column(Integer)
    old_target: Mapped[float | None] = mapped_column(Float, nullable=True)
    new_target: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(DateTime)


class DashboardSettingRow(Base):
    """One row: when a month's value is due, and the pace-lag thresholds."""

    __tablename__ = "dashboard_setting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grace_day: Mapped[int] = mapped_column(Integer, default=10)
    pace_caution: Mapped[float] = mapped_column(Float, default=0.2)
    pace_critical: Mapped[float] = mapped_column(Float, default=0.4)
