"""appraisal periods, sheets, items and interviews (issue: appraisals)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

Tables of storage/orm_appraisal.py. They reference only tables of 0001 (member, kpi).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appraisal_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("scale_min", sa.Integer(), nullable=False),
        sa.Column("scale_max", sa.Integer(), nullable=False),
        sa.Column("scale_labels", sa.Text(), nullable=False),
        sa.Column("performance_weight", sa.Float(), nullable=False),
        sa.Column("process_weight", sa.Float(), nullable=False),
        sa.Column("grade_bands", sa.Text(), nullable=False),
        sa.Column("achievement_bands", sa.Text(), nullable=False),
        sa.Column("self_counts", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "appraisal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("first_evaluator_id", sa.Integer(), nullable=True),
        sa.Column("second_evaluator_id", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("self_comment", sa.Text(), nullable=False),
        sa.Column("first_comment", sa.Text(), nullable=False),
        sa.Column("second_comment", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["appraisal_period.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["first_evaluator_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["second_evaluator_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period_id", "member_id", name="uq_appraisal_period_member"),
    )
    op.create_table(
        "appraisal_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appraisal_id", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("block", sa.String(length=20), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("difficulty", sa.Float(), nullable=False),
        sa.Column("kpi_id", sa.Integer(), nullable=True),
        sa.Column("score_from_kpi", sa.Boolean(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("level_descriptions", sa.Text(), nullable=False),
        sa.Column("self_score", sa.Float(), nullable=True),
        sa.Column("self_comment", sa.Text(), nullable=False),
        sa.Column("first_score", sa.Float(), nullable=True),
        sa.Column("first_comment", sa.Text(), nullable=False),
        sa.Column("second_score", sa.Float(), nullable=True),
        sa.Column("second_comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["appraisal_id"], ["appraisal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["kpi_id"], ["kpi.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("appraisal_item", schema=None) as batch_op:
        batch_op.create_index("ix_appraisal_item_sheet", ["appraisal_id", "sort_order"])
    op.create_table(
        "appraisal_adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appraisal_id", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["appraisal_id"], ["appraisal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "appraisal_interview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appraisal_id", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("agreements", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["appraisal_id"], ["appraisal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "appraisal_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appraisal_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_stage", sa.String(length=20), nullable=False),
        sa.Column("to_stage", sa.String(length=20), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["appraisal_id"], ["appraisal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("appraisal_event")
    op.drop_table("appraisal_interview")
    op.drop_table("appraisal_adjustment")
    with op.batch_alter_table("appraisal_item", schema=None) as batch_op:
        batch_op.drop_index("ix_appraisal_item_sheet")
    op.drop_table("appraisal_item")
    op.drop_table("appraisal")
    op.drop_table("appraisal_period")
