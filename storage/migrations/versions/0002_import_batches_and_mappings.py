"""import batches and remembered import mappings (issue: Excel/CSV import)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Adds import_batch (one row per Excel/CSV import: file, time, user, what it created — the change
history rows of an import carry the source ``import:<id>``, so the import shows and is undone as
one step) and import_mapping (the corrections a user made for a sheet shape, keyed by a
fingerprint of the sheet's header, so next month's file imports with one click).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sheets", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("kpi_count", sa.Integer(), nullable=False),
        sa.Column("cell_count", sa.Integer(), nullable=False),
        sa.Column("created_kpis", sa.Text(), nullable=False),
        sa.Column("created_departments", sa.Text(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shape_key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("use_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("shape_key"),
    )


def downgrade() -> None:
    op.drop_table("import_mapping")
    op.drop_table("import_batch")
