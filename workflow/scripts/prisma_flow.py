"""Rule prisma_flow: results of import, dedupe and screening -> results/prisma/ (counts, ID lists, diagram)."""

import sys
from pathlib import Path

from reviewflow.prisma import InputPaths, run_prisma
from reviewflow.workflow import run_step


def main(smk):
    links = smk.input.study_links
    paths = InputPaths(
        records=smk.input.records, clusters=smk.input.clusters, title_abstract=smk.input.title_abstract,
        full_text=smk.input.full_text, study=smk.input.study, study_links=links[0] if links else None,
        config=smk.params.config_file)
    flow = run_prisma(paths, smk.params.settings, Path(smk.output.counts).parent)
    state = "provisional (units await decisions)" if flow.provisional else "final"
    sys.stderr.write(f"PRISMA flow checked: every record ends in one box; {state}\n")


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
