"""tables: one writer per format; spreadsheet formulas neutralised; markup escaped; bytes stable."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from reviewflow.tables import write_table
from reviewflow.tables.model import Column, Table
from reviewflow.tables.render import RENDERERS
from reviewflow.spreadsheets import neutralise
from reviewflow.tables.render.text import latex_escape, markdown_escape
from tables_support import tables_of


@pytest.fixture(scope="module")
def tables() -> dict[str, Table]:
    return tables_of()


@pytest.mark.parametrize(("cell", "safe"), [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+31 Dutch", "'+31 Dutch"), ("-significant", "'-significant"),
    ("@sum", "'@sum"), ("plain text", "plain text"), (-3, -3), (12.5, 12.5), ("", ""),
])
def test_formula_cells_get_a_leading_quote(cell, safe):
    assert neutralise(cell) == safe


@pytest.mark.parametrize(("text", "latex"), [
    ("50% & more_", r"50\% \& more\_"), ("A$11.8m #1", r"A\$11.8m \#1"), ("a\nb", r"a\newline b"),
    ("{x}~^", r"\{x\}\textasciitilde{}\textasciicircum{}"),
])
def test_latex_special_characters_are_escaped(text, latex):
    assert latex_escape(text) == latex


@pytest.mark.parametrize(("text", "md"), [("a | b", "a \\| b"), ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"), ("a\nb", "a<br>b")])
def test_markdown_cells_stay_on_their_line(text, md):
    assert markdown_escape(text) == md


def test_csv_neutralises_formulas_and_keeps_ids(tables):
    text = RENDERERS["csv"](tables["appendix3_excluded_schemes"])
    assert text.splitlines()[0].startswith("scheme_id,scheme,health_care_only")
    assert "\n'=HYPERLINK" not in text and ",'=HYPERLINK(" in text.replace('"', "")
    assert ",'+31 Dutch scheme" in text


def test_html_escapes_text_from_the_data(tables):
    html = RENDERERS["html"](tables["appendix2_included_schemes"])
    assert "&lt;b&gt;Mixed&lt;/b&gt;" in html and "<b>Mixed" not in html
    assert "Pooled budgets &amp; &#34;lead&#34; commissioning" in html
    assert '<tr class="group"><th colspan="5" scope="rowgroup">Sweden</th></tr>' in html


def test_xlsx_is_formatted_for_reading(tables):
    wb = load_workbook(io.BytesIO(RENDERERS["xlsx"](tables["appendix2_included_schemes"])))
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A3"  # row 1 is the caption, row 2 the header
    assert ws["A2"].value == "Country" and ws["A2"].font.bold
    assert ws.column_dimensions["G"].width > ws.column_dimensions["B"].width  # widths from the content
    body = range(2, 3 + len(tables["appendix2_included_schemes"].rows))  # header and data rows
    assert all(ws.cell(r, 7).alignment.wrap_text for r in body)
    assert [c.value for c in ws["G"]][4] == "'-Significantly greater improvements in morale"
    assert ws.page_setup.orientation == "landscape"


def test_xlsx_keeps_numbers_as_numbers(tables):
    ws = load_workbook(io.BytesIO(RENDERERS["xlsx"](tables["study_designs"]))).worksheets[0]
    assert ws["B3"].value == 2 and ws["C3"].value == pytest.approx(33.3) and ws["C3"].number_format == "0.0"


def test_docx_is_a_real_word_table_in_landscape_when_wide(tables):
    doc = Document(io.BytesIO(RENDERERS["docx"](tables["appendix2_included_schemes"])))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:2] == ["Name of IRM (sources)", "Category of IRM"]
    assert table.rows[1].cells[0].text == "Australia"  # the group heading row, merged across
    assert len(table.rows) == 1 + 4 + 6
    portrait = Document(io.BytesIO(RENDERERS["docx"](tables["design_by_country"]))).sections[0]
    assert portrait.page_width < portrait.page_height


@pytest.mark.parametrize("ext", sorted(RENDERERS))
def test_every_format_is_byte_identical_across_runs(tables, ext):
    first = RENDERERS[ext](tables["appendix2_included_schemes"])
    assert RENDERERS[ext](tables["appendix2_included_schemes"]) == first
    if isinstance(first, bytes):  # zip entries carry no time of writing
        package = zipfile.ZipFile(io.BytesIO(first))
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()  # openpyxl stamps "modified" at save time
        assert core.count("2000-01-01T00:00:00Z</dcterms:") == 2


def test_table_rejects_ragged_rows():
    with pytest.raises(ValueError, match="has 1 cells, not 2"):
        Table("t", "T", (Column("a", "A"), Column("b", "B")), (("x",),))


# ---- LibreOffice opens what we write (the tool authors paste from)
def soffice() -> str:
    path = shutil.which("soffice")
    if not path or not shutil.which("pdftoppm"):
        pytest.skip("LOUD SKIP: LibreOffice (soffice) or pdftoppm is not installed, so the DOCX/XLSX files "
                    "were NOT checked in an office suite. Install: apt-get install -y "
                    "libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils")
    return path


@pytest.mark.parametrize("name", ["appendix2_included_schemes", "design_by_country"])
@pytest.mark.parametrize("ext", ["docx", "xlsx"])
def test_libreoffice_converts_the_file_to_pdf(tmp_path, tables, name, ext):
    office = soffice()
    (source,) = write_table(tables[name], tmp_path, [ext])
    run = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                         capture_output=True, text=True, timeout=180)
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.is_file(), run.stdout + run.stderr
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 2000  # a rendered page, not a blank one
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert ("Darlington Pilot" if name.startswith("appendix2") else "Qualitative") in text
