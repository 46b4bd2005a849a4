"""Which export files make up the review: every file in every round's folder, in review order."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewflow.errors import Problem, ReviewflowError

# Files kept beside the exports that are not exports.
NOT_EXPORTS = re.compile(r"^(\.|readme|license|sources)|\.(md|txt\.md|yaml|yml|json|log)$", re.IGNORECASE)


@dataclass(frozen=True)
class Export:
    """One export file of one round, with what config says about it."""

    key: str  # "<round>/<file stem slug>": names its outputs and prefixes its record IDs
    path: str  # as given in config, relative to the repository root
    round_id: str
    file_name: str
    database: str = ""  # empty: take it from the file, else the file name
    platform: str = ""
    method: str = "database"
    format: str = ""  # empty: detect

    @property
    def id_prefix(self) -> str:
        return self.key.replace("/", "-")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "file"


def discover_exports(rounds: Sequence[Mapping[str, Any]], root: str | Path = ".",
                     source: str = "config/config.yaml") -> list[Export]:
    """List the exports of every round; raise if a round's folder or a listed file is missing
    (naming ``source``, the config file that lists the rounds)."""
    problems: list[Problem] = []
    found: list[Export] = []
    keys: dict[str, str] = {}
    for rnd in rounds:
        folder = Path(rnd["folder"])
        where = Path(root) / folder
        if not where.is_dir():
            problems.append(Problem(
                source,
                f"round '{rnd['id']}': its folder {folder} does not exist",
                "restore the folder (records in it may already be screened), or fix `folder:`"))
            continue
        sources = rnd.get("sources") or {}
        for name in sorted(sources):
            if not (where / name).is_file():
                problems.append(Problem(
                    source,
                    f"round '{rnd['id']}': sources names {name}, which is not in {folder}",
                    "restore the export file, or remove its entry from `sources:`"))
        for path in sorted(p for p in where.iterdir() if p.is_file() and not NOT_EXPORTS.search(p.name)):
            key = f"{rnd['id']}/{slug(path.stem)}"
            if key in keys:
                problems.append(Problem(
                    str(folder / path.name),
                    f"its record IDs would clash with those of {keys[key]} (same name but for the extension "
                    "or punctuation)", "rename one of the two files before anything is screened"))
                continue
            keys[key] = str(folder / path.name)
            meta = sources.get(path.name, {})
            found.append(Export(
                key=key, path=str(folder / path.name), round_id=str(rnd["id"]), file_name=path.name,
                database=meta.get("database", ""), platform=meta.get("platform", ""),
                method=meta.get("method", "database"), format=meta.get("format", "")))
    if problems:
        raise ReviewflowError(problems)
    return found
