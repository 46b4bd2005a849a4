"""Web of Science tagged plain text (``.ciw``, "Plain text file"), Zoological Record included.

``FN``/``VR`` header, records from ``PT`` to ``ER``, ``EF`` at the end; a tag is two characters
and a space, a wrapped value continues on lines starting with three spaces. For list tags (authors)
each continuation line is a further value. Tag names come from rispy's WoS table.
"""

from __future__ import annotations

import rispy

from reviewflow.errors import Notice, fail
from reviewflow.importing.entry import Entry, pick_fields
from reviewflow.importing.notes import SetAside, case_notice

# Zoological Record and newer WoS fields that rispy 0.10 does not name.
EXTRA_TAGS = frozenset("AN TN ST PS OR BD KW ZS ZR ZB Z8 ZA U1 U2 NT AW EM DA C3 WE PM HO UR".split())
KNOWN_TAGS = frozenset(rispy.config.WOK_TAG_KEY_MAPPING) | EXTRA_TAGS
LIST_TAGS = frozenset(rispy.config.WOK_LIST_TYPE_TAGS) | {"BE"}
HEADER_TAGS = frozenset({"FN", "VR", "EF"})
RECORD_TAGS = KNOWN_TAGS - HEADER_TAGS - {"PT", "ER"}  # tags that can only be inside a record
ALL_TAGS = KNOWN_TAGS | HEADER_TAGS | {"PT", "ER"}

FIELDS = {
    "title": ("TI",),
    "authors": ("AF", "AU", "CA", "GP"),
    "year": ("PY", "PD", "EY", "EA"),
    "journal": ("SO", "SE"),
    "volume": ("VL",),
    "issue": ("IS",),
    "pages": ("PS",),  # Zoological Record: "1-15"
    "pages_start": ("BP", "AR"),  # article number when there are no pages
    "pages_end": ("EP",),
    "doi": ("DI", "D2"),
    "pmid": ("PM",),
    "issn": ("SN", "EI"),
    "isbn": ("BN",),
    "abstract": ("AB",),
    "keywords": ("keywords",),  # DE then ID, split on ";" below
    "language": ("LA",),
    "pub_type": ("DT", "PT"),
    "accession": ("UT",),
}


def read_wos(text: str, file: str) -> tuple[list[Entry], list[Notice]]:
    entries: list[Entry] = []
    notices: list[Notice] = []
    unknown: set[str] = set()
    stray: list[tuple[int, str]] = []
    tags: dict[str, list[str]] | None = None
    last: list[str] | None = None
    last_tag = ""
    start = 0
    recased: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("   ") and last is not None:
            if last_tag in LIST_TAGS:
                last.append(line.strip())
            else:
                last[-1] = f"{last[-1]} {line.strip()}"
            continue
        tag, value = line[:2], line[3:].strip()
        if tag not in ALL_TAGS and line[2:3] in (" ", "") and tag.upper() in ALL_TAGS:  # "pt J": the tag
            recased.append((number, tag))
            tag = tag.upper()
        if tag == "PT" and tags is not None and "PT" not in tags:  # the untyped record ends here
            entries.append(Entry(start, _named(tags), ["no_type_tag", "no_end_tag"]))
            tags = None
        if tags is None:
            if tag == "PT" or (tag in RECORD_TAGS and line[2:3] == " "):
                tags, start = {tag: [value]}, number
                last, last_tag = tags[tag], tag
                if tag != "PT":  # tagged lines ending in ER are a record, its PT line lost
                    notices.append(Notice(file, "the record starting at this line has no 'PT' line: kept, "
                                          "flagged no_type_tag", line=number))
            elif line.strip() and tag not in HEADER_TAGS:
                stray.append((number, line))
            continue
        if tag == "ER":
            entries.append(Entry(start, _named(tags), [] if "PT" in tags else ["no_type_tag"]))
            tags, last = None, None
            continue
        if not line.strip():
            continue
        if not (tag.isalnum() and tag.isupper() and line[2:3] in (" ", "")):
            stray.append((number, line))
            continue
        if tag not in KNOWN_TAGS and tag not in unknown:
            unknown.add(tag)
            notices.append(Notice(file, f"unknown Web of Science tag {tag!r} (first at this line): "
                                  "its values are not imported", line=number))
        last, last_tag = tags.setdefault(tag, []), tag
        last.append(value)
    if tags is not None:
        raise fail(file, f"the file ends inside the record starting at line {start} (no 'ER' line "
                   "after it): the export may have been cut short",
                   "export the records again; if the record is complete, add a line 'ER' after it",
                   line=start)
    if recased:
        notices.append(case_notice(file, "Web of Science", len(recased), *recased[0]))
    if stray:
        notices.append(SetAside(file, f"{len(stray)} line(s) outside any record or not 'TAG value' "
                                "were not imported; first at this line", line=stray[0][0], lines=tuple(stray)))
    return entries, notices


def _named(tags: dict[str, list[str]]) -> dict[str, list[str]]:
    tags["keywords"] = [k for v in tags.get("DE", []) + tags.get("ID", []) for k in v.split(";")]
    fields = pick_fields(tags, FIELDS)
    zoorec = fields.get("accession", [""])[0].startswith("ZOOREC:")
    fields["database"] = ["Zoological Record" if zoorec else "Web of Science"]
    return fields
