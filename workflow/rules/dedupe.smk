# dedupe: the imported records -> clusters of the same bibliographic item, an audit of every merge,
# pairs for a person to judge, and one merged record per cluster. Human decisions are obeyed.
# With dedupe.shards > 1 the scoring is scattered over jobs (block -> score shard -> cluster).

SHARDS = config["dedupe"]["shards"]


rule dedupe_block:
    input:
        records="results/import/records.csv",
    output:
        pairs=expand("results/dedupe/shards/pairs_{shard}.csv", shard=range(SHARDS)),
        blocking="results/dedupe/shards/blocking.json",
    log:
        "logs/dedupe/dedupe_block.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=stage_config("dedupe"),
        code=code_digest("dedupe"),
    script:
        "../scripts/dedupe_block.py"


rule dedupe_score:
    input:
        records="results/import/records.csv",
        pairs="results/dedupe/shards/pairs_{shard}.csv",
    output:
        "results/dedupe/shards/judged_{shard}.csv",
    log:
        "logs/dedupe/dedupe_score_{shard}.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=stage_config("dedupe"),
        code=code_digest("dedupe"),
    script:
        "../scripts/dedupe_score.py"


rule dedupe_records:
    input:
        records="results/import/records.csv",
        # sharded runs gather the scored shards; a single job scores in process
        judged=(
            expand("results/dedupe/shards/judged_{shard}.csv", shard=range(SHARDS))
            if SHARDS > 1
            else []
        ),
        blocking="results/dedupe/shards/blocking.json" if SHARDS > 1 else [],
        decisions=optional(config["dedupe"]["decisions"]),
    output:
        clusters="results/dedupe/clusters.csv",
        unique="results/dedupe/unique_records.csv",
        audit="results/dedupe/audit_pairs.csv",
        uncertain="results/dedupe/uncertain_pairs.csv",
        summary="results/dedupe/summary.json",
    log:
        "logs/dedupe/dedupe_records.log",
    conda:
        "../envs/reviewflow.yaml"
    params:
        settings=stage_config("dedupe", "rounds"),
        allow_orphans=config["screening"]["allow_orphans"],  # the one screening setting dedupe reads
        code=code_digest("dedupe"),
    script:
        "../scripts/dedupe_records.py"
