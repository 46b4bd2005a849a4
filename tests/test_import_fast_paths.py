"""The import's fast paths (reviewflow issue 2) give exactly what the general code gives.

Each shortcut in ``clean``/``entry``/``read`` is checked against the slow, obvious form it
replaces: tables of the edge cases, then properties over generated values.
"""

from __future__ import annotations

import gc
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewflow.errors import ReviewflowError
from reviewflow.importing import read_bytes
from reviewflow.importing.clean import clean_doi, clean_year, expand_end_page, split_keywords, split_pages, squash
from reviewflow.importing.entry import Entry, pick_fields

WHITESPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


def slow_squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("raw", "squashed"), [
    ("Care integration", "Care integration"),
    ("  padded  ", "padded"),
    ("two  spaces", "two spaces"),
    ("tab\there", "tab here"),
    ("no\u00a0break", "no break"),          # NBSP is whitespace to str.split
    ("thin\u2009space", "thin space"),
    ("line\u2028separator", "line separator"),
    ("soft\u00adhyphen", "soft\u00adhyphen"),  # unprintable but not whitespace: kept
    ("zero\u200bwidth", "zero\u200bwidth"),    # not whitespace to Python: kept
    ("© 2019 Elsevier – Ltd", "© 2019 Elsevier – Ltd"),
    ("", ""),
    (" ", ""),
])
def test_squash(raw, squashed):
    assert squash(raw) == squashed == slow_squash(raw)


def test_every_whitespace_but_space_is_unprintable():
    """What the fast path of ``squash`` rests on."""
    assert all(not c.isprintable() for c in WHITESPACE if c != " ")


@given(st.text(alphabet=st.sampled_from("ab© –\u00ad" + WHITESPACE)))
def test_squash_is_split_join(text):
    assert squash(text) == slow_squash(text)


_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def test_year_fast_path_on_every_four_digit_value():
    for n in range(10_000):
        text = f"{n:04d}"
        match = _YEAR.search(text)
        assert clean_year(text) == (match.group(1) if match else ""), text


@pytest.mark.parametrize(("start", "end", "pages"), [
    ("107", "18", ("107", "118")),
    ("1234", "5", ("1234", "1235")),
    ("5", "9", ("5", "9")),
    ("5", "", ("5", "")),
    ("e0209483", "", ("e0209483", "")),
    ("107-18", "", ("107", "118")),
    ("\u0661\u0662", "", ("\u0661\u0662", "")),  # Arabic-Indic digits: the general path
    ("", "", ("", "")),
])
def test_pages(start, end, pages):
    assert split_pages(start, end) == pages


@given(st.integers(0, 99_999), st.integers(0, 99_999) | st.none())
def test_pages_fast_path_is_expand_end_page(start, end):
    start_text, end_text = str(start), "" if end is None else str(end)
    assert split_pages(start_text, end_text) == (start_text, expand_end_page(start_text, end_text))


@pytest.mark.parametrize(("raw", "doi"), [
    ("10.1000/abc.", "10.1000/abc"),
    ("10.1000/abc.;)", "10.1000/abc"),
    ("10.1000/ABC[doi]", "10.1000/abc"),
    ("10.1000/a(b)", "10.1000/a(b)"),
    ("10.1000/a(b)).", "10.1000/a(b)"),
    ("10.1000/ab)", "10.1000/ab"),
    ("10.1000/abc", "10.1000/abc"),
])
def test_doi_trailing_punctuation(raw, doi):
    assert clean_doi(raw) == doi


@pytest.mark.parametrize(("values", "keywords"), [
    (["a", "b", "a"], ("a", "b")),
    (["a; b", "c"], ("a", "b", "c")),
    (["  a ", "", "a"], ("a",)),
    ([], ()),
])
def test_keywords(values, keywords):
    assert split_keywords(values) == keywords


@pytest.mark.parametrize(("values", "first"), [
    (["x", "y"], "x"),
    (["", "  ", "y"], "y"),
    (["\u2003", "y"], "y"),
    ([" x "], " x "),  # as printed: first() does not strip
    ([], ""),
    ([""], ""),
])
def test_entry_first(values, first):
    assert Entry(1, {"title": values}).first("title") == first


@pytest.mark.parametrize(("tags", "fields"), [
    ({"T1": [" A "], "TI": ["B"]}, {"title": ["A"]}),
    ({"T1": ["  "], "TI": ["B"]}, {"title": ["B"]}),   # one blank value: the next tag
    ({"T1": ["", " A", ""], "TI": ["B"]}, {"title": ["A"]}),  # several: blanks dropped
    ({"T1": ["", " "], "TI": []}, {}),
])
def test_pick_fields(tags, fields):
    assert pick_fields(tags, {"title": ("T1", "TI")}) == fields


RIS = b"TY  - JOUR\nTI  - A title\nER  - \n"


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert read_bytes(RIS, id_prefix="t", source_file="t.ris").records[0].title == "A title"
        assert gc.isenabled() is enabled
        with pytest.raises(ReviewflowError):
            read_bytes(b"TY  - JOUR\nTI  - cut short\n", id_prefix="t", source_file="t.ris")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
