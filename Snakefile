# reviewflow: a reproducible systematic review, re-run with one command (`make run`).
# Flow: import -> dedupe -> screening -> prisma -> tables -> report. One rule file per stage,
# included in flow order; the logic lives in the reviewflow package (src/reviewflow/<stage>).

from snakemake.utils import min_version, validate

min_version("9.6")


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"


validate(config, CONFIG_SCHEMA)
for section, section_schema in SECTION_SCHEMAS.items():
    validate(config.setdefault(section, {}), section_schema)
config[SOURCE_KEY] = config_file()  # errors about a setting name this file


include: "workflow/rules/import.smk"
include: "workflow/rules/dedupe.smk"
include: "workflow/rules/screening.smk"
include: "workflow/rules/prisma.smk"
include: "workflow/rules/tables.smk"
include: "workflow/rules/report.smk"  # last: it asks for what the other stages make


rule all:
    default_target: True
    input:
        "results/import/records.csv",
        "results/dedupe/clusters.csv",
        "results/screening/status.json",
        "results/prisma/counts.json",
        "results/prisma/prisma.html",
        tables_outputs(),
        report_outputs(),


onsuccess:
    print_screening_status()
