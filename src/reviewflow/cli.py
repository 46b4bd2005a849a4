"""The ``reviewflow`` command: each stage of the flow, usable outside Snakemake.

Each stage package has a ``cli`` module with ``register(subparsers)``; this module only wires
them together and turns bad input into a clean message and a non-zero exit (no traceback).
Only the stage of the command being run is imported: ``reviewflow --help`` and every command start
without the other stages' libraries, and keep working if another stage is broken.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reviewflow import __version__
from reviewflow.errors import ReviewflowError

# In flow order: command -> (its stage's CLI module, the line `reviewflow --help` shows for it).
COMMANDS = {
    "init": ("reviewflow.newreview", "write a new, runnable review folder"),
    "run": ("reviewflow.runner", "run a review with Snakemake (any Snakemake option passes through)"),
    "import": ("reviewflow.importing.cli", "read database exports into one normalised records table"),
    "dedupe": ("reviewflow.dedupe.cli", "find duplicate records across exports"),
    "screen": ("reviewflow.screening.cli",
               "reconcile screening decisions; write outcomes, conflicts, worksheets, agreement"),
    "prisma": ("reviewflow.prisma.cli", "PRISMA 2020 counts, ID lists and flow diagram from the review's results"),
    "tables": ("reviewflow.tables.cli", "publication tables, charts and the claims check"),
    "report": ("reviewflow.report.cli", "the self-contained HTML report (results/report.html)"),
}

EXIT_BAD_INPUT = 2


def command_help(command: str) -> str:
    return COMMANDS[command][1]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only ``command``'s stage is imported and registers its options (the others are
    listed by name and help line)."""
    parser = argparse.ArgumentParser(prog="reviewflow", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"reviewflow {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, help_line) in COMMANDS.items():
        if name == command:
            importlib.import_module(module).register(subparsers)
        else:
            subparsers.add_parser(name, help=help_line)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)  # no global option takes a value
    parser = build_parser(command)
    if command == "run":  # every word after `run` is the review folder or one of Snakemake's options
        from reviewflow.runner import RUN_HELP, run_review, split_run_args

        rest = argv[argv.index("run") + 1:]
        if rest[:1] in (["-h"], ["--help"]):
            print(RUN_HELP)
            return 0
        args = argparse.Namespace(command="run", func=lambda _: run_review(*split_run_args(rest)))
    else:
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
