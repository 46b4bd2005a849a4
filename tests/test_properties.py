"""Property: whatever bytes a human-entered file holds, its reader gives a result or a ReviewflowError.

Covers every sheet reader the import properties (test_import_properties.py) do not: the screening
sheets (decisions, consensus, retrieval, study links; read alone and through the whole screening
stage), dedupe decisions, the extraction sheets, claims.yaml and the config. Inputs are arbitrary
bytes, or text built from pieces of the real format so the readers' logic is reached, in the
encodings spreadsheets write.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewflow.claims import load_claims
from reviewflow.config import load_config
from reviewflow.dedupe.decisions import check_decisions, read_decisions
from reviewflow.errors import ReviewflowError
from reviewflow.screening import run_screening
from reviewflow.sheets import read_sheet
from tables_support import load_extraction

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])


def csv_like(header: str, cells: list[str]) -> st.SearchStrategy[bytes]:
    """A sheet as a spreadsheet might save it: the header, then rows of plausible and odd cells."""
    cell = st.one_of(st.sampled_from(cells), st.text(max_size=12))
    rows = st.lists(st.tuples(st.lists(cell, max_size=6), st.sampled_from([",", ";", "\t"]),
                              st.sampled_from(["\n", "\r\n", "\r", ""])), max_size=8)

    def build(parts: tuple[list, str, str, bool]) -> bytes:
        body, encoding, noise, keep_header = parts
        text = (header + "\n" if keep_header else "") + "".join(d.join(cs) + end for cs, d, end in body)
        try:
            return text.encode(encoding) + noise
        except UnicodeEncodeError:
            return text.encode("utf-8") + noise

    structured = st.tuples(rows, ENCODINGS, st.binary(max_size=8), st.booleans()).map(build)
    return st.one_of(st.binary(max_size=300), structured)


@contextmanager
def written(path: Path, data: bytes):
    path.write_bytes(data)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def clean_or_none(call) -> None:
    """Run a reader; a ReviewflowError must name the file and a fix, anything else fails the test."""
    try:
        call()
    except ReviewflowError as err:
        assert err.problems and all(p.file and p.fix for p in err.problems)


# --- screening sheets ---------------------------------------------------------------------------------

IDS = ["2009-10-medline-00001", "2009-10-hmic-00002", "2009-10-websites-00001", "S01", "S02", "2009-10-01",
       "01/10/2009", "#N/A", "=1+1", '"q"']
DECISION_CELLS = [*IDS, "include", "exclude", "unsure", "YES", "maybe", "E1", "E1;E2", "E99", "I1", ""]
SCREENING_SHEETS = {
    "decisions": ("id,decision,reasons,note", ("id", "decision"), "screening_decisions", DECISION_CELLS),
    "retrieval": ("id,status,note", ("id", "status"), "screening_retrieval",
                  [*IDS, "retrieved", "not retrieved", "not_retrieved", "lost"]),
    "study_links": ("record_id,study_id,note", ("record_id", "study_id"), "screening_study_links", IDS),
}


@pytest.mark.parametrize("kind", sorted(SCREENING_SHEETS))
def test_screening_sheet_reader(tmp_path, kind):
    header, required, schema, cells = SCREENING_SHEETS[kind]

    @FUZZ
    @given(csv_like(header, cells))
    def check(data):
        with written(tmp_path / "sheet.csv", data) as path:
            clean_or_none(lambda: read_sheet(path, required, schema))

    check()


SCREENING_TARGETS = ["title_abstract/reviewer_a.csv", "title_abstract/consensus.csv", "full_text/reviewer_b.csv",
                     "full_text/retrieval.csv", "study/reviewer_a.csv", "study_links.csv"]


@pytest.mark.parametrize("target", SCREENING_TARGETS)
def test_the_screening_stage_on_any_sheet(tmp_path, monkeypatch, target):
    """The whole stage (reading, reconciling, writing) with one fuzzed sheet in the fixture review."""
    import yaml

    from reviewflow.validation import validate_config

    root = tmp_path / "review"
    shutil.copytree(FIXTURES / "screening", root)
    monkeypatch.chdir(root)
    config = yaml.safe_load(Path("config.yaml").read_text(encoding="utf-8"))
    validate_config(config)
    header = "record_id,study_id,note" if target == "study_links.csv" else "id,decision,reasons,note"
    sheet = Path("data/screening") / target

    @settings(FUZZ, max_examples=60)
    @given(csv_like(header, DECISION_CELLS))
    def check(data):
        sheet.write_bytes(data)
        shutil.rmtree("out", ignore_errors=True)
        clean_or_none(lambda: run_screening("unique_records.csv", config, "out"))

    check()


# --- dedupe decisions ---------------------------------------------------------------------------------

DEDUPE_CELLS = ["three-00001", "three-00002", "three-00009", "same", "different", "Same", "maybe", "", "#N/A"]


def test_dedupe_decisions_text(tmp_path):
    @FUZZ
    @given(csv_like("record_id_a,record_id_b,decision,note", DEDUPE_CELLS).filter(_is_utf8))
    def check(data):
        with written(tmp_path / "decisions.csv", data) as path:
            clean_or_none(lambda: check_decisions(read_decisions(path), {"three-00001", "three-00002"}))

    check()


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_dedupe_decisions_any_bytes(tmp_path):
    @FUZZ
    @given(csv_like("record_id_a,record_id_b,decision,note", DEDUPE_CELLS))
    def check(data):
        with written(tmp_path / "decisions.csv", data) as path:
            clean_or_none(lambda: check_decisions(read_decisions(path), {"three-00001", "three-00002"}))

    check()


# --- extraction sheets --------------------------------------------------------------------------------

EXTRACTION_CELLS = ["S01", "S02", "X01", "1", "2", "2a", "8", "5;7", "9", "included", "excluded", "rct",
                    "qualitative;rct", "no_effect", "x", "yes", "England", "=SUM(1)", "", "2;8;999"]


@pytest.mark.parametrize("sheet", ["references", "schemes", "included_schemes", "excluded_schemes",
                                   "scheme_reports"])
def test_extraction_sheets(tmp_path, sheet):
    folder = tmp_path / "extracted"
    shutil.copytree(FIXTURES / "extracted", folder)
    header = (FIXTURES / "extracted" / f"{sheet}.csv").read_text(encoding="utf-8").splitlines()[0]

    @settings(FUZZ, max_examples=80)
    @given(csv_like(header, EXTRACTION_CELLS))
    def check(data):
        (folder / f"{sheet}.csv").write_bytes(data)
        clean_or_none(lambda: load_extraction(folder))

    check()


# --- YAML files: claims.yaml and the config -----------------------------------------------------------

YAML_PIECES = ["claims:", "rounds:", "  - id: a", "    text: b", "    checks:", "      - {label: x, metric: "
               "\"count(schemes)\", expected: 3}", "      - {expected: x}", "  - 1", "dedupe: {shards: two}",
               "- folder: data/raw/x", "  folder: f", "!!python/object/apply:os.system [x]", "&a [*a]", "\t", "{",
               "'", "null", "review: {title: 1}", "tables: {claims: 3}", "screening: {criteria: [1]}", "---", "..."]
YAML_LIKE = st.one_of(
    st.binary(max_size=200),
    st.tuples(st.lists(st.sampled_from(YAML_PIECES), max_size=10), ENCODINGS).map(
        lambda p: "\n".join(p[0]).encode(p[1])))


def test_claims_file(tmp_path):
    @FUZZ
    @given(YAML_LIKE)
    def check(data):
        with written(tmp_path / "claims.yaml", data) as path:
            clean_or_none(lambda: load_claims(path))

    check()


def test_config_file(tmp_path):
    @FUZZ
    @given(YAML_LIKE)
    def check(data):
        with written(tmp_path / "config.yaml", data) as path:
            clean_or_none(lambda: load_config(path))

    check()
