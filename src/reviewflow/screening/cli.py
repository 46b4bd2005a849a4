"""``reviewflow screen``: the screening stage outside Snakemake; ``reviewflow screen simulate``: the
ranking replayed on a labelled dataset (docs/screening.md, "Prioritised screening")."""

from __future__ import annotations

import argparse
import csv
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
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    sim = actions.add_parser(
        "simulate", help="replay prioritised screening on a labelled dataset (ASReview format)",
        description="Screen a labelled dataset (record_id, title, abstract, a 0/1 label column) in the order "
        "the ranking model proposes, starting from one relevant and one irrelevant record drawn with the "
        "seed and retraining as labels are revealed; write the order screened (record_id, first first).")
    sim.add_argument("labelled", help="labelled CSV (ASReview format)")
    sim.add_argument("-o", "--output", required=True, help="CSV to write: record_id, in screening order")
    sim.add_argument("--label", default="label_included", help="the 0/1 label column (default label_included)")
    sim.add_argument("--seed", type=int, default=0, help="seed of the prior records' draw (default 0)")
    sim.add_argument("--prior", nargs=2, metavar=("RELEVANT_ID", "IRRELEVANT_ID"),
                     help="start from these two record IDs instead of a seeded draw")
    sim.set_defaults(func=run_simulate)


def run(args: argparse.Namespace) -> int:
    from reviewflow.screening import run_screening, summary_text

    config = load_config(args.config)
    run_screening(args.unique_records, config, args.out)
    print(summary_text(f"{args.out}/status.json"), file=sys.stdout)
    return 0


def run_simulate(args: argparse.Namespace) -> int:
    from reviewflow.screening.labelled import read_labelled
    from reviewflow.screening.criteria import ModelSettings
    from reviewflow.screening.simulate import prior_rows, simulate

    data = read_labelled(args.labelled, args.label)
    settings = ModelSettings(seed=args.seed)
    result = simulate(data, settings, prior_rows(data, args.prior) if args.prior else None)
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["record_id", "label"])
        writer.writerows([rid, label] for rid, label in zip(result.order, result.labels))
    print(f"screened {len(result.order)} records from priors {result.priors[0]} (relevant) and "
          f"{result.priors[1]} (irrelevant); {result.retrains} model fits; order in {args.output}")
    if data.empty:
        print(f"note: {len(data.empty)} record(s) with neither title nor abstract were ranked on the model's "
              f"baseline alone (no words to score): {', '.join(data.empty[:10])}"
              f"{' ...' if len(data.empty) > 10 else ''}")
    return 0
