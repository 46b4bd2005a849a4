"""Human same/different decisions (``data/dedupe/decisions.csv``), read and checked.

Columns ``record_id_a,record_id_b,decision,note``; decision is ``same`` or ``different``. A row naming
an unknown record, a pair decided twice both ways, or "different" for two records that other rows
join through "same" decisions, is an error naming the file and the rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.orphans import Allowed, Hints, allow_fix
from reviewflow.sheets import read_sheet

COLUMNS = ("record_id_a", "record_id_b", "decision", "note")


@dataclass(frozen=True)
class Decision:
    record_id_a: str
    record_id_b: str
    same: bool
    note: str = ""
    row: int = 0  # row in the file as a spreadsheet shows it (header = 1)
    file: str = ""


def read_decisions(path: str | Path) -> list[Decision]:
    """Rows of a decisions file; a missing file means no decisions."""
    path = Path(path)
    if not path.is_file():
        return []
    sheet = read_sheet(path, COLUMNS[:3], schema="dedupe_decisions")
    return [Decision(r["record_id_a"], r["record_id_b"], r["decision"] == "same", r.get("note", ""), n, str(path))
            for n, r in sheet.rows]


def split_orphans(decisions: list[Decision], record_ids: Collection[str],
                  allowed: Allowed) -> tuple[list[Decision], list[Decision]]:
    """(decisions to apply or check, decisions whose unknown records a person listed as deliberate orphans)."""
    kept: list[Decision] = []
    orphaned: list[Decision] = []
    for d in decisions:
        unknown = [rid for rid in (d.record_id_a, d.record_id_b) if rid not in record_ids]
        (orphaned if unknown and all(rid in allowed for rid in unknown) else kept).append(d)
    return kept, orphaned


def orphan_row(d: Decision) -> dict[str, str]:
    return {"file": d.file, "row": str(d.row), "record_id_a": d.record_id_a, "record_id_b": d.record_id_b,
            "decision": "same" if d.same else "different"}


def check_decisions(decisions: list[Decision], record_ids: Collection[str]) -> None:
    """Raise if a decision names an unknown record or the decisions contradict each other."""
    unknown = [(d, rid) for d in decisions for rid in (d.record_id_a, d.record_id_b) if rid not in record_ids]
    hints = Hints(record_ids, len(unknown)) if unknown else None
    problems = [Problem(d.file, f"record {rid!r} is not in the imported records",
                        f"{hints.text(rid) if hints else ''}use a record_id of results/import/records.csv (copy it "
                        f"from uncertain_pairs.csv), or delete the row, {allow_fix('record ID')}", row=d.row)
                for d, rid in unknown]
    problems += [Problem(d.file, "a record cannot be compared with itself", "name two different records",
                         row=d.row) for d in decisions if d.record_id_a == d.record_id_b]
    if problems:
        raise ReviewflowError(problems)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    same = [d for d in decisions if d.same]
    for d in same:
        parent[find(d.record_id_a)] = find(d.record_id_b)
    for d in decisions:
        if not d.same and find(d.record_id_a) == find(d.record_id_b):
            rows = [str(s.row) for s in same if find(s.record_id_a) == find(d.record_id_a)]
            problems.append(Problem(d.file, f"says {d.record_id_a} and {d.record_id_b} are different, but "
                                    f"the 'same' rows {', '.join(rows[:10])} put them together",
                                    "remove the row that is wrong", row=d.row))
    if problems:
        raise ReviewflowError(problems)
