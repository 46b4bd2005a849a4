# screening: the reviewers' decision sheets (data/screening/, human) -> each stage's outcomes, conflicts
# and worksheets, agreement between reviewers, orphaned decisions and a status summary (docs/screening.md).

from reviewflow.screening import existing_sheets, settings_from_config

SCREENING = settings_from_config(config)
SCREENING_STAGES = ("title_abstract", "full_text", "study")


def screening_outputs():
    outputs = {f"{stage}_outcomes": f"results/screening/{stage}/outcomes.csv" for stage in SCREENING_STAGES}
    outputs |= {f"{stage}_conflicts": f"results/screening/{stage}/conflicts.csv" for stage in SCREENING_STAGES}
    for stage in SCREENING_STAGES:
        for reviewer in SCREENING.stages[stage].reviewers:
            for ext in ("csv", "xlsx"):
                outputs[f"{stage}_{reviewer}_{ext}"] = f"results/screening/{stage}/worksheet_{reviewer}.{ext}"
    return outputs


rule screen_decisions:
    input:
        unique="results/dedupe/unique_records.csv",
        sheets=existing_sheets(SCREENING),
        code=package_code("screening"),
    output:
        **screening_outputs(),
        agreement="results/screening/agreement.csv",
        orphaned="results/screening/orphaned.csv",
        status="results/screening/status.json",
    log:
        "logs/screening/screen_decisions.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/screening.py"
