"""``reviewflow prisma``: the PRISMA 2020 counts, ID lists, checks and diagram outside the workflow."""

from __future__ import annotations

import argparse
import sys

from reviewflow.cli import command_help
from reviewflow.config import load_config
from reviewflow.prisma import InputPaths, run_prisma


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "prisma", help=command_help("prisma"),
        description="Compute every PRISMA 2020 box as a list of IDs from the results of import, dedupe and "
        "screening, check that the flow adds up, and write counts.json, boxes/<box>.csv, PRISMA.csv "
        "(PRISMA2020 R package format) and the diagram (SVG, PNG, PDF, HTML).")
    parser.add_argument("--config", default="config/config.yaml", help="the review's config")
    parser.add_argument("--results", default="results", help="folder holding import/, dedupe/, screening/")
    parser.add_argument("--study-links", default="data/screening/study_links.csv",
                        help="report-to-study links (may be absent)")
    parser.add_argument("-o", "--outdir", default="results/prisma", help="where to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    r = args.results
    paths = InputPaths(
        records=f"{r}/import/records.csv", clusters=f"{r}/dedupe/clusters.csv",
        title_abstract=f"{r}/screening/title_abstract/outcomes.csv",
        full_text=f"{r}/screening/full_text/outcomes.csv", study=f"{r}/screening/study/outcomes.csv",
        study_links=args.study_links, config=args.config)
    flow = run_prisma(paths, config, args.outdir)
    state = "PROVISIONAL (units await decisions)" if flow.provisional else "final"
    print(f"prisma: {flow.box('studies_included').n} studies included "
          f"({flow.box('reports_of_included_studies').n} reports); flow checked, {state}; "
          f"written to {args.outdir}", file=sys.stderr)
    return 0
