# citations: the included and excluded studies' reports and every unique record, as RIS and BibTeX for a
# reference manager (docs/citations.md). Fields from the dedupe results, ID lists from the PRISMA boxes.


rule export_citations:
    input:
        unique="results/dedupe/unique_records.csv",
        boxes=rules.prisma_flow.output.boxes,
    output:
        expand(
            "results/citations/{set}.{ext}",
            set=("included", "excluded", "unique"),
            ext=("ris", "bib"),
        ),
    log:
        "logs/citations/export_citations.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        code=code_digest("citations"),
    script:
        "../scripts/citations_export.py"
