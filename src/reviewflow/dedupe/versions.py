"""Which kind of publication a record is: versions of one work that are *not* duplicates.

An erratum, a retraction notice, a conference abstract and a preprint share title and authors with
the article they belong to, but a review counts them apart (PRISMA: they are different records,
and a conference abstract is often a different report of the study). Parts of a series differ only
by their number (``normalise.title_numbers``).
"""

from __future__ import annotations

import re

from reviewflow.records import Record
from reviewflow.vocabulary import RECORD_KINDS as KINDS

_ERRATUM = re.compile(r"^\W*(?:erratum|errata|corrigendum|correction|publisher'?s? note|addendum)\b", re.I)
_RETRACTION = re.compile(r"^\W*(?:retraction|retracted|notice of retraction|withdrawn)\b", re.I)
_CONFERENCE_TYPE = re.compile(r"conference|proceeding|meeting|congress|abstract|poster|symposium|\bconf\b|"
                              r"\babst\b|\bcpaper\b", re.I)
_CONFERENCE_SOURCE = re.compile(r"\b(?:proceedings|conference|congress|meeting|symposium|abstracts)\b", re.I)
_SUPPLEMENT = re.compile(r"supp|meeting|abstracts?\b", re.I)  # issue "Suppl 1", "Meeting Abstracts"
_PREPRINT_SOURCE = re.compile(r"\b(?:biorxiv|medrxiv|arxiv|ssrn|research ?square|preprints?|chemrxiv|"
                              r"psyarxiv|socarxiv|osf preprints)\b", re.I)
_PREPRINT_DOI = re.compile(r"^10\.(?:1101/\d{4}\.\d\d\.\d\d|21203/rs\.|48550/|2139/ssrn|20944/preprints|"
                           r"31234/osf\.io|26434/chemrxiv)")


def kind(record: Record) -> str:
    """One of KINDS, from the title, the publication type, the source and the DOI."""
    if _RETRACTION.search(record.title) or "retraction" in record.pub_type.lower():
        return "retraction"
    if _ERRATUM.search(record.title) or re.search(r"errat|correction", record.pub_type, re.I):
        return "erratum"
    if (_PREPRINT_DOI.search(record.doi) or _PREPRINT_SOURCE.search(record.journal)
            or "preprint" in record.pub_type.lower()):
        return "preprint"
    if (_CONFERENCE_TYPE.search(record.pub_type) or _CONFERENCE_SOURCE.search(record.journal)
            or _SUPPLEMENT.search(record.issue) or _SUPPLEMENT.search(record.volume)):
        return "conference_abstract"
    return "article"
