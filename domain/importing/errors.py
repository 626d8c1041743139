"""Why a file cannot be read at all (the reader raises these; the UI and the CLI phrase them)."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import MierukaError


class Unreadable(StrEnum):
    NOT_FOUND = "not_found"
    NOT_A_SPREADSHEET = "not_a_spreadsheet"
    EMPTY = "empty"
    CORRUPT = "corrupt"  # a damaged or truncated .xlsx
    ENCRYPTED = "encrypted"  # password-protected workbook
    LEGACY_XLS = "legacy_xls"  # Excel 97–2003 .xls (BIFF) or XML Spreadsheet 2003
    HTML_XLS = "html_xls"  # an HTML page named .xls (勤怠システムの出力など)
    XML_ENTITIES = "xml_entities"  # DOCTYPE / entity declarations (XML bomb, external entity)
    TOO_LARGE = "too_large"  # more data than the reader will unpack (zip bomb)
    ENCODING = "encoding"  # a CSV in neither UTF-8 nor Shift_JIS (cp932)
    SHEET_NOT_FOUND = "sheet_not_found"
    NO_SHEETS = "no_sheets"


class WorkbookUnreadable(MierukaError):
    """The file cannot be read: ``file`` (a name), ``reason``, and where when known."""

    def __init__(
        self,
        file: str,
        reason: Unreadable,
        *,
        sheet: str = "",
        cell: str = "",
        detail: str = "",
    ) -> None:
        super().__init__(file, reason, sheet, cell, detail)
        self.file = file
        self.reason = reason
        self.sheet = sheet
        self.cell = cell
        self.detail = detail


class ImportCancelled(MierukaError):
    """The user cancelled a long import; nothing was written."""
