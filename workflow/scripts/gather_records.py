"""Rule gather_records: every file's records -> results/import/records.csv and a per-file summary."""

from reviewflow.importing import Unread, gather_records
from reviewflow.workflow import run_step


def main(smk):
    gather_records(smk.input.files, records_out=smk.output.records, summary_out=smk.output.summary,
                   notes_out=smk.output.notes, notes_in=smk.input.notes,
                   unread=[Unread(*u) for u in smk.params.unread])


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
