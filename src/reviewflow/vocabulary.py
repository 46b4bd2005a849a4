"""The words every stage shares, in one place (the spirit of rispy's ``config.py``).

A stage, a schema or a layout that needs one of these words reads it from here; the config schemas
(YAML, static) spell their enums out, and ``tests/test_vocabulary.py`` checks that they equal these.

- identification methods (PRISMA 2020), and which of them make the *databases and registers* column;
- screening decisions: what a person writes, and what a stage's outcome can be;
- stage names: the pipeline's stages in run order, and the screening stages in flow order;
- record kinds: the versions of a work that dedupe keeps apart;
- what the review calls a study (``study_label``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# --- identification methods (config `rounds[].sources[].method`) -------------------------------------
# PRISMA 2020 identification methods, in the order the diagram lists them.
METHODS = ("database", "register", "website", "organisation", "citation_search", "other")
DEFAULT_METHOD = "database"  # a source config does not describe is a database export
# PRISMA 2020's left column ("via databases and registers"); every other method is the right column.
DATABASES_AND_REGISTERS = frozenset({"database", "register"})
OTHER_METHODS = frozenset(m for m in METHODS if m not in DATABASES_AND_REGISTERS)
# How the PRISMA diagram names each method (plural: it heads a count of records).
METHOD_LABELS = {"database": "Databases", "register": "Registers", "website": "Websites",
                 "organisation": "Organisations", "citation_search": "Citation searching",
                 "other": "Other sources"}


def prisma_column(method: str) -> str:
    """The PRISMA column a method's records go down: "dbr" (databases and registers) or "other"."""
    return "dbr" if method in DATABASES_AND_REGISTERS else "other"


# --- screening decisions -----------------------------------------------------------------------------
PERSON_DECISIONS = ("include", "exclude", "unsure")  # what a reviewer can write in a sheet
# What a screening stage's outcome for a unit can be (results/screening/<stage>/outcomes.csv): a
# decision, or not yet one: "pending" (someone has still to decide) or "conflict" (reviewers disagree).
OPEN_OUTCOMES = ("pending", "conflict")
# A record nobody screened because the team stopped screening early on a stopping rule (config
# `screening.stopped_early`): PRISMA 2020's "records marked as ineligible by automation tools".
NOT_SCREENED = "not_screened"
OUTCOME_DECISIONS = ("include", "exclude", NOT_SCREENED, *OPEN_OUTCOMES)
RETRIEVAL = ("retrieved", "not_retrieved", "pending")  # a full text's retrieval status

# --- stage names -------------------------------------------------------------------------------------
PIPELINE_STAGES = ("import", "dedupe", "screening", "prisma", "citations", "tables", "report")  # run order
SCREENING_STAGES = ("title_abstract", "full_text", "study")  # flow order

# --- record kinds (dedupe) ---------------------------------------------------------------------------
# What a record is, as dedupe sees it (``dedupe.versions.kind``): versions of one work that are not
# duplicates of the article.
RECORD_KINDS = ("article", "erratum", "retraction", "conference_abstract", "preprint")
# What `dedupe.keep_apart` can name: every kind but the article, and two relations between records.
KEEP_APART = (*RECORD_KINDS[1:], "series_part", "unmarked_version")


# --- what the review calls a study -------------------------------------------------------------------
@dataclass(frozen=True)
class StudyLabel:
    """What the review calls a study: ``one`` (singular, None when config gives only the plural), ``many``."""

    one: str | None
    many: str


def study_label(value: str | Mapping[str, str] | None) -> StudyLabel:
    """From config ``prisma.study_label``: {one, many}, or a string (the older form: the plural only).
    A singular is never made by cutting a letter ("studies" -> "studie"): without one, the templates
    word the phrase around the plural."""
    if isinstance(value, Mapping):
        return StudyLabel(str(value["one"]), str(value["many"]))
    return StudyLabel(None, value) if value else StudyLabel("study", "studies")
