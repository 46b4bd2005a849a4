# tables: the extraction sheets (data/extracted/) -> publication tables, charts and the claims check.

TABLES = ["appendix2_included_schemes", "appendix3_excluded_schemes", "design_by_country", "study_designs",
          "findings_overview", "schemes_by_irm", "exclusion_reasons"]
CHARTS = ["study_designs", "design_by_country", "findings_overview"]
EXTRACTION_SHEETS = ["references", "schemes", "included_schemes", "excluded_schemes", "scheme_reports"]


def extraction_sheets():
    folder = config["tables"]["extracted"]
    return [f"{folder}/{name}.csv" for name in EXTRACTION_SHEETS]


def tables_outputs():
    """Every file of the stage (report inputs and final targets); empty when the stage is off."""
    if not config["tables"]["enabled"]:
        return []
    files = expand("results/tables/{table}.{ext}", table=TABLES, ext=config["tables"]["formats"])
    files += expand("results/tables/charts/{chart}.{ext}", chart=CHARTS, ext=["svg", "png"])
    if config["tables"]["claims"]:
        files.append("results/tables/claims.csv")
    return files


rule build_tables:
    input:
        sheets=extraction_sheets(),
        code=package_code("tables"),
    output:
        expand("results/tables/{table}.{ext}", table=TABLES, ext=config["tables"]["formats"]),
    params:
        extracted=config["tables"]["extracted"],
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
        extracted=config["tables"]["extracted"],
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
        extracted=config["tables"]["extracted"],
    log:
        "logs/tables/check_claims.log",
    conda:
        "../envs/reviewflow.yaml"
    script:
        "../scripts/tables_claims.py"
