"""import batches and remembered import mappings (issue: Excel/CSV import)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Reserved so that work on several features can add its tables in a fixed order; until that work
lands this revision changes nothing.
"""

from __future__ import annotations

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
