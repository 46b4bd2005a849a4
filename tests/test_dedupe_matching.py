"""Which pairs are duplicates: the listed non-duplicate versions stay apart, spelling variants merge."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reviewflow.dedupe import Settings, dedupe
from reviewflow.records import Record

BASE = Record(record_id="a", source_file="data/raw/r1/medline.ris", source_line=1, database="MEDLINE",
              search="r1", title="Pooled budgets for health and social care: a realist evaluation",
              authors=("Weatherly, Helen", "Mason, Anne"), year="2014", journal="Health Policy",
              volume="115", pages_start="107", pages_end="118", doi="10.1016/j.healthpol.2014.01.001")


def rec(rid: str, **changes) -> Record:
    return replace(BASE, record_id=rid, **changes)


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
    c = rec("c", doi="10.1000/ccc")
    result = dedupe([a, b, c])
    assert result.cluster_of[0] != result.cluster_of[2]
    assert any(r["action"].startswith("refused") for r in result.uncertain)


def test_cluster_id_is_the_earliest_member_and_audit_names_the_rule():
    result = dedupe([rec("x-00001", doi=""), rec("x-00002")])
    assert result.cluster_ids() == ["x-00001", "x-00001"]
    (row,) = result.audit
    assert row["action"] == "merged" and row["rule"] in {"same_doi", "title_author_year", "title_author_source"}
    assert float(row["title"]) == 1.0


def test_unique_record_keeps_the_most_complete_fields_and_every_member():
    short = rec("a", doi="", abstract="", journal="Health Pol")
    full = rec("b", abstract="A long abstract.", journal="Health Policy", database="HMIC")
    (row,) = dedupe([short, full]).unique_rows({"data/raw/r1/medline.ris": "database"})
    assert row["record_id"] == "a" and row["member_ids"] == "a; b" and row["n_records"] == "2"
    assert row["abstract"] == "A long abstract." and row["doi"] == BASE.doi and row["journal"] == "Health Policy"
    assert row["databases"] == "MEDLINE; HMIC" and row["first_round"] == "r1" and row["methods"] == "database"
