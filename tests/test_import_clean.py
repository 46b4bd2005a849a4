"""Field cleaners at import: value as printed -> value in records.csv."""

from __future__ import annotations

import pytest

from reviewflow.importing.clean import (
    clean_author,
    clean_database,
    clean_doi,
    clean_text,
    clean_year,
    split_issn_isbn,
    split_pages,
)
from reviewflow.importing.tabular import split_authors


@pytest.mark.parametrize(("raw", "doi"), [
    ("10.1002/cpp.2398", "10.1002/cpp.2398"),
    ("http://dx.doi.org/10.1002/CPP.2398", "10.1002/cpp.2398"),
    ("https://doi.org/10.1111/geb.13858", "10.1111/geb.13858"),
    ("doi:10.1108/14769018200400012.", "10.1108/14769018200400012"),
    ("10.1371/journal.pone.0209483 [doi]", "10.1371/journal.pone.0209483"),
    ("http://dx.doi.org/10.1016/0376-8716%2876%2990010-7", "10.1016/0376-8716(76)90010-7"),
    ("10.1016/S0140-6736(20)30183-5", "10.1016/s0140-6736(20)30183-5"),
    ("(10.1000/abc)", "10.1000/abc"),
    ("NA", ""),
    ("", ""),
])
def test_doi(raw, doi):
    assert clean_doi(raw) == doi


@pytest.mark.parametrize(("raw", "year"), [
    ("2018//", "2018"), ("2018 Jan 5", "2018"), ("2023///", "2023"), ("2016/08/12/", "2016"),
    ("Published 1999", "1999"), ("MAY", ""), ("12345", ""), ("", ""),
    # EBSCOhost's RIS date: the printed cover date after the last slash names the citation's year
    ("2007/08//2014 Sep", "2014"), ("2023/12//Dec2023:Part 1", "2023"), ("2019/10//undefined", "2019"),
    ("2022/09/12/09:05:00", "2022"),
])
def test_year(raw, year):
    assert clean_year(raw) == year


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("107-18", "", ("107", "118")),  # abbreviated end page expanded
    ("349-69", "", ("349", "369")),
    ("1535-41", "", ("1535", "1541")),
    ("188-197", "", ("188", "197")),
    ("3--14", "", ("3", "14")),  # BibTeX
    ("A12-15", "", ("A12", "A15")),
    ("e0209483", "", ("e0209483", "")),
    ("212", "231", ("212", "231")),
    ("pp. 126-142", "", ("126", "142")),
    ("N.PAG", "N.PAG", ("", "")),  # EBSCO
    ("No", "Specified", ("", "")),  # Ovid "No pagination specified"
    ("01-Jul", "", ("01", "Jul")),  # Excel damage is kept as printed
])
def test_pages(start, end, expected):
    assert split_pages(start, end) == expected


@pytest.mark.parametrize(("raw", "name"), [
    ("Trindade, Ines A", "Trindade, Ines A"),
    ("Smith JA", "Smith, JA"),
    ("Lewis G. F.", "Lewis, G. F."),
    ("van der Berg JA", "van der Berg, JA"),
    ("Stillman, Andrew N. (andrew.stillman@uconn.edu) ", "Stillman, Andrew N."),
    ("Li, Wei (57214385400)", "Li, Wei"),
    ("Department of Health", "Department of Health"),
    ("WHO A", "WHO A"),
    ("Smith ,  John", "Smith, John"),
])
def test_author(raw, name):
    assert clean_author(raw) == name


@pytest.mark.parametrize(("cell", "authors"), [
    ("Liu R., Adler D.G.", ["Liu R.", "Adler D.G."]),  # Embase, Scopus CSV
    ("Zuna, R E and Wang, S S", ["Zuna, R E", "Wang, S S"]),  # BibTeX-style (Rathbone tables)
    ("Chen R.Wang Y.Liang L.", ["Chen R.", "Wang Y.", "Liang L."]),  # ASySD run-on
    ("Mason, Anne; Goddard, Maria", ["Mason, Anne", " Goddard, Maria"]),
    ("Weatherly, Helen", ["Weatherly, Helen"]),
])
def test_split_author_cell(cell, authors):
    assert split_authors(cell) == authors


@pytest.mark.parametrize(("values", "issn", "isbn"), [
    (["03064530 (ISSN)"], "0306-4530", ""),
    (["0894-9867, 0894-9867"], "0894-9867", ""),
    (["1536-5964 0025-7974"], "1536-5964; 0025-7974", ""),
    (["1466822X"], "1466-822X", ""),
    (["978-0-11-322851-3"], "", "9780113228513"),
    (["0398054843"], "", "0398054843"),
    (["0964-6906 (Print)0964-6906"], "0964-6906", ""),
])
def test_issn_isbn(values, issn, isbn):
    assert split_issn_isbn(values) == (issn, isbn)


@pytest.mark.parametrize(("raw", "text"), [
    ("<jats:p>Aim: a <jats:italic>test</jats:italic>.</jats:p>", "Aim: a test."),
    ("Cost &amp; effect", "Cost & effect"),
    ("p<0.05 and n>3", "p<0.05 and n>3"),
    ("  two\n  lines ", "two lines"),
    ("H<sub>2</sub>O", "H2O"),
    ("<p>One.</p><p>Two.</p>", "One. Two."),
])
def test_text(raw, text):
    assert clean_text(raw) == text


@pytest.mark.parametrize(("raw", "name"), [
    ("Ovid MEDLINE(R) <2014>", "Ovid MEDLINE(R)"),
    ("Ovid MEDLINE(R) <2023 to 2024>", "Ovid MEDLINE(R)"),
    ("NLM", "PubMed/MEDLINE"),
    ("Embase", "Embase"),
])
def test_database(raw, name):
    assert clean_database(raw) == name
