"""One unique record per cluster: the most complete value of each field, every member ID kept."""

from __future__ import annotations

from collections.abc import Sequence

from reviewflow.records import COLUMNS, MULTI_SEP, Record
from reviewflow.vocabulary import METHODS

# A unique record is a Record (its round, database, platform and method: the earliest member's, the
# round that first found it), then what the cluster adds: every member, and the databases and methods
# that found any of them (PRISMA and screening read a cluster's methods from here).
UNIQUE_COLUMNS = (*COLUMNS, "member_ids", "n_records", "databases", "methods")
# Provenance fields come from the earliest member; the rest are merged.
_PROVENANCE = frozenset({"record_id", "source_file", "source_line", "round", "database", "platform", "method",
                         "format"})
_MERGED = tuple(name for name in COLUMNS if name not in _PROVENANCE)


def merged_record(members: Sequence[Record]) -> Record:
    """The earliest member, each field replaced by the most complete member value (longest; ties:
    the earliest in review order). A DOI or PMID is taken from the earliest member that has one."""
    first = members[0]
    if len(members) == 1:
        return first
    changes = {}
    for name in _MERGED:
        values = [getattr(m, name) for m in members]
        if name in ("doi", "pmid"):
            best = next((v for v in values if v), values[0])
        else:
            best = max(values, key=len)  # max keeps the first of equals: the earliest member
        changes[name] = best
    changes["flags"] = tuple(dict.fromkeys(f for m in members for f in m.flags))
    return first._replace(**changes)


def unique_row(members: Sequence[Record]) -> dict[str, str]:
    """A row of unique_records.csv: the merged record, its members, and the databases and identification
    methods (in vocabulary order) of all of them."""
    row = merged_record(members).to_row()
    used = {m.method for m in members}
    row.update(
        member_ids=MULTI_SEP.join(m.record_id for m in members),
        n_records=str(len(members)),
        databases=MULTI_SEP.join(dict.fromkeys(m.database for m in members if m.database)),
        methods=MULTI_SEP.join(m for m in METHODS if m in used),
    )
    return row
