"""Which pairs are duplicates: the listed non-duplicate versions stay apart, spelling variants merge."""

from __future__ import annotations


import pytest

from reviewflow.dedupe import Settings, dedupe
from reviewflow.records import Record

BASE = Record(record_id="a", source_file="data/raw/r1/medline.ris", source_line=1, database="MEDLINE",
              round="r1", title="Pooled budgets for health and social care: a realist evaluation",
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
    (row,) = dedupe([short, full]).unique_rows()
    assert row["record_id"] == "a" and row["member_ids"] == "a; b" and row["n_records"] == "2"
    assert row["abstract"] == "A long abstract." and row["doi"] == BASE.doi and row["journal"] == "Health Policy"
    assert row["databases"] == "MEDLINE; HMIC" and row["round"] == "r1" and row["methods"] == "database"


def test_a_unique_record_carries_its_earliest_members_round_and_method_and_every_members_methods():
    website = rec("w", round="r1", method="website", database="Websites", platform="")
    later = rec("m", round="r2", method="database", database="MEDLINE", platform="Ovid")
    (row,) = dedupe([website, later]).unique_rows()
    assert (row["round"], row["method"], row["database"], row["platform"]) == ("r1", "website", "Websites", "")
    assert row["methods"] == "database; website" and row["databases"] == "Websites; MEDLINE"


@pytest.mark.parametrize(("case", "a", "b", "rule"), [
    ("two DOIs", {}, dict(doi="10.1016/j.healthpol.2014.09.009"), "doi_conflict"),
    ("two PMIDs", dict(pmid="24480386", doi=""), dict(pmid="25312014", doi=""), "pmid_conflict"),
    ("two volumes", dict(doi=""), dict(doi="", volume="116"), "volume_conflict"),
    ("two issues of one volume", dict(issue="2"), dict(issue="3"), "issue_conflict"),
])
def test_conflicts_no_similarity_outweighs(case, a, b, rule):
    """Everything else agrees (title, authors, journal, year, pages; even the DOI for the issues):
    the rules never merge, a person is asked, naming the rule that held the pair back."""
    result = dedupe([rec("a", **a), rec("b", **b)])
    assert result.cluster_of == [0, 1], case
    (row,) = result.uncertain
    assert row["rule"] == rule and row["held_back_by"].startswith("both have") or "issue" in row["held_back_by"]


def test_a_volume_cut_to_its_supplement_number_is_no_other_volume():
    """Embase "64 (Suppl 1)" vs another export's volume "1": the supplement's number, not volume 1."""
    supplement = dict(doi="", volume="64", issue="SUPPL. 1", journal="Diabetes", pages_start="A512", pages_end="")
    assert same(rec("a", **supplement), rec("b", **{**supplement, "volume": "1", "issue": ""}))


@pytest.mark.parametrize("issue_field", [
    dict(volume="16 (1) (no pagination)", issue="143", pages_start="143", pages_end=""),  # Embase
    dict(volume="16", issue="143", pages_start="", pages_end=""),  # the article number as the issue
    dict(volume="16", issue="1", pages_start="143", pages_end=""),
])
def test_an_article_number_in_the_issue_field_is_no_other_issue(issue_field):
    article = dict(volume="16 (1) (no pagination)", issue="143", pages_start="", pages_end="", doi="")
    assert same(rec("a", **article), rec("b", **{"doi": "", **issue_field}))


RECURRING = ["Editor's Comments", "Editorial Introduction", "Remarks from the Editor", "In this issue",
             "Book reviews", "Reply", "Letter to the editor", "Éditorial", "Vorwort", "Presentación",
             "Annual report 2019", "Abstracts"]


@pytest.mark.parametrize("title", RECURRING)
def test_recurring_titles_need_the_whole_citation(title):
    """One editor, one journal, one year, no DOI, no pages: two issues' columns are two items, even
    when one database leaves the issue out; the whole citation (or one DOI) makes them one."""
    column = dict(title=title, doi="", pages_start="", pages_end="", issue="1")
    assert not same(rec("a", **column), rec("b", **{**column, "issue": "2"}))
    assert not same(rec("a", **column), rec("b", **{**column, "issue": ""}))
    whole = {**column, "pages_start": "iii", "pages_end": "iv"}
    assert not same(rec("a", **whole), rec("b", **{**whole, "issue": ""}))  # "iii": no page number
    cited = {**column, "pages_start": "5", "pages_end": "6"}
    assert same(rec("a", **cited), rec("b", **cited))
    assert same(rec("a", **{**column, "doi": "10.1000/col.1"}), rec("b", **{**column, "doi": "10.1000/col.1",
                                                                         "issue": ""}))


@pytest.mark.parametrize(("title", "recurring"), [
    *[(t, True) for t in RECURRING],
    ("Editorial: screening for lung cancer", False),
    ("Pooled budgets for health and social care: a realist evaluation", False),
    ("A reply to the critics of pooled budgets", False),
])
def test_is_recurring(title, recurring):
    from reviewflow.dedupe import normalise as norm
    from reviewflow.dedupe.recurring import is_recurring
    assert is_recurring(norm.title(title)) is recurring


@pytest.mark.parametrize(("case", "a", "b"), [
    ("online first vs the issue", dict(year="2019", pages_start="1", pages_end="24"),
     dict(year="2021", pages_start="661", pages_end="684")),
    ("MDPI article number vs Scopus page count", dict(pages_start="549", pages_end=""),
     dict(pages_start="1", pages_end="21")),
    ("Elsevier article number vs page 1", dict(pages_start="108369", pages_end=""), dict(pages_start="1", pages_end="")),
    ("article number vs a page", dict(pages_start="11", pages_end=""), dict(pages_start="106482", pages_end="")),
    ("conference paper vs article", dict(pub_type="Conference Paper"), dict(pub_type="Journal Article")),
])
def test_one_doi_outweighs_pages_and_years_with_a_known_cause(case, a, b):
    assert same(rec("a", **a), rec("b", **b)), case


def test_under_one_doi_an_erratum_stays_apart():
    assert not same(BASE, rec("b", title="Correction to: " + BASE.title))


def test_uncertain_pairs_are_few_ranked_and_explained():
    """60 records, 30 pairs held back by their DOIs: the list keeps the cap (2 % of the records, at
    least 10), likeliest first (the same first author ranks above another)."""
    topics = ["asthma", "diabetes", "stroke", "dementia", "falls", "obesity", "smoking", "alcohol", "cancer",
              "autism", "epilepsy", "arthritis", "anaemia", "glaucoma", "psoriasis"]
    records = []
    for k in range(30):
        title = f"Pooled budgets for {topics[k % 15]} care in {'urban' if k < 15 else 'rural'} England: a realist evaluation"
        records.append(rec(f"a{k}", title=title, doi=f"10.1000/a{k}", pages_start=str(100 + 20 * k)))
        records.append(rec(f"b{k}", title=title, doi=f"10.1000/b{k}", pages_start=str(100 + 20 * k),
                           authors=BASE.authors if k % 2 else ("Other, Anne",)))
    result = dedupe(records)
    assert len(result.uncertain) == 10 and result.summary["uncertain_pairs_not_listed"] >= 20
    likelihoods = [float(r["likelihood"]) for r in result.uncertain]
    assert likelihoods == sorted(likelihoods, reverse=True)
    assert all(r["record_id_a"][1:] in {str(k) for k in range(1, 30, 2)} for r in result.uncertain)
    assert all("doi" in r["conflict"].split() and r["rule"] == "doi_conflict" for r in result.uncertain)
