"""Which export files make up the review: every file in every round's folder, in review order.

A round folder is enough: every export dropped in it is read, listed in config or not. A round's
``sources:`` only adds what a file cannot say (its database, platform, identification method, a
forced format). Files that are not exports are named in the import notes (``folders.py``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.importing.folders import Unread, classify, copies
from reviewflow.vocabulary import DEFAULT_METHOD


@dataclass(frozen=True)
class Source:
    """Where an export's records come from, as config says: what each of its records carries
    (``Record.round``, ``database``, ``platform``, ``method``)."""

    round: str = ""
    database: str = ""  # empty: take it from the file, else the file name
    platform: str = ""  # empty: from the records' own links, else unknown
    method: str = DEFAULT_METHOD  # PRISMA identification method, one of vocabulary.METHODS


@dataclass(frozen=True)
class Export:
    """One export file of one round, with what config says about it."""

    key: str  # "<round>/<file stem slug>": names its outputs and prefixes its record IDs
    path: str  # as given in config, relative to the repository root
    file_name: str
    source: Source  # what each of its records carries: round, database, platform, method
    format: str = ""  # empty: detect

    @property
    def id_prefix(self) -> str:
        return self.key.replace("/", "-")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "file"


@dataclass
class Folders:
    """What the round folders hold: the exports, the files not read, and the problems."""

    exports: list[Export]
    unread: list[Unread]
    problems: list[Problem]


def discover_exports(rounds: Sequence[Mapping[str, Any]], root: str | Path = ".",
                     source: str = "config/config.yaml") -> list[Export]:
    """List the exports of every round; raise if a round's folder or a listed file is missing, if a
    file may hold records the run cannot read, or if an export is a copy of another (naming
    ``source``, the config file that lists the rounds, for config problems)."""
    found = scan_rounds(rounds, root, source)
    if found.problems:
        raise ReviewflowError(found.problems)
    return found.exports


def unread_files(rounds: Sequence[Mapping[str, Any]], root: str | Path = ".") -> list[Unread]:
    """The files of the round folders that the run does not read, each with what to do."""
    return scan_rounds(rounds, root, "config").unread


def scan_rounds(rounds: Sequence[Mapping[str, Any]], root: str | Path, source: str) -> Folders:
    found = Folders([], [], [])
    keys: dict[str, str] = {}
    read: list[tuple[Path, str]] = []
    for rnd in rounds:
        folder, where = Path(rnd["folder"]), Path(root) / rnd["folder"]
        if not where.is_dir():
            found.problems.append(_missing_folder(rnd, folder, where, source))
            continue
        sources = rnd.get("sources") or {}
        entries = sorted(where.iterdir())
        names = frozenset(p.name for p in entries)
        found.problems += [_missing_source(rnd, folder, name, source) for name in sorted(sources) if name not in names]
        for path in entries:
            shown = str(folder / path.name)
            kind = classify(path, shown, names)
            if isinstance(kind, Unread):
                found.unread.append(kind)
            elif isinstance(kind, Problem):
                found.problems.append(kind)
            elif _new_key(f"{rnd['id']}/{slug(path.stem)}", shown, keys, found.problems):
                read.append((path, shown))
                found.exports.append(_export(rnd, path, shown, sources.get(path.name, {})))
    found.problems += copies(read)
    return found


def _new_key(key: str, shown: str, keys: dict[str, str], problems: list[Problem]) -> bool:
    if key in keys:
        problems.append(Problem(shown, f"its record IDs would clash with those of {keys[key]} (same name "
                                "but for the extension or punctuation)",
                                "rename one of the two files before anything is screened"))
        return False
    keys[key] = shown
    return True


def _export(rnd: Mapping[str, Any], path: Path, shown: str, meta: Mapping[str, str]) -> Export:
    source = Source(str(rnd["id"]), meta.get("database", ""), meta.get("platform", ""), meta.get("method", DEFAULT_METHOD))
    return Export(key=f"{rnd['id']}/{slug(path.stem)}", path=shown, file_name=path.name, source=source,
                  format=meta.get("format", ""))


def _missing_folder(rnd: Mapping[str, Any], folder: Path, where: Path, source: str) -> Problem:
    parent = where.parent
    near = difflib.get_close_matches(where.name, [p.name for p in parent.iterdir() if p.is_dir()]
                                     if parent.is_dir() else [], n=3)
    hint = f" (folders there with a close name: {', '.join(near)})" if near else ""
    return Problem(source, f"round '{rnd['id']}': its folder {folder} does not exist{hint}",
                   "restore the folder (records in it may already be screened), or fix `folder:`")


def _missing_source(rnd: Mapping[str, Any], folder: Path, name: str, source: str) -> Problem:
    return Problem(source, f"round '{rnd['id']}': sources names {name}, which is not in {folder}",
                   "restore the export file, or remove its entry from `sources:`")
