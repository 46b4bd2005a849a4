# The worked example review: Mason, Goddard & Weatherly (2014), CHE Research Paper 97.
# This file is all the workflow a review needs: it runs the workflow that ships in the installed reviewflow
# package (reviewflow/workflow/), exactly as a team's own review does (`reviewflow init` writes this file).
# Run it with `make run` or `reviewflow run`; plain `snakemake --cores 2` works too.

from reviewflow.workflow import snakefile


configfile: "config/config.yaml"


module reviewflow:
    snakefile:
        snakefile()
    config:
        config


use rule * from reviewflow
