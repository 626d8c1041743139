"""reviews, OKR check-ins and target revisions (issue: dashboard)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Adds review / review_action (振り返り and their actions), key_result / okr_check_in (OKR key results
of an objective of level OKR, and their check-ins), target_revision (目標の改訂 with a reason) and
dashboard_setting (the day a month's value is due, pace thresholds). Only tables of 0001 are
referenced.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("first_ym", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index("ix_review_department", ["department_id", "held_on"], unique=False)
    op.create_table(
        "review_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["review_id"], ["review.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review_action", schema=None) as batch_op:
        batch_op.create_index("ix_review_action_review", ["review_id"], unique=False)
    op.create_table(
        "key_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=False),
        sa.Column("start_value", sa.Float(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["objective_id"], ["objective.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.create_index("ix_key_result_objective", ["objective_id"], unique=False)
    op.create_table(
        "okr_check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["key_result_id"], ["key_result.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("okr_check_in", schema=None) as batch_op:
        batch_op.create_index(
            "ix_okr_check_in_key_result", ["key_result_id", "checked_on"], unique=False
        )
    op.create_table(
        "target_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kpi_id", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("effective_ym", sa.Integer(), nullable=False),
        sa.Column("old_target", sa.Float(), nullable=True),
        sa.Column("new_target", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["kpi_id"], ["kpi.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("target_revision", schema=None) as batch_op:
        batch_op.create_index("ix_target_revision_kpi", ["kpi_id", "id"], unique=False)
    op.create_table(
        "dashboard_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grace_day", sa.Integer(), nullable=False),
        sa.Column("pace_caution", sa.Float(), nullable=False),
        sa.Column("pace_critical", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("dashboard_setting")
    with op.batch_alter_table("target_revision", schema=None) as batch_op:
        batch_op.drop_index("ix_target_revision_kpi")
    op.drop_table("target_revision")
    with op.batch_alter_table("okr_check_in", schema=None) as batch_op:
        batch_op.drop_index("ix_okr_check_in_key_result")
    op.drop_table("okr_check_in")
    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.drop_index("ix_key_result_objective")
    op.drop_table("key_result")
    with op.batch_alter_table("review_action", schema=None) as batch_op:
        batch_op.drop_index("ix_review_action_review")
    op.drop_table("review_action")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index("ix_review_department")
    op.drop_table("review")
