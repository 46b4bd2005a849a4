"""Column names of CSV exports -> Record fields (data, asreview-style; matched case-insensitively).

The first alias found in a file's header wins, in the order listed. Add a column name here when a
database writes one we do not know yet; ``docs/import.md`` lists them.
"""

from __future__ import annotations

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "article title", "document title", "primary title", "ti", "t1"),
    "authors": ("author full names", "authors", "author", "author names", "au", "af", "a1"),
    "year": ("year", "publication year", "py", "pubyear", "year published", "date", "publication date", "dp"),
    "journal": ("journal", "source title", "journal title", "publication title", "secondary title",
                "journal/book", "so", "jo", "jf", "t2"),
    "volume": ("volume", "vl", "vi"),
    "issue": ("issue", "number", "is", "ip", "no"),
    "pages": ("pages", "page", "pg", "page range"),
    "pages_start": ("page start", "start page", "bp", "sp"),
    "pages_end": ("page end", "end page", "ep"),
    "doi": ("doi", "do", "di"),
    "pmid": ("pmid", "pubmed id", "pm"),
    "issn": ("issn", "sn", "eissn"),
    "isbn": ("isbn", "bn"),
    "abstract": ("abstract", "abstract note", "ab"),
    "keywords": ("keywords", "author keywords", "index keywords", "manual tags", "kw", "de"),
    "language": ("language", "language of original document", "la"),
    "pub_type": ("document type", "publication type", "item type", "type", "entrytype", "pt", "ty"),
    "url": ("url", "link", "open url link"),
    "accession": ("accession number", "eid", "ut", "an", "ut (unique wos id)"),
    "database": ("database", "db", "source database"),
}
# A column holding the file's own record ID, kept as record_id (dedup benchmarks, our own tables).
ID_COLUMNS = ("id", "record_id")
# What R, Excel and some databases write for "no value".
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none"})


def map_header(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Field -> column index for the columns we know, and the column names left unused."""
    index = {name.strip().lower(): i for i, name in reversed(list(enumerate(header)))}
    mapping: dict[str, int] = {}
    for field, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in index and index[alias] not in mapping.values():
                mapping[field] = index[alias]
                break
    used = set(mapping.values()) | {index[c] for c in ID_COLUMNS if c in index}
    unused = [name for i, name in enumerate(header) if i not in used and name.strip()]
    return mapping, unused
