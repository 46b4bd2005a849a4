"""Office outputs a journal accepts: content-sized columns, whole header words, the paper from config,
the XLSX caption and notes on the printed sheet; checked in the files and, through LibreOffice, on paper."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from reviewflow.tables import load_review, write_table
from reviewflow.tables.model import Column, Table
from reviewflow.tables.render.docx import docx_page, render_docx
from reviewflow.tables.render.layout import (
    PAPERS, ColumnText, fit_widths, needs_landscape, text_em, widest_word_em, wrapped_lines)
from reviewflow.tables.render.xlsx import render_xlsx
from tables_support import EXAMPLE_DECISIONS, settings

REPO = Path(__file__).resolve().parents[1]
LARGEST = "appendix2_included_schemes"  # the worked example's largest table (38 schemes of prose)


@pytest.fixture(scope="module")
def example() -> dict[str, Table]:
    """The worked example's tables, built from the extraction sheets kept in the repository."""
    return {t.name: t for t in load_review(settings(REPO / "data" / "extracted", decisions=EXAMPLE_DECISIONS)).tables()}


# ---- the shared width logic
@pytest.mark.parametrize(("columns", "available", "expected"), [
    # everything fits at its widest line: each column gets exactly that
    ([("ab", ["x"]), ("cd", ["yy"])], 100.0, "max"),
    # prose columns share the room by how much text they hold; a short column keeps its widest line
    ([("ID", ["S01", "S02"]), ("Notes", ["word " * 40, "word " * 40]), ("More", ["word " * 120])], 40.0, "share"),
])
def test_fit_widths(columns, available, expected):
    cols = [ColumnText(h, tuple(cells)) for h, cells in columns]
    widths = fit_widths(cols, available)
    if expected == "max":
        assert widths == [c.max_em for c in cols]
    else:
        assert sum(widths) == pytest.approx(available)
        assert widths[0] == pytest.approx(cols[0].max_em)  # "ID": as wide as its text, no more
        # neither bound holds them: the prose columns are as wide as their share of the text
        assert widths[2] / widths[1] == pytest.approx(cols[2].volume_em / cols[1].volume_em, rel=1e-6)
        assert widths[2] > widths[1]
        assert all(w >= c.min_em for w, c in zip(widths, cols, strict=True))


def test_a_header_word_is_never_narrower_than_its_column():
    cols = [ColumnText("Quasi-experimental", ("1",)), ColumnText("Key findings", ("long text " * 300,))]
    widths = fit_widths(cols, 30.0)
    assert widths[0] >= widest_word_em("Quasi-experimental", bold=True)


def test_wrapped_lines_wrap_at_spaces():
    word = text_em("abcd")
    assert wrapped_lines("abcd abcd abcd", 2.2 * word) == 2
    assert wrapped_lines("abcd abcd abcd", 10 * word) == 1
    assert wrapped_lines("abcd\nabcd", 10 * word) == 2


def test_landscape_follows_the_content():
    narrow = [ColumnText("Design", ("RCT",)), ColumnText("n", ("3",))]
    wide = [ColumnText(f"Col {i}", ("some prose " * 30,)) for i in range(6)]
    assert not needs_landscape(narrow, "a4", 9.0) and needs_landscape(wide, "a4", 9.0)


# ---- DOCX
def grid_widths(doc) -> list[int]:
    return [int(g.get(qn("w:w"))) for g in doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_docx_columns_are_sized_to_their_content(example):
    table = example[LARGEST]
    doc = Document(io.BytesIO(render_docx(table)))
    widths = dict(zip([c.key for c in table.shown], grid_widths(doc), strict=True))
    assert len(set(widths.values())) == len(widths)  # no two alike: each from its own content
    assert widths["key_findings"] > 2 * widths["scheme"]  # the most prose, the most room
    section = doc.sections[0]
    assert abs(sum(widths.values()) - (section.page_width - section.left_margin - section.right_margin) / 635) < 10
    for row in (doc.tables[0].rows[0], doc.tables[0].rows[-1]):  # each cell carries them too (w:tcW, for Word)
        assert [c.width // 635 for c in row.cells] == pytest.approx(list(widths.values()), abs=1)


def test_docx_header_repeats_and_words_fit(example):
    table = example[LARGEST]
    setup = docx_page(table)
    header = Document(io.BytesIO(render_docx(table))).tables[0].rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    for column, width in zip(table.shown, setup.widths_pt, strict=True):
        assert width >= widest_word_em(column.label, bold=True) * setup.font_size


@pytest.mark.parametrize(("paper", "size"), [("a4", PAPERS["a4"]), ("letter", PAPERS["letter"])])
def test_the_paper_comes_from_config(example, paper, size):
    section = Document(io.BytesIO(render_docx(example["study_designs"], paper))).sections[0]
    assert (round(section.page_width.pt), round(section.page_height.pt)) == (round(size[0]), round(size[1]))
    ws = load_workbook(io.BytesIO(render_xlsx(example["study_designs"], paper))).worksheets[0]
    assert ws.page_setup.paperSize == {"a4": 9, "letter": 1}[paper]


# ---- XLSX
def test_xlsx_prints_caption_header_and_notes_in_one_font(example):
    table = example[LARGEST]
    wb = load_workbook(io.BytesIO(render_xlsx(table)))
    assert wb.sheetnames == [table.name[:31]]  # no separate notes sheet
    ws = wb.worksheets[0]
    assert ws["A1"].value == table.title and ws["A1"].font.bold
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    last_data = 2 + len(table.rows)
    assert ws.cell(last_data + 2, 1).value == table.notes[0]
    assert ws.print_title_rows == "$2:$2" and ws.auto_filter.ref == f"A2:G{last_data}"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"DejaVu Sans"}
    widths = [ws.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert len(set(widths)) == len(widths) and widths[1] < widths[6]  # ID narrow, Key findings wide


def test_hostile_caption_and_notes_are_neutralised():
    table = Table("t", "=HYPERLINK(\"x\")", (Column("a", "A"),), (("x",),), notes=("+1 note",))
    ws = load_workbook(io.BytesIO(render_xlsx(table))).worksheets[0]
    assert ws["A1"].value == "'=HYPERLINK(\"x\")" and ws["A5"].value == "'+1 note"  # after a blank row


# ---- on paper: LibreOffice renders the largest table to PDF (pdfinfo, pdftotext -bbox, pdftoppm)
def office_tools() -> str:
    path = shutil.which("soffice")
    if not path or not shutil.which("pdftoppm") or not shutil.which("pdfinfo"):
        pytest.skip("LOUD SKIP: LibreOffice (soffice) or poppler (pdftoppm, pdfinfo) is not installed, so the "
                    "DOCX/XLSX tables were NOT checked on paper. Install: apt-get install -y "
                    "--no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils "
                    "fonts-dejavu-core")
    return path


def to_pdf(office: str, source: Path, tmp: Path) -> Path:
    out = tmp / source.suffix[1:]
    run = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                          "pdf", "--outdir", str(out), str(source)], capture_output=True, text=True, timeout=300)
    pdf = out / f"{source.stem}.pdf"
    assert pdf.is_file(), (f"LibreOffice did not convert {source.name} (a DOCX needs libreoffice-writer, an "
                           f"XLSX libreoffice-calc):\n{run.stdout}{run.stderr}")
    return pdf


def pdf_info(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    return pages, (w, h)


def page_words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(x, y, word) of every word on one page, as poppler reads it."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(float(x), float(y), w) for x, y, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)]


@pytest.fixture(scope="module")
def rendered(example, tmp_path_factory):
    office = office_tools()
    tmp = tmp_path_factory.mktemp("office")
    pdfs = {}
    for paper in ("a4", "letter"):
        for path in write_table(example[LARGEST], tmp / paper, ["docx", "xlsx"], paper):
            pdfs[(paper, path.suffix[1:])] = to_pdf(office, path, tmp / paper)
    return pdfs


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_largest_table_prints_landscape_on_the_configured_paper(rendered, paper):
    width, height = PAPERS[paper]
    for ext in ("docx", "xlsx"):
        pages, size = pdf_info(rendered[(paper, ext)])
        assert size == pytest.approx((height, width), abs=1), ext
        assert 2 <= pages <= 38, (ext, pages)  # 38 schemes of prose: several pages, never one per cell


@pytest.mark.parametrize("ext", ["docx", "xlsx"])
def test_header_words_print_whole_and_repeat_on_every_page(example, rendered, ext):
    pdf = rendered[("a4", ext)]
    pages, _ = pdf_info(pdf)
    labels = [c.label for c in (example[LARGEST].shown if ext == "docx" else example[LARGEST].columns)]
    header_words = {w for label in labels for w in label.split()}
    for page in (1, 2, pages):
        words = {w for _, _, w in page_words(pdf, page)}
        assert header_words <= words, (page, sorted(header_words - words))  # whole words, on every page


def test_docx_columns_print_at_their_content_widths(example, rendered):
    """The left edges of the header cells in the PDF are where the DOCX widths put them."""
    table = example[LARGEST]
    setup = docx_page(table)
    words = page_words(rendered[("a4", "docx")], 1)
    header_y = min(y for x, y, w in words if w == table.shown[0].label.split()[0])
    starts = sorted(x for x, y, w in words if abs(y - header_y) < 1 and
                    w in {c.label.split()[0] for c in table.shown})
    printed = [b - a for a, b in zip(starts, starts[1:])]
    assert printed == pytest.approx(list(setup.widths_pt[:-1]), abs=3)
    assert max(printed) > 2.5 * min(printed)  # content-sized: equal widths would print alike


def test_xlsx_pdf_holds_caption_all_columns_and_notes(example, rendered):
    table = example[LARGEST]
    pdf = rendered[("a4", "xlsx")]
    pages, _ = pdf_info(pdf)
    first = " ".join(w for _, _, w in page_words(pdf, 1))
    assert table.title in first and "Key findings" in first and "Country" in first  # one page wide
    assert table.notes[0].split(".")[0] in " ".join(w for _, _, w in page_words(pdf, pages))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))],
                   check=True, timeout=60)
    assert next(pdf.parent.glob(f"{pdf.stem}*.png")).stat().st_size > 2000  # a rendered page, not blank
