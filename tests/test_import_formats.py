"""Each format read from a small hand-written fixture (tests/fixtures/exports): input -> fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewflow.importing import Source, read_export

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


def read(name: str, **kw):
    return read_export(FIXTURES / name, id_prefix="t", **kw)


# fixture, record index, field, expected value (as in records.csv)
CASES = [
    # Ovid RIS: record numbers before TY, CRLF, NL and link lines after ER, DOI as URL, "2010//"
    ("ovid_medline.ris", 0, "source_line", "2"),
    ("ovid_medline.ris", 0, "title", "Pooled budgets for health and social care: a realist review."),
    ("ovid_medline.ris", 0, "authors", "Weatherly, Helen; Mason, Anne R; Goddard, Maria"),
    ("ovid_medline.ris", 0, "year", "2010"),
    ("ovid_medline.ris", 0, "doi", "10.1111/j.1365-2524.2009.00001.x"),
    ("ovid_medline.ris", 0, "journal", "Health & Social Care in the Community"),
    ("ovid_medline.ris", 0, "pages_start", "107"),
    ("ovid_medline.ris", 0, "pages_end", "118"),
    ("ovid_medline.ris", 0, "abstract", "Integrated funding is widely promoted. Evidence on its effects is thin."),
    ("ovid_medline.ris", 0, "database", "Ovid MEDLINE(R)"),
    ("ovid_medline.ris", 0, "accession", "2010-01234-001"),
    ("ovid_medline.ris", 1, "flags", "no_title"),
    ("ovid_medline.ris", 1, "authors", "Department of Health"),
    # Lens-style RIS: JATS markup and entities in title and abstract, "doi:" prefix, trailing dot
    ("lens.ris", 0, "title", "Care trusts & integration in England"),
    ("lens.ris", 0, "abstract", "Care trusts were created in 2002. Few were formed; p<0.05 was not tested."),
    ("lens.ris", 0, "doi", "10.1108/14769018200400012"),
    ("lens.ris", 0, "database", "lens"),  # nothing in the file: the file name
    # PubMed MEDLINE: continuation lines, FAU over AU, LID/AID [doi]
    ("pubmed.nbib", 0, "title", "Integrating health and social care budgets: lessons from the Partnerships for Older People Projects."),
    ("pubmed.nbib", 0, "authors", "Windle, Karen; Wagland, Richard"),
    ("pubmed.nbib", 0, "pmid", "20000001"),
    ("pubmed.nbib", 0, "issn", "0966-0410"),
    ("pubmed.nbib", 0, "keywords", "Aged; integrated care"),
    ("pubmed.nbib", 0, "database", "PubMed/MEDLINE"),
    ("pubmed.nbib", 1, "authors", "Smith, JA"),
    ("pubmed.nbib", 1, "doi", "10.1000/xyz123"),
    ("pubmed.nbib", 1, "source_line", "26"),
    # Web of Science tagged, BOM: AF over AU, wrapped title and keywords, article number as page
    ("wos_savedrecs.txt", 0, "source_line", "3"),
    ("wos_savedrecs.txt", 0, "title", "Financial coordination of health and social care: a Swedish experiment"),
    ("wos_savedrecs.txt", 0, "authors", "Hultberg, Eva-Lena; Lonnroth, Kerstin"),
    ("wos_savedrecs.txt", 0, "keywords", "financial integration; coordination; Sweden"),
    ("wos_savedrecs.txt", 1, "pages_start", "e1234"),
    ("wos_savedrecs.txt", 1, "database", "Web of Science"),
    # BibTeX: LaTeX accents, "First Last" and "von Last, First" names, braces, % in text
    ("scopus.bib", 0, "authors", "Hultberg, Eva-Lena; L\u00f6nnroth, Kerstin; van der Berg, Jan; Smith, Anna"),
    ("scopus.bib", 0, "title", "Financial Coordination of health and social care"),
    ("scopus.bib", 0, "abstract", "Half (50%) of the pooled budgets were small."),
    ("scopus.bib", 0, "pages_end", "14"),
    ("scopus.bib", 0, "database", "Scopus"),
    ("scopus.bib", 1, "authors", "Department of Health"),
    ("scopus.bib", 1, "isbn", "9780113228513"),
    # CSV: ID column kept, column aliases, "NA" is empty, "Surname I." author lists
    ("scopus.csv", 0, "record_id", "rec-a"),
    ("scopus.csv", 0, "authors", "Mason, A.; Goddard, M."),
    ("scopus.csv", 0, "doi", "10.1000/che97"),
    ("scopus.csv", 0, "journal", "CHE Research Paper"),
    ("scopus.csv", 1, "year", ""),
    ("scopus.csv", 1, "flags", "no_title"),
    # EndNote XML: <style> wrappers joined, ISSN in <isbn>, line of <record>
    ("endnote_library.xml", 0, "source_line", "3"),
    ("endnote_library.xml", 0, "title", "Integrated funding: a review"),
    ("endnote_library.xml", 0, "journal", "International Journal of Integrated Care"),
    ("endnote_library.xml", 0, "issn", "1568-4156"),
    ("endnote_library.xml", 0, "doi", "10.5334/ijic.2021"),
    ("endnote_library.xml", 1, "title", "Second & last"),
    ("endnote_library.xml", 1, "source_line", "15"),
]


@pytest.mark.parametrize(("name", "index", "field", "expected"), CASES)
def test_field(name, index, field, expected):
    assert read(name).records[index].to_row()[field] == expected


@pytest.mark.parametrize(("name", "fmt", "count"), [
    ("ovid_medline.ris", "ris", 2), ("lens.ris", "ris", 1), ("pubmed.nbib", "pubmed", 2),
    ("wos_savedrecs.txt", "wos", 2), ("scopus.bib", "bibtex", 2), ("scopus.csv", "csv", 2),
    ("endnote_library.xml", "endnote_xml", 2),
])
def test_format_detected_from_content(name, fmt, count, tmp_path):
    copy = tmp_path / "export.dat"  # the extension says nothing
    copy.write_bytes((FIXTURES / name).read_bytes())
    result = read_export(copy, id_prefix="t")
    assert (result.format, len(result.records)) == (fmt, count)


def test_unknown_tag_gets_one_notice():
    notices = [str(n) for n in read("lens.ris").notices]
    assert sum("'ZZ'" in n for n in notices) == 1 and "line 12" in notices[0]


def test_medline_elements_the_review_does_not_use_are_known_tags(tmp_path):
    # PMCR (PubMed Central release) and DA (date created): NLM elements, not unknown tags to warn about
    path = tmp_path / "pubmed.nbib"
    path.write_text("PMID- 1\nDA  - 20100101\nTI  - A title\nPMCR- 2011/01/01\nSO  - J 2010.\n", encoding="utf-8")
    result = read_export(path, id_prefix="t")
    assert result.records[0].title == "A title"
    assert not [n for n in result.notices if "unknown" in str(n)]


def test_config_database_wins_over_the_file():
    assert read("ovid_medline.ris", source=Source(database="MEDLINE")).records[0].database == "MEDLINE"


def test_format_override():
    assert read("lens.ris", fmt="ris").format == "ris"


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                                ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_line_ends(tmp_path, encoding, bom, newline):
    text = (FIXTURES / "lens.ris").read_text(encoding="utf-8").replace("Glasby", "Gl\u00e4sby")
    path = tmp_path / "x.ris"
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    record = read_export(path, id_prefix="t").records[0]
    assert record.authors[0] == "Gl\u00e4sby, Jon" and record.source_line == 1


def test_cp1252_fallback_is_a_notice(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("title,author,year\nCaf\u00e9 culture \u00a9,M\u00fcller K.,2001\n".encode("cp1252"))
    result = read_export(path, id_prefix="t")
    assert result.records[0].title == "Caf\u00e9 culture \u00a9"
    assert result.records[0].authors == ("M\u00fcller, K.",)
    assert any("cp1252" in str(n) and "line 2" in str(n) for n in result.notices)


def test_utf16_endnote_xml_declaring_utf16(tmp_path):
    text = (FIXTURES / "endnote_library.xml").read_text(encoding="utf-8").replace("UTF-8", "UTF-16")
    path = tmp_path / "library.xml"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = read_export(path, id_prefix="t")
    assert (result.format, result.records[0].title) == ("endnote_xml", "Integrated funding: a review")
