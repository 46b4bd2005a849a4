"""Rule dedupe_block: records.csv -> candidate pairs in shards (scatter)."""

from reviewflow.dedupe import Settings
from reviewflow.dedupe.shards import write_pair_shards
from reviewflow.records import read_records
from reviewflow.workflow import run_step


def main(smk):
    write_pair_shards(read_records(smk.input.records), Settings.from_config(smk.params.settings["dedupe"]),
                      list(smk.output.pairs), smk.output.blocking)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
