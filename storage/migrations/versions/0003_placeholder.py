"""reviews, OKR check-ins and target revisions (issue: dashboard)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Reserved so that work on several features can add its tables in a fixed order; until that work
lands this revision changes nothing.
"""

from __future__ import annotations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
