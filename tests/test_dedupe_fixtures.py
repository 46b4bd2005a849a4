"""Our own fixtures of real-looking records (tests/fixtures/dedupe/, column "study" labels them):
records that must stay apart, and same-DOI pairs that must merge. Not tuned on: built from the kinds
of mistakes seen in real exports (recurring editor's columns, replies, errata, parts of a series,
abstract vs article, preprint vs article, annual reports; online-first pages, article numbers,
EBSCOhost's two-date year)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reviewflow.dedupe import Settings, dedupe
from reviewflow.importing import read_export

FIXTURES = Path(__file__).parent / "fixtures" / "dedupe"


def clusters_and_studies(name: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    path = FIXTURES / f"{name}.csv"
    records = read_export(path, id_prefix=name).records
    with open(path, encoding="utf-8", newline="") as handle:
        study = {row["ID"]: row["study"] for row in csv.DictReader(handle)}
    result = dedupe(records, settings=Settings(progress=False))
    clusters: dict[str, set[str]] = {}
    for record, cluster in zip(records, result.cluster_ids()):
        clusters.setdefault(cluster, set()).add(study[record.record_id])
    studies: dict[str, set[str]] = {}
    for record, cluster in zip(records, result.cluster_ids()):
        studies.setdefault(study[record.record_id], set()).add(cluster)
    return clusters, studies


@pytest.mark.parametrize("name", ["kept_apart", "same_doi_duplicates"])
def test_every_cluster_is_one_study_and_every_study_one_cluster(name):
    clusters, studies = clusters_and_studies(name)
    assert {c: s for c, s in clusters.items() if len(s) > 1} == {}  # no study lost in another
    assert {s: c for s, c in studies.items() if len(c) > 1} == {}  # no duplicate left apart


def test_the_fixtures_hold_what_they_say():
    """The kept-apart fixture has many studies and a few duplicates (controls); the same-DOI one only pairs."""
    clusters, studies = clusters_and_studies("kept_apart")
    assert len(studies) >= 40 and len(clusters) == len(studies)
    _, pairs = clusters_and_studies("same_doi_duplicates")
    assert len(pairs) == 6


def test_scattered_scoring_gives_the_same_clusters(tmp_path):
    """The workflow's shards (each prepares only its records) read issue columns as the one-job run does."""
    from reviewflow.dedupe.pipeline import cluster_records
    from reviewflow.dedupe.prepare import prepare
    from reviewflow.dedupe.shards import judge_shard, read_judged, write_pair_shards

    records = [r for name in ("kept_apart", "same_doi_duplicates")
               for r in read_export(FIXTURES / f"{name}.csv", id_prefix=name).records]
    settings = Settings(progress=False)
    shards = [tmp_path / f"pairs{k}.csv" for k in range(3)]
    write_pair_shards(records, settings, shards)
    judged = []
    for k, shard in enumerate(shards):
        judge_shard(records, shard, settings, tmp_path / f"judged{k}.csv")
        judged.append(tmp_path / f"judged{k}.csv")
    scattered = cluster_records(records, prepare(records), read_judged(judged, records), [], settings)
    whole = dedupe(records, settings=settings)
    assert scattered.cluster_ids() == whole.cluster_ids() and scattered.uncertain == whole.uncertain
