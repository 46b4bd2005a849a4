# Helpers for the stage files (rules/*.smk): the checked config, what each stage reads, where inputs are.
# Logic lives in the reviewflow package; only lookups belong here. Nothing here depends on include order.

import os
import sys
from pathlib import Path

from reviewflow.config import check_workflow_config
from reviewflow.errors import ReviewflowError
from reviewflow.importing.discover import discover_exports
from reviewflow.workflow import code_digest
from reviewflow.tables.declare import declared_outputs, settings_param


def config_file():
    """The config file this run reads: the last --configfile given, else the review's default."""
    given = workflow.config_settings.configfiles
    return os.path.relpath(given[-1]) if given else "config/config.yaml"


def stop(what, err):
    """Stop before any job runs, with the clean message only (no Snakemake traceback)."""
    sys.stderr.write(f"reviewflow: {what}.\n{err}\n")
    sys.exit(1)


def checked_config():
    """Validate the whole config in place (every section, rounds included; defaults filled)."""
    try:
        check_workflow_config(config, config_file())
    except ReviewflowError as err:
        stop(f"the config {config_file()} cannot be used", err)
    return config


def stage_config(*sections):
    """The config sections a stage reads, as one params value: editing them reruns the stage (and only it)."""
    return {section: config.get(section) for section in sections}


_EXPORTS = []


def exports():
    """Every export file of every round, in review order (see reviewflow.importing.discover)."""
    if not _EXPORTS:
        try:
            _EXPORTS.extend(discover_exports(config["rounds"], source=config_file()))
        except ReviewflowError as err:
            stop("the search rounds cannot be read", err)
    return _EXPORTS


def export_by_key():
    return {e.key: e for e in exports()}


def optional(path):
    """An input that may not exist yet (a person writes it later): [] until it does."""
    return [path] if path and Path(path).is_file() else []


# --- screening ----------------------------------------------------------------------------------

_SCREENING = []


def screening_settings():
    """The typed screening settings (which sheets, which worksheets: one per reviewer and stage)."""
    if not _SCREENING:
        from reviewflow.screening import settings_from_config

        _SCREENING.append(settings_from_config(config, source=config_file()))
    return _SCREENING[0]


def screening_outputs(reported=False):
    """Every file the screening stage writes; ``reported``: agreement and status shown in snakemake --report."""
    from reviewflow.screening import output_files

    files = output_files(screening_settings())
    if reported:
        files["agreement"] = report(
            files["agreement"], caption="../report/agreement.rst", category="Screening"
        )
        files["status"] = report(
            files["status"], caption="../report/status.rst", category="Screening"
        )
    return files


# --- tables -------------------------------------------------------------------------------------

_DECLARED = []


def declared():
    """The review's declared tables, charts and stage inputs (reviewflow.tables.declared_outputs); a bad
    codebook or declaration stops the run at once, cleanly."""
    if not _DECLARED:
        try:
            _DECLARED.append(declared_outputs(config))
        except ReviewflowError as err:
            stop("the review's tables cannot be declared", err)
    return _DECLARED[0]


def tables_outputs():
    """Every file of the stage (report inputs and final targets); empty when the stage is off."""
    if not config["tables"]["enabled"]:
        return []
    files = expand(
        "results/tables/{table}.{ext}",
        table=declared().tables,
        ext=config["tables"]["formats"],
    )
    files += expand(
        "results/tables/charts/{chart}.{ext}",
        chart=declared().charts,
        ext=["svg", "png"],
    )
    if config["tables"]["claims"] and declared().inputs:
        files.append("results/tables/claims.csv")
    return files


# --- Snakemake's own report (snakemake --report) ------------------------------------------------


def in_report(files, caption, category, shown=(".html", ".svg", ".csv", ".json")):
    """The outputs a reader wants, wrapped in report() with their caption (relative to rules/)."""
    # (a line may not start with report(: Snakemake would read it as its report: directive)
    wrapped = lambda f: report(f, caption=caption, category=category)
    return [wrapped(f) if str(f).endswith(shown) else f for f in files]


# --- report -------------------------------------------------------------------------------------


def stage_enabled(stage):
    return bool(config.get(stage, {}).get("enabled", True))


def report_inputs():
    files = {
        "config": config_file(),
        "tables": tables_outputs(),
        "import": ["results/import/summary.csv", "results/import/notes.csv"],
    }
    if stage_enabled("prisma"):
        files["prisma"] = ["results/prisma/prisma.svg", "results/prisma/counts.json"]
    if stage_enabled("screening"):
        files["screening"] = [
            "results/screening/status.json",
            "results/screening/agreement.csv",
        ]
    return files


def provenance_files():
    """Every file listed in the report's provenance table: a change to any of them rewrites the page."""
    found = []
    for entry in config["report"]["provenance"]:
        path = Path(entry)
        found += (
            [str(path)]
            if path.is_file()
            else sorted(str(p) for p in path.rglob("*") if p.is_file())
        )
    return found


def report_outputs():
    return ["results/report.html"] if config["report"]["enabled"] else []
