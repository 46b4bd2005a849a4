# Helpers for the stage files (workflow/rules/*.smk) - where inputs are, and which package code each stage runs.
# Logic lives in the reviewflow package; only file lookups belong here.

import os
import sys
from pathlib import Path


import reviewflow.validation
from reviewflow.config import SOURCE_KEY, config_source
from reviewflow.errors import ReviewflowError
from reviewflow.importing.discover import discover_exports
from reviewflow.tables.declare import declared_outputs, settings_param

CONFIG_SCHEMA = str(reviewflow.validation.config_schema_path())
SECTION_SCHEMAS = {k: str(v) for k, v in reviewflow.validation.section_schema_paths().items()}
PACKAGE_DIR = Path(reviewflow.validation.__file__).parent
CODE_SUFFIXES = {".py", ".yaml", ".j2", ".html", ".css", ".md", ".tex"}


def config_file():
    """The config file this run reads: the last --configfile given, else the Snakefile's default."""
    given = workflow.config_settings.configfiles
    return os.path.relpath(given[-1]) if given else "config/config.yaml"


def package_code(*stages):
    """The package code and data a stage runs: tracked inputs, so a change reruns the stage."""
    files = sorted(PACKAGE_DIR.glob("*.py"))
    for stage in stages:
        files += sorted(f for f in (PACKAGE_DIR / stage).rglob("*") if f.is_file() and f.suffix in CODE_SUFFIXES)
    return [str(f) for f in files]


def discover_or_stop():
    """Every export file of every round, in review order; a missing round stops the run at once, cleanly."""
    try:
        return discover_exports(config["rounds"], source=config_source(config))
    except ReviewflowError as err:
        sys.stderr.write(f"reviewflow: the search rounds cannot be read.\n{err}\n")
        sys.exit(1)


def exports():
    """Every export file of every round, in review order (see reviewflow.importing.discover)."""
    return EXPORTS


def export_by_key():
    return {e.key: e for e in exports()}


# --- tables -------------------------------------------------------------------------------------

def declared_or_stop():
    """The review's declared tables, charts and stage inputs (reviewflow.tables.declared_outputs); a bad
    codebook or declaration stops the run at once, cleanly."""
    try:
        return declared_outputs(config)
    except ReviewflowError as err:
        sys.stderr.write(f"reviewflow: the review's tables cannot be declared.\n{err}\n")
        sys.exit(1)


def tables_outputs():
    """Every file of the stage (report inputs and final targets); empty when the stage is off."""
    if not config["tables"]["enabled"]:
        return []
    files = expand("results/tables/{table}.{ext}", table=DECLARED.tables, ext=config["tables"]["formats"])
    files += expand("results/tables/charts/{chart}.{ext}", chart=DECLARED.charts, ext=["svg", "png"])
    if config["tables"]["claims"] and DECLARED.inputs:
        files.append("results/tables/claims.csv")
    return files


# --- report -------------------------------------------------------------------------------------

def stage_on(stage, target):
    """The stage is enabled and a rule of this workflow makes its target (include report.smk last)."""
    made = any(str(f) == target for r in workflow.rules for f in r.output)
    return config.get(stage, {}).get("enabled", True) and made


def report_inputs():
    files = {"config": config_source(config), "tables": tables_outputs()}
    if stage_on("prisma", "results/prisma/prisma.svg"):
        files["prisma"] = ["results/prisma/prisma.svg", "results/prisma/counts.json"]
    if stage_on("screening", "results/screening/status.json"):
        files["screening"] = ["results/screening/status.json", "results/screening/agreement.csv"]
    return files


def provenance_files():
    """Every file listed in the report's provenance table: a change to any of them rewrites the page."""
    found = []
    for entry in config["report"]["provenance"]:
        path = Path(entry)
        found += [str(path)] if path.is_file() else sorted(str(p) for p in path.rglob("*") if p.is_file())
    return found


def report_outputs():
    return ["results/report.html"] if config["report"]["enabled"] else []


def print_screening_status():
    """The screening status summary (pending, conflicts, provisional) at the end of every run."""
    status = Path("results/screening/status.json")
    if status.is_file():
        from reviewflow.screening.status import summary_text

        print(summary_text(status))
