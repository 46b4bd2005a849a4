"""The real extraction sheets the simulation is built around (data/extracted/, transcribed from
the paper): the 183 references, the 92 schemes, scheme-report links, Appendix 3's comments; and
Appendix 3's exclusion marks, which are typed once, as the study-level decisions' reasons
(data/screening/study/reviewer_a.csv: E5 health care only, E6 social care only, E9 no financial
integration, E10 other). The simulation writes the study-level files back with those reasons unchanged.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from reviewflow.errors import fail

# Where Appendix 3's marks are typed (relative to data/extracted/): the study-level decisions.
APPENDIX3_REASONS = Path("..") / "screening" / "study" / "reviewer_a.csv"


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
    reasons: tuple[str, ...]  # exclusion codes (Appendix 3's marks, from the study-level decisions); empty when included
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
    comments = {r["scheme_id"]: r for r in _rows(folder / "excluded_schemes.csv", ("scheme_id", "comments"))}
    decided = {r["id"]: r for r in _rows(folder / APPENDIX3_REASONS, ("id", "decision", "reasons"))}
    schemes = []
    for row in _rows(folder / "schemes.csv", ("scheme_id", "name", "status")):
        sid, included = row["scheme_id"], row["status"] == "included"
        if not included and (sid not in comments or sid not in decided):
            missing = folder / ("excluded_schemes.csv" if sid not in comments else APPENDIX3_REASONS)
            raise fail(str(missing), f"excluded scheme {sid} has no row", "add its Appendix 3 row")
        reasons = tuple(c for c in (decided.get(sid, {}).get("reasons") or "").split(";") if c) if not included else ()
        pointer = f"{row.get('appendix', '')} row {row.get('appendix_row', '')}".strip()
        note = (comments.get(sid, {}).get("comments") or "").strip()
        schemes.append(Scheme(sid, row["name"], included, reasons, note, pointer))
    links = tuple((r["scheme_id"], int(r["ref_id"]))
                  for r in _rows(folder / "scheme_reports.csv", ("scheme_id", "ref_id")))
    known = {r.ref_id for r in refs}
    for n, (sid, ref) in enumerate(links, 2):
        if ref not in known:
            raise fail(str(folder / "scheme_reports.csv"), f"ref_id {ref} is not in references.csv",
                       "fix the ref_id", row=n)
    return Sheets(refs, tuple(schemes), links)
