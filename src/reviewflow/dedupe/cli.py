"""``reviewflow dedupe FILE... -o clusters.csv``: the dedupe stage outside the workflow."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewflow.cli import command_help
from reviewflow.dedupe.decisions import read_decisions
from reviewflow.dedupe.outputs import write_all
from reviewflow.dedupe.pipeline import dedupe
from reviewflow.dedupe.settings import Settings
from reviewflow.errors import fail
from reviewflow.records import COLUMNS, Record, read_records


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "dedupe", help=command_help("dedupe"),
        description="Cluster records that are the same bibliographic item. Inputs: export files in any "
        "format the import reads (a CSV with an ID column keeps it as record_id), or a records.csv "
        "written by `reviewflow import`. Writes record_id,cluster_id (cluster_id = earliest member).")
    parser.add_argument("files", nargs="+", metavar="FILE", help="export files or records tables, in review order")
    parser.add_argument("-o", "--output", required=True, help="clusters CSV to write (record_id,cluster_id)")
    parser.add_argument("--decisions", help="human decisions CSV (record_id_a,record_id_b,decision,note)")
    parser.add_argument("--unique", help="also write the merged unique records here")
    parser.add_argument("--audit", help="also write every merged pair with its scores and rule here")
    parser.add_argument("--uncertain", help="also write the pairs for a person to judge here")
    parser.add_argument("--summary", help="also write a JSON summary here")
    parser.add_argument("--workers", type=int, default=1, help="threads for scoring (default 1)")
    parser.set_defaults(func=run)


def read_inputs(files: list[str]) -> list[Record]:
    from reviewflow.importing import read_export
    from reviewflow.importing.discover import slug

    records: list[Record] = []
    seen: dict[str, str] = {}
    for file in files:
        if _is_records_table(file):
            table = read_records(file)
        else:
            result = read_export(file, id_prefix=slug(Path(file).stem))
            for notice in result.notices:
                print(notice, file=sys.stderr)
            table = result.records
        for record in table:
            if record.record_id in seen:
                raise fail(file, f"record ID {record.record_id!r} is also used in {seen[record.record_id]}",
                           "give every record its own ID (rename one file, or change its ID column)",
                           line=record.source_line or None)
            seen[record.record_id] = file
        records += table
    return records


def _is_records_table(file: str) -> bool:
    with open(file, encoding="utf-8", errors="replace") as handle:
        header = handle.readline().strip().split(",")
    return tuple(header) == COLUMNS


def run(args: argparse.Namespace) -> int:
    records = read_inputs(args.files)
    decisions = read_decisions(args.decisions) if args.decisions else []
    if args.decisions and not Path(args.decisions).is_file():
        raise fail(args.decisions, "the decisions file does not exist", "check the path")
    result = dedupe(records, decisions, Settings(workers=args.workers))
    write_all(result, clusters=args.output, unique=args.unique, audit=args.audit, uncertain=args.uncertain,
              summary=args.summary)
    s = result.summary
    print(f"{s['records']} records -> {s['unique_records']} unique ({s['duplicates_removed']} duplicates), "
          f"{s['uncertain_pairs']} uncertain pair(s) to judge", file=sys.stderr)
    return 0
