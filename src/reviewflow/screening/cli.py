"""``reviewflow screen``: the screening stage outside Snakemake; ``reviewflow screen import``: one
reviewer's decisions made in another tool (Rayyan, Covidence, ASReview), as their decisions file;
``reviewflow screen simulate``: the ranking replayed on a labelled dataset (docs/screening.md)."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from reviewflow.cli import command_help
from reviewflow.config import load_config
from reviewflow.errors import fail
from reviewflow.vocabulary import PERSON_DECISIONS


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
    register_import(actions)
    sim = actions.add_parser(
        "simulate", help="replay prioritised screening on a labelled dataset (ASReview format)",
        description="Screen a labelled dataset (record_id, title, abstract, a 0/1 label column) in the order "
        "the ranking model proposes, starting from one relevant and one irrelevant record drawn with the "
        "seed and retraining as labels are revealed; write the order screened (record_id, first first).")
    sim.add_argument("labelled", help="labelled CSV (ASReview format)")
    sim.add_argument("-o", "--output", required=True, help="CSV to write: record_id, in screening order")
    sim.add_argument("--label", default="label_included", help="the 0/1 label column (default label_included)")
    sim.add_argument("--seed", type=int, default=0,
                     help="seed of the prior records' draw and of the presumed-irrelevant samples (default 0)")
    sim.add_argument("--prior", nargs=2, metavar=("RELEVANT_ID", "IRRELEVANT_ID"),
                     help="start from these two record IDs instead of a seeded draw")
    sim.set_defaults(func=run_simulate)


# The readers of reviewflow.screening.tool_exports.TOOLS (a test checks they agree): named here so that
# `reviewflow screen` starts without the import's dependencies (it matches titles as dedupe does).
TOOL_NAMES = ("asreview", "covidence", "rayyan")


def register_import(actions: argparse._SubParsersAction) -> None:
    parser = actions.add_parser(
        "import", help="turn decisions made in Rayyan, Covidence or ASReview into a reviewer's decisions file",
        description="Map one reviewer's decisions from another screening tool's export onto the review's "
        "unique records (by DOI, PMID, then title + year) and write them as that reviewer's decisions file, "
        "for a person to check and commit. Lists every decision that could not be matched "
        "(docs/screening.md, 'Decisions made elsewhere').")
    parser.add_argument("export", help="the tool's export file (CSV or XLSX)")
    parser.add_argument("--from", dest="tool", required=True, choices=TOOL_NAMES, help="the tool")
    parser.add_argument("--stage", required=True, choices=("title_abstract", "full_text"),
                        help="the screening stage the decisions belong to")
    parser.add_argument("--reviewer", required=True, help="the reviewer (as named in config) who made them")
    parser.add_argument("-o", "--output", required=True, help="the decisions file to write (must not exist)")
    parser.add_argument("--name", default="", help="Rayyan: the reviewer's name in Rayyan (default: --reviewer)")
    parser.add_argument("--decision", choices=PERSON_DECISIONS,
                        help="Covidence export without a vote column: the decision of the list it was exported from")
    parser.add_argument("--config", dest="import_config", default=None, help="the review's config file")
    parser.add_argument("--unique-records", dest="import_unique", default=None,
                        help="unique records from the dedupe stage")
    parser.add_argument("--unmatched", default=None, help="also write the unmatched decisions to this CSV")
    parser.set_defaults(func=run_import)


def run(args: argparse.Namespace) -> int:
    from reviewflow.screening import run_screening, summary_text

    config = load_config(args.config)
    run_screening(args.unique_records, config, args.out, source=args.config)
    print(summary_text(f"{args.out}/status.json"), file=sys.stdout)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from reviewflow.screening.criteria import CONSENSUS, settings_from_config
    from reviewflow.screening.inputs import read_unique_records
    from reviewflow.screening.tool_exports import decisions_csv, import_decisions, read_export, report_lines

    config_path = args.import_config or args.config
    settings = settings_from_config(load_config(config_path), config_path)
    stage = settings.stages[args.stage]
    if args.reviewer not in (*stage.reviewers, CONSENSUS):
        raise fail(config_path, f"{args.reviewer!r} is not a reviewer of {args.stage} (the config names "
                   f"{', '.join(stage.reviewers)})", f"give one of them with --reviewer, or add the reviewer to "
                   f"screening.stages.{args.stage}.reviewers")
    output = Path(args.output)
    if output.exists():
        raise fail(output, "the file exists: an import never overwrites a person's file",
                   "write to a new file and merge the rows by hand, or move the old file away first")
    unique = args.import_unique or args.unique_records
    decisions, undecided, warnings = read_export(args.tool, args.export, name=args.name or args.reviewer,
                                                 decision=args.decision)
    result = import_decisions(decisions, undecided, read_unique_records(unique), read_pmids(unique),
                              settings.criteria)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(decisions_csv(result.rows), encoding="utf-8", newline="")
    if args.unmatched:
        write_unmatched(Path(args.unmatched), result.unmatched)
    for line in [*(f"warning: {w}" for w in warnings), *report_lines(result, args.export)]:
        print(line, file=sys.stderr if line.lstrip().startswith(("not matched", "warning")) else sys.stdout)
    expected = stage.sheet(args.reviewer)
    print(f"wrote {output} ({len(result.rows)} decisions of {args.reviewer} at {args.stage}); check it, then "
          + (f"commit it as {expected}" if Path(expected) == output else
             f"save it as {expected} (the file the config names) and commit it"))
    return 0


def read_pmids(unique_records: str) -> dict[str, str]:
    """Cluster ID -> PMID, from unique_records.csv (empty when the column is absent)."""
    try:
        with open(unique_records, encoding="utf-8", newline="") as handle:
            return {r["record_id"]: r.get("pmid") or "" for r in csv.DictReader(handle)}
    except FileNotFoundError:
        return {}  # read_unique_records has already said what to do


def write_unmatched(path: Path, unmatched: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("row", "title", "why"))
        writer.writerows((u.row, u.title, u.why) for u in unmatched)


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
