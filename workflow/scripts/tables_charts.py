"""Rule draw_charts: extraction sheets -> the declared charts as SVG and PNG (results/tables/charts/)."""

from reviewflow.tables import make_charts, settings_from_param
from reviewflow.workflow import run_step


def main(smk):
    make_charts(settings_from_param(smk.params.settings), smk.params.out)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
