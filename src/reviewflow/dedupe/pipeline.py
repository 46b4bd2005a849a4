"""The dedupe stage in steps: prepare -> block -> score and judge -> cluster -> merge.

``find_pairs`` and ``judge_pairs`` are what a large run scatters over jobs (the workflow splits the
candidate pairs into shards); ``cluster_records`` gathers the judged pairs and builds the clusters in
pure steps: ``apply_decisions`` (the people's), ``union_same``, ``pairs_to_check``, ``describe``. The
rows of audit.csv and uncertain_pairs.csv are built in ``audit.py``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from reviewflow.dedupe.audit import audit_rows, pair_row
from reviewflow.dedupe.blocking import BlockStats, candidate_pairs
from reviewflow.dedupe.cluster import Clusters
from reviewflow.dedupe.decisions import Decision, check_decisions, orphan_row, split_orphans
from reviewflow.dedupe.merge import unique_row
from reviewflow.dedupe.prepare import Prepared, prepare
from reviewflow.dedupe.progress import Progress
from reviewflow.dedupe.rules import DIFFERENT, RULE_OVERRIDES, RULE_RANK, RULE_WHY, SAME, UNCERTAIN, apply_rules
from reviewflow.dedupe.settings import Settings
from reviewflow.dedupe.similarity import SCORE_FIELDS, score_pairs
from reviewflow.dedupe.uncertain import shortlist
from reviewflow.records import Record

PAIR_COLUMNS = ("record_id_a", "record_id_b", "verdict", "rule", *SCORE_FIELDS)


@dataclass(frozen=True)
class Judged:
    """A pair that some rule found same or uncertain (different pairs are not kept)."""

    a: int  # index in review order; a < b
    b: int
    verdict: str
    rule: str
    scores: dict[str, str]
    title: float  # for ordering the strong pairs first


@dataclass
class DedupeResult:
    records: Sequence[Record]
    cluster_of: list[int]  # per record: index of its cluster's earliest member
    audit: list[dict[str, str]]
    uncertain: list[dict[str, str]]
    summary: dict[str, Any] = field(default_factory=dict)

    def cluster_ids(self) -> list[str]:
        return [self.records[c].record_id for c in self.cluster_of]

    def members(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for i, c in enumerate(self.cluster_of):
            groups.setdefault(c, []).append(i)
        return groups

    def unique_rows(self) -> list[dict[str, str]]:
        return [unique_row([self.records[i] for i in members]) for _, members in sorted(self.members().items())]


def find_pairs(p: Prepared, settings: Settings, stats: BlockStats | None = None) -> np.ndarray:
    return candidate_pairs(p, settings.max_block, settings.window, stats)


def blocking_summary(stats: BlockStats) -> dict[str, int]:
    """summary.json's ``blocking`` entry (the sharded run writes it from its blocking job)."""
    return {"keys_shared": stats.keys, "capped_blocks": stats.capped, "largest_block": stats.largest,
            "candidate_pairs": stats.pairs}


def judge_pairs(p: Prepared, pairs: np.ndarray, settings: Settings,
                progress: Progress | None = None) -> list[Judged]:
    """Score pairs chunk by chunk; keep those some rule finds same or uncertain."""
    judged: list[Judged] = []
    for start in range(0, len(pairs), settings.chunk):
        chunk = pairs[start:start + settings.chunk]
        scores = score_pairs(p, chunk, settings.keep_apart, settings.workers)
        verdict, rule = apply_rules(scores, settings.thresholds)
        for k in np.flatnonzero(verdict != DIFFERENT).tolist():
            judged.append(Judged(int(chunk[k, 0]), int(chunk[k, 1]), verdict[k], rule[k], scores.row(k),
                                 float(scores.title[k])))
        if progress is not None:
            progress.update(int(chunk[-1, 0]) + 1)
    return judged


def dedupe(records: Sequence[Record], decisions: Iterable[Decision] = (), settings: Settings | None = None,
           ) -> DedupeResult:
    """Cluster the records (in review order) and explain every merge."""
    settings = settings or Settings()
    timings: dict[str, float] = {}
    started = time.monotonic()
    p = prepare(records)
    timings["prepare"] = time.monotonic() - started
    stats = BlockStats()
    pairs = find_pairs(p, settings, stats)
    timings["block"] = time.monotonic() - started - sum(timings.values())
    progress = Progress("dedupe: scoring pairs", len(records), enabled=settings.progress)
    judged = judge_pairs(p, pairs, settings, progress)
    progress.done = len(records)
    progress.close()
    timings["score"] = time.monotonic() - started - sum(timings.values())
    result = cluster_records(records, p, judged, list(decisions), settings)
    timings["cluster"] = time.monotonic() - started - sum(timings.values())
    result.summary["blocking"] = blocking_summary(stats)
    result.summary["seconds"] = {k: round(v, 2) for k, v in timings.items()}
    return result


def cluster_records(records: Sequence[Record], p: Prepared, judged: list[Judged], decisions: list[Decision],
                    settings: Settings) -> DedupeResult:
    """Join the same pairs round by round, strongest first, within the people's decisions: "different"
    keeps two records' clusters apart, "same" joins two clusters (cluster.py: and nothing else).
    In four steps: apply the human decisions, union the same pairs, check what is left for a person,
    describe the result."""
    human = apply_decisions(records, p, decisions, settings)
    joined, refused = union_same(records, p, judged, human)
    joined += decision_rows(records, human)
    cluster_of = [human.clusters.find(i) for i in range(len(records))]
    uncertain, left_off = pairs_to_check(records, judged, refused, cluster_of, human, settings)
    audit = audit_rows(joined, records, cluster_of, human.index)
    summary = describe(records, cluster_of, audit, human, n_uncertain=len(uncertain), left_off=left_off,
                       n_refused=len(refused))
    return DedupeResult(records, cluster_of, audit, uncertain, summary)


@dataclass
class HumanDecisions:
    """The people's decisions, applied: the clusters they start from and the pairs they settled."""

    index: dict[str, int]  # record_id -> index in review order
    decisions: list[Decision]  # those on records of the review
    orphaned: list[Decision]  # those on records no export holds any more (allowed, listed)
    clusters: Clusters
    decided: set[tuple[int, int]]


def apply_decisions(records: Sequence[Record], p: Prepared, decisions: list[Decision],
                    settings: Settings) -> HumanDecisions:
    index = {r.record_id: n for n, r in enumerate(records)}
    decisions, orphaned = split_orphans(decisions, index, settings.allow_orphans)
    check_decisions(decisions, index)
    human_same = [_pair(index, d) for d in decisions if d.same]
    clusters = Clusters(p, settings.keep_apart, human_same)
    for d in decisions:
        if not d.same:
            clusters.keep_different(index[d.record_id_a], index[d.record_id_b])
    return HumanDecisions(index, decisions, orphaned, clusters, {_pair(index, d) for d in decisions})


def union_same(records: Sequence[Record], p: Prepared, judged: list[Judged], human: HumanDecisions
               ) -> tuple[list[dict[str, str]], list[tuple[Judged, str]]]:
    """Join the same pairs a person has not decided, round by round, strongest first; a join the
    clusters refuse (a conflict between their members) is kept with its reason."""
    same = sorted((j for j in judged if j.verdict == SAME),
                  key=lambda j: (max(p.round[j.a], p.round[j.b]), RULE_RANK[j.rule], -j.title, j.a, j.b))
    clusters = human.clusters
    rows: list[dict[str, str]] = []
    refused: list[tuple[Judged, str]] = []
    for j in same:
        if (j.a, j.b) in human.decided:
            continue
        if clusters.find(j.a) == clusters.find(j.b):
            rows.append(pair_row(records, j.a, j.b, j.rule, "already_together", j.scores))
            continue
        why = clusters.conflict(j.a, j.b, int(max(p.round[j.a], p.round[j.b])), RULE_OVERRIDES[j.rule])
        if why:
            refused.append((j, why))
            continue
        clusters.union(j.a, j.b)
        rows.append(pair_row(records, j.a, j.b, j.rule, "merged", j.scores))
    return rows, refused


def decision_rows(records: Sequence[Record], human: HumanDecisions) -> list[dict[str, str]]:
    """An audit row per "same" decision: "merged" when the rules alone would have left the two apart."""
    rows = []
    for d in human.decisions:
        if d.same:
            a, b = _pair(human.index, d)
            action = "already_together" if human.clusters.find_auto(a) == human.clusters.find_auto(b) else "merged"
            rows.append(pair_row(records, a, b, "human_decision", action, {"note": d.note}))
    return rows


def pairs_to_check(records: Sequence[Record], judged: list[Judged], refused: list[tuple[Judged, str]],
                   cluster_of: Sequence[int], human: HumanDecisions, settings: Settings
                   ) -> tuple[list[dict[str, str]], int]:
    """The pairs a person should look at, still apart: refused merges and undecided uncertain pairs
    (shortlisted), and how many were left off the list."""
    candidates = [pair_row(records, j.a, j.b, j.rule, f"refused: {why}", j.scores, why) for j, why in refused
                  if cluster_of[j.a] != cluster_of[j.b]]
    candidates += [pair_row(records, j.a, j.b, j.rule, "listed", j.scores, RULE_WHY[j.rule]) for j in judged
                   if j.verdict == UNCERTAIN and cluster_of[j.a] != cluster_of[j.b]
                   and (j.a, j.b) not in human.decided]
    return shortlist(candidates, cluster_of, human.index, len(records), settings.uncertain_share,
                     settings.uncertain_least)


def describe(records: Sequence[Record], cluster_of: Sequence[int], audit: list[dict[str, str]],
             human: HumanDecisions, *, n_uncertain: int, left_off: int, n_refused: int) -> dict[str, Any]:
    """summary.json (but blocking and timings, which the caller adds)."""
    n_clusters = len(set(cluster_of))
    summary = {"records": len(records), "unique_records": n_clusters, "duplicates_removed": len(records) - n_clusters,
               "merged_pairs": sum(1 for r in audit if r["action"] == "merged"),
               "uncertain_pairs": n_uncertain, "uncertain_pairs_not_listed": left_off,
               "refused_merges": n_refused,
               "human_decisions": {"same": sum(d.same for d in human.decisions),
                                   "different": sum(not d.same for d in human.decisions)},
               "rules": _count(r["rule"] for r in audit if r["action"] == "merged")}
    if human.orphaned:  # listed, not dropped silently: a decision on a record of a removed round
        summary["orphaned_decisions"] = [orphan_row(d) for d in human.orphaned]
    return summary


def _pair(index: Mapping[str, int], d: Decision) -> tuple[int, int]:
    a, b = sorted((index[d.record_id_a], index[d.record_id_b]))
    return a, b


def _count(values: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return dict(sorted(out.items()))
