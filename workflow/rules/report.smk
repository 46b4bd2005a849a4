# report: one self-contained HTML page of the whole review (results/report.html).
# Each section reads one stage's outputs; a stage turned off (<stage>.enabled: false) or not part of
# this workflow yet (no rule makes its file) gives a "not available" panel instead of a missing-input error.


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
