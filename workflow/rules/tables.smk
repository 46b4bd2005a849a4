# tables: the extraction sheets (data/extracted/) -> publication tables, charts and the claims check.

rule build_tables:
    input:
        sheets=extraction_sheets(),
    output:
        expand("results/tables/{table}.{ext}", table=TABLES, ext=config["tables"]["formats"]),
    params:
        extracted=lambda wc, input: os.path.dirname(input.sheets[0]),
        country_labels=config["tables"]["country_labels"],
        formats=config["tables"]["formats"],
        paper=config["tables"]["paper"],
        code=code_digest("tables"),
    log:
        "logs/tables/build_tables.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_build.py"


rule draw_charts:
    input:
        sheets=extraction_sheets(),
    output:
        expand("results/tables/charts/{chart}.{ext}", chart=CHARTS, ext=["svg", "png"]),
    params:
        extracted=lambda wc, input: os.path.dirname(input.sheets[0]),
        country_labels=config["tables"]["country_labels"],
        code=code_digest("tables", "charts"),
    log:
        "logs/tables/draw_charts.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_charts.py"


rule check_claims:
    input:
        sheets=extraction_sheets(),
        claims=config["tables"]["claims"] or [],
    output:
        "results/tables/claims.csv",
    params:
        extracted=lambda wc, input: os.path.dirname(input.sheets[0]),
        code=code_digest("tables", "claims"),
    log:
        "logs/tables/check_claims.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_claims.py"
