# tables: the extraction sheets (data/extracted/) -> publication tables, charts and the claims check.

# What is built is what the review declares (tables.codebook, tables.declarations): see common.smk declared().


rule build_tables:
    input:
        sheets=declared().inputs,
    output:
        in_report(
            expand(
                "results/tables/{table}.{ext}",
                table=declared().tables,
                ext=config["tables"]["formats"],
            ),
            "../report/tables.rst",
            "Tables",
            shown=(".html",),
        ),
    log:
        "logs/tables/build_tables.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=settings_param(config),
        code=code_digest("tables"),
    script:
        "../scripts/tables_build.py"


rule draw_charts:
    input:
        sheets=declared().inputs,
    output:
        in_report(
            expand(
                "results/tables/charts/{chart}.{ext}",
                chart=declared().charts,
                ext=["svg", "png"],
            ),
            "../report/charts.rst",
            "Charts",
            shown=(".svg",),
        ),
    log:
        "logs/tables/draw_charts.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=settings_param(config),
        code=code_digest("tables", "charts"),
    script:
        "../scripts/tables_charts.py"


rule check_claims:
    input:
        sheets=declared().inputs,
        claims=config["tables"]["claims"] or [],
    output:
        report(
            "results/tables/claims.csv",
            caption="../report/claims.rst",
            category="Claims",
        ),
    log:
        "logs/tables/check_claims.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=settings_param(config),
        code=code_digest("tables", "claims"),
    script:
        "../scripts/tables_claims.py"
