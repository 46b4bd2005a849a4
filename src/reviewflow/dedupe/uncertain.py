"""The pairs a person is asked to judge (``uncertain_pairs.csv``): few, best first, each explained.

A list of hundreds of pairs is not read. So: one pair per two clusters (the likeliest), ranked by how
likely the two are one item, and no more than ``share`` of the number of records (at least
``least``); the summary counts the pairs left off. Each row names the fields that agree and those
that conflict, and what held the pair back: the rule that found it uncertain, or the cluster check
that refused it.

The likelihood is a transparent score, not a fitted probability: the title similarity (none for a
recurring title such as "Editorial": its agreement says nothing), plus a little for each field that
agrees, minus for each conflict; a conflict no rule can outweigh (two
DOIs, PMIDs, volumes, issues of one volume) costs most. It orders the list; it decides nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

AGREE_WEIGHT = {"doi": 0.3, "pmid": 0.3, "authors": 0.1, "first_author": 0.1, "year": 0.1, "journal": 0.1,
                "volume": 0.05, "issue": 0.05, "pages": 0.1}
HARD = ("doi", "pmid", "volume", "issue")  # conflicts no rule outweighs (rules.py)
SOFT_PENALTY, HARD_PENALTY = 0.15, 0.5


def fields(scores: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(fields that agree, fields that conflict) from a pair's score texts (similarity.PairScores.row)."""
    agree: list[str] = []
    conflict: list[str] = []

    def number(name: str) -> float:
        text = scores.get(name, "")
        return float(text) if text else -1.0

    for name, cut in (("title", 0.95), ("authors", 0.9), ("first_author", 0.85)):
        if name == "title" and scores.get("recurring") == "yes":
            continue  # "Editorial" = "Editorial" says nothing about the item
        value = number(name)
        if value >= cut:
            agree.append(name)
        elif 0 <= value < 0.6:
            conflict.append(name)
    gap = scores.get("year_gap", "")
    if gap == "0":
        agree.append("year")
    elif gap and int(gap) > 1:
        conflict.append("year")
    for name in ("journal", "volume", "issue", "pages", "doi", "pmid"):
        value = scores.get(name, "0")
        if value == "1":
            agree.append(name)
        elif value == "-1":
            conflict.append(name)
    for name, label in (("kinds_differ", "kind"), ("numbers_differ", "title numbers")):
        if scores.get(name) == "yes":
            conflict.append(label)
    return agree, conflict


def likelihood(scores: Mapping[str, str]) -> float:
    """0..1: how likely the pair is one item (see the module doc); for ordering only."""
    agree, conflict = fields(scores)
    title = 0.0 if scores.get("recurring") == "yes" else float(scores.get("title") or 0)
    value = 0.5 * title + sum(AGREE_WEIGHT.get(name, 0.0) for name in agree)
    value -= sum(HARD_PENALTY if name in HARD else SOFT_PENALTY for name in conflict)
    return max(0.0, min(1.0, value / 1.5))


def shortlist(rows: Sequence[dict[str, str]], cluster_of: Sequence[int], index: Mapping[str, int],
              n_records: int, share: float, least: int) -> tuple[list[dict[str, str]], int]:
    """The rows to list (likeliest first, one per pair of clusters, at most the cap) and how many
    pairs of clusters were left off. Each row gains ``likelihood``, ``agree`` and ``conflict``."""
    best: dict[tuple[int, int], dict[str, str]] = {}
    for row in rows:
        agree, conflict = fields(row)
        row = {**row, "likelihood": f"{likelihood(row):.3f}", "agree": " ".join(agree),
               "conflict": " ".join(conflict)}
        ca, cb = cluster_of[index[row["record_id_a"]]], cluster_of[index[row["record_id_b"]]]
        key = (min(ca, cb), max(ca, cb))
        if key not in best or _order(row, index) < _order(best[key], index):
            best[key] = row
    ranked = sorted(best.values(), key=lambda r: _order(r, index))
    cap = max(least, math.ceil(share * n_records))
    return ranked[:cap], max(0, len(ranked) - cap)


def _order(row: Mapping[str, str], index: Mapping[str, int]) -> tuple[float, int, int]:
    return (-float(row["likelihood"]), index[row["record_id_a"]], index[row["record_id_b"]])
