"""Rule check_claims: the claims file -> each number recomputed from the data (results/tables/claims.csv)."""

from reviewflow.claims import make_claims
from reviewflow.tables import settings_from_param
from reviewflow.workflow import run_step


def main(smk):
    make_claims(settings_from_param(smk.params.settings), smk.input.claims, smk.output[0])


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
