# tables: the extraction sheets (data/extracted/) -> publication tables, charts and the claims check.

rule build_tables:
    input:
        sheets=extraction_sheets(),
        code=package_code("tables"),
    output:
        expand("results/tables/{table}.{ext}", table=TABLES, ext=config["tables"]["formats"]),
    params:
        extracted=lambda wc, input: os.path.dirname(input.sheets[0]),
        country_labels=config["tables"]["country_labels"],
        formats=config["tables"]["formats"],
    log:
        "logs/tables/build_tables.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_build.py"


rule draw_charts:
    input:
        sheets=extraction_sheets(),
        code=package_code("tables", "charts"),
    output:
        expand("results/tables/charts/{chart}.{ext}", chart=CHARTS, ext=["svg", "png"]),
    params:
        extracted=lambda wc, input: os.path.dirname(input.sheets[0]),
        country_labels=config["tables"]["country_labels"],
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
        code=package_code("tables", "claims"),
    output:
        "results/tables/claims.csv",
    params:
        extracted=lambda wc, input: os.path.dirname(input.sheets[0]),
    log:
        "logs/tables/check_claims.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_claims.py"
