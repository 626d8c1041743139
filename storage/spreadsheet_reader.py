"""Reading a spreadsheet file into rows of cell values (domain.importing.cells.SheetGrid).

What a file *is* is decided from its bytes, not its name: a zip (.xlsx/.xlsm/.ods) is read with
python-calamine; an OLE file is a legacy .xls or a password-protected workbook (both refused
with a way out); an HTML page named .xls is refused; text is read as CSV (UTF-8 with or without
BOM, else Shift_JIS/cp932 — detected, not asked). Before calamine sees a zip, its directory is
checked: the uncompressed size is bounded (zip bombs) and every XML part whose prolog declares a
DOCTYPE or an entity is refused (billion laughs, external entities).

What calamine does not give — percent number formats, formulas saved without their result,
error values — is read from the sheet XML lazily, only for the cells the importer asks about.
Nothing here interprets the cells; that is domain.importing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from domain.importing.cells import SheetGrid, Special, paused_gc
from domain.importing.errors import Unreadable, WorkbookUnreadable
from storage.sheet_xml import CELL_REF, coordinates, scan_hidden, scan_special

MAX_UNCOMPRESSED = 1_500_000_000  # bytes of XML a workbook may unpack to (≈ 200 MB per 100k rows)
MAX_RATIO = 200  # compression ratio of one part above which it is treated as a bomb
MAX_CSV_BYTES = 500_000_000
_PROLOG_BYTES = 4096

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


@dataclass(frozen=True, slots=True)
class WorkbookData:
    """A read file: its visible worksheets in order, and the names of sheets left out."""

    file_name: str
    sheets: tuple[SheetGrid, ...]
    skipped: tuple[str, ...] = ()  # hidden sheets and chart sheets


Progress = Callable[[int, int], None]
OnSheet = Callable[[SheetGrid, tuple[str, ...]], None]  # (the sheet just read, every sheet's name)


def read_workbook(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    progress: Progress | None = None,
    on_sheet: OnSheet | None = None,
) -> WorkbookData:
    """Read ``path`` (see the module docstring). ``sheet`` reads only that sheet. Raises
    :class:`WorkbookUnreadable` with the reason. ``on_sheet`` is called in the caller's thread
    with each sheet as soon as it is read, in order, while later sheets are still being parsed
    (the importer analyses a sheet there)."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise WorkbookUnreadable(name, Unreadable.NOT_FOUND)
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head:
        raise WorkbookUnreadable(name, Unreadable.EMPTY)
    if head.startswith(_OLE_MAGIC):
        _refuse_ole(path, name)
    if head.startswith((_ZIP_MAGIC, _EMPTY_ZIP)):
        return _read_zip(path, name, sheet, progress, on_sheet)
    _refuse_markup(head, name, path.suffix.lower())
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")) or (
        b"\x00" in head and not utf16
    ):
        raise WorkbookUnreadable(name, Unreadable.NOT_A_SPREADSHEET)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise WorkbookUnreadable(name, Unreadable.NOT_A_SPREADSHEET)
    grid = read_csv(path)
    if sheet is not None and sheet != grid.name:
        raise WorkbookUnreadable(name, Unreadable.SHEET_NOT_FOUND, sheet=sheet, detail=grid.name)
    if on_sheet is not None:
        on_sheet(grid, (grid.name,))
    return WorkbookData(name, (grid,))


def _refuse_ole(path: Path, name: str) -> None:
    data = path.read_bytes()[:2_000_000]
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        raise WorkbookUnreadable(name, Unreadable.ENCRYPTED)
    if _utf16("Workbook") in data or _utf16("Book") in data or path.suffix.lower() == ".xls":
        raise WorkbookUnreadable(name, Unreadable.LEGACY_XLS)
    raise WorkbookUnreadable(name, Unreadable.NOT_A_SPREADSHEET)


def _refuse_markup(head: bytes, name: str, suffix: str) -> None:
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower().replace(b"\x00", b"")
    if not text.startswith(b"<"):
        return
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        raise WorkbookUnreadable(name, Unreadable.LEGACY_XLS, detail="xml2003")
    html = any(tag in text for tag in (b"<html", b"<table", b"<!doctype html", b"<body"))
    if html and suffix in (".xls", ".xlsx", ".xlsm"):
        raise WorkbookUnreadable(name, Unreadable.HTML_XLS)
    if html or suffix not in (".csv", ".txt", ".tsv"):
        raise WorkbookUnreadable(name, Unreadable.NOT_A_SPREADSHEET)


# --------------------------------------------------------------------------- xlsx


def _check_zip(zf: zipfile.ZipFile, name: str) -> None:
    total = 0
    for info in zf.infolist():
        if info.flag_bits & 0x1:
            raise WorkbookUnreadable(name, Unreadable.ENCRYPTED)
        total += info.file_size
        if info.file_size > 5_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise WorkbookUnreadable(name, Unreadable.TOO_LARGE, detail=info.filename)
    if total > MAX_UNCOMPRESSED:
        raise WorkbookUnreadable(name, Unreadable.TOO_LARGE, detail=str(total))
    for info in zf.infolist():
        lower = info.filename.lower()
        if lower.endswith((".xml", ".rels", ".vml")) and _declares_entities(zf, info):
            raise WorkbookUnreadable(name, Unreadable.XML_ENTITIES, detail=info.filename)


_ROOT_START = re.compile(rb"<[A-Za-z_]")
_PROLOG_LIMIT = 1_000_000


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (everything before its root element) declares a DOCTYPE or an
    entity — where the billion-laughs and external-entity payloads live."""
    seen = b""
    with zf.open(info) as part:
        while len(seen) < _PROLOG_LIMIT:
            chunk = part.read(_PROLOG_BYTES)
            if not chunk:
                break
            seen += chunk
            text = seen.replace(b"\x00", b"")  # UTF-16 parts
            root = _ROOT_START.search(text)
            prolog = text[: root.start()] if root else text
            if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
                return True
            if root is not None:
                return False
    return len(seen) >= _PROLOG_LIMIT


def _read_part(zf: zipfile.ZipFile, member: str, name: str) -> bytes:
    info = zf.getinfo(member)
    limit = info.file_size
    with zf.open(info) as part:
        data = part.read(limit + 1)
    if len(data) > limit:  # the directory lied about the size
        raise WorkbookUnreadable(name, Unreadable.TOO_LARGE, detail=member)
    return data


_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _sheet_parts(zf: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Sheet name → path of its XML part inside the zip (empty when the package is not xlsx)."""
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        return {}
    try:
        book = ElementTree.fromstring(_read_part(zf, "xl/workbook.xml", name))
        rels = ElementTree.fromstring(_read_part(zf, "xl/_rels/workbook.xml.rels", name))
    except (ElementTree.ParseError, KeyError) as exc:
        raise WorkbookUnreadable(name, Unreadable.CORRUPT, detail=str(exc)) from exc
    targets = {}
    for rel in rels.iter():
        if rel.tag.endswith("Relationship"):
            target = rel.get("Target", "")
            path = (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            )
            targets[rel.get("Id")] = os.path.normpath(path).replace(os.sep, "/")
    out = {}
    for node in book.iter():
        if node.tag.endswith("}sheet"):
            rid = node.get(f"{{{_NS['r']}}}id")
            if rid in targets:
                out[node.get("name", "")] = targets[rid]
    return out


_BUILTIN_PERCENT = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


@dataclass(frozen=True, slots=True)
class _Styles:
    percent: frozenset[int] = frozenset()  # cell styles showing a percentage
    formatted: frozenset[int] = frozenset()  # other non-General number formats


def _styles(zf: zipfile.ZipFile, name: str) -> _Styles:
    """Indices of cell styles (``s="…"``) by what their number format shows."""
    if "xl/styles.xml" not in zf.namelist():
        return _Styles()
    try:
        root = ElementTree.fromstring(_read_part(zf, "xl/styles.xml", name))
    except ElementTree.ParseError:
        return _Styles()
    percent_ids = set(_BUILTIN_PERCENT)
    for fmt in root.iter(f"{{{_NS['m']}}}numFmt"):
        code = _QUOTED.sub("", fmt.get("formatCode", ""))
        if "%" in code:
            percent_ids.add(int(fmt.get("numFmtId", "-1")))
    percent: set[int] = set()
    formatted: set[int] = set()
    xfs = root.find("m:cellXfs", _NS)
    if xfs is not None:
        for index, xf in enumerate(xfs.findall("m:xf", _NS)):
            fmt = int(xf.get("numFmtId", "0"))
            if fmt in percent_ids:
                percent.add(index)
            elif fmt not in (0, 49):
                formatted.add(index)
    return _Styles(frozenset(percent), frozenset(formatted))


class _XlsxDetails:
    """Lazy details of one worksheet, scanned from its XML on the first question."""

    def __init__(
        self,
        path: Path,
        member: str | None,
        styles: _Styles,
        special: dict[tuple[int, int], Special] | None = None,
        hidden: tuple[frozenset[int], frozenset[int]] | None = None,
    ) -> None:
        self._path = path
        self._member = member
        self._styles = styles
        self._percent: set[tuple[int, int]] | None = None
        self._formatted: set[tuple[int, int]] | None = None
        self._special = special  # scanned already (by the helper process), else on demand
        self._hidden = hidden

    def _xml(self) -> bytes:
        if self._member is None:
            return b""
        with zipfile.ZipFile(self._path) as zf:
            return _read_part(zf, self._member, self._path.name)

    def _cells_with_styles(self, styles: frozenset[int]) -> set[tuple[int, int]]:
        ids = b"|".join(str(i).encode() for i in sorted(styles))
        pattern = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bs="(?:' + ids + rb')"[^>]*>')
        found: set[tuple[int, int]] = set()
        for match in pattern.finditer(self._xml()):
            ref = CELL_REF.search(match.group(0))
            if ref:
                found.add(coordinates(ref))
        return found

    def is_percent(self, row: int, col: int) -> bool:
        if not self._styles.percent:
            return False
        if self._percent is None:
            self._percent = self._cells_with_styles(self._styles.percent)
        return (row, col) in self._percent

    def has_number_format(self, row: int, col: int) -> bool:
        if not self._styles.formatted:
            return False
        if self._formatted is None:
            self._formatted = self._cells_with_styles(self._styles.formatted)
        return (row, col) in self._formatted

    def special(self, row: int, col: int) -> Special | None:
        return self.specials().get((row, col))

    def hidden(self) -> tuple[frozenset[int], frozenset[int]]:
        if self._hidden is None:
            self._scan()
        assert self._hidden is not None
        return self._hidden

    def specials(self) -> dict[tuple[int, int], Special]:
        if self._special is None:
            self._scan()
        assert self._special is not None
        return self._special

    def _scan(self) -> None:
        """Both scans from one read of the sheet's XML (an importer asks for both)."""
        xml = self._xml()
        if self._special is None:
            self._special = scan_special(xml)
        if self._hidden is None:
            self._hidden = scan_hidden(xml)


def _read_zip(
    path: Path, name: str, only: str | None, progress: Progress | None, on_sheet: OnSheet | None
) -> WorkbookData:
    try:
        with zipfile.ZipFile(path) as zf:
            _check_zip(zf, name)
            names = set(zf.namelist())
            if "EncryptedPackage" in names:
                raise WorkbookUnreadable(name, Unreadable.ENCRYPTED)
            parts = _sheet_parts(zf, name)
            styles = _styles(zf, name)
            if not parts and "content.xml" not in names and "xl/workbook.bin" not in names:
                raise WorkbookUnreadable(name, Unreadable.NOT_A_SPREADSHEET)
    except zipfile.BadZipFile as exc:
        raise WorkbookUnreadable(name, Unreadable.CORRUPT, detail=str(exc)) from exc
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise WorkbookUnreadable(name, Unreadable.CORRUPT, detail=str(exc)) from exc
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise WorkbookUnreadable(name, Unreadable.ENCRYPTED) from exc
    except python_calamine.XmlError as exc:
        reason = Unreadable.XML_ENTITIES if "entit" in str(exc).lower() else Unreadable.CORRUPT
        raise WorkbookUnreadable(name, reason, detail=str(exc)) from exc
    except Exception as exc:  # ZipError, CalamineError and friends: the file is damaged
        raise WorkbookUnreadable(name, Unreadable.CORRUPT, detail=str(exc)) from exc
    try:
        return _read_sheets(book, path, name, only, parts, styles, progress, on_sheet)
    finally:
        book.close()


def _read_sheets(
    book: object,
    path: Path,
    name: str,
    only: str | None,
    parts: dict[str, str],
    styles: _Styles,
    progress: Progress | None,
    on_sheet: OnSheet | None,
) -> WorkbookData:
    import python_calamine

    metas = list(book.sheets_metadata)  # type: ignore[attr-defined]
    wanted = []
    skipped = []
    for meta in metas:
        visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
        worksheet = meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        if only is not None:
            if meta.name == only:
                wanted.append(meta.name)
            continue
        (wanted if visible and worksheet else skipped).append(meta.name)
    if only is not None and not wanted:
        names = ", ".join(m.name for m in metas)
        raise WorkbookUnreadable(name, Unreadable.SHEET_NOT_FOUND, sheet=only, detail=names)
    if not wanted:
        raise WorkbookUnreadable(name, Unreadable.NO_SHEETS)
    with paused_gc():
        return _read_grids(book, path, name, wanted, skipped, parts, styles, progress, on_sheet)


def _read_grids(
    book: object,
    path: Path,
    name: str,
    wanted: list[str],
    skipped: list[str],
    parts: dict[str, str],
    styles: _Styles,
    progress: Progress | None,
    on_sheet: OnSheet | None,
) -> WorkbookData:
    """Parse the wanted sheets in order. A big workbook is parsed in a helper process
    (storage.sheet_process) so that this thread analyses one sheet while the next is parsed;
    should the helper fail to start or die, the sheets it did not deliver are read here."""
    out: list[SheetGrid] = []

    def deliver(grid: SheetGrid) -> None:
        out.append(grid)
        if on_sheet is not None:
            on_sheet(grid, tuple(wanted))
        if progress is not None:
            progress(len(out), len(wanted))

    if len(wanted) > 1 and _sheet_xml_bytes(path, parts, wanted) >= PROCESS_MIN_XML_BYTES:
        _read_in_process(path, name, wanted, parts, styles, deliver)
    for sheet_name in wanted[len(out) :]:
        rows, merged = _parse_sheet(book, name, sheet_name)
        deliver(
            SheetGrid(sheet_name, rows, merged, _XlsxDetails(path, parts.get(sheet_name), styles))
        )
    return WorkbookData(name, tuple(out), tuple(skipped))


# Sheet XML from which on a workbook is parsed in a helper process: starting one costs ~0.1 s
# (more on Windows), calamine parses ~20 MB of sheet XML a second.
PROCESS_MIN_XML_BYTES = 8_000_000


def _sheet_xml_bytes(path: Path, parts: dict[str, str], wanted: list[str]) -> int:
    with zipfile.ZipFile(path) as zf:
        sizes = {info.filename: info.file_size for info in zf.infolist()}
    return sum(sizes.get(parts.get(n, ""), 0) for n in wanted)


def _parse_sheet(
    book: object, name: str, sheet_name: str
) -> tuple[list[list[object]], tuple[tuple[int, int, int, int], ...]]:
    try:
        sheet = book.get_sheet_by_name(sheet_name)  # type: ignore[attr-defined]
        rows = sheet.to_python(skip_empty_area=False)
        merged = tuple((r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ()))
    except Exception as exc:  # a damaged sheet part
        raise WorkbookUnreadable(
            name, Unreadable.CORRUPT, sheet=sheet_name, detail=str(exc)
        ) from exc
    return rows, merged


def _read_in_process(
    path: Path,
    name: str,
    wanted: list[str],
    parts: dict[str, str],
    styles: _Styles,
    deliver: Callable[[SheetGrid], None],
) -> None:
    """Deliver the sheets as a helper process parses them, until all are there or the helper
    is lost (or could not start). ``deliver`` raising (Cancel) ends the helper."""
    from storage.sheet_process import ProcessLost, SheetFailed, SheetProcess

    try:
        helper = SheetProcess(path, [(n, parts.get(n)) for n in wanted])
    except (OSError, RuntimeError):  # no process allowed here: the caller reads in-process
        return
    try:
        for sheet_name, (rows, merged, scanned) in helper:
            special, hidden = scanned if scanned is not None else (None, None)
            details = _XlsxDetails(path, parts.get(sheet_name), styles, special, hidden)
            deliver(SheetGrid(sheet_name, rows, merged, details))
    except SheetFailed as exc:
        raise WorkbookUnreadable(
            name, Unreadable.CORRUPT, sheet=exc.sheet, detail=exc.detail
        ) from exc
    except ProcessLost:
        return  # the caller reads the sheets not delivered
    finally:
        helper.close()


def scan_member(
    path: Path, member: str | None
) -> tuple[dict[tuple[int, int], Special], tuple[frozenset[int], frozenset[int]]]:
    """Formulas without a value and error values, and hidden rows and columns, of one sheet
    part (see ``scan_special``, ``scan_hidden``), from one read of it."""
    details = _XlsxDetails(path, member, _Styles())
    return details.specials(), details.hidden()


# --------------------------------------------------------------------------- csv


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp932"]
    last: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            last = exc if last is None or exc.start > last.start else last
    position = last.start if last is not None else 0
    line = data.count(b"\n", 0, position) + 1
    raise WorkbookUnreadable(name, Unreadable.ENCODING, cell=f"A{line}", detail=str(position))


def _delimiter(text: str) -> str:
    sample = text[:20_000].splitlines()[:20]
    counts = {d: sum(line.count(d) for line in sample) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: str | os.PathLike[str]) -> SheetGrid:
    """A CSV (or TSV) file as one sheet named after the file; cells stay text."""
    path = Path(path)
    name = path.name
    if path.stat().st_size > MAX_CSV_BYTES:
        raise WorkbookUnreadable(name, Unreadable.TOO_LARGE)
    data = path.read_bytes()
    if not data.strip():
        raise WorkbookUnreadable(name, Unreadable.EMPTY)
    text = _decode(data, name)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    return SheetGrid(path.stem, rows)
