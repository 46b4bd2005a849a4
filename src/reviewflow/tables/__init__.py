"""tables: a review's extraction sheets -> the tables and charts it declares, and the claims check.

Flow: ``codebook.load_codebook`` (the review's fields) -> ``sheets.load_extraction`` (read + check) ->
``declare.load_declarations`` (the review's tables and charts, checked against the codebook) ->
``build.build_tables`` (pure) -> ``render`` (one writer per format). ``review.load_review`` reads all of
it once; ``reviewflow.charts.make_charts`` draws the declared charts and ``reviewflow.claims.make_claims``
recomputes the numbers the review's text asserts, both from a loaded review (they import tables; tables
imports neither). ``make_tables`` is the stage's entry point for tables (CLI and workflow scripts); a
review that declares nothing gets nothing, not an error.
"""

from __future__ import annotations

from pathlib import Path

from reviewflow.tables.build import build_tables
from reviewflow.tables.codebook import Codebook, load_codebook
from reviewflow.tables.declare import (Declarations, Outputs, Settings, declared_outputs, load_declarations,
                                       settings_from_param, settings_param, stage_settings)
from reviewflow.tables.model import Column, Table
from reviewflow.tables.render import FORMATS, write_table
from reviewflow.tables.review import Review, load_review
from reviewflow.tables.sheets import Extraction, load_extraction

__all__ = ["FORMATS", "Codebook", "Column", "Declarations", "Extraction", "Outputs", "Review", "Settings", "Table",
           "build_tables", "declared_outputs", "load_codebook", "load_declarations", "load_extraction",
           "load_review", "make_tables", "settings_from_param", "settings_param",
           "stage_settings", "write_table"]


def make_tables(settings: Settings, out: str | Path) -> list[Path]:
    """Every declared table in every format of ``settings.formats``; nothing declared, nothing written."""
    tables = load_review(settings).tables()
    return [path for table in tables for path in write_table(table, out, settings.formats, settings.paper)]
