"""The real extraction sheets the simulation is built around (data/extracted/, transcribed from
the paper): the 183 references, the 92 schemes, Appendix 3's exclusion marks, scheme-report links.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from reviewflow.errors import fail

# Appendix 3 column -> screening criterion code (config screening.criteria).
MARK_CODES = (("health_care_only", "E5"), ("social_care_only", "E6"),
              ("no_financial_integration", "E9"), ("other", "E10"))


@dataclass(frozen=True)
class Reference:
    ref_id: int
    authors: tuple[str, ...]  # as printed: "Surname Initials" or a corporate author
    year: str
    title: str
    source: str
    volume: str
    issue: str
    pages: str
    ref_type: str
    doi: str
    url: str


@dataclass(frozen=True)
class Scheme:
    scheme_id: str  # S01-S38 included, X01-X54 excluded
    name: str
    included: bool
    reasons: tuple[str, ...]  # exclusion codes from Appendix 3's marks; empty when included
    comments: str
    pointer: str = ""  # where the paper lists it, e.g. "Appendix 3 row 28"


@dataclass(frozen=True)
class Sheets:
    references: tuple[Reference, ...]
    schemes: tuple[Scheme, ...]
    links: tuple[tuple[str, int], ...]  # (scheme_id, ref_id), as in scheme_reports.csv


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise fail(str(path), "the extraction sheet is missing",
                   "restore it from git (data/extracted/ holds the real sheets the example is built on)")
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise fail(str(path), f"columns missing: {', '.join(missing)}",
                       "use the columns documented in data/extracted/README.md", line=1)
        return list(reader)


def read_sheets(folder: Path) -> Sheets:
    refs = tuple(
        Reference(int(r["ref_id"]), tuple(a.strip() for a in r["authors"].split(";") if a.strip()),
                  r["year"], r["title"], r["source"], r["volume"], r["issue"], r["pages"],
                  r["ref_type"], r["doi"], r["url"])
        for r in _rows(folder / "references.csv", ("ref_id", "authors", "year", "title", "source", "volume",
                                                   "issue", "pages", "ref_type", "doi", "url")))
    marks = {r["scheme_id"]: r for r in _rows(
        folder / "excluded_schemes.csv", ("scheme_id", *(m for m, _ in MARK_CODES), "comments"))}
    schemes = []
    for row in _rows(folder / "schemes.csv", ("scheme_id", "name", "status")):
        sid, included = row["scheme_id"], row["status"] == "included"
        mark = marks.get(sid, {})
        if not included and not mark:
            raise fail(str(folder / "excluded_schemes.csv"), f"excluded scheme {sid} has no row",
                       "add its Appendix 3 marks")
        reasons = tuple(code for col, code in MARK_CODES if (mark.get(col) or "").strip().lower() == "x")
        pointer = f"{row.get('appendix', '')} row {row.get('appendix_row', '')}".strip()
        schemes.append(Scheme(sid, row["name"], included, reasons, (mark.get("comments") or "").strip(), pointer))
    links = tuple((r["scheme_id"], int(r["ref_id"]))
                  for r in _rows(folder / "scheme_reports.csv", ("scheme_id", "ref_id")))
    known = {r.ref_id for r in refs}
    for n, (sid, ref) in enumerate(links, 2):
        if ref not in known:
            raise fail(str(folder / "scheme_reports.csv"), f"ref_id {ref} is not in references.csv",
                       "fix the ref_id", row=n)
    return Sheets(refs, tuple(schemes), links)
