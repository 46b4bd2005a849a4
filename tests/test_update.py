"""A review update end to end (docs/update.md): the example, then its simulated March 2014 round.

One scenario in a copy of the example, three runs reused by every test:
1. the example as shipped (three rounds) -> snapshot of record IDs and outcomes;
2. `--configfile config/update_2014.yaml` (round 2014-03 added, the three earlier rounds the previous
   version) -> worksheets list only the new unique records;
3. the reviewers' rows for those records (data/update_2014/decisions/) appended to the sheets -> complete.
Then mistakes on copies of the result: a round's folder gone; a round dropped from config.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import REPO, copy_workflow, run_snakemake

UPDATE = ("--configfile", "config/update_2014.yaml")
NEW_ROUND = "2014-03"
STAGES = ("title_abstract", "full_text", "study")
REVIEWERS = ("reviewer_a", "reviewer_b")
# data/update_2014/decisions/<file> is appended to data/screening/<file>
DECISION_FILES = [f"{stage}/{name}.csv" for stage in ("title_abstract", "full_text")
                  for name in (*REVIEWERS, "consensus")] + ["full_text/retrieval.csv", "study_links.csv"]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Snapshot:
    records: dict[str, tuple[str, str, str]]  # record_id -> (source_file, source_line, title)
    clusters: dict[str, str]  # record_id -> cluster_id
    outcomes: dict[str, dict[str, dict[str, str]]]  # stage -> id -> outcome row
    worksheets: dict[str, set[str]]  # "<stage>/<reviewer>" -> ids listed
    counts: dict
    ranked: dict[str, list[tuple[str, str]]]  # reviewer -> (priority, ranked_by) of each title/abstract row
    status: dict

    @classmethod
    def take(cls, root: Path) -> Snapshot:
        res = root / "results"
        return cls(
            records={r["record_id"]: (r["source_file"], r["source_line"], r["title"])
                     for r in rows(res / "import/records.csv")},
            clusters={r["record_id"]: r["cluster_id"] for r in rows(res / "dedupe/clusters.csv")},
            outcomes={s: {r["id"]: r for r in rows(res / f"screening/{s}/outcomes.csv")} for s in STAGES},
            worksheets={f"{s}/{n}": {r["id"] for r in rows(res / f"screening/{s}/worksheet_{n}.csv")}
                        for s in STAGES for n in REVIEWERS},
            counts=json.loads((res / "prisma/counts.json").read_text(encoding="utf-8")),
            ranked={n: [(r["priority"], r["ranked_by"]) for r in rows(res / f"screening/title_abstract/worksheet_{n}.csv")]
                    for n in REVIEWERS},
            status=json.loads((res / "screening/status.json").read_text(encoding="utf-8")))

    def new_clusters(self, before: Snapshot) -> set[str]:
        return set(self.clusters.values()) - set(before.clusters.values())


@dataclass
class Scenario:
    root: Path
    before: Snapshot
    updated: Snapshot
    decided: Snapshot
    decided_ids: dict[str, set[str]]  # stage -> every id in a reviewer or consensus file before the update


def decision_ids(root: Path) -> dict[str, set[str]]:
    found = {}
    for stage in ("title_abstract", "full_text"):
        folder = root / "data/screening" / stage
        found[stage] = {r["id"] for name in (*REVIEWERS, "consensus") for r in rows(folder / f"{name}.csv")}
    return found


def append_decisions(root: Path) -> None:
    """Step 2 of the walk-through: the reviewers copy their rows into their own sheets."""
    for rel in DECISION_FILES:
        new = (root / "data/update_2014/decisions" / rel).read_text(encoding="utf-8").splitlines(keepends=True)
        with (root / "data/screening" / rel).open("a", encoding="utf-8") as sheet:
            sheet.writelines(new[1:])


# --- the fixture itself (fast) -------------------------------------------------------------------


def test_the_update_round_is_what_the_generator_makes():
    result = subprocess.run([sys.executable, str(REPO / "tools/simulate_example.py"), "--update-2014", "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_every_update_record_is_labelled_simulated():
    for path in sorted((REPO / "data/update_2014/2014-03").iterdir()):
        records = path.read_text(encoding="utf-8-sig").split("ER  -")[:-1]
        assert records
        for record in records:  # a re-found real reference says RECONSTRUCTED (real data, simulated record)
            assert "SIMULATED record" in record or "RECONSTRUCTED record" in record, (path.name, record[:200])


def test_the_update_config_is_the_example_plus_the_round_and_previous_rounds():
    main = yaml.safe_load((REPO / "config/config.yaml").read_text(encoding="utf-8"))
    update = yaml.safe_load((REPO / "config/update_2014.yaml").read_text(encoding="utf-8"))
    assert update["rounds"][:-1] == main["rounds"]
    assert update["rounds"][-1]["id"] == NEW_ROUND
    assert update["prisma"]["previous_rounds"] == [r["id"] for r in main["rounds"]]
    differing = {k for k in main.keys() | update.keys() if main.get(k) != update.get(k)}
    assert differing == {"review", "rounds", "prisma"}
    assert {k for k in main["prisma"] if main["prisma"][k] != update["prisma"][k]} == {"previous_rounds"}


# --- the scenario (runs Snakemake three times, ~1 minute) -----------------------------------------


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    root = copy_workflow(tmp_path_factory.mktemp("update") / "review")
    run_snakemake(root)
    before = Snapshot.take(root)
    decided_ids = decision_ids(root)
    run_snakemake(root, *UPDATE)
    updated = Snapshot.take(root)
    append_decisions(root)
    run_snakemake(root, *UPDATE)
    return Scenario(root, before, updated, Snapshot.take(root), decided_ids)


@pytest.mark.workflow
def test_the_update_round_adds_records_and_new_unique_records(scenario):
    new_records = {r for r in scenario.updated.records if r.startswith(f"{NEW_ROUND}-")}
    assert set(scenario.updated.records) - set(scenario.before.records) == new_records
    assert len(new_records) == 62
    new = scenario.updated.new_clusters(scenario.before)
    assert new and all(c.startswith(f"{NEW_ROUND}-") for c in new)
    assert len(new) < len(new_records), "some 2014 records re-find earlier ones or each other"
    joined = {scenario.updated.clusters[r] for r in new_records} - new
    assert joined, "some 2014 records join clusters of earlier rounds"


@pytest.mark.workflow
def test_adding_a_round_never_changes_an_earlier_record_id(scenario):
    for snap in (scenario.updated, scenario.decided):
        assert {r: snap.records[r] for r in scenario.before.records} == scenario.before.records


@pytest.mark.workflow
def test_adding_a_round_never_splits_merges_or_renames_an_earlier_cluster(scenario):
    for snap in (scenario.updated, scenario.decided):
        assert {r: snap.clusters[r] for r in scenario.before.clusters} == scenario.before.clusters


def decision_of(row: dict[str, str]) -> dict[str, str]:
    """An outcome without `report_ids` (a study's new reports join it; its decision stays)."""
    return {k: v for k, v in row.items() if k != "report_ids"}


@pytest.mark.workflow
@pytest.mark.parametrize("stage", STAGES)
def test_every_earlier_decision_stays_with_its_record(scenario, stage):
    before = scenario.before.outcomes[stage]
    for snap in (scenario.updated, scenario.decided):
        assert {i: decision_of(snap.outcomes[stage][i]) for i in before} == \
            {i: decision_of(row) for i, row in before.items()}


@pytest.mark.workflow
def test_new_reports_join_their_studies_and_earlier_reports_stay(scenario):
    before, after = scenario.before.outcomes["study"], scenario.decided.outcomes["study"]
    grown = {}
    for study, row in before.items():
        old, new = set(row["report_ids"].split("; ")), set(after[study]["report_ids"].split("; "))
        assert old <= new
        if new - old:
            grown[study] = sorted(new - old)
    assert sorted(grown) == ["S17", "S22", "S27"]
    assert all(r.startswith(f"{NEW_ROUND}-") for reps in grown.values() for r in reps)


@pytest.mark.workflow
def test_after_the_update_worksheets_list_exactly_the_new_unique_records(scenario):
    new = scenario.updated.new_clusters(scenario.before)
    for reviewer in REVIEWERS:
        listed = scenario.updated.worksheets[f"title_abstract/{reviewer}"]
        assert listed == new
        assert not listed & scenario.decided_ids["title_abstract"], "a decided record is listed again"
    for stage in ("full_text", "study"):
        assert all(not scenario.updated.worksheets[f"{stage}/{n}"] for n in REVIEWERS)
    pending = {i for i, r in scenario.updated.outcomes["title_abstract"].items() if r["decision"] == "pending"}
    assert pending == new


@pytest.mark.workflow
def test_after_the_update_each_worksheet_is_ranked_by_a_model_of_that_reviewers_decisions(scenario):
    n_new = len(scenario.updated.new_clusters(scenario.before))
    stopping = scenario.updated.status["stages"]["title_abstract"]["stopping"]["reviewers"]
    for reviewer in REVIEWERS:
        ranked = scenario.updated.ranked[reviewer]
        assert [p for p, _ in ranked] == [str(n) for n in range(1, n_new + 1)]
        assert len({how for _, how in ranked}) == 1 and ranked[0][1].startswith("model trained on ")
        assert stopping[reviewer]["unscreened"] == n_new
        assert 0 <= stopping[reviewer]["relevant_remaining_at_most"] <= n_new


@pytest.mark.workflow
def test_the_update_prisma_counts_only_the_new_round(scenario):
    counts, new = scenario.updated.counts, scenario.updated.new_clusters(scenario.before)
    assert counts["updated_review"] is True and counts["provisional"] is True
    assert counts["records_identified"]["total"] == 62
    assert counts["records_screened"] == len(new)
    assert counts["records_awaiting_screening"] == len(new)
    assert counts["previous_version_records"] == len(scenario.before.records)
    update = counts["update"]
    assert update["previous_rounds"] == ["2009-10", "2012-07", "2013-02"]
    assert update["previous_studies"] == scenario.before.counts["studies_included"] == 38
    assert update["previous_reports"] == scenario.before.counts["reports_of_included_studies"]


@pytest.mark.workflow
def test_by_round_counts_every_round(scenario):
    by_round = scenario.decided.counts["by_round"]
    assert list(by_round) == ["2009-10", "2012-07", "2013-02", NEW_ROUND]
    for rnd, figures in by_round.items():
        n_records = sum(1 for r in scenario.decided.records if r.startswith(f"{rnd}-"))
        assert figures["records_identified"]["total"] == n_records
        assert figures["previous_version"] is (rnd != NEW_ROUND)
    assert by_round[NEW_ROUND]["unique_records_first_found"] == len(scenario.decided.new_clusters(scenario.before))
    assert sum(f["unique_records_first_found"] for f in by_round.values()) == len(set(scenario.decided.clusters.values()))


@pytest.mark.workflow
def test_once_decided_the_updated_review_is_complete_and_adds_up(scenario):
    counts = scenario.decided.counts
    assert counts["provisional"] is False
    assert all(not ids for ids in scenario.decided.worksheets.values())
    update = counts["update"]
    for unit in ("studies", "reports"):
        assert update[f"previous_{unit}"] + update[f"new_{unit}"] == update[f"total_{unit}"]
    # The three simulated new reports describe schemes the review already includes (S17, S22, S27).
    assert update["new_studies"] == 0
    assert update["new_reports"] == update["new_reports_of_previous_studies"] == 3
    assert update["total_studies"] == 38
    # The schemes the new reports were assessed for; a scheme assessed with no report (X28) belongs
    # to the previous version, not to the update's flow.
    assert counts["studies_assessed"] == counts["studies_included"] == 3
    # The run wrote the diagram, so the flow's arithmetic checks passed.
    assert (scenario.root / "results/prisma/prisma.svg").stat().st_size > 0


@pytest.fixture()
def result_copy(scenario, tmp_path) -> Path:
    """A copy of the decided update, results included, to break on purpose."""
    other = tmp_path / "review"
    shutil.copytree(scenario.root, other, symlinks=True)
    return other


@pytest.mark.workflow
def test_a_missing_round_folder_stops_the_run_naming_round_and_folder(result_copy):
    shutil.rmtree(result_copy / "data/raw/2012-07")
    result = run_snakemake(result_copy, *UPDATE, check=False)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    # the message names the config file given with --configfile, not the default one
    assert "config/update_2014.yaml: round '2012-07': its folder data/raw/2012-07 does not exist" in out
    assert "restore the folder" in out
    # Snakemake prints where in the .smk files the input function failed, but no Python traceback.
    assert "Traceback (most recent call last)" not in out


def write_config(root: Path, name: str, drop_round: str, allow_orphans: list[str]) -> str:
    config = yaml.safe_load((root / "config/update_2014.yaml").read_text(encoding="utf-8"))
    config["rounds"] = [r for r in config["rounds"] if r["id"] != drop_round]
    config["prisma"]["previous_rounds"] = [r for r in config["prisma"]["previous_rounds"] if r != drop_round]
    config["screening"]["allow_orphans"] = allow_orphans
    path = root / "config" / name
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return f"config/{name}"


def logs_text(root: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((root / "logs").rglob("*.log")))


def drop_rows_naming(path: Path, prefix: str) -> list[str]:
    """Delete the rows of a human file that name a record of a dropped round (the fix a stop message asks for)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [lines[0]] + [line for line in lines[1:] if prefix not in line]
    path.write_text("".join(kept), encoding="utf-8")
    return [line for line in lines[1:] if prefix in line]


@pytest.mark.workflow
def test_dropping_a_round_stops_the_run_or_lists_its_decisions_as_orphaned(result_copy, scenario):
    shutil.rmtree(result_copy / "data/raw/2013-02")
    gone = {r for r in scenario.before.records if r.startswith("2013-02-")}
    decided_gone = {i for ids in scenario.decided_ids.values() for i in ids} & gone
    assert decided_gone, "the example has decisions on 2013-02 records"
    strict = write_config(result_copy, "dropped_strict.yaml", "2013-02", allow_orphans=[])

    # Dedupe decisions naming a dropped record stop the run first (data/dedupe/decisions.csv, if any).
    dedupe_rows = []
    if (result_copy / "data/dedupe/decisions.csv").is_file():
        dedupe_rows = drop_rows_naming(result_copy / "data/dedupe/decisions.csv", "2013-02-")
    if dedupe_rows:
        shutil.copy2(scenario.root / "data/dedupe/decisions.csv", result_copy / "data/dedupe/decisions.csv")
        result = run_snakemake(result_copy, "--configfile", strict, check=False)
        log = (result_copy / "logs/dedupe/dedupe_records.log").read_text(encoding="utf-8")
        assert result.returncode != 0 and "Traceback" not in log
        assert "is not in the imported records" in log and "2013-02-" in log
        assert "screening.allow_orphans" in log and "round:<id>" in log
        drop_rows_naming(result_copy / "data/dedupe/decisions.csv", "2013-02-")

    # Screening decisions on dropped records: the sheet check stops the run naming each one (before the
    # worksheets are touched)...
    result = run_snakemake(result_copy, "--configfile", strict, check=False)
    assert result.returncode != 0
    log = (result_copy / "logs/screening/check_screening_sheets.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert "is not a record of the review (a typo, or its export was removed)" in log
    assert "screening.allow_orphans" in log and "round:<id>" in log
    assert all(i in log for i in decided_gone), "the stop names every decision on a dropped record"

    # ... or, with the round declared removed on purpose, completes and lists every one of them as orphaned.
    allowed = write_config(result_copy, "dropped_allowed.yaml", "2013-02", allow_orphans=["round:2013-02"])
    if dedupe_rows:  # the dedupe decisions on dropped records are back: listed, not fatal, too
        shutil.copy2(scenario.root / "data/dedupe/decisions.csv", result_copy / "data/dedupe/decisions.csv")
    run_snakemake(result_copy, "--configfile", allowed)
    if dedupe_rows:
        summary = json.loads((result_copy / "results/dedupe/summary.json").read_text(encoding="utf-8"))
        assert len(summary["orphaned_decisions"]) == len(dedupe_rows)
    orphaned = rows(result_copy / "results/screening/orphaned.csv")
    assert decided_gone <= {r["id"] for r in orphaned}, "every decision on a dropped record is listed"
