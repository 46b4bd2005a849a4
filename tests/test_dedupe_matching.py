"""Which pairs are duplicates: the listed non-duplicate versions stay apart, spelling variants merge."""

from __future__ import annotations


import pytest

from reviewflow.dedupe import Settings, dedupe
from reviewflow.records import Record

BASE = Record(record_id="a", source_file="data/raw/r1/medline.ris", source_line=1, database="MEDLINE",
              search="r1", title="Pooled budgets for health and social care: a realist evaluation",
              authors=("Weatherly, Helen", "Mason, Anne"), year="2014", journal="Health Policy",
              volume="115", pages_start="107", pages_end="118", doi="10.1016/j.healthpol.2014.01.001")


def rec(rid: str, **changes) -> Record:
    return BASE._replace(record_id=rid, **changes)


def same(a: Record, b: Record, settings: Settings | None = None) -> bool:
    result = dedupe([a, b], settings=settings)
    return result.cluster_of[0] == result.cluster_of[1]


@pytest.mark.parametrize(("case", "other"), [
    ("exact copy", {}),
    ("other database's spelling", dict(title="POOLED BUDGETS FOR HEALTH AND SOCIAL CARE - A REALIST EVALUATION.",
                                       authors=("Weatherly H", "Mason A"), journal="Health Pol.",
                                       pages_start="107", pages_end="18", doi="https://doi.org/10.1016/J.HEALTHPOL.2014.01.001")),
    ("no DOI in one database", dict(doi="", journal="Health policy (Amsterdam, Netherlands)")),
    ("subtitle dropped", dict(title="Pooled budgets for health and social care", doi="")),
    ("online first, a year earlier", dict(year="2013", volume="", pages_start="", pages_end="")),
    ("no authors in one database", dict(authors=(), doi="")),
    ("leading The and HTML", dict(title="The <i>pooled</i> budgets for health and social care: a realist evaluation")),
])
def test_variants_of_one_article_merge(case, other):
    assert same(BASE, rec("b", **other)), case


@pytest.mark.parametrize(("case", "other"), [
    ("erratum vs article", dict(title="Erratum: Pooled budgets for health and social care: a realist evaluation",
                                doi="", pages_start="512", pages_end="")),
    ("correction notice", dict(title="Correction to: Pooled budgets for health and social care: a realist evaluation",
                               doi="10.1016/j.healthpol.2014.09.009", pages_start="", pages_end="")),
    ("retraction notice", dict(title="Retraction: Pooled budgets for health and social care: a realist evaluation",
                               doi="", pages_start="", pages_end="")),
    ("conference abstract vs article", dict(journal="Value in Health. Conference: ISPOR 16th Annual European Congress",
                                            pub_type="Conference Abstract", year="2013", doi="", volume="16",
                                            pages_start="A301", pages_end="")),
    ("preprint vs published", dict(journal="medRxiv", doi="10.1101/2013.05.01.123456", year="2013", volume="",
                                   pages_start="", pages_end="")),
    ("part II of a series", dict(title="Pooled budgets for health and social care: a realist evaluation, part II",
                                 doi="", pages_start="119", pages_end="130")),
    ("different DOIs (HICSS 2021 vs 2022 minitrack)", dict(doi="10.1016/j.healthpol.2015.01.001", year="2015",
                                                           volume="", pages_start="", pages_end="")),
    ("years far apart", dict(doi="", year="2009", volume="", pages_start="", pages_end="")),
    ("other first author, same title", dict(authors=("Goddard, Maria",), doi="", volume="", pages_start="",
                                            pages_end="", title="Pooled budgets for health and social care")),
])
def test_versions_that_are_not_duplicates_stay_apart(case, other):
    assert not same(BASE, rec("b", **other)), case


# A citation: journal, volume, first page, year. Each case is a real pattern from the labelled sets
# (benchmarks/README.md), rewritten on the worked example's article.
NO_IDS = dict(doi="", pmid="")


@pytest.mark.parametrize(("case", "a", "b"), [
    ("same citation, a group author in one database",
     {}, dict(authors=("Pooled Budgets Study Group",))),
    ("same citation, given name and surname swapped",
     dict(authors=("Helen, Weatherly",)), dict(authors=("Weatherly, H",))),
    ("same citation, a title in another language (close enough)",
     {}, dict(title="[Pooled budgets for health and social care: realist evaluation]")),
    ("print pages vs electronic locator", {}, dict(pages_start="e1754", pages_end="")),
    ("a page count vs the article number", dict(pages_start="1", pages_end="12"),
     dict(pages_start="e12724", pages_end="")),
    ("page ranges that overlap (a database's typo)", {}, dict(pages_start="118", pages_end="126")),
    ("one page apart (an abstract)", dict(pages_start="107", pages_end=""), dict(pages_start="108", pages_end="")),
    ("a spreadsheet turned the pages into a date", dict(pages_start="1", pages_end="6"),
     dict(pages_start="01-Jun", pages_end="")),
    ("Ovid's [Review] [33 refs] notes", {}, dict(title=BASE.title + ". [Review] [33 refs]")),
    ("a garbled volume and the supplement marked in one export only",
     dict(volume="1)", pages_start="A121", pages_end=""),
     dict(volume="61", issue="SUPPL. 1", pages_start="A121", pages_end="")),
    ("a meeting abstract marked in the issue only, journal abbreviated",
     dict(journal="Circulation Research. Conference: Basic Sciences", volume="", pages_start="", pages_end="",
          issue="12 MeetingAbstracts"),
     dict(journal="Circ Res", volume="", pages_start="", pages_end="", issue="12 MeetingAbstracts")),
    ("a section heading before the title, same citation", {}, dict(title="HEALTH POLICY IN PRACTICE " + BASE.title)),
    ("online first a year earlier, journal named by its section",
     dict(journal="Nephron", pages_start="c107"), dict(journal="Nephron - Clinical Practice", year="2013")),
])
def test_citation_variants_merge(case, a, b):
    assert same(rec("a", **{**NO_IDS, **a}), rec("b", **{**NO_IDS, **b})), case


@pytest.mark.parametrize(("case", "a", "b"), [
    ("a letter and the authors' reply on one page",
     dict(title="Thrombomodulin in atypical hemolytic-uremic syndrome", authors=("Edey, M",), pages_end=""),
     dict(title="Thrombomodulin in atypical hemolytic-uremic syndrome - authors reply",
          authors=("Esmon, C",), pages_end="")),
    ("consecutive papers of a series (ranges touch)",
     dict(title="Phase III study of weekly versus standard docetaxel (D2) for first-line treatment of breast cancer",
          pages_start="197", pages_end="203"),
     dict(title="Phase III study of weekly versus standard docetaxel plus doxorubicin (D4) for first-line "
                "treatment of breast cancer", pages_start="204", pages_end="210")),
    ("abstracts at two meetings a year apart",
     dict(journal="Diabetes", year="2012", volume="61", issue="Supplement 1", pages_start="A121", pages_end=""),
     dict(journal="FASEB Journal. Conference: Experimental Biology", year="2013", volume="", pages_start="",
          pages_end="")),
    ("pages that conflict across journals that disagree", dict(journal="Annals of Internal Medicine",
                                                                 pages_start="JC6", pages_end="JC9"),
     dict(journal="ACP Journal Club", pages_start="08 Aug", pages_end="")),
])
def test_citation_conflicts_stay_apart(case, a, b):
    assert not same(rec("a", **{**NO_IDS, **a}), rec("b", **{**NO_IDS, **b})), case


def test_unmarked_versions_stay_apart_unless_configured():
    """Same title, first author, journal and year on another page: a correction whose title does not say so."""
    notice = rec("b", doi="", issue="9", pages_start="2205", pages_end="")
    assert not same(rec("a", doi=""), notice)
    loose = Settings(keep_apart=frozenset({"erratum", "retraction", "conference_abstract", "preprint", "series_part"}))
    assert same(rec("a", doi=""), notice, loose)
    assert same(rec("a", doi=""), notice, Settings(keep_apart=frozenset()))


def test_an_item_marked_as_erratum_in_one_database_only_joins_its_twin_not_the_article():
    """Journal, volume, first page and year agree: one printed item, the erratum; so the unmarked twin
    stays apart from the article even when unmarked versions are merged."""
    article = rec("a", doi="")
    marked = rec("b", title="Erratum: Pooled budgets for health and social care: a realist evaluation", doi="",
                 issue="6", pages_start="616", pages_end="616", authors=("Weatherly",))
    unmarked = rec("c", doi="", issue="6", pages_start="616", pages_end="616", authors=("Weatherly",))
    loose = Settings(keep_apart=frozenset({"erratum", "retraction", "conference_abstract", "preprint", "series_part"}))
    for settings in (None, loose):
        result = dedupe([article, marked, unmarked], settings=settings)
        assert result.cluster_of[1] == result.cluster_of[2]
        assert result.cluster_of[0] != result.cluster_of[1]
    result = dedupe([article, marked, unmarked])
    assert "one_item_marked_once" in {row["rule"] for row in result.audit if row["action"] == "merged"}


def test_two_dois_never_merge_automatically_however_alike():
    """Everything but the DOI agrees, to the page: still two items for the rules (an editor's column
    under one title, author, journal and first page in every issue has its own DOI each time). The
    pair is listed for a person, held back by the DOI conflict."""
    other_doi = rec("b", doi="10.1016/j.regpep.2012.05.039")
    result = dedupe([BASE, other_doi])
    assert result.cluster_of[0] != result.cluster_of[1]
    (row,) = result.uncertain
    assert row["rule"] == "doi_conflict" and "doi" in row["conflict"].split()
    assert "title" in row["agree"].split() and row["held_back_by"]


def test_one_abstract_on_two_pages_merges_but_not_with_the_article():
    """A meeting abstract cited with the abstract book's page and with the supplement's page."""
    meeting = dict(journal="Pediatric Nephrology. Conference: 44th Annual Meeting of the ESPN", doi="",
                   volume="26", pages_end="")
    book, supplement = rec("a", pages_start="9", **meeting), rec("b", pages_start="1746", **meeting)
    assert same(book, supplement)
    assert not same(book, rec("c", doi="", pages_start="1746", pages_end="", volume="26",
                              journal="Pediatric Nephrology"))
    assert not same(book, rec("b", pages_start="1746", **{**meeting, "authors": ("Mason, Anne",)}))


def test_keep_apart_can_be_switched_off_for_errata():
    erratum = rec("b", title="Erratum: Pooled budgets for health and social care: a realist evaluation", doi="")
    assert not same(BASE, erratum)
    assert same(BASE, erratum, Settings(keep_apart=frozenset({"preprint"})))


def test_records_missing_title_author_or_year_never_crash():
    records = [rec("a"), rec("b", title="", doi=""), rec("c", authors=(), year=""), rec("d", title="", authors=(), year="",
               journal="", volume="", pages_start="", pages_end="", doi=""), rec("e", title="", doi="")]
    result = dedupe(records)
    assert len(result.cluster_of) == 5
    # a record without a title is never merged automatically: it is listed for a person to judge
    assert result.cluster_of[1] == 1 and result.cluster_of[4] == 4
    listed = {(r["record_id_a"], r["record_id_b"]) for r in result.uncertain}
    assert ("b", "e") in listed or ("a", "b") in listed


def test_one_bad_link_does_not_chain_two_articles():
    """B looks like both A and C, but A and C have different DOIs: B joins one of them, never both."""
    a = rec("a", doi="10.1000/aaa")
    b = rec("b", doi="")
    c = rec("c", doi="10.1000/ccc", pages_start="", pages_end="")  # no page: the DOIs decide
    result = dedupe([a, b, c])
    assert result.cluster_of[0] != result.cluster_of[2]
    assert any(r["action"].startswith("refused") for r in result.uncertain)


def test_cluster_id_is_the_earliest_member_and_audit_names_the_rule():
    result = dedupe([rec("x-00001", doi=""), rec("x-00002")])
    assert result.cluster_ids() == ["x-00001", "x-00001"]
    (row,) = result.audit
    assert row["action"] == "merged" and row["rule"] in {"same_doi", "same_citation", "title_author_year"}
    assert float(row["title"]) == 1.0


def test_unique_record_keeps_the_most_complete_fields_and_every_member():
    short = rec("a", doi="", abstract="", journal="Health Pol")
    full = rec("b", abstract="A long abstract.", journal="Health Policy", database="HMIC")
    (row,) = dedupe([short, full]).unique_rows({"data/raw/r1/medline.ris": "database"})
    assert row["record_id"] == "a" and row["member_ids"] == "a; b" and row["n_records"] == "2"
    assert row["abstract"] == "A long abstract." and row["doi"] == BASE.doi and row["journal"] == "Health Policy"
    assert row["databases"] == "MEDLINE; HMIC" and row["first_round"] == "r1" and row["methods"] == "database"
