"""Every record and every line accounted for: a line of an export is part of a record or listed in
the import notes (file, line, text), every record is kept (flagged when something is odd), and the
console summary says per export how many records it gave and what to look at."""

from __future__ import annotations

import pytest

from conftest import REPO
from reviewflow.importing import Source, import_summary, read_export
from reviewflow.importing.notes import Note, read_notes, write_notes
from reviewflow.importing.read import import_notes

CORPUS = REPO / "tests" / "corpus" / "exports"

# corpus file -> (titles of the records, in order), flags of the first record
KEPT = [
    ("lower_case_tags.ris", ["Pooled budgets in Scotland", "Integrated care trusts"], ()),
    ("lower_case_tags_wos.txt", ["Pooled budgets in Scotland"], ()),
    ("first_record_without_ty.ris", ["Lead commissioning (the first record lost its TY line)",
                                     "Integrated care trusts"], ("no_type_tag",)),
    ("text_between_records.ris", ["Pooled budgets in Scotland", "Integrated care trusts"], ()),
    ("wos_record_without_pt.txt", ["Pooled budgets in Scotland (this record lost its PT line)",
                                   "Integrated care trusts"], ("no_type_tag",)),
]


@pytest.mark.parametrize(("name", "titles", "flags"), KEPT, ids=[k[0] for k in KEPT])
def test_no_record_is_dropped(name, titles, flags):
    result = read_export(CORPUS / name, id_prefix="x")
    assert [r.title for r in result.records] == titles
    assert result.records[0].flags == flags


def test_a_lower_case_tag_is_read_as_the_tag():
    first = read_export(CORPUS / "lower_case_tags.ris", id_prefix="x").records[0]
    assert (first.authors, first.year, first.pub_type, first.source_line) == (("Smith, A",), "2005", "JOUR", 1)


def test_a_lower_case_tag_right_after_ty_in_a_record_with_continuation_lines_is_read():
    # found by tests/test_import_properties.py: the line after TY was taken as an unknown tag 't1'
    text = "TY  - RPRT\nt1  - Lead commissioning\nA1  - Ford, G\nKW  - care\nKW  - trusts\nER  - \n"
    record = read_export_text(text).records[0]
    assert (record.title, record.authors, record.keywords) == ("Lead commissioning", ("Ford, G",), ("care", "trusts"))


def test_only_known_tags_change_case():
    text = "TY  - JOUR\nTI  - A\nzz  - not a tag\nER  - \n"  # 'ZZ' is no RIS tag: the line stays as it is
    result = read_export_text(text)
    assert not [n for n in result.notices if "lower or mixed case" in n.message]
    assert [n.line for n in import_notes(result) if n.kind == "set_aside"] == []  # a continuation of TI
    assert result.records[0].title == "A zz - not a tag"  # (whitespace runs squashed, as everywhere)


def read_export_text(text: str, name: str = "x.ris"):
    from reviewflow.importing import read_bytes

    return read_bytes(text.encode(), id_prefix="x", source_file=name, source=Source(database="D"))


def test_each_line_set_aside_is_a_note_with_its_line_and_text(tmp_path):
    result = read_export(CORPUS / "text_between_records.ris", id_prefix="x", source_file="between.ris")
    notes = import_notes(result)
    assert [(n.line, n.message) for n in notes if n.kind == "set_aside"] == [
        (5, "not part of any record, not imported: 'Exported by a library system on 2013-02-01'"),
        (10, "not part of any record, not imported: '=HYPERLINK(\"http://example.org\")'"),
    ]
    write_notes(notes, tmp_path / "notes.csv")
    assert read_notes(tmp_path / "notes.csv") == notes


@pytest.mark.parametrize("junk_at", [0, 1, 2, 3])
def test_every_line_is_in_a_record_or_in_the_notes(junk_at):
    records = ["TY  - JOUR\nTI  - A\nER  - ", "TY  - BOOK\nTI  - B\nER  - ", "TY  - RPRT\nTI  - C\nER  - "]
    parts = records[:junk_at] + ["stray text"] + records[junk_at:]
    text = "\n".join(parts) + "\n"
    result = read_export_text(text)
    stray_line = text.split("\n").index("stray text") + 1
    assert [r.title for r in result.records] == ["A", "B", "C"]
    assert [n.line for n in import_notes(result) if n.kind == "set_aside"] == [stray_line]


def test_ovid_record_numbers_and_links_are_expected_not_set_aside():
    text = "1. \nTY  - JOUR\nTI  - A\nER  - \nLink to the Ovid Full Text or citation: http://x\n\n2. \nTY  - JOUR\nTI  - B\nER  - \n"
    result = read_export_text(text)
    assert len(result.records) == 2 and [n for n in import_notes(result) if n.kind == "set_aside"] == []


def test_flagged_records_are_listed():
    result = read_export_text("TY  - JOUR\nAU  - Smith, J\nER  - \nTY  - JOUR\nTI  - B\nER  - \n")
    assert [(n.line, n.kind, n.message) for n in import_notes(result) if n.kind == "flagged"] == [
        (1, "flagged", "record x-00001 kept, flagged no_title")]


# --- the console summary


ROWS = [
    {"source_file": "data/raw/r1/scopus.ris", "round": "r1", "database": "Scopus", "format": "ris",
     "records": "1204", "flagged": "1"},
    {"source_file": "data/raw/r1/cab.ris", "round": "r1", "database": "cab", "format": "ris",
     "records": "1", "flagged": "0"},
]
NOTES = [
    Note("data/raw/r1/scopus.ris", 7, "set_aside", "not part of any record, not imported: 'junk'"),
    Note("data/raw/r1/scopus.ris", 9, "flagged", "record r1-scopus-00002 kept, flagged no_title"),
    Note("data/raw/r1/cab.ris", 1, "warning", "the export does not say which database its records come from"),
    Note("data/raw/r1/~$websites.csv", None, "not_read", "a lock file ...; close the file in Excel"),
]


def test_the_console_summary_says_records_per_export_and_where_to_look():
    assert import_summary(ROWS, NOTES).splitlines() == [
        "import: 1,205 records from 2 export files",
        "  data/raw/r1/scopus.ris: 1,204 records (Scopus); 1 line set aside, 1 record flagged",
        "  data/raw/r1/cab.ris: 1 record (cab); 1 warning",
        "  1 file(s) in the round folders not read:",
        "    data/raw/r1/~$websites.csv: a lock file ...; close the file in Excel",
        "  each warning, line set aside, flagged record and file not read, with file and line: "
        "results/import/notes.csv; per file: logs/import/<round>/<file>.log",
    ]


def test_the_console_summary_of_a_clean_import_says_so():
    assert import_summary(ROWS[:1], []).splitlines()[-1].startswith("  nothing set aside, no warnings")
