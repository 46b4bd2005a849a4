# prisma: the PRISMA 2020 flow computed from import, dedupe and screening results: every box an ID list,
# its arithmetic checked on every run, the diagram drawn from a layout template (docs/prisma.md).


rule prisma_flow:
    input:
        records="results/import/records.csv",
        clusters="results/dedupe/clusters.csv",
        title_abstract="results/screening/title_abstract/outcomes.csv",
        full_text="results/screening/full_text/outcomes.csv",
        study="results/screening/study/outcomes.csv",
        study_links=optional(config["screening"]["study_links"]),
    output:
        counts=report(
            "results/prisma/counts.json",
            caption="../report/counts.rst",
            category="PRISMA",
        ),
        boxes=directory("results/prisma/boxes"),
        r_template="results/prisma/PRISMA.csv",
        svg=report(
            "results/prisma/prisma.svg",
            caption="../report/prisma.rst",
            category="PRISMA",
        ),
        png="results/prisma/prisma.png",
        pdf="results/prisma/prisma.pdf",
        html="results/prisma/prisma.html",
    log:
        "logs/prisma/prisma_flow.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=stage_config("prisma", "review", "rounds", "screening"),
        config_file=config_file(),
        code=code_digest("prisma"),
    script:
        "../scripts/prisma_flow.py"
