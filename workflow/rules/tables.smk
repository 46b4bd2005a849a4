# tables: the extraction sheets (data/extracted/) -> publication tables, charts and the claims check.

DECLARED = declared_or_stop()  # what the review declares (tables.codebook, tables.declarations)

rule build_tables:
    input:
        sheets=DECLARED.inputs,
        code=package_code("tables"),
    output:
        expand("results/tables/{table}.{ext}", table=DECLARED.tables, ext=config["tables"]["formats"]),
    params:
        settings=settings_param(config),
    log:
        "logs/tables/build_tables.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_build.py"


rule draw_charts:
    input:
        sheets=DECLARED.inputs,
        code=package_code("tables", "charts"),
    output:
        expand("results/tables/charts/{chart}.{ext}", chart=DECLARED.charts, ext=["svg", "png"]),
    params:
        settings=settings_param(config),
    log:
        "logs/tables/draw_charts.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_charts.py"


rule check_claims:
    input:
        sheets=DECLARED.inputs,
        claims=config["tables"]["claims"] or [],
        code=package_code("tables", "claims"),
    output:
        "results/tables/claims.csv",
    params:
        settings=settings_param(config),
    log:
        "logs/tables/check_claims.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_claims.py"
