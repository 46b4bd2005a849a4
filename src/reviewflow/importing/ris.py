"""RIS, in every vendor flavour: Ovid, EBSCOhost, ProQuest, Scopus, Embase, WoS, Dimensions, Lens,
EndNote and Zotero re-exports.

Which tag fills which field is the table in ``importing.ris_tags`` (field -> tags, with rispy's table
of known tags). The line reader is written here because rispy's parser gives no line numbers, silently drops a last record without ``ER`` and any text between records, and
joins continuation lines of list tags into one value (EndNote writes one keyword per line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewflow.errors import Notice, fail
from reviewflow.importing.entry import Entry, pick_fields
from reviewflow.importing.markers import database_marker
from reviewflow.importing.notes import SetAside, fix_tag_case
from reviewflow.importing.ris_tags import FIELD_TAGS, KNOWN_TAGS, LIST_CONTINUATION

_OVID_NUMBER = re.compile(r"\s*\d+\.\s*$")  # "3001. " before each Ovid record
_OVID_LINK = "Link to the Ovid Full Text or citation:"


def _ovid_between_records(line: str, tag: str) -> bool:
    """Ovid writes a record number before TY, and NL and a full-text link after ER."""
    return tag == "NL" or bool(_OVID_NUMBER.match(line)) or line.startswith(_OVID_LINK)


def read_ris(text: str, file: str) -> tuple[list[Entry], list[Notice]]:
    """Entries of a RIS text. A tag in the wrong case (``ty  - JOUR``) is read as the tag: such a
    line never matches the fast patterns, so it always lands in a slow path (text between records,
    or a record with lines that carry no tag), which notices it and has the file read again with
    every such tag upper-cased. A file without one is scanned once, at full speed."""
    notices: list[Notice] = []
    padded = "\n" + text  # every line, the first included, now starts after a newline
    try:
        return [_to_entry(line, tags, flags) for line, tags, flags in _records(padded, file, notices)], notices
    except _WrongCase:
        notices = []
        padded = fix_tag_case(padded, _WRONG_CASE, KNOWN_TAGS, "RIS", file, notices)
        return [_to_entry(line, tags, flags) for line, tags, flags in _records(padded, file, notices)], notices


class _WrongCase(Exception):
    """A known tag in the wrong case was seen: read the file again with it fixed."""


def _check_case(line: str) -> None:
    tag = line[:2]
    if line[2:5] == "  -" and not tag.isupper() and tag.upper() in KNOWN_TAGS:
        raise _WrongCase


_PUBMED_SOURCE = re.compile(r"medline|pubmed|\bnlm\b", re.IGNORECASE)


def _to_entry(line: int, tags: dict[str, list[str]], flags: list[str]) -> Entry:
    fields = pick_fields(tags, FIELD_TAGS)
    accession = (fields.get("accession") or [""])[0]
    if accession.isdigit() and _PUBMED_SOURCE.search(" ".join(tags.get("DB", []) + tags.get("DP", []))):
        fields["pmid"] = [accession]
    if "database" not in fields:  # no DB/DP: the record's own platform links or accession number
        marker = database_marker(tags.get("AN", ()), [*tags.get("UR", ()), *tags.get("L2", ())])
        if marker:
            fields["database"] = [marker]
    return Entry(line, fields, flags)


# Both patterns start with a literal newline, which lets the regex engine jump between lines
# (a ^-anchored MULTILINE pattern tries every character and is 8 times slower). ``.*`` stops at
# a newline like ``[^\n]*`` but runs a third faster (no character-set test per character).
_BOUNDARY = re.compile(r"\n(TY|ER)  -(.*)")
_TAG_LINE = re.compile(r"\n([A-Z][A-Z0-9])  -(.*)")
_TAG_START = re.compile(r"\n(?=[A-Z][A-Z0-9]  -)")  # a tagged line, splitting a record's text
# A tag in lower or mixed case ("ty  - JOUR", "Au  - "): hand-edited or re-saved files. It is read
# as the tag when the upper-case form is a tag RIS knows (see read_ris).
_WRONG_CASE = re.compile(r"\n(?:[a-z][A-Za-z0-9]|[A-Z][a-z])(?=  -)")


def _records(padded: str, file: str, notices: list[Notice]) -> Iterator[tuple[int, dict[str, list[str]], list[str]]]:
    """Split RIS text (after a leading newline) into (start line, tag -> values, flags); notices for
    oddities.

    Record boundaries are found with one regex over the whole text and each record's tagged lines
    with another, so most of the work per line is done in C (20,000 records/s rests on it).
    """
    unknown: set[str] = set()
    stray: list[tuple[int, str]] = []
    opened: re.Match[str] | None = None
    line, counted, between, start = 0, 0, 0, 0  # line = number of the line at padded[counted]
    for match in _BOUNDARY.finditer(padded):
        pos = match.start() + 1
        line += padded.count("\n", counted, pos)
        counted = pos
        if opened is None:
            gap_line = line - padded.count("\n", between, pos)
            if match.group(1) == "TY":
                _check_between(padded[between:pos], gap_line, stray)
                opened, start = match, line
            else:  # an ER with no TY before it: tagged lines above it are a record without its TY
                untyped = _untyped_record(padded, between, match.start(), gap_line, line, file, unknown,
                                          stray, notices)
                if untyped is not None:
                    yield untyped
                between = match.end()
            continue
        flags: list[str] = []
        if match.group(1) == "TY":
            notices.append(Notice(file, f"the record starting at line {start} has no 'ER  - ' line; "
                                  "it was taken to end where the next record starts", line=line))
            flags = ["no_end_tag"]
        # The record's lines after TY, each after a newline: read in place, not copied out.
        body = (padded, opened.end(), match.start(), line - start - 1)
        yield start, _tags(body, opened.group(2).strip(), file, start, unknown, stray, notices), flags
        if match.group(1) == "TY":
            opened, start = match, line
        else:
            opened, between = None, match.end()
    if opened is not None:
        for rest in padded[opened.end():].split("\n"):  # its ER may be there, in the wrong case
            _check_case(rest)
        raise fail(file, f"the file ends inside the record starting at line {start} (no 'ER  - ' "
                   "line after it): the export may have been cut short",
                   "export the search again; if the record is complete, add a line 'ER  - ' after it",
                   line=start)
    line += padded.count("\n", counted, between)
    _check_between(padded[between:], line, stray)
    if stray:
        stray.sort()
        notices.append(SetAside(file, f"{len(stray)} line(s) outside any record (not between 'TY  - ' "
                                "and 'ER  - ') were not imported; first at this line",
                                line=stray[0][0], lines=tuple(stray)))


def _untyped_record(padded: str, begin: int, end: int, begin_line: int, er_line: int, file: str,
                    unknown: set[str], stray: list[tuple[int, str]],
                    notices: list[Notice]) -> tuple[int, dict[str, list[str]], list[str]] | None:
    """The tagged lines between the last ER (or the top of the file) and an ER with no TY: a record
    whose TY line is missing (the first record of a file cut at the top, or a hand edit). Kept and
    flagged; text before its first tag is checked as text between records."""
    first = next((m for m in _TAG_LINE.finditer(padded, begin, end) if m.group(1) != "NL"), None)
    if first is None:
        _check_between(padded[begin:end], begin_line, stray)
        return None
    start = begin_line + padded.count("\n", begin, first.start() + 1)
    _check_between(padded[begin:first.start()], begin_line, stray)
    notices.append(Notice(file, f"the record starting at this line has no 'TY  - ' line (it ends at the "
                          f"'ER  - ' of line {er_line}): kept, flagged no_type_tag", line=start))
    body = (padded, first.start(), end, er_line - start)
    # _tags counts lines from the record's TY line: here there is none, so from the line above.
    return start, _tags(body, "", file, start - 1, unknown, stray, notices), ["no_type_tag"]


def _tags(body: tuple[str, int, int, int], ref_type: str, file: str, start: int, unknown: set[str],
          stray: list[tuple[int, str]], notices: list[Notice]) -> dict[str, list[str]]:
    """RIS tag -> values of one record; ``body`` is (text, start, end, number of lines) of its
    lines after the TY line, each starting after a newline. Values are stripped later, by
    ``pick_fields``, for the tags used."""
    text, begin, end, n_lines = body
    pairs = _TAG_LINE.findall(text, begin, end)
    if len(pairs) != n_lines:  # continuation lines (or blank ones): the slow way
        pairs = _continued_pairs(text[begin + 1:end], start, stray)
    tags: dict[str, list[str]] = {"TY": [ref_type]}
    add = tags.setdefault
    for tag, value in pairs:
        add(tag, []).append(value)
    if not tags.keys() <= KNOWN_TAGS:
        for tag in tags.keys() - KNOWN_TAGS - unknown:
            unknown.add(tag)
            record = text[begin:end]
            at = start + record[: record.find(f"\n{tag}  -") + 1].count("\n")
            notices.append(Notice(file, f"unknown RIS tag {tag!r} (first at this line): its values are "
                                  "not imported", line=at))
    return tags


def _continued_pairs(body: str, start: int, stray: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """(tag, value) pairs when some lines carry no tag: they continue the tag before them."""
    pairs: list[tuple[str, str]] = []
    chunks = _TAG_START.split(body)
    if chunks[0][2:5] != "  -":
        for line in chunks[0].split("\n"):
            _check_case(line)
        if chunks[0].strip():
            stray.append((start + 1, chunks[0].split("\n", 1)[0]))  # text right after TY that belongs to no tag
    for chunk in chunks:
        if chunk[2:5] != "  -":
            continue
        _check_case(chunk)  # the first chunk starts at the line after TY, whatever the case of its tag
        tag, raw = chunk[:2], chunk[5:].split("\n")
        for line in raw[1:]:  # a line with a tag in the wrong case is no tag to _TAG_START
            if line[2:5] == "  -":
                _check_case(line)
        lines = [v.strip() for v in raw]
        if tag in LIST_CONTINUATION:  # EndNote: one keyword per line
            pairs += [(tag, v) for v in lines if v] or [(tag, "")]
        else:
            pairs.append((tag, " ".join(v for v in lines if v)))
    return pairs


def _check_between(text: str, line: int, stray: list[tuple[int, str]]) -> None:
    """Lines between records: Ovid's numbers and links are expected; anything else is noted."""
    if not text.strip():
        return
    for offset, between_line in enumerate(text.split("\n")):
        tag = between_line[:2] if between_line[2:5] == "  -" else ""
        if tag:
            _check_case(between_line)
        if between_line.strip() and not _ovid_between_records(between_line, tag):
            stray.append((line + offset, between_line))
