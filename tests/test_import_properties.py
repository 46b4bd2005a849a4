"""Property: whatever bytes a file holds, import gives records or a ReviewflowError, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewflow.errors import ReviewflowError
from reviewflow.importing import Source, read_bytes

# Bytes that look a little like each format, so the readers themselves are exercised.
PREFIXES = [b"", b"TY  - JOUR\n", b"PMID- 1\n", b"FN x\nPT J\n", b"@article{k,\n", b"title,author,ID\n",
            b"<?xml version='1.0'?><xml><records><record>", b"\xef\xbb\xbf", b"\xff\xfe", b"1.\nTY  - "]
LINES = st.lists(st.sampled_from([
    b"TY  - JOUR", b"ER  - ", b"TI  - x", b"AU  - Smith JA", b"PY  - 2018//", b"SP  - 107-18", b"DO  - 10.1/x",
    b"PT J", b"ER", b"AU Li, W", b"   Dou, Z", b"PMID- 2", b"TI  - a", b"      more", b"LID - 10.1/y [doi]",
    b"}", b"title = {A},", b"a,b,a", b"</record>", b"<title>t</title>", b"", b"\r", b"\x00", b"\xe9",
]), max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), lines=LINES, noise=st.binary(max_size=40))
def test_any_bytes_give_records_or_a_clean_error(prefix, lines, noise):
    data = prefix + b"\n".join(lines) + noise
    try:
        result = read_bytes(data, id_prefix="p", source_file="fuzz.dat")
    except ReviewflowError as err:
        assert all(p.file == "fuzz.dat" and p.fix for p in err.problems)
    else:
        assert result.records and all(r.record_id.startswith("p-") or result.format == "csv" for r in result.records)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data):
    try:
        read_bytes(data, id_prefix="p", source_file="fuzz.dat")
    except ReviewflowError:
        pass


# RIS records whose tag lines a person (or a tool) may have re-cased.
RECORD_LINES = [["TY  - JOUR", "TI  - Pooled budgets", "AU  - Smith, A", "PY  - 2005", "ER  - "],
                ["TY  - RPRT", "T1  - Lead commissioning", "A1  - Ford, G", "KW  - care", "KW  - trusts", "ER  - "],
                ["TY  - BOOK", "TI  - Integrated care", "DO  - 10.1/x", "ER  - "]]


@settings(max_examples=200, deadline=None)
@given(order=st.permutations(range(3)), recase=st.lists(st.sampled_from([str.lower, str.title, str.upper]),
                                                         min_size=15, max_size=15))
def test_a_tag_in_any_case_gives_the_same_records(order, recase):
    lines = [line for i in order for line in RECORD_LINES[i]]
    upper = read_bytes("\n".join(lines).encode(), id_prefix="p", source_file="x.ris", source=Source(database="D"))
    cased = [f"{change(line[:2])}{line[2:]}" for line, change in zip(lines, recase * 2)]
    mixed = read_bytes("\n".join(cased).encode(), id_prefix="p", source_file="x.ris", source=Source(database="D"))
    assert mixed.records == upper.records
    changed = sum(a != b for a, b in zip(lines, cased))
    assert bool(changed) == any("lower or mixed case" in n.message for n in mixed.notices)
