# Helpers for the stage files (workflow/rules/*.smk) - where inputs are, and which package code each stage runs.
# Logic lives in the reviewflow package; only file lookups belong here.

from pathlib import Path

from snakemake.exceptions import WorkflowError

import reviewflow.validation
from reviewflow.errors import ReviewflowError
from reviewflow.importing.discover import discover_exports

CONFIG_SCHEMA = str(reviewflow.validation.config_schema_path())
SECTION_SCHEMAS = {k: str(v) for k, v in reviewflow.validation.section_schema_paths().items()}
PACKAGE_DIR = Path(reviewflow.validation.__file__).parent
CODE_SUFFIXES = {".py", ".yaml", ".j2", ".html", ".css", ".md", ".tex"}


def package_code(*stages):
    """The package code and data a stage runs: tracked inputs, so a change reruns the stage."""
    files = sorted(PACKAGE_DIR.glob("*.py"))
    for stage in stages:
        files += sorted(f for f in (PACKAGE_DIR / stage).rglob("*") if f.is_file() and f.suffix in CODE_SUFFIXES)
    return [str(f) for f in files]


def exports():
    """Every export file of every round, in review order (see reviewflow.importing.discover)."""
    try:
        return discover_exports(config["rounds"])
    except ReviewflowError as err:
        raise WorkflowError(str(err)) from None


def export_by_key():
    return {e.key: e for e in exports()}


def final_targets():
    return [
        "results/import/records.csv",
    ]
