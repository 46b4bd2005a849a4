"""Bad input through the CLI: exit code 2, a message naming the file, the line and the fix.

Errors (the file cannot be trusted as a whole): empty file, binary file, unknown format, a file
that ends inside a record (RIS/WoS without the last ER), broken XML, duplicate or empty IDs in a
CSV ID column, a file with no records. Notices (the records are kept): unknown tags, text between
records, a record without a title (flagged no_title), a record without ER followed by another.
"""

from __future__ import annotations

import pytest

from reviewflow.cli import main

RIS_OK = "TY  - JOUR\nTI  - A title\nER  - \n"

BAD = [
    # name, content, what the message must say, line
    ("empty.ris", b"", "the file is empty", None),
    ("blank.ris", b"\n\n  \n", "the file is empty", None),
    ("library.enl", b"TY  - JOUR\x00\x00\x01binary", "NUL bytes", 1),
    ("notes.txt", b"Dear colleague,\nhere are the results\n", "cannot tell the export format", 1),
    ("truncated.ris", (RIS_OK + "TY  - JOUR\nTI  - Cut sh").encode(), "ends inside the record starting at line 4", 4),
    ("truncated.ciw", b"FN Clarivate\nVR 1.0\nPT J\nTI Cut short\n", "ends inside the record", 3),
    ("broken.xml", b"<?xml version='1.0'?>\n<xml><records><record>\n<titles><title>x</title>\n", "XML is broken", 4),
    ("other.xml", b"<?xml version='1.0'?>\n<html><body/></html>\n", "not EndNote XML", 1),
    ("dup.csv", b"ID,title\na1,One\na2,Two\na1,Three\n", "'a1' is used again (first at line 2)", 4),
    ("noid.csv", b"id,title\na1,One\n,Two\n", "column is empty", 3),
    ("nocols.csv", b"foo,bar\n1,2\n", "cannot tell the export format", 1),
    ("ovid_cut.ris", b"1.\n\nLink to the Ovid Full Text or citation: x\nTY  -\n", "ends inside", 4),
    ("bom16.ris", b"\xff\xfe" + "TY  - JOUR\n".encode("utf-16-le") + b"\x00\xd8", "byte-order mark", 2),
    ("header_only.csv", b"title,authors,year\n", "no records found", 1),
]


@pytest.mark.parametrize(("name", "content", "message", "line"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_clean_error(tmp_path, capsys, name, content, message, line):
    path = tmp_path / name
    path.write_bytes(content)
    code = main(["import", str(path), "-o", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert message in err
    assert str(path) in err
    if line is not None:
        assert f"{path}, line {line}:" in err
    assert "fix:" in err
    assert not (tmp_path / "out.csv").exists()


NOTICES = [
    ("unknown_tag.ris", "TY  - JOUR\nTI  - A\nQQ  - x\nER  - \nTY  - JOUR\nTI  - B\nQQ  - y\nER  - \n", 2, "unknown RIS tag 'QQ'"),
    ("stray.ris", "\njunk before\nTY  - JOUR\nTI  - A\nER  - \n\nmore junk\n", 1, "2 line(s) outside any record (not between 'TY  - ' and 'ER  - ') were not imported; first at this line"),
    ("stray_after.ris", "TY  - JOUR\nTI  - A\nER  - \n\nmore junk\n", 1, "line 5: 1 line(s) outside any record"),
    ("no_er.ris", "TY  - JOUR\nTI  - A\nTY  - JOUR\nTI  - B\nER  - \n", 2, "has no 'ER  - ' line"),
    ("untitled.ris", "TY  - JOUR\nAU  - Smith, J\nER  - \n", 1, "have no title (flagged no_title, kept)"),
    ("unknown.nbib", "PMID- 1\nTI  - A\nXYZ - q\n", 1, "unknown MEDLINE tag 'XYZ'"),
    ("unknown.ciw", "FN x\nVR 1.0\nPT J\nTI A\nQQ q\nER\nEF\n", 1, "unknown Web of Science tag 'QQ'"),
]


@pytest.mark.parametrize(("name", "content", "count", "message"), NOTICES, ids=[n[0] for n in NOTICES])
def test_notices_keep_every_record(tmp_path, capsys, name, content, count, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["import", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert message in err and f"{path}, line " in err
    if name == "stray.ris":
        assert f"{path}, line 2: 2 line(s)" in err
    assert err.count(message) == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == count + 1


def test_unknown_format_option_is_refused(tmp_path, capsys):
    path = tmp_path / "a.ris"
    path.write_text(RIS_OK, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["import", str(path), "-o", str(tmp_path / "o.csv"), "--format", "marc"])
