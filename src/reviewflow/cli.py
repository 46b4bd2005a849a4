"""The ``reviewflow`` command: each stage of the flow, usable outside Snakemake.

Each stage package has a ``cli`` module with ``register(subparsers)``; this module only wires
them together and turns bad input into a clean message and a non-zero exit (no traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reviewflow import __version__
from reviewflow.errors import ReviewflowError

# In flow order; a stage missing here has no command yet.
STAGE_CLIS = (
    "reviewflow.importing.cli",
    "reviewflow.dedupe.cli",
    "reviewflow.screening.cli",
    "reviewflow.prisma.cli",
    "reviewflow.tables.cli",
    "reviewflow.report.cli",
)

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reviewflow", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"reviewflow {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in STAGE_CLIS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name is None or not name.startswith(err.name):
                raise  # the stage exists but one of its own imports is broken: a bug
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ReviewflowError as err:
        print(f"reviewflow {args.command}: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
