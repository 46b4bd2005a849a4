# reviewflow: a reproducible systematic review, re-run with one command (`make run`).
# Flow: import -> dedupe -> screening -> prisma -> tables -> report. One rule file per stage.

from snakemake.utils import min_version, validate

min_version("9.6")


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"


validate(config, CONFIG_SCHEMA)
for section, section_schema in SECTION_SCHEMAS.items():
    validate(config.setdefault(section, {}), section_schema)


include: "workflow/rules/import.smk"


rule all:
    default_target: True
    input:
        final_targets(),
