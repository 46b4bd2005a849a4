"""citations: the review's references out, as RIS and BibTeX for Zotero, EndNote, Mendeley, JabRef.

Three sets, each from the review's own results: the reports of the included studies and of the
excluded studies (the PRISMA ID lists ``results/prisma/boxes/reports_of_{included,excluded}_studies.csv``)
and every unique record (``results/dedupe/unique_records.csv``, one per cluster). A report's fields are
those of its cluster's unique record. Flow: ``load`` (read, check every ID) -> ``ris`` / ``bibtex``
(pure writers). ``export_citations`` writes them all.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from reviewflow.citations.bibtex import to_bibtex
from reviewflow.citations.ris import to_ris
from reviewflow.errors import FIRST_DATA_ROW, fail
from reviewflow.records import Record, read_records

__all__ = ["CITATION_SETS", "FORMATS", "CitationSet", "export_citations", "select_reports", "to_bibtex", "to_ris"]

# Set name -> the PRISMA box listing its reports; None: every unique record.
CITATION_SETS: dict[str, str | None] = {
    "included": "reports_of_included_studies",
    "excluded": "reports_of_excluded_studies",
    "unique": None,
}
FORMATS = {"ris": to_ris, "bib": to_bibtex}


@dataclass(frozen=True)
class CitationSet:
    name: str
    records: tuple[Record, ...]


def select_reports(unique: list[Record], box_csv: str | Path) -> list[Record]:
    """The unique records a PRISMA box lists, in the box's order (its ``id`` column: cluster IDs).

    A listed ID with no unique record means the two files come from different runs: stop, naming it."""
    by_id = {r.record_id: r for r in unique}
    chosen = []
    with open(box_csv, encoding="utf-8", newline="") as handle:
        for row, line in enumerate(csv.DictReader(handle), start=FIRST_DATA_ROW):
            record = by_id.get(line.get("id") or "")
            if record is None:
                raise fail(box_csv, f"report {line.get('id')!r} is not a unique record of the dedupe results",
                           "the ID lists and results/dedupe/unique_records.csv are from different runs: "
                           "rerun the workflow (snakemake) so both are rebuilt", row=row, column="id")
            chosen.append(record)
    return chosen


def citation_sets(unique_csv: str | Path, boxes_dir: str | Path) -> list[CitationSet]:
    unique = read_records(unique_csv)
    return [CitationSet(name, tuple(unique if box is None else select_reports(unique, Path(boxes_dir) / f"{box}.csv")))
            for name, box in CITATION_SETS.items()]


def export_citations(unique_csv: str | Path, boxes_dir: str | Path, outdir: str | Path) -> list[Path]:
    """Write ``<outdir>/<set>.ris`` and ``<set>.bib`` for every set (UTF-8, LF); returns the paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for citations in citation_sets(unique_csv, boxes_dir):
        for ext, write in FORMATS.items():
            path = out / f"{citations.name}.{ext}"
            path.write_text(write(list(citations.records)), encoding="utf-8", newline="\n")
            written.append(path)
    return written
