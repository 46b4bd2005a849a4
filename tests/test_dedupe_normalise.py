"""Each normalisation rule: raw value as a database writes it -> the comparable form."""

from __future__ import annotations

import pytest

from reviewflow.dedupe import normalise as norm


@pytest.mark.parametrize(("raw", "expected"), [
    ("Integrated Care: A Review", "integrated care a review"),  # case, punctuation
    ("Évaluation des soins intégrés", "evaluation des soins integres"),  # diacritics
    ("Effect of <i>Staphylococcus</i> aureus", "effect of staphylococcus aureus"),  # HTML tags
    ("The effect of pooled budgets", "effect of pooled budgets"),  # a leading "The"
    ("[Integrated care in Germany]", "integrated care in germany"),  # translated title in brackets
    ("Hemolytic–uremic syndrome", "hemolytic uremic syndrome"),  # en dash
    ("TNF-α blockade", "tnf alpha blockade"),  # Greek letters
    ("Health & social care", "health and social care"),
    ("Eculizumab for aHUS.[Erratum appears in N Engl J Med. 2009 Jun 4;360(23):2487]", "eculizumab for ahus"),
    ("Group A streptococcus (multiple letters) [1]", "group a streptococcus"),
    ("More on eculizumab... N Engl J Med. 2009 Jan 29;360(5):544-6", "more on eculizumab"),
    ("Eculizumab for aHUS (vol 360, pg 542, 2009)", "eculizumab for ahus"),
    ("Pooled budgets in Spain. [Spanish]", "pooled budgets in spain"),
    ("Update on HPV infection. [Review] [33 refs]", "update on hpv infection"),  # Ovid MEDLINE notes
    ("", ""),
])
def test_title(raw, expected):
    assert norm.title(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Integrated care pilots: an evaluation of the first year", "integrated care pilots"),
    ("Integrated care pilots - an evaluation", "integrated care pilots"),
    ("Short: subtitle", "short subtitle"),  # too short a head: the whole title
    ("No subtitle here at all", "no subtitle here at all"),
])
def test_title_main_drops_the_subtitle(raw, expected):
    assert norm.title_main(raw) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("care home study part ii", {"2"}),
    ("care home study part 2", {"2"}),
    ("type 2 diabetes", {"2"}),
    ("diabetes type ii", {"2"}),
    ("no numbers", set()),
])
def test_title_numbers(title, expected):
    assert norm.title_numbers(title) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("107", "18", ("107", "118")),  # abbreviated range
    ("107-18", "", ("107", "118")),
    ("107–118", "", ("107", "118")),
    ("1223", "1229", ("1223", "1229")),
    ("e1002", "", ("1002", "")),
    ("S12", "S14", ("12", "14")),
    ("", "", ("", "")),
])
def test_pages(start, end, expected):
    assert norm.pages(start, end) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("10.1016/J.HEALTHPOL.2010.01.001", "10.1016/j.healthpol.2010.01.001"),
    ("https://doi.org/10.1136/bmj.g1234", "10.1136/bmj.g1234"),
    ("http://dx.doi.org/10.1136/bmj.g1234.", "10.1136/bmj.g1234"),
    ("doi:10.1136/bmj.g1234", "10.1136/bmj.g1234"),
    ("10.1136/bmj.g1234 [doi]", "10.1136/bmj.g1234"),
    ("not a doi", ""),
])
def test_doi(raw, expected):
    assert norm.doi(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Smith, John", ("smith", "j")),
    ("Smith, J. A.", ("smith", "ja")),
    ("John A. Smith", ("smith", "ja")),  # given name first
    ("Smith JA", ("smith", "ja")),  # MEDLINE short form
    ("Lewis G., F.", ("lewis", "gf")),  # run-on initials split at the wrong comma
    ("Nürnberger, Jens", ("nurnberger", "j")),
    ("Le Quintrec, M.", ("lequintrec", "m")),
])
def test_author(raw, expected):
    assert norm.author(raw) == expected


@pytest.mark.parametrize(("a", "b", "agree"), [
    ("Nat Rev Nephrol", "Nature Reviews Nephrology", True),  # abbreviation
    ("J Clin Oncol", "Journal of Clinical Oncology", True),
    ("JPEN. Journal of parenteral and enteral nutrition", "Jpen: Journal of Parenteral & Enteral Nutrition", True),
    ("Microcirculation. Conference: 66th Annual Meeting", "Microcirculation", True),
    ("Health Policy", "Health Affairs", False),
    ("Lancet", "", False),
    ("Circ Res", "Circulation Research. Conference: Basic Sciences", True),  # as many words: either is short
    ("Dtsch-Med-Wochenschr", "Deutsche Medizinische Wochenschrift", True),  # letters dropped inside a word
    ("Lancet", "Lancet Oncology", False),  # one word does not abbreviate two
    ("J Med", "Journal of Molecular Endocrinology", False),
])
def test_journals_agree(a, b, agree):
    assert norm.journals_agree(norm.journal(a), norm.journal(b)) is agree


@pytest.mark.parametrize(("raw", "expected"), [("2010", 2010), ("2010 Mar", 2010), ("Epub 2009 Dec 3", 2009),
                                               ("", 0), ("n.d.", 0)])
def test_year(raw, expected):
    assert norm.year(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("115", "115"),
    ("61 (10 SUPPL. 1)", "61"),
    ("1)", ""),  # an export cut "61 (10 Suppl 1)" short: not volume 1
    ("Korsakova. Part 2. 117", "117"),  # the journal's section ran into the field
    ("", ""),
])
def test_volume(raw, expected):
    assert norm.volume(raw) == expected


@pytest.mark.parametrize(("volume", "issue", "pages", "expected"), [
    ("16", "1", ("143", ""), {"1"}),
    ("16 (1) (no pagination)", "143", ("", ""), {"1"}),  # Embase: the issue in the volume, the article number in the issue
    ("9 (no pagination)", "93", ("93", ""), set()),  # the article number twice
    ("9", "3-4", ("1", "12"), {"3", "4"}),  # a double issue
    ("1", "1", ("1", "12"), {"1"}),  # issue 1, pages 1-12: an issue
    ("61", "10 SUPPL. 1", ("2048", ""), set()),  # a supplement: not compared as an issue
    ("5", "Pt 2", ("", ""), set()),
    ("5", "No. 3", ("", ""), {"3"}),
])
def test_issue(volume, issue, pages, expected):
    assert norm.issue(volume, issue, norm.page_info(*pages)) == frozenset(expected)


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("107", "18", norm.Pages("107", False, ((107, 118),))),
    ("e12724", "", norm.Pages("12724", True, ((12724, 12724),))),  # an article number
    ("S78", "S89", norm.Pages("78", False, ((78, 89),))),  # a supplement page is a page
    ("233-238+230-235+246-251", "", norm.Pages("233", False, ((233, 238), (230, 235), (246, 251)))),
    ("01-Jun", "", norm.Pages("1", False, ((1, 6),))),  # a spreadsheet read "1-6" as a date
    ("6-Jan", "", norm.Pages("1", False, ((1, 6),))),
    ("2297", "2108", norm.Pages("2297", False, ((2108, 2297),))),  # a typo: still the range it can mean
    ("", "", norm.Pages("", False, ())),
])
def test_page_info(start, end, expected):
    assert norm.page_info(start, end) == expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    (("107", "118"), ("107-18", ""), 1),
    (("S12", ""), ("12", ""), 1),  # supplement page with and without its S
    (("246", "250"), ("250", "254"), 0),  # ranges overlap: one database got a page wrong
    (("569", ""), ("567", "569"), 0),
    (("51", ""), ("52", ""), 0),  # single pages one apart
    (("969", "972"), ("a1754", ""), 0),  # print pages vs the electronic locator (BMJ)
    (("1", "6"), ("e12724", ""), 0),  # a page count vs the article number (PLoS ONE)
    (("233-238+230-235", ""), ("230-5, 246-51", ""), 0),  # several ranges, listed in another order
    (("125", "128"), ("2", "8"), -1),
    (("197", "203"), ("204", "210"), -1),  # consecutive papers touch but do not overlap
    (("e123", ""), ("e456", ""), -1),  # two article numbers
    (("", ""), ("12", ""), 0),
])
def test_pages_agree(a, b, expected):
    assert norm.pages_agree(norm.page_info(*a), norm.page_info(*b)) == expected
