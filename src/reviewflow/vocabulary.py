"""The words every stage shares, in one place: what the review calls a study.

(``prisma.study_label`` in config: ``{one: scheme, many: schemes}``, or the older plural-only string.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


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
