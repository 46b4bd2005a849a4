"""Rule import_export: one export file -> its normalised records (results/import/files/<key>.csv)."""

from reviewflow.importing import import_export, import_notes, write_notes, write_notices
from reviewflow.records import write_records
from reviewflow.workflow import run_step


def main(smk):
    result = import_export(smk.params.export)
    write_records(result.records, smk.output[0])
    write_notices(result, smk.log[0])
    write_notes(import_notes(result), smk.output.notes)


run_step(snakemake, lambda: main(snakemake))  # noqa: F821 (snakemake is injected)
