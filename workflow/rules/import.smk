# import: one normalised records table from every export file of every search round.

from reviewflow.importing.discover import unread_files

EXPORTS = discover_or_stop()


rule import_export:
    input:
        export=lambda wc: export_by_key()[wc.key].path,
        code=package_code("importing"),
    output:
        "results/import/files/{key}.csv",
        notes="results/import/notes/{key}.csv",
    params:
        export=lambda wc: export_by_key()[wc.key],
    log:
        "logs/import/{key}.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/import_export.py"


rule gather_records:
    input:
        files=lambda wc: [f"results/import/files/{e.key}.csv" for e in exports()],
        notes=lambda wc: [f"results/import/notes/{e.key}.csv" for e in exports()],
        code=package_code("importing"),
    output:
        records="results/import/records.csv",
        summary="results/import/summary.csv",
        notes="results/import/notes.csv",
    params:
        unread=lambda wc: [[u.path, u.why, u.todo] for u in unread_files(config["rounds"])],
    log:
        "logs/import/gather_records.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/gather_records.py"
