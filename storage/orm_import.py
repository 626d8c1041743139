"""Tables of the Excel/CSV import: one row per import (so it shows and undoes as one step) and
the remembered mappings per sheet shape. Migration: versions/0002."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm import Base


class ImportBatchRow(Base):
    """One import: which file, when, by whom, what it created; ``undone_at`` once undone."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sheets: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of sheet names
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100), default="")
    kpi_count: Mapped[int] = mapped_column(Integer, default=0)
    cell_count: Mapped[int] = mapped_column(Integer, default=0)
    created_kpis: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of kpi ids
    created_departments: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ids
    undone_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    undone_by: Mapped[str] = mapped_column(String(100), default="")


class ImportMappingRow(Base):
    """The corrections made for a sheet shape (domain.importing.mapping), reused next time."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shape_key: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(500), default="")
    settings: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    use_count: Mapped[int] = mapped_column(Integer, default=0)
