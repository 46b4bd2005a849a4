"""``reviewflow tables``: build the publication tables, charts and claims check from the extraction sheets."""

from __future__ import annotations

import argparse

from reviewflow.cli import command_help
from reviewflow.config import load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tables", help=command_help("tables"), description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="config/config.yaml", help="the review's config (default: %(default)s)")
    parser.add_argument("--out", default="results/tables", help="output folder (default: %(default)s)")
    parser.add_argument("--only", choices=("tables", "charts", "claims"), action="append",
                        help="build only these parts (repeatable; default: all)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewflow.tables import make_tables, stage_settings

    settings = stage_settings(load_config(args.config))
    parts = args.only or ["tables", "charts", "claims"]
    if not settings.codebook:
        print("no extraction codebook (tables.codebook): no tables, charts or claims check")
        return 0
    if "tables" in parts:
        print(f"{len(make_tables(settings, args.out))} table files in {args.out}")
    if "charts" in parts:
        from reviewflow.charts import make_charts  # matplotlib only when charts are drawn

        print(f"{len(make_charts(settings, f'{args.out}/charts'))} chart files in {args.out}/charts")
    if "claims" in parts and settings.claims:
        from reviewflow.claims import claim_status, make_claims

        status = claim_status(make_claims(settings, settings.claims, f"{args.out}/claims.csv"))
        print(f"claims: {sum(v == 'match' for v in status.values())} match, "
              f"{sum(v == 'mismatch' for v in status.values())} mismatch, "
              f"{sum(v == 'not_computable' for v in status.values())} not computable "
              f"({args.out}/claims.csv)")
    return 0
