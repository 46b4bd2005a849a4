"""Rule export_citations: unique records + PRISMA ID lists -> results/citations/{included,excluded,unique}.{ris,bib}."""

import sys
from pathlib import Path

from reviewflow.citations import export_citations
from reviewflow.workflow import run_step


def main(smk):
    written = export_citations(smk.input.unique, smk.input.boxes, Path(smk.output[0]).parent)
    sys.stderr.write(f"{len(written)} citation files written\n")


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
