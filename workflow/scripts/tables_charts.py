"""Rule draw_charts: extraction sheets -> the declared charts as SVG and PNG (results/tables/charts/)."""

from pathlib import Path

from reviewflow.charts import make_charts
from reviewflow.tables import settings_from_param
from reviewflow.workflow import run_step


def main(smk):
    make_charts(settings_from_param(smk.params.settings), Path(smk.output[0]).parent)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
