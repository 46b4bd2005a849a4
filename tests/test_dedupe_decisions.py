"""Human decisions: obeyed by the next run; unknown records and contradictions are errors naming the row."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewflow.orphans import Allowed

from reviewflow.dedupe import Settings, dedupe, read_decisions
from reviewflow.errors import ReviewflowError
from test_dedupe_matching import BASE, rec


def decisions_file(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "decisions.csv"
    path.write_text("record_id_a,record_id_b,decision,note\n" + rows, encoding="utf-8")
    return path


def test_different_splits_what_the_rules_merge(tmp_path):
    records = [rec("a"), rec("b")]
    assert dedupe(records).cluster_of == [0, 0]
    decisions = read_decisions(decisions_file(tmp_path, "a,b,different,two reports of one trial\n"))
    assert dedupe(records, decisions).cluster_of == [0, 1]


def test_same_merges_what_the_rules_keep_apart(tmp_path):
    records = [rec("a"), rec("b", title="Erratum: " + BASE.title, doi="")]
    assert dedupe(records).cluster_of == [0, 1]
    decisions = read_decisions(decisions_file(tmp_path, "b,a,same,\n"))
    result = dedupe(records, decisions)
    assert result.cluster_of == [0, 0]
    assert [r["rule"] for r in result.audit] == ["human_decision"]


@pytest.mark.parametrize(("rows", "message", "row"), [  # rows as a spreadsheet shows them: the header is row 1
    ("a,zz,same,\n", "'zz' is not in the imported records", 2),
    ("a,b,same,\nb,c,same,\na,c,different,\n", "are different, but the 'same' rows 2, 3", 4),
    ("a,b,maybe,\n", "'maybe' is not one of", 2),
    ("a,a,same,\n", "compared with itself", 2),
])
def test_bad_decisions_name_the_file_and_row(tmp_path, rows, message, row):
    records = [rec("a"), rec("b"), rec("c")]
    path = decisions_file(tmp_path, rows)
    with pytest.raises(ReviewflowError) as err:
        dedupe(records, read_decisions(path))
    problem = err.value.problems[0]
    assert message in problem.problem and problem.row == row and problem.file == str(path)


def test_with_allow_orphans_a_decision_on_a_removed_record_is_listed_not_fatal(tmp_path):
    records = [rec("a"), rec("b")]
    path = decisions_file(tmp_path, "a,b,different,\na,gone-1,same,\n")
    result = dedupe(records, read_decisions(path), Settings(allow_orphans=Allowed.from_config(["gone-1"])))
    assert result.cluster_of == [0, 1]  # the known row is obeyed
    assert result.summary["orphaned_decisions"] == [
        {"file": str(path), "row": "3", "record_id_a": "a", "record_id_b": "gone-1", "decision": "same"}]
    with pytest.raises(ReviewflowError, match="allow_orphans"):
        dedupe(records, read_decisions(path))
    with pytest.raises(ReviewflowError, match="'gone-1' is not in the imported records"):  # listed IDs are exact
        dedupe(records, read_decisions(path), Settings(allow_orphans=Allowed.from_config(["GONE-1"])))
    hinted = decisions_file(tmp_path, "a,B,different,\n")
    with pytest.raises(ReviewflowError, match="close IDs of the review: b"):
        dedupe(records, read_decisions(hinted))


def test_missing_decisions_file_means_no_decisions(tmp_path):
    assert read_decisions(tmp_path / "absent.csv") == []


def test_a_new_round_never_splits_or_renames_an_earlier_cluster():
    first = [rec("r1-a", doi=""), rec("r1-b", doi="", journal="Health Pol")]
    before = dedupe(first).cluster_ids()
    # r2-c links to both; with r1-a it conflicts (another DOI), so it must not pull r1-b away
    later = [rec("r2-c", round="r2", doi="10.9999/other", journal="Health Pol"), rec("r2-d", round="r2")]
    after = dedupe(first + later).cluster_ids()
    assert after[:2] == before == ["r1-a", "r1-a"]


def test_a_new_round_record_does_not_join_two_earlier_clusters():
    a = rec("r1-a", doi="", pages_start="", pages_end="", volume="")
    b = rec("r1-b", doi="", year="2013", pages_start="107", volume="115")
    c = rec("r1-c", doi="", year="2015", pages_start="107", volume="115")
    first = dedupe([b, c]).cluster_ids()
    assert first == ["r1-b", "r1-c"]
    result = dedupe([b, c, a._replace(record_id="r2-a", round="r2")])
    assert result.cluster_ids()[:2] == first


def test_same_joins_two_clusters_and_never_moves_a_third_record(tmp_path):
    """A (Scopus) and B (PsycINFO) share a DOI and merge; C (no DOI, the online-first pages) is kept
    apart by the rules. A person says B = C: one cluster {A, B, C}, A is not pushed out by C's pages."""
    a = rec("a", database="Scopus", pages_start="661", pages_end="684")
    b = rec("b", database="PsycINFO", pages_start="661", pages_end="684", title=BASE.title.upper())
    c = rec("c", database="Criminal Justice Abstracts", doi="", pages_start="1", pages_end="24")
    assert dedupe([a, b, c]).cluster_of == [0, 0, 2]
    decisions = read_decisions(decisions_file(tmp_path, "b,c,same,online-first pages\n"))
    result = dedupe([a, b, c], decisions)
    assert result.cluster_of == [0, 0, 0]
    (human,) = [r for r in result.audit if r["rule"] == "human_decision"]
    assert human["action"] == "merged" and human["cluster_id"] == "a"


def test_different_splits_only_the_records_it_names(tmp_path):
    """A and B share a DOI, C joins them by citation. "A differs from C" keeps A and C apart; B stays
    with A (its DOI twin) and no other record moves."""
    records = [rec("a"), rec("b"), rec("c", doi="", title=BASE.title + "."), rec("d", doi="10.1000/other",
               title="Another article altogether", pages_start="300", pages_end="310")]
    assert dedupe(records).cluster_of == [0, 0, 0, 3]
    decisions = read_decisions(decisions_file(tmp_path, "a,c,different,\n"))
    assert dedupe(records, decisions).cluster_of == [0, 0, 2, 3]


def test_a_different_decision_holds_through_a_same_decision(tmp_path):
    """"b = c" and "a differs from c": a may not join b by a rule either (it would put a with c)."""
    records = [rec("a"), rec("b"), rec("c", doi="", year="2016")]
    decisions = read_decisions(decisions_file(tmp_path, "b,c,same,\na,c,different,\n"))
    result = dedupe(records, decisions)
    assert result.cluster_of[1] == result.cluster_of[2] != result.cluster_of[0]
