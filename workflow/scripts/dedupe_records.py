"""Rule dedupe_records: records.csv (+ judged shards, + human decisions) -> the dedupe results."""

import json
import logging
import sys
from dataclasses import replace

from reviewflow.dedupe import Settings, dedupe, read_decisions
from reviewflow.dedupe.outputs import write_all
from reviewflow.dedupe.pipeline import blocking_summary, cluster_records
from reviewflow.dedupe.prepare import prepare
from reviewflow.dedupe.shards import read_blocking, read_judged
from reviewflow.orphans import Allowed
from reviewflow.records import read_records
from reviewflow.workflow import run_step


def main(smk):
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s", force=True)
    records = read_records(smk.input.records)
    decisions = [d for path in smk.input.decisions for d in read_decisions(path)]
    config = smk.params.settings
    settings = replace(Settings.from_config(config["dedupe"]), allow_orphans=Allowed.from_config(smk.params.allow_orphans))
    if smk.input.judged:
        result = cluster_records(records, prepare(records), read_judged(smk.input.judged, records),
                                 decisions, settings)
        result.summary["blocking"] = blocking_summary(read_blocking(smk.input.blocking))
    else:
        result = dedupe(records, decisions, settings)
    write_all(result, clusters=smk.output.clusters, unique=smk.output.unique, audit=smk.output.audit,
              uncertain=smk.output.uncertain, summary=smk.output.summary)
    for row in result.summary.get("orphaned_decisions", []):
        logging.warning("%s row %s names a record no export holds any more (listed in screening.allow_orphans): "
                        "not applied, listed in summary.json", row["file"], row["row"])
    logging.info("dedupe summary:\n%s", json.dumps(result.summary, indent=2, sort_keys=True))


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
