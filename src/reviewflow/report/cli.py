"""``reviewflow report``: write the self-contained HTML report of the review."""

from __future__ import annotations

import argparse

from reviewflow.cli import command_help
from reviewflow.config import load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help=command_help("report"), description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="config/config.yaml", help="the review's config (default: %(default)s)")
    parser.add_argument("--results", default="results", help="folder of the stages' outputs (default: %(default)s)")
    parser.add_argument("--out", default="results/report.html", help="the page to write (default: %(default)s)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewflow.report import write_report

    config = load_config(args.config)
    print(write_report(config, args.out, root=".", results=args.results, config_path=args.config))
    return 0
