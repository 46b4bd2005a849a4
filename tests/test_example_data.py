"""The worked example's simulated exports and screening files (tools/simulate_example.py):
reproducible byte for byte, readable by the import stage, labelled, and giving the paper's figures."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from reviewflow.importing.discover import discover_exports
from reviewflow.importing.read import import_export

sys.path.insert(0, str(REPO))
from tools.simulate.decisions import kappa  # noqa: E402

RAW = REPO / "data" / "raw"
SCREENING = REPO / "data" / "screening"
CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported():
    """Every export of every round, read by the import stage: export -> its records."""
    exports = discover_exports(CONFIG["rounds"], root=REPO)
    old = Path.cwd()
    try:
        os.chdir(REPO)  # export paths are relative to the repository root, as in the workflow
        return {e: import_export(e) for e in exports}
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def record_ids(imported) -> set[str]:
    return {r.record_id for result in imported.values() for r in result.records}


def decisions(stage: str, name: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows(SCREENING / stage / f"{name}.csv")}


def test_regenerating_gives_byte_identical_files():
    result = subprocess.run([sys.executable, str(REPO / "tools" / "simulate_example.py"), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_config_rounds_are_what_the_generator_made():
    result = subprocess.run([sys.executable, str(REPO / "tools" / "simulate_example.py"), "--print-config"],
                            capture_output=True, text=True, timeout=300, check=True)
    assert yaml.safe_load(result.stdout)["rounds"] == CONFIG["rounds"]


def test_three_rounds_eight_databases_and_two_other_methods(imported):
    assert [r["id"] for r in CONFIG["rounds"]] == ["2009-10", "2012-07", "2013-02"]
    databases = {e.source.database for e in imported if e.source.method == "database"}
    assert databases == {"MEDLINE", "ASSIA", "HMIC", "EconLit", "Social Services Abstracts",
                         "Conference Proceedings Citation Index", "Zetoc", "Index to Theses"}
    assert {e.source.method for e in imported} == {"database", "website", "citation_search"}


@pytest.mark.parametrize("database, fmt", [
    ("MEDLINE", "ris"), ("HMIC", "ris"), ("ASSIA", "ris"), ("Social Services Abstracts", "ris"),
    ("EconLit", "ris"), ("Conference Proceedings Citation Index", "wos"), ("Zetoc", "bibtex"),
    ("Index to Theses", "ris"), ("Websites", "csv"), ("Reference lists", "ris"),
])
def test_each_database_is_read_in_its_native_format(imported, database, fmt):
    assert {result.format for e, result in imported.items() if e.source.database == database} == {fmt}


def test_every_file_name_and_record_says_it_is_simulated_or_reconstructed(imported):
    for export, result in imported.items():
        assert "simulated" in export.file_name
        text = (REPO / export.path).read_text(encoding="utf-8-sig")
        reconstructed = text.count("RECONSTRUCTED record: reference [")  # a real reference's copy
        simulated = [r for r in result.records if "simulated" in r.keywords]
        assert len(simulated) + reconstructed == len(result.records), export.path
        assert all(r.abstract.endswith("[SIMULATED record: reviewflow worked example]") or not r.abstract
                   for r in simulated), export.path
        assert text.count("SIMULATED record") >= len(simulated), export.path


def test_about_3500_unique_records_are_screened(record_ids):
    a, b = decisions("title_abstract", "reviewer_a"), decisions("title_abstract", "reviewer_b")
    assert set(a) == set(b)
    assert len(a) == 3500
    assert set(a) <= record_ids
    assert 5000 <= len(record_ids) <= 6500  # cross-database duplicates and re-finds of later rounds


def outcome(stage: str) -> dict[str, str]:
    a, b, consensus = (decisions(stage, n) for n in ("reviewer_a", "reviewer_b", "consensus"))
    result = {}
    for rid in a:
        if a[rid]["decision"] == b[rid]["decision"] != "unsure":
            assert rid not in consensus or stage == "study"
            result[rid] = a[rid]["decision"]
        else:
            assert rid in consensus, f"{stage}: conflict on {rid} is not resolved"
            result[rid] = consensus[rid]["decision"]
    return result


def test_every_conflict_is_resolved_and_full_text_follows_title_abstract():
    ta, ft = outcome("title_abstract"), outcome("full_text")
    retrieval = {r["id"]: r["status"] for r in rows(SCREENING / "full_text" / "retrieval.csv")}
    assert set(retrieval) == {rid for rid, d in ta.items() if d == "include"}
    assert set(ft) == {rid for rid, s in retrieval.items() if s == "retrieved"}
    assert 1 <= sum(s == "not_retrieved" for s in retrieval.values()) <= 10


@pytest.mark.parametrize("stage", ["title_abstract", "full_text"])
def test_reviewers_agree_as_real_reviewers_do(stage):
    a, b = decisions(stage, "reviewer_a"), decisions(stage, "reviewer_b")
    ids = sorted(a)
    assert 0.6 <= kappa([a[i]["decision"] for i in ids], [b[i]["decision"] for i in ids]) <= 0.8


def test_study_level_gives_the_papers_92_38_54_and_exclusion_reasons():
    final = outcome("study")
    assert len(final) == 92
    assert Counter(final.values()) == {"include": 38, "exclude": 54}
    reasons = Counter(code for row in decisions("study", "reviewer_a").values()
                      for code in row["reasons"].split(";") if code)
    assert reasons == {"E5": 31, "E9": 19, "E10": 9, "E6": 1}  # health care only, no financial integration, ...


def test_included_schemes_are_in_8_countries():
    countries = {r["country"] for r in rows(REPO / "data" / "extracted" / "schemes.csv") if r["status"] == "included"}
    assert len(countries) == 8


def test_study_links_name_reports_that_passed_full_text(record_ids):
    links = rows(SCREENING / "study_links.csv")
    reports = [r for r in links if r["record_id"]]
    ft = outcome("full_text")
    assert {r["record_id"] for r in reports} <= {rid for rid, d in ft.items() if d == "include"}
    assert {r["record_id"] for r in reports} <= record_ids
    included = {r["id"] for r in decisions("study", "reviewer_a").values() if r["decision"] == "include"}
    # 116 references in the included schemes' name brackets plus the six Appendix 2 cites in its CCT
    # overview rows and cells give the paper's 122 (data/extracted/README.md explains).
    assert len({r["record_id"] for r in reports if r["study_id"] in included}) == 122
    assert {r["record_id"] for r in reports} == {rid for rid, d in ft.items() if d == "include"}
    # X28 is the one scheme the paper prints without a reference: declared with no report, and a note
    assert [(r["study_id"], bool(r["note"])) for r in links if not r["record_id"]] == [("X28", True)]


def test_dedupe_finds_exactly_the_unique_records_the_decisions_name(imported):
    pipeline = pytest.importorskip("reviewflow.dedupe.pipeline")
    records = [r for result in imported.values() for r in result.records]
    result = pipeline.dedupe(records)
    assert set(result.cluster_ids()) == set(decisions("title_abstract", "reviewer_a"))
