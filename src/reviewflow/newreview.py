"""``reviewflow init DIR``: a new, runnable review folder.

It holds the review's own files only: a Snakefile that runs the packaged workflow, a commented config
with placeholders for the criteria and reviewers, the data folders people fill, a README saying what
goes where and what to do next, a .gitignore for what the run writes, and pinned requirements.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import jinja2

from reviewflow import __version__
from reviewflow.errors import fail

TEMPLATES = {  # file written -> template (src/reviewflow/templates/review/)
    "Snakefile": "Snakefile",
    "config/config.yaml": "config.yaml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
}
DATA_FOLDERS = ("data/raw/{round}", "data/dedupe", "data/screening/title_abstract", "data/screening/full_text",
                "data/screening/study", "data/extracted")
FOLDER_NOTES = {
    "data/raw/{round}": "Put this round's search exports here, one file per database (RIS, PubMed/MEDLINE, "
                        "Web of Science, BibTeX, EndNote XML, CSV).",
    "data/dedupe": "decisions.csv (record_id_1,record_id_2,decision,note) once you judge uncertain pairs.",
    "data/screening/title_abstract": "One decisions file per reviewer (<reviewer>.csv or .xlsx) and consensus.csv.",
    "data/screening/full_text": "retrieval.csv, one decisions file per reviewer and consensus.csv.",
    "data/screening/study": "Only with data/screening/study_links.csv: decisions by study_id.",
    "data/extracted": "Data-extraction sheets (CSV), declared in config/config.yaml (tables:).",
}
ROUND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
REVIEWER = re.compile(r"^[a-z][a-z0-9_]*$")


def create_review(folder: str | Path, title: str = "Untitled review", round_id: str = "round-1",
                  reviewers: tuple[str, ...] = ("reviewer_a", "reviewer_b")) -> list[Path]:
    """Write a new review into ``folder`` (missing or empty); return the files written."""
    folder = Path(folder)
    _check(folder, round_id, reviewers)
    env = jinja2.Environment(loader=jinja2.PackageLoader("reviewflow", "templates/review"),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    values = {"title": title, "round": round_id, "reviewers": list(reviewers), "version": __version__}
    written = []
    for name, template in TEMPLATES.items():
        written.append(_write(folder / name, env.get_template(template).render(values)))
    written.append(_write(folder / "requirements.txt", requirements_text()))
    for pattern in DATA_FOLDERS:
        sub = pattern.format(round=round_id)
        written.append(_write(folder / sub / "README.md", f"# {sub}\n\n{FOLDER_NOTES[pattern]}\n"))
    return written


def _check(folder: Path, round_id: str, reviewers: tuple[str, ...]) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise fail(folder, "is not an empty folder: `reviewflow init` writes a new review and never "
                   "overwrites files", "give a new folder name (it is created), or empty this one first")
    if not ROUND_ID.match(round_id):
        raise fail("--round", f"{round_id!r} is not a round id", "use letters, digits, '-', '_' or '.', e.g. 2026-01")
    bad = [r for r in reviewers if not REVIEWER.match(r)]
    if bad or len(set(reviewers)) != len(reviewers) or len(reviewers) < 1 or "consensus" in reviewers:
        raise fail("--reviewers", f"{', '.join(reviewers)}: each reviewer needs a distinct lower-case name "
                   "(letters, digits, '_'; not 'consensus')", "e.g. --reviewers anna,ben")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def requirements_text() -> str:
    """reviewflow and every package it needs, at the versions installed now (what this review ran on)."""
    pins = {}
    todo = ["reviewflow"]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in pins:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        pins[key] = f"{dist.metadata['Name']}=={dist.version}"
        for req in dist.requires or []:
            if "extra ==" not in req:
                todo.append(re.split(r"[ ;<>=!~\[(]", req, maxsplit=1)[0])
    lines = ["# The exact versions this review was set up with: pip install -r requirements.txt",
             *sorted(pins.values(), key=str.lower)]
    return "\n".join(lines) + "\n"


def register(subparsers) -> None:
    parser = subparsers.add_parser("init", help="write a new, runnable review folder",
                                   description="Write a new review into DIR (created; it must be empty).")
    parser.add_argument("dir", help="folder of the new review")
    parser.add_argument("--title", default="Untitled review", help="the review's title")
    parser.add_argument("--round", default="round-1", dest="round_id",
                        help="id of the first search round (its exports go in data/raw/ROUND/)")
    parser.add_argument("--reviewers", default="reviewer_a,reviewer_b",
                        help="comma-separated reviewer names (each gets a worksheet and a decisions file)")
    parser.set_defaults(func=_init)


def _init(args) -> int:
    reviewers = tuple(r.strip() for r in args.reviewers.split(",") if r.strip())
    create_review(args.dir, args.title, args.round_id, reviewers)
    folder = Path(args.dir)
    print(f"reviewflow: a new review in {folder}/\n"
          f"  next: put the search exports in {folder}/data/raw/{args.round_id}/, replace the placeholder "
          f"criteria in {folder}/config/config.yaml,\n  then run: reviewflow run {folder}")
    return 0
