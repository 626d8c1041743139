"""Files the importer must refuse or flag, each with a message naming the file, sheet and cell,
and nothing imported. Every file is made here: OLE compound files by a small writer below,
zips by zipfile, workbooks by openpyxl."""

from __future__ import annotations

import struct
import time
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from domain import services
from domain.importing.commit import ImportRequest, commit_import
from domain.importing.errors import Unreadable, WorkbookUnreadable
from domain.importing.workbook import analyse_workbook
from storage import spreadsheet_reader
from storage.spreadsheet_reader import read_workbook
from ui.cli_import import dry_run_json
from ui.import_text import unreadable_message

ENDOFCHAIN, FREESECT, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def write_compound_file(path: Path, streams: dict[str, bytes]) -> None:
    """A minimal OLE2 compound file (version 3, 512-byte sectors) holding ``streams``, each
    padded to 4096 bytes so that it lives in regular sectors."""
    names = list(streams)
    data = [streams[n].ljust(4096, b"\0") for n in names]
    sectors_per_stream = [len(d) // 512 for d in data]
    first_data = 2  # sector 0 = FAT, sector 1 = directory
    fat = [FATSECT, ENDOFCHAIN]
    starts = []
    for count in sectors_per_stream:
        start = len(fat)
        starts.append(start)
        fat.extend(range(start + 1, start + count))
        fat.append(ENDOFCHAIN)
    assert first_data == 2 and len(fat) <= 128
    fat += [FREESECT] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", FREESECT, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, FREESECT, ENDOFCHAIN, 0)
    for i, name in enumerate(names, 1):
        right = i + 1 if i < len(names) else FREESECT
        directory += entry(name, 2, FREESECT, right, starts[i - 1], len(streams[name]))
    directory = directory.ljust(512, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREESECT) * 108
    )
    assert len(header) == 512
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + b"".join(data))


def small_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["KPI名", "2025年4月", "2025年5月"])
    ws.append(["件数", 1, 2])
    wb.save(path)
    return path


def refused(path: Path, reason: Unreadable) -> WorkbookUnreadable:
    started = time.perf_counter()
    with pytest.raises(WorkbookUnreadable) as info:
        read_workbook(path)
    assert time.perf_counter() - started < 5
    assert info.value.reason is reason
    message = unreadable_message(info.value)
    assert path.name in message and "\n" not in message
    return info.value


def test_password_protected_workbook(tmp_path):
    path = tmp_path / "評価シート.xlsx"
    write_compound_file(
        path,
        {"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": b"x" * 100},
    )
    assert "パスワード" in unreadable_message(refused(path, Unreadable.ENCRYPTED))


def test_legacy_xls_says_how_to_save_as_xlsx(tmp_path):
    path = tmp_path / "12345（山田太郎）目標-53上.xls"
    write_compound_file(path, {"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00"})
    message = unreadable_message(refused(path, Unreadable.LEGACY_XLS))
    assert "名前を付けて保存" in message and "*.xlsx" in message


def test_html_named_xls_says_how_to_save_as_xlsx(tmp_path):
    path = tmp_path / "勤怠.xls"
    path.write_bytes(
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>4月</td></tr>"
        "</table></body></html>".encode()
    )
    message = unreadable_message(refused(path, Unreadable.HTML_XLS))
    assert "HTML" in message and "名前を付けて保存" in message


def test_xml_spreadsheet_2003_named_xls(tmp_path):
    path = tmp_path / "old.xls"
    path.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        "</Workbook>",
        encoding="utf-8",
    )
    refused(path, Unreadable.LEGACY_XLS)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("data.bin", b"\x00\x01\x02\x03" * 50),
        ("notes.txt.xlsx", "ただのメモです".encode()),
    ],
)
def test_not_a_spreadsheet(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    refused(path, Unreadable.NOT_A_SPREADSHEET)


def test_a_word_document_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "手順書.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    refused(path, Unreadable.NOT_A_SPREADSHEET)


def test_truncated_and_corrupt_workbooks(tmp_path):
    good = small_workbook(tmp_path / "good.xlsx").read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    refused(truncated, Unreadable.CORRUPT)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(tmp_path / "good.xlsx") as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body[: len(body) // 2]  # XML cut off in the middle
            dst.writestr(item, body)
    error = refused(damaged, Unreadable.CORRUPT)
    assert error.sheet == "総務部"
    assert "総務部" in unreadable_message(error)


def _with_part(tmp_path: Path, name: str, member: str, transform) -> Path:
    source = small_workbook(tmp_path / "source.xlsx")
    path = tmp_path / name
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            dst.writestr(item.filename, transform(body) if item.filename == member else body)
    return path


def test_billion_laughs_is_refused_quickly(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )

    def bomb(body: bytes) -> bytes:
        text = body.decode()
        text = text.replace("<worksheet", f"<!DOCTYPE lolz [{entities}]><worksheet", 1)
        return text.replace("<t>件数</t>", "<t>&lol9;</t>").encode()

    path = _with_part(tmp_path, "bomb.xlsx", "xl/worksheets/sheet1.xml", bomb)
    error = refused(path, Unreadable.XML_ENTITIES)
    assert error.detail == "xl/worksheets/sheet1.xml"


def test_external_entity_is_refused(tmp_path):
    def xxe(body: bytes) -> bytes:
        text = body.decode()
        doctype = '<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        return (
            text.replace("<worksheet", doctype + "<worksheet", 1)
            .replace("<t>件数</t>", "<t>&xxe;</t>")
            .encode()
        )

    path = _with_part(tmp_path, "xxe.xlsx", "xl/worksheets/sheet1.xml", xxe)
    refused(path, Unreadable.XML_ENTITIES)


def test_zip_bomb_is_refused_without_unpacking(tmp_path):
    path = tmp_path / "bomb.xlsx"
    small_workbook(tmp_path / "source.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "source.xlsx") as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item))
        dst.writestr("xl/media/padding.xml", b"\0" * 40_000_000)  # ~1000:1
    refused(path, Unreadable.TOO_LARGE)


def test_total_unpacked_size_is_bounded(tmp_path, monkeypatch):
    path = small_workbook(tmp_path / "ok.xlsx")
    monkeypatch.setattr(spreadsheet_reader, "MAX_UNCOMPRESSED", 1000)
    refused(path, Unreadable.TOO_LARGE)


def test_csv_in_an_unknown_encoding_names_the_line(tmp_path):
    path = tmp_path / "kpi.csv"
    path.write_bytes("KPI,4月\n".encode() + b"\x81\x7f,1\n")
    error = refused(path, Unreadable.ENCODING)
    assert error.cell == "A2"


def test_missing_file_and_missing_sheet(tmp_path):
    refused(tmp_path / "nothing.xlsx", Unreadable.NOT_FOUND)
    path = small_workbook(tmp_path / "book.xlsx")
    with pytest.raises(WorkbookUnreadable) as info:
        read_workbook(path, sheet="人事部")
    assert info.value.reason is Unreadable.SHEET_NOT_FOUND
    assert "総務部" in unreadable_message(info.value)


def test_a_sheet_without_months_is_reported_and_nothing_is_imported(tmp_path, uow_factory, company):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価"
    ws.append(["評価項目", "スコア", "ウェイト"])
    ws.append(["期限遵守", 4, 0.4])
    ws.append(["報連相", 3, 0.6])
    path = tmp_path / "評価シート.xlsx"
    wb.save(path)
    data = read_workbook(path)
    analysis = analyse_workbook(data.sheets, file_name=data.file_name, today=date(2026, 11, 22))
    result = dry_run_json(analysis)
    assert result["kpis"] == []
    assert [(p["sheet"], p["cell"]) for p in result["problems"]] == [("評価", "A1")]
    assert "月の見出し" in result["problems"][0]["message"]
    outcome = commit_import(uow_factory(), ImportRequest(data.file_name, analysis.kpis), user="t")
    assert (outcome.created_kpis, outcome.written_cells) == (0, 0)
    assert services.list_kpis(uow_factory(), include_archived=True) == []


def test_formulas_without_cached_values_are_reported_per_cell_not_read_as_zero(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["KPI名", "2025年4月", "2025年5月", "2025年6月"])
    ws.append(["件数", 10, "=B2*2", "=NA()"])
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    data = read_workbook(path)
    result = dry_run_json(
        analyse_workbook(data.sheets, file_name=path.name, today=date(2026, 1, 1))
    )
    assert result["kpis"][0]["values"] == {"2025-04": 10.0}
    assert [(p["cell"], p["message"][:9]) for p in result["problems"]] == [
        ("C2", "数式「=B2*2」"),
        ("D2", "数式「=NA()」"),
    ]


def test_error_values_with_cached_results_are_reported(tmp_path):
    """A workbook saved by Excel keeps #DIV/0! as an error value: a problem, never zero."""
    source = small_workbook(tmp_path / "source.xlsx")

    def with_error(body: bytes) -> bytes:
        return body.replace(
            b'<c r="C2" t="n"><v>2</v></c>', b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        )

    path = _with_part(tmp_path, "errors.xlsx", "xl/worksheets/sheet1.xml", with_error)
    assert b"#DIV/0!" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    data = read_workbook(path)
    result = dry_run_json(
        analyse_workbook(data.sheets, file_name=path.name, today=date(2026, 1, 1))
    )
    assert result["kpis"][0]["values"] == {"2025-04": 1.0}
    assert [(p["cell"], p["message"]) for p in result["problems"]] == [
        ("C2", "Excelのエラー値「#DIV/0!」です。値として読み取りません（0 にはしません）。")
    ]
    assert source.exists()


def test_hundred_thousand_rows_work_with_progress(tmp_path):
    path = tmp_path / "big.csv"
    lines = [
        "KPI名," + ",".join(f"{m}月" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)),
        "年度,2025",
    ]
    lines[1:1] = []
    body = "\n".join(
        f"指標{i}," + ",".join(str((i + m) % 97) for m in range(12)) for i in range(100_000)
    )
    path.write_text("年度,2025\n" + lines[0] + "\n" + body + "\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    data = read_workbook(path)
    analysis = analyse_workbook(
        data.sheets,
        file_name=path.name,
        today=date(2026, 1, 1),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert len(analysis.kpis) == 100_000
    assert analysis.kpis[-1].actuals[next(iter(analysis.kpis[-1].actuals))] == float(99_999 % 97)
    assert calls and calls[-1][0] == calls[-1][1]
