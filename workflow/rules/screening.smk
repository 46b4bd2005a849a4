# screening: the reviewers' decision sheets (data/screening/, human) -> each stage's outcomes, conflicts
# and worksheets, agreement between reviewers, orphaned decisions and a status summary (docs/screening.md).
# Which sheets exist and which worksheets are written (one per reviewer) come from the package.
# The sheets are checked in a job of their own first: Snakemake deletes a job's outputs when it starts,
# so a broken sheet must fail before screen_decisions, leaving the last good results/screening/ in place.

from reviewflow.screening import existing_sheets


rule check_screening_sheets:
    input:
        unique="results/dedupe/unique_records.csv",
        sheets=existing_sheets(screening_settings()),
    output:
        checked="results/screening/sheets_checked.json",
    log:
        "logs/screening/check_screening_sheets.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=stage_config("screening"),
        config_file=config_file(),
        code=code_digest("screening"),
    script:
        "../scripts/screening_check.py"


rule screen_decisions:
    input:
        checked="results/screening/sheets_checked.json",  # a broken sheet stops the run before this job
        unique="results/dedupe/unique_records.csv",
        sheets=existing_sheets(screening_settings()),
    output:
        **screening_outputs(reported=True),
    log:
        "logs/screening/screen_decisions.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=stage_config("screening"),
        config_file=config_file(),
        code=code_digest("screening"),
    script:
        "../scripts/screening.py"
