# dedupe: the imported records -> clusters of the same bibliographic item, an audit of every merge,
# pairs for a person to judge, and one merged record per cluster. Human decisions are obeyed.
# With dedupe.shards > 1 the scoring is scattered over jobs (block -> score shard -> cluster).

DEDUPE_OUTPUTS = dict(
    clusters="results/dedupe/clusters.csv",
    unique="results/dedupe/unique_records.csv",
    audit="results/dedupe/audit_pairs.csv",
    uncertain="results/dedupe/uncertain_pairs.csv",
    summary="results/dedupe/summary.json",
)


if config["dedupe"]["shards"] <= 1:

    rule dedupe_records:
        input:
            records="results/import/records.csv",
            decisions=lambda wc: [p for p in [config["dedupe"]["decisions"]] if Path(p).is_file()],
            code=package_code("dedupe"),
        output:
            **DEDUPE_OUTPUTS,
        params:
            settings=config["dedupe"],
            rounds=config["rounds"],
            allow_orphans=config["screening"]["allow_orphans"],
        log:
            "logs/dedupe/dedupe_records.log",
        conda:
            "../envs/reviewflow.yaml"
        script:
            "../scripts/dedupe_records.py"

else:

    rule dedupe_block:
        input:
            records="results/import/records.csv",
            code=package_code("dedupe"),
        output:
            expand("results/dedupe/shards/pairs_{shard}.csv", shard=range(config["dedupe"]["shards"])),
        params:
            settings=config["dedupe"],
        log:
            "logs/dedupe/dedupe_block.log",
        conda:
            "../envs/reviewflow.yaml"
        script:
            "../scripts/dedupe_block.py"

    rule dedupe_score:
        input:
            records="results/import/records.csv",
            pairs="results/dedupe/shards/pairs_{shard}.csv",
            code=package_code("dedupe"),
        output:
            "results/dedupe/shards/judged_{shard}.csv",
        params:
            settings=config["dedupe"],
        log:
            "logs/dedupe/dedupe_score_{shard}.log",
        conda:
            "../envs/reviewflow.yaml"
        script:
            "../scripts/dedupe_score.py"

    rule dedupe_records:
        input:
            records="results/import/records.csv",
            judged=expand("results/dedupe/shards/judged_{shard}.csv", shard=range(config["dedupe"]["shards"])),
            decisions=lambda wc: [p for p in [config["dedupe"]["decisions"]] if Path(p).is_file()],
            code=package_code("dedupe"),
        output:
            **DEDUPE_OUTPUTS,
        params:
            settings=config["dedupe"],
            rounds=config["rounds"],
            allow_orphans=config["screening"]["allow_orphans"],
        log:
            "logs/dedupe/dedupe_records.log",
        conda:
            "../envs/reviewflow.yaml"
        script:
            "../scripts/dedupe_records.py"
