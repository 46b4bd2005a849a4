"""docs/architecture.md stays true: the files and functions it names exist, its stages are the pipeline's
in run order, and the record it walks is where it says in a run of the example."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

from reviewflow.vocabulary import PIPELINE_STAGES

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "architecture.md"
RECORD = "2009-10-medline-ovid-simulated-00001"
NAMED = re.compile(r"`([\w/]+\.py)`(?: · `(\w+)`)?")


def sections() -> dict[str, str]:
    parts = re.split(r"^## (\w+)\n", DOC.read_text(encoding="utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def resolve(name: str, folder: Path) -> Path:
    """A path as the page writes it: from the repository (src/...), from the package (dedupe/x.py), or
    beside the file the section starts in (x.py)."""
    if name.startswith(("src/", "workflow/", "tests/")):
        return REPO / name
    return REPO / "src" / "reviewflow" / name if "/" in name else folder / name


def top_level_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    names |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    names |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    names |= {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    return names


def test_stages_are_the_pipeline_in_run_order():
    assert tuple(sections()) == PIPELINE_STAGES


def test_each_stage_starts_in_one_named_file_and_function():
    for stage, text in sections().items():
        start = re.search(r"Starts in `(src/reviewflow/[\w/]+\.py)` · `(\w+)`", text)
        assert start, f"section {stage} names no file its logic starts in"
        path = REPO / start.group(1)
        assert path.is_file(), path
        assert start.group(2) in top_level_names(path), f"{start.group(2)} not in {path}"


def test_every_named_file_and_function_exists():
    checked = 0
    for stage, text in sections().items():
        folder = (REPO / re.search(r"Starts in `([^`]+)`", text).group(1)).parent
        for name, function in NAMED.findall(text):
            path = resolve(name, folder)
            assert path.is_file(), f"section {stage}: {name} is not {path}"
            if function:
                assert function in top_level_names(path), f"section {stage}: {function} not in {path}"
            checked += 1
    assert checked > 2 * len(PIPELINE_STAGES)


def test_the_walked_record_starts_at_line_2():
    lines = (REPO / "data/raw/2009-10/medline_ovid_simulated.ris").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("TY  - ")
    assert lines[1:4] == [line for line in re.search(r"```\n(.*?)```", DOC.read_text(encoding="utf-8"),
                                                          re.S).group(1).splitlines()]


def test_the_record_is_where_the_page_says(example_run):
    results = example_run / "results"
    records = {r["record_id"]: r for r in _rows(results / "import/records.csv")}
    assert records[RECORD]["source_file"] == "data/raw/2009-10/medline_ovid_simulated.ris"
    assert [records[RECORD][c] for c in ("source_line", "round", "database", "platform", "method")] == \
        ["2", "2009-10", "MEDLINE", "Ovid", "database"]
    clusters = {r["record_id"]: r["cluster_id"] for r in _rows(results / "dedupe/clusters.csv")}
    assert [r for r, c in clusters.items() if c == clusters[RECORD]] == [RECORD]
    (outcome,) = [r for r in _rows(results / "screening/title_abstract/outcomes.csv") if r["id"] == RECORD]
    assert (outcome["decision"], outcome["reasons"]) == ("exclude", "E2")
    boxes = {p.stem for p in (results / "prisma/boxes").glob("*.csv") if RECORD in p.read_text(encoding="utf-8")}
    assert boxes == {"dbr_identified", "dbr_records_screened", "dbr_records_excluded"}
    cited = {p.name for p in (results / "citations").iterdir() if RECORD in p.read_text(encoding="utf-8")}
    assert cited == {"unique.ris", "unique.bib"}


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
