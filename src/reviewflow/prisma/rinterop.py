"""results/prisma/PRISMA.csv: our counts in the PRISMA2020 R package's data template format.

A team can load it in that package's Shiny app (or ``PRISMA2020::PRISMA_data``) to draw the diagram
there. The rows are ours (``r_nodes.yaml``); the numbers come from the flow. The template has no
study-level step and no boxes for undecided units, so for its report-exclusion boxes the reports that
do not reach an included study are listed as extra reasons ("Report of an excluded study", "Awaiting
a decision"): then its arithmetic (assessed - excluded = reports of included studies) still closes.
Reports still awaiting retrieval have no box there either and are not counted as not retrieved (they
may yet be): until they are retrieved, its sought - not retrieved exceeds its assessed by that number
(``reports_awaiting_retrieval`` in counts.json), and the diagram is provisional.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from reviewflow.prisma.flow import Flow

R_COLUMNS = ("data", "node", "box", "description", "boxtext", "tooltips", "url", "n")
NODES_FILE = Path(__file__).with_name("r_nodes.yaml")
OTHER_METHOD_SLOT = {"website": "website_results", "organisation": "organisation_results",
                     "citation_search": "citations_results", "other": "organisation_results"}


@cache
def r_nodes() -> tuple[dict[str, str], ...]:
    with open(NODES_FILE, encoding="utf-8") as handle:
        return tuple(yaml.safe_load(handle))


def r_values(flow: Flow, labels: Mapping[str, str]) -> dict[str, str]:
    """data key -> the `n` cell: a number, or a "Name, n; Name, n" list."""
    values: dict[str, str] = {}
    for method in ("database", "register"):
        by = _by_source(flow, "dbr_identified", method)
        values[f"{method}_results"] = str(sum(by.values()))
        values[f"{method}_specific_results"] = "; ".join(f"{_clean(k)}, {v}" for k, v in by.items())
    for slot in set(OTHER_METHOD_SLOT.values()):
        values[slot] = str(sum(sum(_by_source(flow, "other_identified", m).values())
                               for m, s in OTHER_METHOD_SLOT.items() if s == slot))
    n = lambda name: str(flow.box(name).n)  # noqa: E731
    values.update({
        "duplicates": n("dbr_duplicates"), "excluded_automatic": n("dbr_automation_ineligible"), "excluded_other": "0",
        "records_screened": n("dbr_records_screened"), "records_excluded": n("dbr_records_excluded"),
        "dbr_sought_reports": n("dbr_reports_sought"), "dbr_notretrieved_reports": n("dbr_reports_not_retrieved"),
        "other_sought_reports": n("other_reports_sought"),
        "other_notretrieved_reports": n("other_reports_not_retrieved"),
        "dbr_assessed": n("dbr_reports_assessed"), "dbr_excluded": _excluded(flow, "dbr", labels),
        "other_assessed": n("other_reports_assessed"), "other_excluded": _excluded(flow, "other", labels),
        "new_studies": n("new_studies" if flow.updated else "studies_included"),
        "new_reports": n("new_reports" if flow.updated else "reports_of_included_studies"),
        "total_studies": n("total_studies" if flow.updated else "studies_included"),
        "total_reports": n("total_reports" if flow.updated else "reports_of_included_studies"),
        "previous_studies": n("previous_studies") if flow.updated else "0",
        "previous_reports": n("previous_reports") if flow.updated else "0",
        "total_studies_ma": "0", "total_reports_ma": "0",  # not known to reviewflow: no meta-analysis data
    })
    return values


def prisma_csv(flow: Flow, labels: Mapping[str, str]) -> str:
    values = r_values(flow, labels)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(R_COLUMNS)
    for node in r_nodes():
        writer.writerow(_row(node, values, set(flow.boxes)))
    return out.getvalue()


def _row(node: Mapping[str, Any], values: Mapping[str, str], boxes: set[str]) -> list[str]:
    data, ours = str(node["data"]), node.get("ours")
    ours = ours if ours in boxes else None
    text = node["boxtext"]
    if data == "NA" or data in ("identification", "screening", "included"):
        return [data, node["node"], node["box"], f"Title box; {text}", text, text, "NA", "0"]
    description = f"{text} (reviewflow box {ours})" if ours else f"{text} (no such box in this review)"
    url = f"boxes/{ours}.csv" if ours else "NA"
    return [data, node["node"], node["box"], description, text, text, url, values[data]]


def _by_source(flow: Flow, box: str, method: str) -> dict[str, int]:
    tally = Counter(flow.sources[i][1] for i in flow.box(box).ids if flow.sources[i][0] == method)
    return dict(sorted(tally.items()))


def _excluded(flow: Flow, column: str, labels: Mapping[str, str]) -> str:
    """"Reason, n; ..." for a column: full-text reasons, then reports that reach no included study."""
    box = flow.box(f"{column}_reports_excluded")
    tally = Counter(r for i in box.ids for r in (box.notes.get(i, "").split("; ")) if r)
    unexplained = sum(1 for i in box.ids if not box.notes.get(i))
    parts = [(labels.get(code) or code, k) for code, k in sorted(tally.items())]
    eligible = flow.ids(f"{column}_reports_eligible")
    parts += [
        ("No reason recorded", unexplained),
        ("Awaiting a full-text decision", flow.box(f"{column}_reports_awaiting").n),
        ("Report of an excluded study", len(eligible & flow.ids("reports_of_excluded_studies"))),
        ("Awaiting a study decision", len(eligible & flow.ids("reports_awaiting_study"))),
    ]
    return "; ".join(f"{_clean(name)}, {k}" for name, k in parts if k) or "0"


def _clean(text: str) -> str:
    """The template separates items with ';' and names from numbers with ',': keep them out of names."""
    return text.replace(";", " ").replace(",", " ").strip()
