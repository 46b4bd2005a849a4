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


def package_code(*stages):
    """The package modules a stage runs: a tracked input, so a code change reruns the stage."""
    files = sorted(PACKAGE_DIR.glob("*.py"))
    for stage in stages:
        files += sorted((PACKAGE_DIR / stage).rglob("*.py"))
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
