"""PubMed MEDLINE format (``.nbib``, "Save > PubMed format"): ``TAG - value``, tag padded to 4.

Records start with ``PMID-`` and are separated by blank lines; long values wrap onto lines that
start with six spaces. There is no end tag, so a cut-short file cannot be told from a whole one.
"""

from __future__ import annotations

from reviewflow.errors import Notice
from reviewflow.importing.entry import Entry, pick_fields
from reviewflow.importing.notes import SetAside, case_notice

# Tags of the MEDLINE format (https://www.nlm.nih.gov/bsd/mms/medlineelements.html) we read or
# knowingly skip; any other tag gets a notice.
FIELDS = {
    "title": ("TI", "BTI"),
    "authors": ("FAU", "AU", "CN"),  # full names when PubMed has them
    "year": ("DP", "DEP"),
    "journal": ("JT", "TA"),
    "volume": ("VI",),
    "issue": ("IP",),
    "pages": ("PG",),
    "doi": ("doi",),  # the LID/AID values marked [doi], collected below
    "pmid": ("PMID",),
    "issn": ("IS",),
    "isbn": ("ISBN",),
    "abstract": ("AB",),
    "keywords": ("keywords",),  # MH then OT, collected below
    "language": ("LA",),
    "pub_type": ("PT",),
    "accession": ("PMC",),
}
OTHER_TAGS = frozenset(
    "OWN STAT DCOM LR IS VI IP DP TI PG LID AB AD AU AUID FAU LA GR PT DEP PL TA JT JID RN SB MH "
    "OTO OT EDAT MHDA CRDT PHST AID PST SO PMC MID COIS CIN CON EIN EFR ROF RIN RPF RPI UIN UOF "
    "ORI CI CN ED FED GN GS IR FIR IRAD ISBN BTI CTI CP EN PB PUBM SFM SI TT VTI ECI ECF CRI CRF "
    "DRIN DDIN SPIN OID OAB OABL MHDA NM PS FPS OCI PRIN PROF RF PMCR DA".split()  # NLM's MEDLINE/PubMed elements
)
KNOWN_TAGS = OTHER_TAGS | {"PMID"}


def read_pubmed(text: str, file: str) -> tuple[list[Entry], list[Notice]]:
    entries: list[Entry] = []
    notices: list[Notice] = []
    unknown: set[str] = set()
    tags: dict[str, list[str]] | None = None
    last: list[str] | None = None
    stray: list[tuple[int, str]] = []
    recased: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("      ") and last is not None:  # continuation
            last[-1] = f"{last[-1]} {line.strip()}"
            continue
        if not line.strip():
            last = None
            tags = None  # a blank line ends a record: the next tag line starts one, PMID or not
            continue
        if line[4:6] != "- ":
            stray.append((number, line))
            continue
        tag = line[:4].rstrip()
        if tag not in KNOWN_TAGS and tag.upper() in KNOWN_TAGS:  # "pmid- 1", "Ti  - ": read as the tag
            recased.append((number, tag))
            tag = tag.upper()
        if tag == "PMID" or tags is None:
            if tag != "PMID":
                notices.append(Notice(file, f"a record starts without a PMID line (first tag {tag!r}); it is "
                                      "kept without a PubMed ID", line=number))
            tags = {}
            entries.append(Entry(number, {}))
            entries[-1].fields = tags  # filled in place, named below
        if tag != "PMID" and tag not in OTHER_TAGS and tag not in unknown:
            unknown.add(tag)
            notices.append(Notice(file, f"unknown MEDLINE tag {tag!r} (first at this line): its values "
                                  "are not imported", line=number))
        last = tags.setdefault(tag, [])
        last.append(line[6:].strip())
    for entry in entries:
        entry.fields = _named(entry.fields)
    if recased:
        notices.append(case_notice(file, "MEDLINE", len(recased), *recased[0]))
    if stray:
        notices.append(SetAside(file, f"{len(stray)} line(s) that are neither 'TAG - value' nor a "
                                "continuation were not imported; first at this line", line=stray[0][0],
                                lines=tuple(stray)))
    return entries, notices


def _named(tags: dict[str, list[str]]) -> dict[str, list[str]]:
    tags["doi"] = [v for v in tags.get("LID", []) + tags.get("AID", []) if v.endswith("[doi]")]
    tags["keywords"] = tags.get("MH", []) + tags.get("OT", [])
    fields = pick_fields(tags, FIELDS)
    fields["database"] = ["PubMed/MEDLINE"]
    return fields
