"""claims: each number the text asserts, recomputed from the extraction sheets by a named metric."""

from __future__ import annotations


import pytest

from reviewflow.claims import (MATCH, MISMATCH, NOT_COMPUTABLE, MetricError, check_claims, claim_status, dataset,
                               evaluate, load_claims, results_csv)
from reviewflow.errors import ReviewflowError
from reviewflow.tables import load_review
from tables_support import EXAMPLE_DECISIONS, REPO, load_extraction, settings


@pytest.fixture(scope="module")
def data():
    return dataset(load_extraction())


@pytest.mark.parametrize(("metric", "value"), [
    ("count(included_schemes)", 6),
    ("count(schemes where status = excluded)", 4),
    ("count(included_schemes where irm_categories contains 5)", 5),
    ("count(included_schemes where irm_categories contains 5 or irm_categories contains 3)", 6),
    ("count(included_schemes where irm_categories contains 5 and not (country = Australia))", 3),
    ("count(included_schemes where study_designs contains rct and country != Australia)", 0),
    ("count(included_schemes where country in England, Sweden)", 3),
    ('count(included_schemes where country in "England", USA and health_outcome != not_assessed)', 3),
    ("count(included_schemes where name contains CCT)", 2),
    ("count(excluded_schemes where reasons contains E9)", 2),
    ("count(schemes where decision = exclude)", 4),
    ("count(schemes where country is empty)", 0),
    ("percent(included_schemes where study_designs contains qualitative)", 33.3),
    ("percent(included_schemes where irm_categories contains 7 among irm_categories contains 5)", 60.0),
    ("distinct(country of included_schemes)", 4),
    ("distinct(ref_id of scheme_reports where status = included)", 8),
])
def test_metric_values(data, metric, value):
    assert evaluate(metric, data) == pytest.approx(value)


def test_percent_of_nothing_is_not_computable(data):
    assert evaluate("percent(included_schemes where country = USA among country = Wales)", data) is None


@pytest.mark.parametrize(("metric", "message"), [
    ("sum(included_schemes)", "count(...), percent(...) or distinct(...)"),
    ("count(studies)", "unknown sheet 'studies'"),
    ("count(included_schemes where colour = red)", "unknown field 'colour'"),
    ("count(included_schemes where country ~ England)", "unknown operator '~'"),
    ("count(included_schemes where (country = England)", "expected )"),
    ("distinct(included_schemes)", "write distinct(FIELD of SHEET"),
    ("count(excluded_schemes where reasons contains no_financial_integration)", "'no_financial_integration' is not a code of reasons"),
    ("count(included_schemes where health_outcome = better)", "'better' is not a code of health_outcome"),
])
def test_bad_metrics_say_what_is_wrong(data, metric, message):
    with pytest.raises(MetricError, match=message.replace("(", r"\(").replace(")", r"\)")):
        evaluate(metric, data)


CLAIMS = """
claims:
  - id: six_schemes
    text: Six schemes were included, in four countries.
    checks:
      - {metric: "count(included_schemes)", expected: 6}
      - {metric: "distinct(country of included_schemes)", expected: 4}
  - id: half_rct
    text: Half the schemes were RCTs.
    note: a deliberate mismatch
    checks:
      - {metric: "percent(included_schemes where study_designs contains rct)", expected: 50}
  - id: third_rct
    text: One in three used an RCT.
    checks:
      - {metric: "percent(included_schemes where study_designs contains rct)", expected: 33}
  - id: unknowable
    text: Around 3,500 records were screened.
    checks:
      - {metric: null, expected: 3500}
"""


def test_a_mismatch_is_a_finding_not_a_crash(tmp_path, data):
    path = tmp_path / "claims.yaml"
    path.write_text(CLAIMS, encoding="utf-8")
    results = check_claims(load_claims(path), data)
    assert claim_status(results) == {"six_schemes": MATCH, "half_rct": MISMATCH, "third_rct": MATCH,
                                     "unknowable": NOT_COMPUTABLE}
    assert [r.found for r in results] == [6, 4, pytest.approx(33.3), pytest.approx(33.3), None]
    lines = results_csv(results).splitlines()
    assert lines[0] == "claim_id,check,status,expected,found,tolerance,metric,source,text,note"
    assert lines[3].startswith("half_rct,,mismatch,50,33.3,0.5,")


@pytest.mark.parametrize(("text", "message"), [
    ("claims: [{id: x, text: t, checks: [{metric: 'count(nope)', expected: 1}]}]", "claim 'x', metric 'count(nope)'"),
    ("claims: [{id: Bad Id, text: t, checks: [{expected: 1}]}]", "line 1: claim 1, id: "),
    ("claims: [{id: x, text: t, checks: []}]", "line 1: claim 1, checks: "),
    ("claims:\n  - id: x\n    text: t\n    checks: [{expected: 1}]\n  - text: t\n    id: Bad Id\n"
     "    checks: [{expected: 1}]\n", "line 6: claim 2, id: "),
    ("claims: [{id: x, text: t, checks: [{metric: null}]}]", "'expected' is a required property"),
    ("claims:\n  - id: x\n   text: bad indent", "not valid YAML"),
    ("- just a list", "expected a mapping with a list under 'claims:'"),
])
def test_a_bad_claims_file_names_the_claim_and_the_fix(tmp_path, data, text, message):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewflowError) as err:
        check_claims(load_claims(path), data, str(path))
    assert message in str(err.value) and "claims.yaml" in str(err.value)


def test_the_examples_claims_file_is_valid_and_flags_the_papers_contradictions():
    if not (REPO / "data" / "extracted" / "included_schemes.csv").is_file():
        pytest.skip("the example's extraction sheets are not there yet")
    outcomes = EXAMPLE_DECISIONS
    review = load_review(settings(REPO / "data" / "extracted", decisions=outcomes))
    results = check_claims(load_claims(REPO / "config" / "claims.yaml"), dataset(review.extraction))
    status = claim_status(results)
    assert len(status) >= 30
    # "One in four schemes was evaluated using data from uncontrolled studies": Table 3 says 15/38.
    assert status["r_design_uncontrolled"] == MISMATCH
    # The Executive summary (3) and the Results (2) disagree on English schemes with better health.
    assert {status["es_health_english"], status["r_health_english_two"]} == {MATCH, MISMATCH}
    assert status["r_institutional_care"] == NOT_COMPUTABLE
    # every mismatch says whether the paper contradicts itself or the example's coding differs from it
    unexplained = {r.claim.id for r in results if r.status == MISMATCH and not r.claim.note.startswith(
        ("The paper contradicts itself", "The example's coding differs from the paper's"))}
    assert unexplained == set()
