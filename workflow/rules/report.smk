# report: one self-contained HTML page of the whole review (results/report.html).
# Each section reads one stage's outputs; a stage turned off (<stage>.enabled: false) or not part of
# this workflow yet (no rule makes its file) gives a "not available" panel instead of a missing-input error.


def stage_on(stage, target):
    """The stage is enabled and a rule of this workflow makes its target (include report.smk last)."""
    made = any(str(f) == target for r in workflow.rules for f in r.output)
    return config.get(stage, {}).get("enabled", True) and made


def report_inputs():
    files = {"config": "config/config.yaml", "tables": tables_outputs()}
    if stage_on("prisma", "results/prisma/prisma.svg"):
        files["prisma"] = ["results/prisma/prisma.svg", "results/prisma/counts.json"]
    if stage_on("screening", "results/screening/status.json"):
        files["screening"] = ["results/screening/status.json", "results/screening/agreement.csv"]
    return files


def provenance_files():
    """Every file listed in the report's provenance table: a change to any of them rewrites the page."""
    found = []
    for entry in config["report"]["provenance"]:
        path = Path(entry)
        found += [str(path)] if path.is_file() else sorted(str(p) for p in path.rglob("*") if p.is_file())
    return found


rule write_report:
    input:
        unpack(lambda wc: report_inputs()),
        provenance=provenance_files(),
        code=package_code("report", "tables"),
    output:
        "results/report.html",
    log:
        "logs/report/write_report.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/report.py"
