"""Rule build_tables: extraction sheets -> every table in every format (results/tables/)."""

from pathlib import Path

from reviewflow.tables import make_tables
from reviewflow.workflow import run_step


def main(smk):
    make_tables(smk.params.extracted, Path(smk.output[0]).parent, smk.params.country_labels, smk.params.formats,
                smk.params.paper)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
