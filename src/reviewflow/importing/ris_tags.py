"""The RIS tag table: which tag fills which record field. Data only, read by the RIS reader
(``importing.ris``) and the RIS writer (``citations.ris``), so a file reviewflow writes imports back
into the same fields.

rispy is used for what it does well: its table of the tags RIS defines (``rispy.TAG_KEY_MAPPING``,
tag -> rispy's key name) tells a known tag from an unknown one, and its writer (which speaks rispy's
key names) writes the citation files. Which tag a field is read from, and in which order of
preference, is reviewflow's choice and is spelled out here in tags.
"""

from __future__ import annotations

import rispy

# Record field -> RIS tags, in order of preference: the first of them a record has fills the field.
FIELD_TAGS: dict[str, tuple[str, ...]] = {
    "title": ("T1", "TI"),                    # primary title; title
    "authors": ("AU", "A1"),                  # authors; first authors
    "year": ("PY", "Y1", "DA"),               # publication year; primary date; date
    "journal": ("JF", "T2", "JO", "JA", "J2"),  # full journal name; secondary title; journal name; abbreviations
    "volume": ("VL",),
    "issue": ("IS",),
    "pages_start": ("SP",),
    "pages_end": ("EP",),
    "doi": ("DO", "L3"),                      # DOI; related records (EBSCOhost puts the DOI there)
    "issn": ("SN", "EI"),                     # ISSN/ISBN; electronic ISSN (WoS)
    "isbn": ("BN",),
    "abstract": ("AB", "N2"),                 # abstract; abstract as notes (Ovid, EBSCOhost)
    "keywords": ("KW",),
    "language": ("LA",),
    "pub_type": ("TY",),                      # type of reference
    "url": ("UR", "L2"),                      # URL; full-text link (Ovid)
    "accession": ("AN", "ID", "U2"),          # accession number; reference ID (Ovid); user field 2 (Embase)
    "database": ("DB", "DP"),                 # name of database; database provider
}

# Tags seen in real exports that rispy 0.10 does not name (RIS spec, Ovid, WoS, Zotero), with a key
# name in rispy's style.
EXTRA_TAGS = {
    "U1": "user_definable1", "U2": "user_definable2", "U3": "user_definable3",
    "U4": "user_definable4", "U5": "user_definable5", "M2": "miscellaneous2",
    "L3": "related_records", "Y3": "date3", "ED": "editor", "CT": "caption_title",
    "BT": "book_title", "CP": "city_or_place", "H1": "library", "H2": "call_number2",
    "RT": "reference_type", "SV": "series_volume", "NL": "nlm_abbreviation",  # Ovid
    "AI": "author_identifiers", "XT": "ovid_extra", "LK": "website_link",  # Ovid, Zotero
    # Web of Science written as RIS keeps some WoS tags.
    "WE": "wos_edition", "PU": "publisher_wos", "PI": "publisher_city_wos",
    "PA": "publisher_address_wos", "J9": "journal_abbreviation_29", "JI": "journal_iso",
    "FU": "funding", "FX": "funding_text", "EI": "eissn", "BN": "isbn", "OI": "orcid",
}
TAG_KEYS: dict[str, str] = {**rispy.TAG_KEY_MAPPING, **EXTRA_TAGS}  # tag -> rispy key name
KNOWN_TAGS = frozenset(TAG_KEYS)

# The same table in rispy's key names, for rispy's writer (citations.ris).
FIELDS: dict[str, tuple[str, ...]] = {name: tuple(TAG_KEYS[tag] for tag in tags) for name, tags in FIELD_TAGS.items()}

# A line without a tag continues the previous tag; for these it is a new value (EndNote).
LIST_CONTINUATION = frozenset({"KW", "N1", "AU", "A1"})
