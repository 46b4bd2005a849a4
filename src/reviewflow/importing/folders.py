"""What is in a round folder besides exports, and what a person should do about each file.

Every file in a round folder is either read as an export or named in the import notes with what to
do: nothing a person put there is skipped without a word. A file the run cannot read but that may
hold records (an Excel workbook with no CSV beside it, an archive whose files are not unpacked) is
an error, since its records would be missing from every count. A copy of an export (the same bytes
as another export file of the review) is an error naming both files: it would count each of its
records twice, and dedupe would report them as duplicates found.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewflow.errors import Problem

# Documents kept beside the exports (search strategies, notes): read by people, not by the run.
DOCUMENTS = re.compile(r"^(readme|license|sources|search[-_ ]?strateg)|\.(md|yaml|yml|json|log|pdf|docx?|odt|rtf)$",
                       re.IGNORECASE)
SPREADSHEETS = re.compile(r"\.(xlsx|xlsm|xls|ods)$", re.IGNORECASE)
ARCHIVES = re.compile(r"\.(zip|gz|tgz|7z|rar|tar|bz2)$", re.IGNORECASE)
BACKUPS = re.compile(r"(~|\.bak|\.tmp|\.swp|\.orig)$", re.IGNORECASE)
# The names file managers and browsers give a copy ("x (copy)", "x - Copy", "Copy of x", "x (1)"):
# of two identical files, the one named so is called the copy (the sort is stable otherwise).
COPY_NAME = re.compile(r"\bcopy\b|\(\d+\)$", re.IGNORECASE)


@dataclass(frozen=True)
class Unread:
    """A file of a round folder that is not an export: why, and what to do."""

    path: str  # folder/name, as config gives the folder
    why: str
    todo: str

    def __str__(self) -> str:
        return f"{self.path}: not read: {self.why}; {self.todo}"


def classify(path: Path, shown: str, names: frozenset[str]) -> Unread | Problem | None:
    """None for an export; an ``Unread`` note for a file the run leaves alone; a ``Problem`` for a
    file that may hold records the run cannot read. ``names`` are the other files in the folder."""
    name = path.name
    if path.is_dir():
        return Unread(shown, "a folder inside the round folder (exports must be directly in the round "
                      "folder)", "move the exports it holds up into the round folder, or the folder out")
    if name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#")):
        original = name[2:] if name.startswith("~$") else name[len(".~lock."):-1]
        return Unread(shown, f"a lock file the spreadsheet program keeps while {original} is open",
                      "close the file in Excel or LibreOffice (the lock file then goes), or delete it")
    if name.startswith("."):
        return Unread(shown, "a hidden file (the system's or version control's)", "nothing to do")
    if DOCUMENTS.search(name):
        return Unread(shown, "a document kept beside the exports (not an export format the run reads)",
                      "nothing to do if it holds no records; if it does, export them as RIS or CSV")
    if BACKUPS.search(name):
        return Unread(shown, "a backup or temporary file an editor left",
                      "delete it; if it holds records the export lacks, export the search again")
    if SPREADSHEETS.search(name):
        return _spreadsheet(path, shown, names)
    if ARCHIVES.search(name):
        return _archive(path, shown, names)
    return None


def _spreadsheet(path: Path, shown: str, names: frozenset[str]) -> Unread | Problem:
    twins = sorted(n for n in names if Path(n).stem == path.stem and n != path.name and not SPREADSHEETS.search(n))
    if twins:
        return Unread(shown, f"a spreadsheet beside {twins[0]}, which is the file the run reads",
                      f"edits made in the spreadsheet are not imported: save them into {twins[0]}, then "
                      "delete or move the spreadsheet")
    return Problem(shown, "an Excel or LibreOffice workbook: the run reads exports as text (RIS, CSV, ...), "
                   "so its records would be missing", "save it as CSV UTF-8 (File > Save As) into this "
                   "folder, then move the workbook out of it")


def _archive(path: Path, shown: str, names: frozenset[str]) -> Unread | Problem:
    members: list[str] = []
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [Path(m).name for m in archive.namelist() if not m.endswith("/")]
    missing = [m for m in members if m not in names]
    if members and not missing:
        return Unread(shown, "an archive whose files are all unpacked in the folder", "nothing to do")
    detail = f" ({', '.join(missing[:5])} not in the folder)" if missing else ""
    return Problem(shown, f"an archive: the run does not unpack archives, so the records in it would be "
                   f"missing{detail}", "unpack the export files into this folder, then move the archive out")


def copies(paths: Sequence[tuple[Path, str]]) -> list[Problem]:
    """Export files with the same bytes as an earlier one (review order): one problem per copy.
    Only files of the same size are read and hashed, so the cost is small."""
    by_size: dict[int, list[tuple[Path, str]]] = defaultdict(list)
    for path, shown in paths:
        by_size[path.stat().st_size].append((path, shown))
    problems = []
    for group in (g for g in by_size.values() if len(g) > 1):
        first: dict[str, str] = {}
        for path, shown in sorted(group, key=lambda pair: bool(COPY_NAME.search(pair[0].stem))):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest in first:
                problems.append(copy_problem(shown, first[digest], "has the same bytes as"))
            else:
                first[digest] = shown
    return problems


def copy_problem(copy: str, original: str, how: str) -> Problem:
    return Problem(copy, f"this export {how} {original}: a copy would count each of its records twice "
                   "(and dedupe would report them as duplicates found)",
                   f"delete one of the two files (if {original} is listed in `sources:`, keep that one)")

