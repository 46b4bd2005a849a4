# screening: the reviewers' decision sheets (data/screening/, human) -> each stage's outcomes, conflicts
# and worksheets, agreement between reviewers, orphaned decisions and a status summary (docs/screening.md).
# Which sheets exist and which worksheets are written (one per reviewer) come from the package.

from reviewflow.screening import existing_sheets


rule screen_decisions:
    input:
        unique="results/dedupe/unique_records.csv",
        sheets=existing_sheets(screening_settings()),
    output:
        **screening_outputs(),
    params:
        settings=stage_config("screening"),
        config_file=config_file(),
        code=code_digest("screening"),
    log:
        "logs/screening/screen_decisions.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/screening.py"
