"""citations: RIS and BibTeX out, re-read by rispy and bibtexparser, imported back by reviewflow's own import."""

from __future__ import annotations

import csv

import bibtexparser
import pytest
import rispy

from reviewflow.citations import export_citations, select_reports, to_bibtex, to_ris
from reviewflow.citations.types import bibtex_type, ris_type
from reviewflow.cli import main
from reviewflow.errors import ReviewflowError
from reviewflow.importing import read_bytes, read_export
from reviewflow.records import Record, read_records, write_records

# The fields a citation manager needs, compared field by field after a round trip.
FIELDS = ("title", "authors", "year", "journal", "volume", "issue", "pages_start", "pages_end", "doi")
FORMATS = {"ris": to_ris, "bib": to_bibtex}

RECORDS = [
    Record("r-1", "a.ris", 1, title="Integrated budgets: a trial", authors=("Smith, John", "Ng, K. L."),
           year="2009", journal="Journal of Integrated Care", volume="17", issue="3", pages_start="107",
           pages_end="118", doi="10.1000/jic.2009.17", pub_type="JOUR", keywords=("pooled budgets", "NHS")),
    # LaTeX specials, braces, non-ASCII letters, an organisation as author, an e-page, a DOI with _ ( )
    Record("r-2", "a.ris", 9, title="50% & more: {pooled} funds for #1 care_plans \\ at ~$5 in Malmö",
           authors=("Müller, Jürgen", "Department of Health and Social Care", "O'Brien, K-L"),
           year="2014", journal="Health & Social Care", volume="22", pages_start="e0209483",
           doi="10.1002/(sici)1099_x(199)", pub_type="Meeting Abstract", abstract="Costs fell by 5% (p < 0.05)."),
    Record("r-3", "b.bib", 1, title="A report with no journal", authors=(), year="2001", pub_type="techreport"),
]


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_reviewflow_imports_an_export_back_with_the_same_fields(ext):
    back = read_bytes(FORMATS[ext](RECORDS).encode(), id_prefix="x", source_file=f"out.{ext}").records
    assert [tuple(getattr(r, f) for f in FIELDS) for r in back] == \
        [tuple(getattr(r, f) for f in FIELDS) for r in RECORDS]
    assert back[1].abstract == RECORDS[1].abstract and back[0].keywords == RECORDS[0].keywords


def test_rispy_reads_the_ris_export():
    entries = rispy.loads(to_ris(RECORDS))
    assert [e["id"] for e in entries] == ["r-1", "r-2", "r-3"]
    assert entries[0]["authors"] == ["Smith, John", "Ng, K. L."] and entries[0]["start_page"] == "107"
    assert [e["type_of_reference"] for e in entries] == ["JOUR", "JOUR", "RPRT"]
    assert not to_ris(RECORDS).startswith("1."), "no Ovid-style record numbers outside the records"


def test_bibtexparser_reads_the_bibtex_export():
    library = bibtexparser.parse_string(to_bibtex(RECORDS))
    assert not library.failed_blocks
    assert [(e.entry_type, e.key) for e in library.entries] == [("article", "r-1"), ("article", "r-2"),
                                                                ("techreport", "r-3")]
    second = library.entries[1]
    assert second["author"] == "Müller, Jürgen and {Department of Health and Social Care} and O'Brien, K-L"
    assert second["title"].startswith(r"50\% \& more: \{pooled\} funds for \#1 care\_plans")
    assert library.entries[0]["pages"] == "107--118"


@pytest.mark.parametrize(("pub_type", "journal", "ris", "bib"), [
    ("JOUR", "J", "JOUR", "article"), ("article", "J", "JOUR", "article"), ("THES", "", "THES", "phdthesis"),
    ("inproceedings", "", "CPAPER", "inproceedings"), ("Meeting Abstract", "J", "JOUR", "article"),
    ("Press release", "", "GEN", "misc"), ("", "", "GEN", "misc"), ("rprt", "", "RPRT", "techreport"),
])
def test_reference_types_come_from_the_record_else_from_having_a_journal(pub_type, journal, ris, bib):
    record = Record("r", "f", 1, pub_type=pub_type, journal=journal)
    assert (ris_type(record), bibtex_type(record)) == (ris, bib)


def test_no_records_give_empty_files():
    assert to_ris([]) == "" and to_bibtex([]) == ""


def write_box(path, ids):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("id,unit,note\n" + "".join(f"{i},report,\n" for i in ids), encoding="utf-8")


def test_sets_follow_the_id_lists_and_are_byte_identical_across_runs(tmp_path):
    write_records(RECORDS, tmp_path / "unique.csv")
    write_box(tmp_path / "boxes/reports_of_included_studies.csv", ["r-3", "r-1"])
    write_box(tmp_path / "boxes/reports_of_excluded_studies.csv", [])
    runs = [export_citations(tmp_path / "unique.csv", tmp_path / "boxes", tmp_path / out) for out in ("a", "b")]
    first, again = ({p.name: p.read_bytes() for p in paths} for paths in runs)
    assert first == again
    assert sorted(first) == sorted(f"{s}.{e}" for s in ("included", "excluded", "unique") for e in ("ris", "bib"))
    assert [e["id"] for e in rispy.loads(first["included.ris"].decode())] == ["r-3", "r-1"]  # the box's order
    assert first["excluded.ris"] == b"" and len(rispy.loads(first["unique.ris"].decode())) == 3


def test_an_id_list_from_another_run_stops_naming_the_row(tmp_path):
    box = tmp_path / "reports_of_included_studies.csv"
    write_box(box, ["r-1", "gone-00007"])
    with pytest.raises(ReviewflowError) as err:
        select_reports(RECORDS, box)
    message = str(err.value)
    assert f"{box}, row 3, column 'id'" in message and "'gone-00007'" in message and "rerun" in message


# ---- the worked example (issue 18: "the RIS export of included reports holds 122 entries")
@pytest.mark.workflow
def test_example_included_reports_export_reads_back_in_rispy_and_reviewflow_import(example_run, tmp_path):
    out = example_run / "results/citations"
    with open(example_run / "results/prisma/boxes/reports_of_included_studies.csv", encoding="utf-8") as handle:
        listed = [row["id"] for row in csv.DictReader(handle)]
    unique = {r.record_id: r for r in read_records(example_run / "results/dedupe/unique_records.csv")}
    expected = [tuple(getattr(unique[i], f) for f in FIELDS) for i in listed]
    assert len(listed) == 122
    entries = rispy.load(out / "included.ris")
    assert [e["id"] for e in entries] == listed
    for ext in ("ris", "bib"):
        back = read_export(out / f"included.{ext}", id_prefix="back").records
        assert [tuple(getattr(r, f) for f in FIELDS) for r in back] == expected, ext
    assert len(bibtexparser.parse_file(str(out / "included.bib")).entries) == 122
    # `reviewflow import` (the command line) reads both files too
    for ext in ("ris", "bib"):
        csv_out = tmp_path / f"reimported_{ext}.csv"
        assert main(["import", str(out / f"included.{ext}"), "-o", str(csv_out)]) == 0
        assert [tuple(getattr(r, f) for f in FIELDS) for r in read_records(csv_out)] == expected, ext
    for name, box in (("excluded", "reports_of_excluded_studies"), ("unique", None)):
        n = len(rispy.load(out / f"{name}.ris"))
        if box:
            rows = (example_run / f"results/prisma/boxes/{box}.csv").read_text(encoding="utf-8").splitlines()
            assert n == len(rows) - 1
        else:
            assert n == len(unique) == 3500
        assert len(bibtexparser.parse_string((out / f"{name}.bib").read_text(encoding="utf-8")).entries) == n


def test_bibtex_file_is_utf8_text_with_lf_line_ends():
    text = to_bibtex(RECORDS)
    assert "\r" not in text and "Malmö" in text
    assert text.endswith("}\n")
