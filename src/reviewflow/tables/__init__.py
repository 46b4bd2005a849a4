"""tables: a review's extraction sheets -> the tables and charts it declares, and the claims check.

Flow: ``codebook.load_codebook`` (the review's fields) -> ``sheets.load_extraction`` (read + check) ->
``declare.load_declarations`` (the review's tables and charts, checked against the codebook) ->
``build.build_tables`` (pure) -> ``render`` (one writer per format) and ``reviewflow.charts``;
``reviewflow.claims`` recomputes the numbers the review's text asserts. The functions here are the
stage's entry points (CLI and workflow scripts); a review that declares nothing gets nothing, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewflow.tables.build import build_tables
from reviewflow.tables.codebook import Codebook, load_codebook
from reviewflow.tables.declare import (Declarations, Outputs, Settings, declared_outputs, load_declarations,
                                       settings_from_param, settings_param, stage_settings)
from reviewflow.tables.model import Column, Table
from reviewflow.tables.render import FORMATS, write_table
from reviewflow.tables.sheets import Extraction, load_extraction

__all__ = ["FORMATS", "Codebook", "Column", "Declarations", "Extraction", "Outputs", "Review", "Settings", "Table",
           "build_tables", "declared_outputs", "load_codebook", "load_declarations", "load_extraction",
           "load_review", "make_charts", "make_claims", "make_tables", "settings_from_param", "settings_param",
           "stage_settings", "write_table"]


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


def make_tables(settings: Settings, out: str | Path) -> list[Path]:
    """Every declared table in every format of ``settings.formats``; nothing declared, nothing written."""
    tables = load_review(settings).tables()
    return [path for table in tables for path in write_table(table, out, settings.formats, settings.paper)]


def make_charts(settings: Settings, out: str | Path) -> list[Path]:
    review = load_review(settings)
    if not review.declared.charts:
        return []
    from reviewflow.charts import draw_charts  # matplotlib only when charts are drawn

    return draw_charts(review.declared, review.tables(), review.extraction, settings, out)


def make_claims(settings: Settings, claims_file: str | Path, out_csv: str | Path) -> list:
    from reviewflow.claims import check_claims, dataset, load_claims, results_csv

    review = load_review(settings)
    codes = tuple(code for code, _ in settings.criteria)
    data = dataset(review.extraction, codes) if review.extraction is not None else {}
    results = check_claims(load_claims(claims_file), data, str(claims_file))
    Path(out_csv).parent.mkdir(parents=True, exist_ok=True)
    Path(out_csv).write_text(results_csv(results), encoding="utf-8", newline="\n")
    return results
