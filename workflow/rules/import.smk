# import: one normalised records table from every export file of every search round, and a note of
# every warning, line set aside, flagged record and file not read (results/import/notes.csv).

from reviewflow.importing.discover import unread_files


rule import_export:
    input:
        export=lambda wc: export_by_key()[wc.key].path,
    output:
        "results/import/files/{key}.csv",
        notes="results/import/notes/{key}.csv",
    log:
        "logs/import/{key}.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        export=lambda wc: export_by_key()[wc.key],
        code=code_digest("importing"),
    script:
        "../scripts/import_export.py"


rule gather_records:
    input:
        files=lambda wc: [f"results/import/files/{e.key}.csv" for e in exports()],
        notes=lambda wc: [f"results/import/notes/{e.key}.csv" for e in exports()],
    output:
        records="results/import/records.csv",
        summary="results/import/summary.csv",
        notes="results/import/notes.csv",
    log:
        "logs/import/gather_records.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        unread=lambda wc: [
            [u.path, u.why, u.todo] for u in unread_files(config["rounds"])
        ],
        code=code_digest("importing"),
    script:
        "../scripts/gather_records.py"
