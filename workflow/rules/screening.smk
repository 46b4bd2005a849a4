# screening: the reviewers' decision sheets (data/screening/, human) -> each stage's outcomes, conflicts
# and worksheets, agreement between reviewers, orphaned decisions and a status summary (docs/screening.md).
# Which sheets exist and which worksheets are written (one per reviewer) come from the package.

from reviewflow.screening import existing_sheets, output_files, settings_from_config

SCREENING = settings_from_config(config)


rule screen_decisions:
    input:
        unique="results/dedupe/unique_records.csv",
        sheets=existing_sheets(SCREENING),
        code=package_code("screening"),
    output:
        **output_files(SCREENING),
    log:
        "logs/screening/screen_decisions.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/screening.py"
