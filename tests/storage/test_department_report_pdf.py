"""The department report PDF, read back with pypdf and rasterised with pdftoppm."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from domain import services
from domain.dashboard import DashboardFilter, apply_filter, load_dashboard
from domain.demo import build_demo
from domain.fiscal import YearMonth
from domain.review import Review, ReviewAction, ReviewScope, save_review
from domain.seed import create_demo_company
from storage.pdf_department_report import ReportCancelled, write_department_report

TODAY = date(2025, 11, 20)


@pytest.fixture
def report(db):
    create_demo_company(db.uow(), build_demo(TODAY))
    dept = services.list_departments(db.uow())[0]
    save_review(
        db.uow(),
        Review(
            0,
            dept.id,
            date(2025, 11, 5),
            ReviewScope.MONTHLY,
            YearMonth(2025, 10),
            notes="確認",
            actions=(ReviewAction(0, "発注点を見直す", None, date(2025, 11, 30)),),
        ),
    )
    return load_dashboard(db.uow(), fiscal_year=2025, today=TODAY)


def test_one_page_per_department_with_the_reports_figures(report, tmp_path):
    path = write_department_report(report, tmp_path / "部門レポート.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 5
    for page, section in zip(reader.pages, report.sections, strict=True):
        text = page.extract_text()
        assert section.department.name in text
        assert section.department.mission[:20] in text.replace("\n", "")
        for tile in section.tiles:
            assert tile.kpi.name[:10] in text.replace("\n", "")
        assert "早期警告" in text and "未完了のアクション" in text
    first = reader.pages[0].extract_text()
    assert "このペースだと年度末に目標の" in first
    assert "発注点を見直す" in first
    legal = reader.pages[3].extract_text()
    assert "契約書確認の平均処理時間" in legal and "10月" in legal  # a missing month


def test_font_is_embedded(report, tmp_path):
    path = write_department_report(report, tmp_path / "r.pdf")
    reader = PdfReader(path)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = []
    for ref in fonts.values():
        font = ref.get_object()
        for descendant in font.get("/DescendantFonts", []):
            descriptors.append(descendant.get_object()["/FontDescriptor"].get_object())
        if "/FontDescriptor" in font:
            descriptors.append(font["/FontDescriptor"].get_object())
    assert any("/FontFile2" in d for d in descriptors)
    assert any("IPAexGothic" in str(ref.get_object()["/BaseFont"]) for ref in fonts.values())


def test_pages_rasterise(report, tmp_path):
    out = tmp_path / "out"
    path = write_department_report(report, out / "r.pdf")
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(out / "page")], check=True)
    pages = sorted(out.glob("page-*.png"))
    assert len(pages) == 5
    for png in pages:
        image = Image.open(png).convert("L")
        inked = sum(image.histogram()[:200])
        assert inked > 3000  # text, tables and charts: a blank page has none


def test_filtered_report_prints_only_its_departments(report, tmp_path):
    hr = next(s.department.id for s in report.sections if s.department.name == "人事部")
    path = write_department_report(
        apply_filter(report, DashboardFilter(department_id=hr)), tmp_path / "hr.pdf"
    )
    reader = PdfReader(path)
    assert len(reader.pages) == 1 and "人事部" in reader.pages[0].extract_text()


def test_cancel_leaves_no_file(report, tmp_path):
    out = tmp_path / "out"
    target = out / "cancelled.pdf"
    with pytest.raises(ReportCancelled):
        write_department_report(report, target, progress=lambda done, total: done < 2)
    assert not target.exists()
    assert list(out.iterdir()) == []


def test_existing_file_is_replaced_whole(report, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "r.pdf"
    target.write_bytes(b"old")
    write_department_report(report, target)
    assert target.read_bytes()[:5] == b"%PDF-"
    assert [p.name for p in out.iterdir()] == ["r.pdf"]


def test_pdf_from_the_command_line_needs_no_display(report, tmp_path):
    """The writer imports no Qt: it runs in a process without any GUI module."""
    code = (
        "import sys; import storage.pdf_department_report as m;"
        "print(any(k.startswith('PySide6') for k in sys.modules))"
    )
    result = subprocess.run(
        [__import__("sys").executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"
