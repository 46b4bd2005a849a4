"""The rows that explain dedupe's pairs, built in one place: audit.csv (every merge, and every pair
found already together) and uncertain_pairs.csv (the pairs a person should look at)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from reviewflow.dedupe.similarity import SCORE_FIELDS
from reviewflow.records import Record

_PAIR_FIELDS = ("title_a", "title_b", "year_a", "year_b", "first_author_a", "first_author_b", "journal_a",
                "journal_b")
AUDIT_COLUMNS = ("record_id_a", "record_id_b", "cluster_id", "rule", "action", *SCORE_FIELDS, "note",
                 *_PAIR_FIELDS)
UNCERTAIN_COLUMNS = ("record_id_a", "record_id_b", "decision", "note", "likelihood", "agree", "conflict",
                     "held_back_by", "rule", "action", *SCORE_FIELDS, *_PAIR_FIELDS, "doi_a", "doi_b")


def pair_row(records: Sequence[Record], a: int, b: int, rule: str, action: str, scores: Mapping[str, str],
             held_back_by: str = "") -> dict[str, str]:
    """One pair (indexes in review order) as a row of either file: the two records side by side."""
    ra, rb = records[a], records[b]
    row = {"record_id_a": ra.record_id, "record_id_b": rb.record_id, "rule": rule, "action": action,
           "decision": "", "note": "", "held_back_by": held_back_by}
    row.update(scores)
    for suffix, r in (("a", ra), ("b", rb)):
        row[f"title_{suffix}"] = r.title
        row[f"year_{suffix}"] = r.year
        row[f"first_author_{suffix}"] = r.authors[0] if r.authors else ""
        row[f"journal_{suffix}"] = r.journal
        row[f"doi_{suffix}"] = r.doi
    return row


def audit_rows(rows: Iterable[dict[str, str]], records: Sequence[Record], cluster_of: Sequence[int],
               index: Mapping[str, int]) -> list[dict[str, str]]:
    """The audit in review order of its pairs, each row naming the cluster the pair ended in."""
    audit = sorted(rows, key=lambda r: (index[r["record_id_a"]], index[r["record_id_b"]]))
    for row in audit:
        row["cluster_id"] = records[cluster_of[index[row["record_id_a"]]]].record_id
    return audit
