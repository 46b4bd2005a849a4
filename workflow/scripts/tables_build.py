"""Rule build_tables: extraction sheets -> every declared table in every format (results/tables/)."""

from reviewflow.tables import make_tables, settings_from_param
from reviewflow.workflow import run_step


def main(smk):
    make_tables(settings_from_param(smk.params.settings), smk.params.out)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
