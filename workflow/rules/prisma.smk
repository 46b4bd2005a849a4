# prisma: the PRISMA 2020 flow computed from import, dedupe and screening results: every box an ID list,
# its arithmetic checked on every run, the diagram drawn from a layout template (docs/prisma.md).


rule prisma_flow:
    input:
        records="results/import/records.csv",
        clusters="results/dedupe/clusters.csv",
        title_abstract="results/screening/title_abstract/outcomes.csv",
        full_text="results/screening/full_text/outcomes.csv",
        study="results/screening/study/outcomes.csv",
        study_links=lambda wc: [f for f in ["data/screening/study_links.csv"] if Path(f).exists()],
        code=package_code("prisma"),
    output:
        counts="results/prisma/counts.json",
        boxes=directory("results/prisma/boxes"),
        r_template="results/prisma/PRISMA.csv",
        svg="results/prisma/prisma.svg",
        png="results/prisma/prisma.png",
        pdf="results/prisma/prisma.pdf",
        html="results/prisma/prisma.html",
    log:
        "logs/prisma/prisma_flow.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/prisma_flow.py"
