"""Rule dedupe_score: one shard of candidate pairs -> its judged pairs (same or uncertain)."""

from reviewflow.dedupe import Settings
from reviewflow.dedupe.shards import judge_shard
from reviewflow.records import read_records
from reviewflow.workflow import run_step


def main(smk):
    judge_shard(read_records(smk.input.records), smk.input.pairs, Settings.from_config(smk.params.settings["dedupe"]),
                smk.output[0])


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
