"""Remembered corrections per sheet shape, so next month's file imports with one click.

A sheet's shape is :attr:`SheetAnalysis.shape_key` (a fingerprint of its header area that
ignores digits, so ``2025年度`` and ``2026年度`` match). What is remembered is what the user
corrected for that shape: header row, layout, column roles, fiscal-year start, department, skip,
and which stored KPI each imported name was mapped to. The fiscal year itself is not remembered
(next year's file is next year's).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from domain.importing.model import Layout, SheetOverrides
from domain.importing.vocabulary import Role
from domain.ports import UnitOfWork

VERSION = 1


@dataclass(frozen=True, slots=True)
class SheetMapping:
    overrides: SheetOverrides = SheetOverrides()
    kpi_map: Mapping[str, int] = field(default_factory=dict)  # commit.kpi_key → stored id (0 = new)


def to_json(mapping: SheetMapping) -> str:
    o = mapping.overrides
    data = {
        "version": VERSION,
        "skip": o.skip,
        "header_row": o.header_row,
        "layout": o.layout.value if o.layout else None,
        "roles": {str(c): r.value for c, r in sorted(o.roles.items())},
        "start_month": o.start_month,
        "department": o.department,
        "kpi_map": dict(mapping.kpi_map),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> SheetMapping | None:
    """The mapping, or None for a text this version cannot read (then nothing is applied)."""
    try:
        data = json.loads(text)
        if data.get("version") != VERSION:
            return None
        overrides = SheetOverrides(
            skip=None if data.get("skip") is None else bool(data["skip"]),
            header_row=data.get("header_row"),
            layout=Layout(data["layout"]) if data.get("layout") else None,
            roles={int(c): Role(r) for c, r in data.get("roles", {}).items()},
            start_month=data.get("start_month"),
            department=data.get("department"),
        )
        kpi_map = {str(k): int(v) for k, v in data.get("kpi_map", {}).items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return SheetMapping(overrides, kpi_map)


def is_empty(mapping: SheetMapping) -> bool:
    return mapping.overrides == SheetOverrides() and not mapping.kpi_map


def remembered(uow: UnitOfWork, shape_keys: Sequence[str]) -> dict[str, SheetMapping]:
    """The stored mappings of these shapes (missing or unreadable ones left out)."""
    out: dict[str, SheetMapping] = {}
    with uow:
        for key in shape_keys:
            text = uow.imports.get_mapping(key)
            if text is None:
                continue
            mapping = from_json(text)
            if mapping is not None:
                out[key] = mapping
    return out
