"""Shared pieces of the appraisal PDFs: the embedded Japanese font, paragraph styles, the canvas
that numbers pages per sheet, encryption and writing to a temporary name then renaming.

reportlab is imported here, so import this module lazily (only when a PDF is written).
The font is IPAexGothic (TrueType outlines, embedded as a subset; IPA Font License, shipped in
resources/fonts with its licence) so the PDF prints the same on a PC without Japanese fonts.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

FONT_NAME = "IPAexGothic"
DEFAULT_FONT_PATH = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "ipaexg.ttf"
PAGE_SIZE = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 13 * mm
MARGIN_BOTTOM = 16 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

GRID = colors.HexColor("#8A96A3")
HEADER_BG = colors.HexColor("#E6EDF4")
LABEL_BG = colors.HexColor("#F2F5F8")
WARN = colors.HexColor("#C62828")
MUTED = colors.HexColor("#555555")
ACTUAL_LINE = colors.HexColor("#1F5FA8")
TARGET_LINE = colors.HexColor("#9AA5B1")

_registered: dict[str, str] = {}


def register_font(path: Path | None = None) -> str:
    """Register IPAexGothic once per process; returns the font name to use."""
    font_path = str(path or DEFAULT_FONT_PATH)
    if font_path not in _registered:
        name = FONT_NAME if not _registered else f"{FONT_NAME}-{len(_registered)}"
        pdfmetrics.registerFont(TTFont(name, font_path))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        _registered[font_path] = name
    return _registered[font_path]


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    label: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    note: ParagraphStyle
    grade: ParagraphStyle
    font: str


def make_styles(font: str) -> Styles:
    """Paragraph styles; every one wraps Japanese text by character (wordWrap='CJK')."""

    def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
        extra.setdefault("leading", size * 1.35)
        return ParagraphStyle(name, fontName=font, fontSize=size, wordWrap="CJK", **extra)

    return Styles(
        body=style("body", 8.8),
        small=style("small", 7.2),
        cell=style("cell", 8.0),
        cell_center=style("cell_center", 8.0, alignment=TA_CENTER),
        cell_right=style("cell_right", 8.0, alignment=TA_RIGHT),
        label=style("label", 7.8, textColor=colors.HexColor("#333333")),
        title=style("title", 15.0, alignment=TA_CENTER, spaceAfter=1 * mm),
        heading=style("heading", 10.0, spaceBefore=3.2 * mm, spaceAfter=1.2 * mm),
        note=style("note", 7.5, textColor=MUTED),
        grade=style("grade", 20.0, alignment=TA_CENTER, leading=24),
        font=font,
    )


def escape(text: str) -> str:
    """Text for a Paragraph: markup characters escaped, line breaks kept."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r\n", "\n")
        .replace("\n", "<br/>")
    )


class SheetMark(Flowable):
    """Zero-size marker at the start of each sheet: pages are numbered per sheet (1 / 2) and the
    footer names the sheet's member."""

    def __init__(self, key: object, label: str) -> None:
        super().__init__()
        self.key = key
        self.label = label
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._mieruka_sheet = (self.key, self.label)  # type: ignore[attr-defined]


def numbered_canvas(footer_left: str) -> type[Canvas]:
    """A canvas class that holds pages until the end so each can say "p / n" of its own sheet."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._mieruka_pages: list[dict[str, Any]] = []
            self._mieruka_sheet: tuple[object, str] = (None, "")

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._mieruka_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            sheet = self._mieruka_sheet
            totals = Counter(p["_mieruka_sheet"][0] for p in self._mieruka_pages)
            seen: Counter[object] = Counter()
            for state in self._mieruka_pages:
                self.__dict__.update(state)
                key, label = self._mieruka_sheet
                seen[key] += 1
                self._footer(label, seen[key], totals[key])
                Canvas.showPage(self)
            self._mieruka_sheet = sheet
            Canvas.save(self)

        def _footer(self, label: str, page: int, total: int) -> None:
            self.saveState()
            self.setFont(register_font(), 7.5)
            self.setFillColor(MUTED)
            y = MARGIN_BOTTOM - 8 * mm
            self.drawString(MARGIN_X, y, footer_left)
            right = f"{label}　{page} / {total}" if label else f"{page} / {total}"
            self.drawRightString(self._pagesize[0] - MARGIN_X, y, right)
            self.restoreState()

    return NumberedCanvas


def encryption(password: str | None) -> StandardEncryption | None:
    """Password protection (opening needs ``password``); printing stays allowed, changes do not.
    The owner password is random, so the permissions cannot be lifted with the user password."""
    if not password:
        return None
    return StandardEncryption(
        password,
        ownerPassword=secrets.token_hex(16),
        canPrint=1,
        canModify=0,
        canCopy=1,
        canAnnotate=0,
        strength=128,
    )


def fmt_date(value: date | None) -> str:
    return "" if value is None else f"{value.year}/{value.month:02d}/{value.day:02d}"


def fmt_number(value: float | None, decimals: int = 1, *, trim: bool = True) -> str:
    """A number for the sheet: ``―`` for none; trailing zeros dropped when ``trim``."""
    if value is None:
        return "―"
    text = f"{value:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_INVALID_FILE_CHARS = '\\/:*?"<>|'


def safe_file_part(text: str) -> str:
    """Text usable in a Windows file name (reserved characters become ＿, no trailing dot)."""
    cleaned = "".join("＿" if c in _INVALID_FILE_CHARS or ord(c) < 32 else c for c in text)
    return cleaned.strip().rstrip(".") or "＿"


class Text(Flowable):
    """A table cell's text: drawn as one line when it fits (much cheaper than a Paragraph, which
    parses markup and breaks lines), otherwise a CJK-wrapping Paragraph takes over."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._para: Paragraph | None = None
        self._line_width = 0.0

    def _paragraph(self) -> Paragraph:
        if self._para is None:
            self._para = Paragraph(escape(self.text), self.style)
        return self._para

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._para is None and "\n" not in self.text:
            s = self.style
            self._line_width = pdfmetrics.stringWidth(self.text, s.fontName, s.fontSize)
            if self._line_width <= available_width:
                self.width = available_width
                self.height = s.leading
                return available_width, s.leading
        size = self._paragraph().wrap(available_width, available_height)
        self.width, self.height = size
        return size

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self._para is None:
            return []
        return self._para.split(available_width, available_height)

    def draw(self) -> None:
        if self._para is not None:
            self._para.drawOn(self.canv, 0, 0)
            return
        s = self.style
        ascent = pdfmetrics.getAscentDescent(s.fontName, s.fontSize)[0]
        y = self.height - ascent - (s.leading - s.fontSize) / 2
        self.canv.setFont(s.fontName, s.fontSize)
        self.canv.setFillColor(s.textColor)
        if s.alignment == TA_CENTER:
            self.canv.drawCentredString(self.width / 2, y, self.text)
        elif s.alignment == TA_RIGHT:
            self.canv.drawRightString(self.width, y, self.text)
        else:
            self.canv.drawString(0, y, self.text)
