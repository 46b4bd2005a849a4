"""Rule build_tables: extraction sheets -> every declared table in every format (results/tables/)."""

from pathlib import Path

from reviewflow.tables import make_tables, settings_from_param
from reviewflow.workflow import run_step


def main(smk):
    make_tables(settings_from_param(smk.params.settings), Path(smk.output[0]).parent)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
