"""The numbers of the diagram (results/prisma/counts.json), each the size of a box of the flow.

Top-level keys sum both identification columns (databases and registers + other methods); ``columns``
gives each column's own numbers, as drawn. Reasons come from the config's ``screening.criteria``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from reviewflow.prisma.flow import COLUMNS, Flow
from reviewflow.vocabulary import METHODS

COLUMN_NAMES = {"dbr": "databases_registers", "other": "other_methods"}
STEPS = ("duplicates", "automation_ineligible", "records_screened", "records_excluded", "records_awaiting", "reports_sought",
         "reports_not_retrieved", "reports_awaiting_retrieval", "reports_assessed", "reports_excluded", "reports_awaiting", "reports_eligible")
NO_REASON = "(no reason recorded)"


def criteria_labels(config: Mapping[str, Any]) -> dict[str, str]:
    """Code -> label from `screening.criteria`: a mapping code -> label (or -> {label: ...}), or a list."""
    criteria = (config.get("screening") or {}).get("criteria") or {}
    if isinstance(criteria, list):
        items = [(c.get("code", ""), c) for c in criteria if isinstance(c, Mapping)]
    else:
        items = list(criteria.items())
    labels = {}
    for code, value in items:
        if isinstance(value, Mapping):
            value = value.get("label") or value.get("description") or ""
        labels[str(code)] = str(value)
    return labels


def build_counts(flow: Flow, labels: Mapping[str, str]) -> dict[str, Any]:
    n = lambda *names: sum(flow.box(x).n for x in names)  # noqa: E731
    both = lambda step: n(*(f"{c}_{step}" for c in COLUMNS))  # noqa: E731
    counts: dict[str, Any] = {
        "provisional": flow.provisional,
        "updated_review": flow.updated,
        "records_identified": _identified(flow),
        "duplicates_removed": both("duplicates"),
        "records_marked_ineligible_by_automation": both("automation_ineligible"),
        "records_screened": both("records_screened"),
        "records_excluded": {"total": both("records_excluded"),
                             **_reasons(flow, [f"{c}_records_excluded" for c in COLUMNS], labels)},
        "records_awaiting_screening": both("records_awaiting"),
        "reports_sought": both("reports_sought"),
        "reports_not_retrieved": both("reports_not_retrieved"),
        "reports_awaiting_retrieval": both("reports_awaiting_retrieval"),
        "reports_assessed": both("reports_assessed"),
        "reports_excluded": {"total": both("reports_excluded"),
                             **_reasons(flow, [f"{c}_reports_excluded" for c in COLUMNS], labels)},
        "reports_awaiting_decision": both("reports_awaiting"),
        "reports_eligible": both("reports_eligible"),
        "studies_assessed": n("studies_assessed"),
        "studies_excluded": {"total": n("studies_excluded"), **_reasons(flow, ["studies_excluded"], labels)},
        "studies_awaiting_decision": n("studies_awaiting"),
        "studies_included": n("studies_included"),
        "reports_of_included_studies": n("reports_of_included_studies"),
        "reports_of_excluded_studies": n("reports_of_excluded_studies"),
        "reports_awaiting_study": n("reports_awaiting_study"),
        "columns": {COLUMN_NAMES[c]: _column(flow, c, labels) for c in COLUMNS},
        "by_round": _by_round(flow),
    }
    if flow.updated:
        counts["previous_version_records"] = n("previous_version")
        counts["update"] = {"previous_rounds": list(flow.previous_rounds),
                            **{k: n(k) for k in ("previous_studies", "previous_reports", "new_studies",
                                                 "new_reports", "new_reports_of_previous_studies",
                                                 "total_studies", "total_reports")}}
    return counts


def counts_json(counts: Mapping[str, Any]) -> str:
    return json.dumps(counts, indent=2, ensure_ascii=False) + "\n"


def _identified(flow: Flow, records: set[str] | None = None,
                boxes: tuple[str, ...] = tuple(f"{c}_identified" for c in COLUMNS)) -> dict[str, Any]:
    ids = [i for b in boxes for i in flow.box(b).ids if records is None or i in records]
    by = Counter(flow.sources[i] for i in ids)
    by_source = [{"source": db, "method": method, "n": k}
                 for (method, db), k in sorted(by.items(), key=lambda x: (METHODS.index(x[0][0]), x[0][1]))]
    methods = Counter(flow.sources[i][0] for i in ids)
    return {"total": len(ids),
            "databases_registers": sum(1 for i in ids if flow.record_column[i] == "dbr"),
            "other_methods": sum(1 for i in ids if flow.record_column[i] == "other"),
            "by_method": {m: methods[m] for m in METHODS if methods[m]},
            "by_source": by_source}


def _reasons(flow: Flow, boxes: list[str], labels: Mapping[str, str]) -> dict[str, Any]:
    """Counts per reason; a unit with several reasons counts under each (then `reasons_overlap`)."""
    per_unit = [tuple(flow.box(b).notes.get(i, "").split("; ")) for b in boxes for i in flow.box(b).ids]
    per_unit = [tuple(r for r in reasons if r) or (NO_REASON,) for reasons in per_unit]
    tally = Counter(r for reasons in per_unit for r in reasons)
    order = list(labels)
    ordered = sorted(tally, key=lambda r: (r not in labels, order.index(r) if r in labels else 0, r))
    return {"by_reason": [{"code": r, "label": labels.get(r, ""), "n": tally[r]} for r in ordered],
            "reasons_overlap": any(len(reasons) > 1 for reasons in per_unit),
            "note": "a unit excluded for several reasons is counted under each reason"}


def _column(flow: Flow, column: str, labels: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"records_identified": flow.box(f"{column}_identified").n}
    out.update({step: flow.box(f"{column}_{step}").n for step in STEPS})
    out["reports_excluded_by_reason"] = _reasons(flow, [f"{column}_reports_excluded"], labels)["by_reason"]
    return out


def _by_round(flow: Flow) -> dict[str, Any]:
    """Per round: its records, and the units first found in that round at each later step.

    A round of the previous version (updated review) is not screened in this flow: it gives its records
    (the `previous_version` box) and unique records, and no step counts (they are the previous version's).
    """
    rounds: dict[str, Any] = {}
    for rnd in flow.rounds:
        records = {r for r, x in flow.record_round.items() if x == rnd}
        if rnd in flow.previous_rounds:
            rounds[rnd] = {"records_identified": _identified(flow, records, ("previous_version",)),
                           "previous_version": True,
                           "unique_records_first_found": sum(1 for x in flow.cluster_round.values() if x == rnd)}
            continue
        in_round = lambda *boxes: sum(1 for b in boxes for i in flow.box(b).ids  # noqa: E731
                                      if flow.cluster_round.get(i) == rnd)
        both = lambda step: in_round(*(f"{c}_{step}" for c in COLUMNS))  # noqa: E731
        rounds[rnd] = {
            "records_identified": _identified(flow, records),
            "previous_version": rnd in flow.previous_rounds,
            "unique_records_first_found": sum(1 for c, x in flow.cluster_round.items() if x == rnd),
            **{step: both(step) for step in ("automation_ineligible", "records_screened", "records_excluded", "reports_sought",
                                              "reports_assessed", "reports_excluded", "reports_eligible")},
            "reports_of_included_studies": in_round("reports_of_included_studies"),
        }
    return rounds
