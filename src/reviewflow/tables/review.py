"""One review's extraction, read and checked once, with the tables and charts it declares."""

from __future__ import annotations

from dataclasses import dataclass

from reviewflow.tables.build import build_tables
from reviewflow.tables.codebook import load_codebook
from reviewflow.tables.declare import Declarations, Settings, load_declarations
from reviewflow.tables.model import Table
from reviewflow.tables.sheets import Extraction, load_extraction


@dataclass(frozen=True)
class Review:
    """One review's extraction, read and checked, with what it declares."""

    settings: Settings
    extraction: Extraction | None  # None: the review has no codebook
    declared: Declarations

    def tables(self) -> list[Table]:
        if self.extraction is None:
            return []
        return build_tables(self.extraction, self.declared, self.settings)


def load_review(settings: Settings) -> Review:
    """Codebook, declarations (checked before any sheet is read) and the sheets themselves."""
    if not settings.codebook:
        return Review(settings, None, Declarations(""))
    codebook = load_codebook(settings.codebook)
    declared = (load_declarations(settings.declarations, codebook, settings) if settings.declarations
                else Declarations(""))
    return Review(settings, load_extraction(codebook, settings.extracted, settings.decisions), declared)
