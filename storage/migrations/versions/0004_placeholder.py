"""appraisal periods, sheets, items and interviews (issue: appraisals)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

Reserved so that work on several features can add its tables in a fixed order; until that work
lands this revision changes nothing.
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
