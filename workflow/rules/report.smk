# report: one self-contained HTML page of the whole review (results/report.html).
# Each section reads one stage's outputs; a stage turned off (<stage>.enabled: false) gives a
# "not available" panel instead of a missing-input error. It shows the whole config, so reads all of it.


rule write_report:
    input:
        unpack(lambda wc: report_inputs()),
        provenance=provenance_files(),
    output:
        "results/report.html",
    log:
        "logs/report/write_report.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=stage_config(*config),
        code=code_digest("report", "tables"),
    script:
        "../scripts/report.py"
