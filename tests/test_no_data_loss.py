"""No record is lost on the way: counted in the raw exports independently of the importer, every one
imported, and every one ending in exactly one terminal PRISMA box (docs/prisma.md, "Checks").

Complements test_workflow.py (human files unchanged, byte-identical reruns) on the same example run.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.workflow

# The boxes where a unit's path through the flow ends (docs/prisma.md); each column has its own.
TERMINAL_STEPS = ("duplicates", "records_excluded", "records_awaiting", "reports_not_retrieved",
                  "reports_excluded", "reports_awaiting")
TERMINAL_SHARED = ("reports_of_included_studies", "reports_of_excluded_studies", "reports_awaiting_study",
                   "previous_version")
RAW_RECORD_BOXES = ("duplicates", "previous_version")  # boxes of raw record IDs; the others hold clusters

# How a record starts in each format, counted with nothing but a regular expression per format.
RECORD_START = {
    ".ris": re.compile(r"^TY  -", re.M),
    ".txt": re.compile(r"^PT ", re.M),  # Web of Science tagged
    ".nbib": re.compile(r"^PMID-", re.M),
    ".bib": re.compile(r"^@(?!comment|string|preamble)\w+\s*\{", re.M | re.I),
    ".xml": re.compile(r"<record>"),
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_count(path: Path) -> int:
    if path.suffix == ".csv":
        return sum(1 for row in read_csv(path) if any(v.strip() for v in row.values() if v))
    return len(RECORD_START[path.suffix].findall(path.read_text(encoding="utf-8-sig", errors="replace")))


def export_files(root: Path) -> list[Path]:
    config = yaml.safe_load((root / "config/config.yaml").read_text(encoding="utf-8"))
    return [p for r in config["rounds"] for p in sorted((root / r["folder"]).iterdir())
            if p.is_file() and p.suffix in {*RECORD_START, ".csv"}]


def test_every_raw_record_is_imported(example_run):
    imported = Counter(r["source_file"] for r in read_csv(example_run / "results/import/records.csv"))
    raw = {str(p.relative_to(example_run)): raw_count(p) for p in export_files(example_run)}
    assert raw and all(raw.values()), raw
    assert dict(imported) == raw
    assert sum(imported.values()) == sum(raw.values())


def test_every_record_ends_in_exactly_one_terminal_box(example_run):
    results = example_run / "results"
    records = [r["record_id"] for r in read_csv(results / "import/records.csv")]
    assert len(records) == len(set(records)), "record IDs are unique"
    cluster_of = {r["record_id"]: r["cluster_id"] for r in read_csv(results / "dedupe/clusters.csv")}
    assert set(cluster_of) == set(records), "every record has a cluster"
    members: dict[str, list[str]] = {}
    for record, cluster in cluster_of.items():
        members.setdefault(cluster, []).append(record)

    boxes = {p.stem: [r["id"] for r in read_csv(p)] for p in sorted((results / "prisma/boxes").glob("*.csv"))}
    terminal = [f"{c}_{s}" for c in ("dbr", "other") for s in TERMINAL_STEPS] + list(TERMINAL_SHARED)
    assert set(terminal) <= set(boxes), sorted(set(terminal) - set(boxes))

    ends: dict[str, list[str]] = {r: [] for r in records}
    cluster_box: dict[str, list[str]] = {}
    for name in terminal:
        for unit in boxes[name]:
            if name.endswith(RAW_RECORD_BOXES):
                ends[unit].append(name)  # a KeyError here is an ID that is not a record
            else:
                cluster_box.setdefault(cluster_of.get(unit, unit), []).append(name)
    assert {c: b for c, b in cluster_box.items() if len(b) != 1} == {}, "a cluster ends in one box"
    previous = set(boxes["previous_version"])
    unplaced = [c for c in members if c not in cluster_box and not set(members[c]) <= previous]
    assert unplaced == [], "every cluster of this version ends in a box"
    for cluster, (name,) in cluster_box.items():
        carriers = [m for m in members[cluster] if not ends[m]]
        assert len(carriers) == 1, f"cluster {cluster} in {name}: one member carries it, the rest are duplicates"
        ends[carriers[0]].append(name)
    assert {r: b for r, b in ends.items() if len(b) != 1} == {}
    assert sum(len(b) for b in ends.values()) == len(records)
