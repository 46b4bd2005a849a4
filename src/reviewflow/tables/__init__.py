"""tables: the extraction sheets (data/extracted/) -> publication tables, charts and the claims check.

Flow: ``sheets.load_extraction`` (read + check) -> ``build.build_tables`` (pure) -> ``render``
(one writer per format) and ``reviewflow.charts``; ``reviewflow.claims`` recomputes the numbers the
review's text asserts. The functions here are the stage's entry points (CLI and workflow scripts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from reviewflow.tables.build import TABLES, build_tables
from reviewflow.tables.model import Column, Table
from reviewflow.tables.render import FORMATS, write_table
from reviewflow.tables.sheets import Extraction, load_extraction

__all__ = ["FORMATS", "TABLES", "Column", "Extraction", "Table", "build_tables", "load_extraction",
           "make_charts", "make_claims", "make_tables", "write_table"]


def make_tables(extracted: str | Path, out: str | Path, country_labels: Mapping[str, str] | None = None,
                formats: Iterable[str] = FORMATS, paper: str = "a4") -> list[Path]:
    tables = build_tables(load_extraction(extracted), country_labels)
    formats = tuple(formats)
    return [path for table in tables for path in write_table(table, out, formats, paper)]


def make_charts(extracted: str | Path, out: str | Path,
                country_labels: Mapping[str, str] | None = None) -> list[Path]:
    from reviewflow.charts import draw_charts  # matplotlib only when charts are drawn

    return draw_charts(build_tables(load_extraction(extracted), country_labels), out)


def make_claims(extracted: str | Path, claims_file: str | Path, out_csv: str | Path) -> list:
    from reviewflow.claims import check_claims, dataset, load_claims, results_csv

    results = check_claims(load_claims(claims_file), dataset(load_extraction(extracted)), str(claims_file))
    Path(out_csv).parent.mkdir(parents=True, exist_ok=True)
    Path(out_csv).write_text(results_csv(results), encoding="utf-8", newline="\n")
    return results
