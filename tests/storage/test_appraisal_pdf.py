"""評価シート PDFs read back with pypdf and rasterised with pdftoppm; the Excel overview."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from domain.appraisal_model import AppraisalItem, Block
from domain.appraisal_report import build_reports, period_overview
from domain.appraisal_services import find_period
from domain.demo import build_demo
from domain.model import Member
from domain.seed import create_demo_company
from storage.appraisal_documents import AppraisalDocumentWriter
from storage.database import open_database
from storage.pdf_sheet import Cancelled

TODAY = date(2026, 11, 22)
PERIOD = "2026年度上期"
DOCS = AppraisalDocumentWriter(printed_on=TODAY)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(path)
    create_demo_company(database.uow(), build_demo(TODAY))
    period = find_period(database.uow())
    reports = {r.member.employee_no: r for r in build_reports(database.uow(), period.id)}
    yield database, period, reports
    database.close()


def text_of(path: Path, password: str | None = None) -> list[str]:
    reader = PdfReader(str(path))
    if password is not None:
        reader.decrypt(password)
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]


def font_files(path: Path) -> set[str]:
    """Base font names of the embedded TrueType fonts (those with a FontFile2 stream)."""
    found = set()
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            targets = [d.get_object() for d in descendants] if descendants else [font]
            for target in targets:
                descriptor = target.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    stream = descriptor.get_object()["/FontFile2"].get_object()
                    assert len(stream.get_data()) > 1000
                    found.add(str(target["/BaseFont"]))
    return found


def rasterise(path: Path, out: Path) -> list[Image.Image]:
    out.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(path), str(out / "p")], check=True, timeout=120
    )
    return [Image.open(p).convert("L") for p in sorted(out.glob("p-*.png"))]


def ink(image: Image.Image) -> float:
    """Share of pixels that are not white."""
    histogram = image.histogram()
    return 1 - sum(histogram[250:]) / (image.width * image.height)


def test_sheet_pdf_text_fonts_and_pages(demo, tmp_path):
    _, _, reports = demo
    report = reports["E0002"]  # 確定, long 本人所見
    out = DOCS.write_sheets([report], tmp_path / "sheet.pdf")
    pages = text_of(out)
    text = "".join(pages)
    for expected in (
        "鈴木美咲",
        "E0002",
        "総務部",
        PERIOD,
        "評価シート",
        "確定",
        "部門ミッション",
        "株式会社みえる商事",
        "業績評価",
        "プロセス・行動評価",
        "加点・減点",
        "総合評価",
        "面談記録",
        "本人所見",
        "一次評価者コメント",
        "確認欄",
        "備品補充の遅延件数",
        "1/2",
        "2/2",
    ):
        assert expected in text, expected
    score = report.score
    assert score.grade is not None and score.points is not None
    assert f"{score.points:.1f}点" in text
    assert f"最終評語{score.grade}" in text
    comment = re.sub(r"\s+", "", report.sheet.self_comment)
    assert comment[:30] in text and comment[-30:] in text
    assert any("IPAexGothic" in name for name in font_files(out))
    images = rasterise(out, tmp_path / "png")
    assert len(images) == len(pages) == 2
    assert all(ink(image) > 0.01 for image in images)


def test_long_comments_flow_onto_more_pages_instead_of_being_cut(demo, tmp_path):
    _, _, reports = demo
    report = reports["E0004"]
    short = DOCS.write_sheets([report], tmp_path / "short.pdf")
    ending = "以上が今期の振り返りの最後の一文です。"
    long_text = "今期は問い合わせ対応の品質向上に取り組み、" * 180 + ending
    sheet = replace(report.sheet, self_comment=long_text, first_comment=long_text)
    long = DOCS.write_sheets([replace(report, sheet=sheet)], tmp_path / "long.pdf")
    short_pages, long_pages = text_of(short), text_of(long)
    assert len(long_pages) >= len(short_pages) + 2
    assert sum(page.count(ending) for page in long_pages) == 2  # both comments end in full
    assert "確認欄" in long_pages[-1]
    assert f"{len(long_pages)}/{len(long_pages)}" in long_pages[-1]
    images = rasterise(long, tmp_path / "png")
    assert len(images) == len(long_pages)
    assert all(ink(image) > 0.01 for image in images)


def test_goal_rows_are_never_cut_and_the_header_repeats(demo, tmp_path):
    _, _, reports = demo
    report = reports["E0006"]
    goals = tuple(
        AppraisalItem(
            0,
            Block.PERFORMANCE,
            f"目標{n:02d}の始まり" + "業務手順を見直し、" * 8 + f"目標{n:02d}の終わり",
            "期限までに完了" * 6,
            weight=4,
        )
        for n in range(25)
    )
    sheet = replace(report.sheet, items=goals + report.sheet.items_in(Block.PROCESS))
    from domain.appraisal_report import sheet_report

    rebuilt = replace(
        report,
        sheet=sheet,
        items=sheet_report(
            sheet,
            company_name=report.company_name,
            period=report.period,
            members={report.member.id: report.member},
            departments={},
            trends={},
        ).items,
    )
    out = DOCS.write_sheets([rebuilt], tmp_path / "many.pdf")
    pages = text_of(out)
    for n in range(25):
        holders = [i for i, page in enumerate(pages) if f"目標{n:02d}の始まり" in page]
        assert len(holders) == 1
        assert f"目標{n:02d}の終わり" in pages[holders[0]]
    with_goals = [p for p in pages if "目標" in p and "の始まり" in p]
    assert len(with_goals) >= 2
    header = "No目標達成基準ウェイト難易度実績・達成率本人一次二次"
    assert all(header in p for p in with_goals)  # the header row is repeated on every page


def test_first_evaluators_copy_hides_second(demo, tmp_path):
    database, period, reports = demo
    full = "".join(text_of(DOCS.write_sheets([reports["E0004"]], tmp_path / "full.pdf")))
    assert "二次評価者コメント" in full and "一次評価を妥当と判断する。" in full
    (copy,) = build_reports(database.uow(), period.id, employee_no="E0004", hide_second=True)
    text = "".join(text_of(DOCS.write_sheets([copy], tmp_path / "first.pdf")))
    assert "一次評価者用" in text
    assert "二次評価者コメント" not in text
    assert "一次評価を妥当と判断する。" not in text


def test_password_protected_pdf(demo, tmp_path):
    _, _, reports = demo
    out = DOCS.write_sheets([reports["E0003"]], tmp_path / "locked.pdf", password="pass1234")
    reader = PdfReader(str(out))
    assert reader.is_encrypted
    assert not PdfReader(str(out)).decrypt("wrong")
    assert "高橋直樹" in "".join(text_of(out, "pass1234"))


def test_file_names_batch_each_and_cancel(demo, tmp_path):
    _, _, reports = demo
    chosen = [reports["E0001"], reports["E0002"]]
    assert DOCS.sheet_file_name(chosen[0]) == f"評価シート_佐藤 健一_{PERIOD}.pdf"
    odd = replace(chosen[0], member=replace(chosen[0].member, name='A/B:"C"'))
    assert DOCS.sheet_file_name(odd) == f"評価シート_A＿B＿＿C＿_{PERIOD}.pdf"
    calls: list[tuple[int, int]] = []
    files = DOCS.write_each(
        chosen, tmp_path / "each", progress=lambda d, t: calls.append((d, t)) is None
    )
    assert [f.name for f in files] == [DOCS.sheet_file_name(r) for r in chosen]
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)
    target = tmp_path / "all.pdf"
    with pytest.raises(Cancelled):
        DOCS.write_sheets(list(reports.values()), target, progress=lambda d, t: d < 3)
    assert list(tmp_path.glob("all*")) == [] and list(tmp_path.glob(".~*")) == []
    seen: list[int] = []
    DOCS.write_sheets(list(reports.values()), target, progress=lambda d, t: seen.append(d) is None)
    assert seen == list(range(len(reports) + 1))
    assert len(PdfReader(str(target)).pages) >= len(reports)


def test_overview_pdf_and_excel(demo, tmp_path, uow_factory):
    database, period, reports = demo
    overview = period_overview(database.uow(), period.id)
    pdf = "".join(text_of(DOCS.write_overview_pdf(overview, tmp_path / "overview.pdf")))
    assert "評価結果一覧" in pdf and PERIOD in pdf
    for row in overview.rows:
        assert row.name.replace(" ", "") in pdf
    graded = [r for r in overview.rows if r.grade]
    assert graded and all(r.points is not None for r in graded)
    assert sum(n for _, n in overview.distribution) == len(graded)

    import openpyxl

    tricky = replace(
        overview,
        rows=(
            replace(
                overview.rows[0], name='=HYPERLINK("x")', title="@role", department_name="-1+2"
            ),
            *overview.rows[1:],
        ),
    )
    path = DOCS.write_overview_xlsx(tricky, tmp_path / "overview.xlsx")
    ws = openpyxl.load_workbook(path)["評価結果一覧"]
    assert ws.cell(4, 2).value == "氏名"
    assert ws.cell(5, 2).value == '=HYPERLINK("x")' and ws.cell(5, 2).data_type == "s"
    assert ws.cell(5, 3).data_type == "s" and ws.cell(5, 4).data_type == "s"
    names = [ws.cell(r, 2).value for r in range(5, 5 + len(overview.rows))]
    assert names[1:] == [r.name for r in overview.rows[1:]]
    dist = openpyxl.load_workbook(path)["評語分布"]
    assert [dist.cell(r, 1).value for r in range(2, 7)] == ["S", "A", "B", "C", "D"]


def test_member_without_department_or_evaluators_still_prints(uow_factory, company, tmp_path):
    from domain import appraisal_services as aps
    from domain import services
    from domain.appraisal_model import AppraisalPeriod

    services.add_member(uow_factory(), Member(0, "9", "新人 太郎"))
    period = aps.create_period(
        uow_factory(), AppraisalPeriod(0, "2025年度下期", date(2025, 10, 1), date(2026, 3, 31))
    )
    aps.start_period(uow_factory(), period.id)
    (report,) = build_reports(uow_factory(), period.id)
    text = "".join(text_of(DOCS.write_sheets([report], tmp_path / "empty.pdf")))
    assert "新人太郎" in text and "未評価" in text and "未設定" in text
