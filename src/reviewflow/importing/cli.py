"""``reviewflow import FILE... -o records.csv``: the import stage outside the workflow."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewflow.cli import command_help
from reviewflow.errors import fail
from reviewflow.importing.detect import FORMATS, FORMAT_NAMES
from reviewflow.importing.discover import Source, slug
from reviewflow.importing.notes import Note, write_notes
from reviewflow.importing.read import import_notes, read_export
from reviewflow.records import Record, write_records
from reviewflow.vocabulary import DEFAULT_METHOD, METHODS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help=command_help("import"),
        description="Read export files (RIS, PubMed MEDLINE, Web of Science, BibTeX, CSV, EndNote XML; "
        "detected from content) into one records CSV. Record IDs are <file stem>-<NNNNN>, or the "
        "file's own ID column for CSV.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="export files, in review order")
    parser.add_argument("-o", "--output", required=True, help="records CSV to write")
    parser.add_argument("--format", choices=FORMATS, default="", help="skip format detection")
    parser.add_argument("--round", default="", help="round ID for every record")
    parser.add_argument("--database", default="", help="database name for every record (else from the file)")
    parser.add_argument("--platform", default="", help="platform (interface) for every record, e.g. Ovid "
                        "(else from the records' own links)")
    parser.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD,
                        help=f"PRISMA identification method of every record (default {DEFAULT_METHOD})")
    parser.add_argument("--notes", default="", metavar="CSV",
                        help="also write every warning, line set aside and flagged record, with file and line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source = Source(args.round, args.database, args.platform, args.method)
    records: list[Record] = []
    notes: list[Note] = []
    prefixes: dict[str, str] = {}
    seen: dict[str, str] = {}
    for file in args.files:
        prefix = slug(Path(file).stem)
        if prefix in prefixes:
            raise fail(file, f"its record IDs would clash with those of {prefixes[prefix]} (same "
                       "name but for the extension or punctuation)", "rename one of the two files")
        prefixes[prefix] = file
        result = read_export(file, id_prefix=prefix, source=source, fmt=args.format)
        for notice in result.notices:
            print(notice, file=sys.stderr)
        for record in result.records:
            if record.record_id in seen:
                raise fail(file, f"record ID {record.record_id!r} is also used in {seen[record.record_id]}",
                           "give the ID columns of the two files different IDs", line=record.source_line)
            seen[record.record_id] = file
        records += result.records
        notes += import_notes(result)
        print(f"{file}: {len(result.records)} records ({FORMAT_NAMES[result.format]})", file=sys.stderr)
    write_records(records, args.output)
    if args.notes:
        write_notes(notes, args.notes)
    return 0
