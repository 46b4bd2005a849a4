"""Scatter/gather for large runs: candidate pairs split into shards, each scored by its own job.

``write_pair_shards`` (one job) blocks all records and writes the pairs in n contiguous shards, and
the blocking statistics; ``judge_shard`` (n jobs, in parallel on a cluster) scores one shard;
``read_judged`` gathers them for ``pipeline.cluster_records``. The result, summary.json included
(``read_blocking``), is identical to the one-job run.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from reviewflow.dedupe.blocking import BlockStats
from reviewflow.dedupe.outputs import write_csv
from reviewflow.dedupe.pipeline import Judged, find_pairs, judge_pairs
from reviewflow.dedupe.prepare import counter_files, prepare
from reviewflow.dedupe.settings import Settings
from reviewflow.dedupe.similarity import SCORE_FIELDS
from reviewflow.errors import fail
from reviewflow.records import Record

JUDGED_COLUMNS = ("record_id_a", "record_id_b", "verdict", "rule", *SCORE_FIELDS)


def write_pair_shards(records: Sequence[Record], settings: Settings, paths: Sequence[str | Path],
                      blocking: str | Path | None = None) -> None:
    """The candidate pairs in len(paths) shards; the blocking statistics to ``blocking`` (JSON)."""
    stats = BlockStats()
    pairs = find_pairs(prepare(records), settings, stats)
    for shard, part in zip(paths, np.array_split(pairs, len(paths))):
        rows = [{"record_id_a": records[a].record_id, "record_id_b": records[b].record_id}
                for a, b in part.tolist()]
        write_csv(shard, ("record_id_a", "record_id_b"), rows)
    if blocking:
        Path(blocking).write_text(json.dumps(asdict(stats), indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_blocking(path: str | Path) -> BlockStats:
    """The blocking statistics the blocking job wrote (for summary.json, ``pipeline.blocking_summary``)."""
    return BlockStats(**json.loads(Path(path).read_text(encoding="utf-8")))


def judge_shard(records: Sequence[Record], pairs_path: str | Path, settings: Settings, out: str | Path) -> None:
    index = {r.record_id: n for n, r in enumerate(records)}
    with open(pairs_path, encoding="utf-8", newline="") as handle:
        pairs = [(index[row["record_id_a"]], index[row["record_id_b"]]) for row in csv.DictReader(handle)]
    used = sorted({k for pair in pairs for k in pair})  # prepare only the records this shard needs
    local = {k: n for n, k in enumerate(used)}
    p = prepare([records[k] for k in used], counter_files(records))  # as the one-job run reads them
    local_pairs = np.array([(local[a], local[b]) for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    rows = []
    for j in judge_pairs(p, local_pairs, settings):
        row = {"record_id_a": records[used[j.a]].record_id, "record_id_b": records[used[j.b]].record_id,
               "verdict": j.verdict, "rule": j.rule}
        row.update(j.scores)
        rows.append(row)
    write_csv(out, JUDGED_COLUMNS, rows)


def read_judged(paths: Sequence[str | Path], records: Sequence[Record]) -> list[Judged]:
    index = {r.record_id: n for n, r in enumerate(records)}
    judged = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), 2):
                if row["record_id_a"] not in index or row["record_id_b"] not in index:
                    raise fail(path, "names a record that is not in records.csv", "delete results/dedupe/"
                               "shards/ and run again (the shard is older than the records)", line=line)
                scores = {k: row[k] for k in SCORE_FIELDS}
                judged.append(Judged(index[row["record_id_a"]], index[row["record_id_b"]], row["verdict"],
                                     row["rule"], scores, float(scores["title"] or -1)))
    return judged
