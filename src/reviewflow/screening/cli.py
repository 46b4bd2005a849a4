"""``reviewflow screen``: the screening stage outside Snakemake."""

from __future__ import annotations

import argparse
import sys

from reviewflow.cli import command_help
from reviewflow.config import load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "screen", help=command_help("screen"),
        description="Read the reviewers' decision sheets (data/screening/), reconcile them stage by stage "
        "and write results/screening/ (docs/screening.md). Prints the status summary.")
    parser.add_argument("--config", default="config/config.yaml", help="the review's config file")
    parser.add_argument("--unique-records", default="results/dedupe/unique_records.csv",
                        help="unique records from the dedupe stage")
    parser.add_argument("--out", default="results/screening", help="folder for the outputs")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewflow.screening import run_screening, summary_text

    config = load_config(args.config)
    run_screening(args.unique_records, config, args.out)
    print(summary_text(f"{args.out}/status.json"), file=sys.stdout)
    return 0
