"""The malformed-input corpus (tests/corpus/README.md): every case gives a clean, actionable outcome.

An error case must exit 2 (or raise ReviewflowError) with a message naming the file, the line or row,
the problem and a fix, print no traceback, and leave no output file that looks complete. A warning
case keeps every record and says what it did. A few cases also run through Snakemake in a copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, copy_workflow, run_snakemake
from reviewflow.cli import main
from reviewflow.config import load_config
from reviewflow.errors import ReviewflowError
from reviewflow.importing.discover import discover_exports

CORPUS = REPO / "tests" / "corpus"
FIXTURES = REPO / "tests" / "fixtures"
XFAIL = pytest.mark.xfail  # bugs in stages other engineers own; each reason names the file and the fix

ERROR, WARNING, ACCEPTED = "error", "warning", "accepted"

# case file (under tests/corpus), outcome, where ("line N" / "row N" / a config key path), text in the message
CASES = [
    # --- exports, through `reviewflow import`
    ("exports/truncated.ris", ERROR, "line 6", "ends inside the record starting at line 6"),
    ("exports/truncated_wos.txt", ERROR, "line 9", "ends inside the record"),
    ("exports/pdf_saved_as.ris", ERROR, "line 7", "NUL bytes"),
    ("exports/xlsx_saved_as.csv", ERROR, "line 1", "NUL bytes"),
    ("exports/utf16_no_bom.ris", ERROR, "line 1", "UTF-16 without a byte-order mark"),
    ("exports/empty.ris", ERROR, None, "the file is empty"),
    ("exports/login_page.ris", ERROR, "line 1", "not EndNote XML"),
    ("exports/broken_endnote.xml", ERROR, "line 4", "XML is broken"),
    ("exports/entity_bomb.xml", ERROR, "line 3", "amplification"),
    ("exports/unclosed_brace.bib", ERROR, "line 1", "no records found"),
    ("exports/duplicate_ids.csv", ERROR, "line 4", "'w1' is used again (first at line 2)"),
    ("exports/empty_id.csv", ERROR, "line 3", "column is empty"),
    ("exports/header_only.csv", ERROR, "line 1", "no records found"),
    ("exports/plain_letter.txt", ERROR, "line 1", "cannot tell the export format"),
    ("exports/huge_field.csv", ACCEPTED, None, "2 records"),
    ("exports/huge_abstract.ris", ACCEPTED, None, "1 records"),
    ("exports/unknown_tags.ris", WARNING, "line 3", "unknown RIS tag 'ZZ'"),
    ("exports/cp1252.ris", WARNING, "line 2", "read as cp1252"),
    ("exports/mixed_line_endings.ris", ACCEPTED, None, "2 records"),
    ("exports/ragged_rows.csv", WARNING, "line 3", "the row has 4 cells but the header has 2"),
    ("exports/external_entity.xml", ACCEPTED, None, "1 records"),
    ("exports/pubmed_record_without_pmid.nbib", WARNING, "line 4", "PMID"),
    ("exports/lower_case_tags.ris", WARNING, "line 1", "each was read as the tag 'TY'"),
    ("exports/lower_case_tags_wos.txt", WARNING, "line 3", "each was read as the tag 'PT'"),
    ("exports/first_record_without_ty.ris", WARNING, "line 1", "has no 'TY  - ' line"),
    ("exports/wos_record_without_pt.txt", WARNING, "line 3", "has no 'PT' line"),
    ("exports/text_between_records.ris", WARNING, "line 5", "2 line(s) outside any record"),
    ("exports/no_database.ris", WARNING, "line 1", "counted under the file's name 'no_database'"),
    # --- screening sheets, through `reviewflow screen` on the fixture review (tests/fixtures/screening)
    ("sheets/screening/title_abstract.reviewer_a.unknown_record_id.csv", ERROR, "row 7", "2009-10-medline-00099"),
    ("sheets/screening/title_abstract.reviewer_a.same_record_twice.csv", ERROR, "row 7", "2009-10-medline-00002"),
    ("sheets/screening/title_abstract.reviewer_a.unknown_decision.csv", ERROR, "row 7", "maybe later"),
    ("sheets/screening/full_text.reviewer_a.exclude_without_reason.csv", ERROR, "row 3", "reason"),
    ("sheets/screening/title_abstract.reviewer_a.exclude_without_reason.csv", ACCEPTED, None, ""),
    ("sheets/screening/title_abstract.reviewer_a.unknown_reason.csv", ERROR, "row 7", "E42"),
    ("sheets/screening/title_abstract.reviewer_a.date_in_id.csv", ERROR, "row 7", "2009-10-01"),
    ("sheets/screening/title_abstract.reviewer_a.date_slash_in_id.csv", ERROR, "row 7", "01/10/2009"),
    ("sheets/screening/title_abstract.reviewer_a.na_in_id.csv", ERROR, "row 7", "id"),
    ("sheets/screening/title_abstract.reviewer_a.missing_column.csv", ERROR, "line 1", "decision"),
    ("sheets/screening/title_abstract.reviewer_a.extra_cells.csv", ERROR, "row 7", "extra"),
    ("sheets/screening/title_abstract.reviewer_a.cp1252.csv", WARNING, "reviewer_a.csv: not UTF-8",
     "read as Windows-1252"),
    ("sheets/screening/title_abstract.reviewer_a.xlsx_not_csv.csv", ERROR, "line 1", "rename it to end in .xlsx"),
    ("sheets/screening/title_abstract.reviewer_a.empty.csv", ERROR, "line 1", "empty"),
    ("sheets/screening/full_text.reviewer_a.not_passed_title_abstract.csv", ERROR, "row 5", "2009-10-medline-00002"),
    ("sheets/screening/title_abstract.consensus.unknown_decision.csv", ERROR, "row 2", "agreed"),
    ("sheets/screening/full_text.retrieval.unknown_status.csv", ERROR, "row 3", "on order"),
    ("sheets/screening/study_links.unknown_record.csv", ERROR, "row 5", "2009-10-medline-00077"),
    ("sheets/screening/title_abstract.reviewer_a.semicolons.csv", ACCEPTED, None, ""),
    ("sheets/screening/title_abstract.reviewer_a.bom.csv", ACCEPTED, None, ""),
    ("sheets/screening/title_abstract.reviewer_a.trailing_blank_rows.csv", ACCEPTED, None, ""),
    ("sheets/screening/title_abstract.reviewer_a.utf16_bom_tabs.csv", ACCEPTED, None, ""),
    ("sheets/screening/title_abstract.reviewer_a.crlf.csv", ACCEPTED, None, ""),
    # --- dedupe decisions, through `reviewflow dedupe three.ris --decisions FILE`
    ("sheets/dedupe/unknown_record.csv", ERROR, "row 2", "three-00009"),
    ("sheets/dedupe/unknown_decision.csv", ERROR, "row 2", "duplicate"),
    ("sheets/dedupe/missing_column.csv", ERROR, "line 1", "decision"),
    ("sheets/dedupe/contradiction.csv", ERROR, "row 4", "different"),
    ("sheets/dedupe/self_pair.csv", ERROR, "row 2", "itself"),
    ("sheets/dedupe/cp1252.csv", ERROR, "line 2", "UTF-8"),
    ("sheets/dedupe/blank_rows_then_error.csv", ERROR, "row 5", "maybe"),
    # --- extraction sheets, through `reviewflow tables --only tables` on tests/fixtures/extracted
    ("sheets/extracted/references.ref_id_not_a_number.csv", ERROR, "row 3", "'2a' is not a whole number"),
    ("sheets/extracted/schemes.unknown_status.csv", ERROR, "row 2", "'maybe'"),
    ("sheets/extracted/included_schemes.unknown_design.csv", ERROR, "row 2", "case_study"),
    ("sheets/extracted/excluded_schemes.duplicate_id.csv", ERROR, "row 3", "X01 appears more than once"),
    ("sheets/extracted/scheme_reports.missing_column.csv", ERROR, "line 1", "ref_id"),
    ("sheets/extracted/references.cp1252.csv", WARNING, "line 2", "read as Windows-1252"),
    ("sheets/extracted/references.unclosed_quote.csv", ERROR, "line 2", "quote"),
    # --- claims files, through `reviewflow tables --only claims`
    ("sheets/claims/bad_yaml.yaml", ERROR, "line 5", "not valid YAML"),
    ("sheets/claims/not_a_list.yaml", ERROR, "line 1", "a list under 'claims:'"),
    ("sheets/claims/missing_expected.yaml", ERROR, "line 4", "expected"),
    ("sheets/claims/unknown_sheet.yaml", ERROR, "line 5", "unknown sheet 'studies'"),
    ("sheets/claims/cp1252.yaml", ERROR, "line 3", "not UTF-8"),
    ("sheets/claims/python_object.yaml", ERROR, "line 1", "not valid YAML"),
    # --- config, through reviewflow.config.load_config (and the rounds' folders, as the workflow does)
    ("config/unknown_top_key.yaml", ERROR, "line 6", "screenng is not a setting reviewflow knows"),
    ("config/unknown_section_key.yaml", ERROR, "line 8", "treshold is not a setting reviewflow knows"),
    ("config/wrong_type.yaml", ERROR, "line 7", "'two' is not of type 'integer'"),
    ("config/missing_rounds.yaml", ERROR, "line 1", "'rounds' is a required property"),
    ("config/bad_indentation.yaml", ERROR, "line 8", "not valid YAML"),
    ("config/not_a_mapping.yaml", ERROR, "line 1", "not a mapping"),
    ("config/python_object.yaml", ERROR, "line 1", "not valid YAML"),
    ("config/cp1252.yaml", ERROR, "line 2", "not UTF-8"),
    ("config/tab_indent.yaml", ERROR, "line 7", "not valid YAML"),
    ("config/recursive_alias.yaml", ERROR, "line 8", "used inside its own anchor"),
    ("config/self_alias.yaml", ERROR, "line 1", "used inside its own anchor"),
    ("config/missing_folder.yaml", ERROR, "round '2009-10'", "folder data/raw/no-such-round does not exist"),
]


def case_id(case) -> str:
    return (case.values if hasattr(case, "values") else case)[0]


def test_the_corpus_is_all_listed_here_and_in_the_readme():
    files = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")
    listed = sorted(case_id(c) for c in CASES)
    assert files == listed
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert [f for f in files if f"`{f}`" not in readme] == []
    assert len(files) >= 40


# --- runners: each puts one case where a review would have it and runs the stage; returns
# (exit code, everything printed or raised, the file the message must name, outputs that must not exist)

def run_export(case: Path, tmp: Path, capsys) -> tuple[int, str, str, list[Path]]:
    out = tmp / "records.csv"
    code = main(["import", str(case), "-o", str(out)])
    cap = capsys.readouterr()
    return code, cap.out + cap.err, str(case), [out]


def screening_target(name: str) -> str:
    parts = name.split(".")
    if parts[0] == "study_links":
        return "data/screening/study_links.csv"
    return f"data/screening/{parts[0]}/{parts[1]}.csv"


def run_screening_sheet(case: Path, tmp: Path, capsys, monkeypatch) -> tuple[int, str, str, list[Path]]:
    root = tmp / "review"
    shutil.copytree(FIXTURES / "screening", root)
    target = screening_target(case.name)
    shutil.copyfile(case, root / target)
    monkeypatch.chdir(root)
    code = main(["screen", "--config", "config.yaml", "--unique-records", "unique_records.csv", "--out", "out"])
    cap = capsys.readouterr()
    return code, cap.out + cap.err, target, [root / "out" / "status.json"]


THREE = "".join(f"TY  - JOUR\nTI  - {t}\nAU  - {a}\nPY  - 2005\nER  - \n" for t, a in
                [("Pooled budgets in Scotland", "Smith, A"), ("Integrated care trusts", "Jones, B"),
                 ("Lead commissioning", "Ford, G")])


def run_dedupe_decisions(case: Path, tmp: Path, capsys) -> tuple[int, str, str, list[Path]]:
    (tmp / "three.ris").write_text(THREE, encoding="utf-8")
    out = tmp / "clusters.csv"
    code = main(["dedupe", str(tmp / "three.ris"), "-o", str(out), "--decisions", str(case)])
    cap = capsys.readouterr()
    return code, cap.out + cap.err, str(case), [out]


def tables_config(tmp: Path, extracted: Path, claims: str = "") -> Path:
    cfg = tmp / "config.yaml"
    # the example's codebook and declarations over the six-scheme fixture (tests/tables_support.py)
    cfg.write_text(f"rounds: [{{id: r1, folder: raw}}]\ntables: {{extracted: '{extracted}', claims: '{claims}', "
                   f"codebook: '{REPO}/config/extraction.yaml', declarations: '{REPO}/config/tables.yaml', "
                   f"decisions: '{FIXTURES}/extracted/outcomes.csv'}}\n"
                   "screening: {criteria: [{code: E5, kind: exclusion, label: a}, {code: E6, kind: exclusion, label: b}, "
                   "{code: E9, kind: exclusion, label: c}, {code: E10, kind: exclusion, label: d}]}\n",
                   encoding="utf-8")
    return cfg


def run_extraction_sheet(case: Path, tmp: Path, capsys) -> tuple[int, str, str, list[Path]]:
    extracted = tmp / "extracted"
    shutil.copytree(FIXTURES / "extracted", extracted)
    target = extracted / f"{case.name.split('.')[0]}.csv"
    shutil.copyfile(case, target)
    out = tmp / "tables"
    code = main(["tables", "--config", str(tables_config(tmp, extracted)), "--out", str(out), "--only", "tables"])
    cap = capsys.readouterr()
    return code, cap.out + cap.err, str(target), [out]


def run_claims(case: Path, tmp: Path, capsys) -> tuple[int, str, str, list[Path]]:
    out = tmp / "tables"
    cfg = tables_config(tmp, FIXTURES / "extracted", str(case))
    code = main(["tables", "--config", str(cfg), "--out", str(out), "--only", "claims"])
    cap = capsys.readouterr()
    return code, cap.out + cap.err, str(case), [out / "claims.csv"]


def run_config(case: Path, monkeypatch) -> tuple[int, str, str, list[Path]]:
    monkeypatch.chdir(REPO)  # the rounds' folders are read (never written) where the example has them
    try:
        config = load_config(case)
    except ReviewflowError as err:
        return 2, f"reviewflow: {err}", str(case), []
    try:
        discover_exports(config["rounds"], source=str(case))  # what the workflow does next
    except ReviewflowError as err:
        return 2, f"reviewflow: {err}", str(case), []  # named as the config file in use
    return 0, "", str(case), []


def run_case(rel: str, tmp: Path, capsys, monkeypatch) -> tuple[int, str, str, list[Path]]:
    case = CORPUS / rel
    kind = rel.split("/")[:2]
    if kind[0] == "exports":
        return run_export(case, tmp, capsys)
    if kind[0] == "config":
        return run_config(case, monkeypatch)
    return {"screening": lambda: run_screening_sheet(case, tmp, capsys, monkeypatch),
            "dedupe": lambda: run_dedupe_decisions(case, tmp, capsys),
            "extracted": lambda: run_extraction_sheet(case, tmp, capsys),
            "claims": lambda: run_claims(case, tmp, capsys)}[kind[1]]()


@pytest.mark.parametrize(("rel", "outcome", "where", "text"), CASES, ids=[case_id(c) for c in CASES])
def test_corpus_case(tmp_path, capsys, monkeypatch, rel, outcome, where, text):
    code, message, file, outputs = run_case(rel, tmp_path, capsys, monkeypatch)
    assert "Traceback" not in message
    assert text in message, message
    if outcome == ERROR:
        assert code == 2, message
        assert file in message, message
        if where is not None:
            assert where in message, message
        assert "fix:" in message, message
        left = [p for p in outputs if p.exists() and (p.is_file() or any(p.rglob("*")))]
        assert left == [], f"partial output left behind: {left}"
    else:
        assert code == 0, message
        if outcome == WARNING:
            assert "warning:" in message and where in message, message


@pytest.mark.parametrize("case", ["config/bad_indentation.yaml", "config/python_object.yaml"])
def test_reviewflow_screen_refuses_a_broken_config_cleanly(tmp_path, capsys, case):
    try:
        code = main(["screen", "--config", str(CORPUS / case), "--out", str(tmp_path / "out")])
    except Exception as err:  # noqa: BLE001 - the point is that nothing but a clean exit happens
        pytest.fail(f"{type(err).__name__}: {err}")
    assert code == 2 and str(CORPUS / case) in capsys.readouterr().err


# --- end to end through Snakemake, in a copy of the example: the rule stops with the message, and
# no output of the failed rule is left to look complete

def snakemake_fails(root: Path, target: str) -> str:
    result = run_snakemake(root, "--", target, check=False)  # "--": --quiet takes several values
    text = result.stdout + result.stderr
    assert result.returncode != 0, text
    assert "Traceback" not in text, text
    return text


@pytest.mark.workflow
def test_workflow_stops_on_a_broken_export_in_a_round_folder(tmp_path):
    root = copy_workflow(tmp_path / "review")
    shutil.copyfile(CORPUS / "exports/truncated.ris", root / "data/raw/2013-02/zz_broken.ris")
    text = snakemake_fails(root, "results/import/records.csv")
    assert "data/raw/2013-02/zz_broken.ris, line 6: the file ends inside the record" in text, text
    assert "fix:" in text
    assert "zz_broken.ris, line 6" in (root / "logs/import/2013-02/zz-broken.log").read_text(encoding="utf-8")
    assert not (root / "results/import/records.csv").exists()
    assert list((root / "results/import/files").rglob("*zz*")) == []


@pytest.mark.workflow
def test_workflow_stops_on_a_broken_reviewer_sheet(tmp_path):
    root = copy_workflow(tmp_path / "review")
    sheet = root / "data/screening/title_abstract/reviewer_a.csv"
    rows = sheet.read_text(encoding="utf-8").splitlines()
    first_id = rows[1].split(",")[0]  # (an unknown ID would be listed as orphaned: the example allows orphans)
    sheet.write_text("\n".join([*rows, f"{first_id},perhaps,,"]) + "\n", encoding="utf-8")
    text = snakemake_fails(root, "results/screening/status.json")
    assert f"data/screening/title_abstract/reviewer_a.csv, row {len(rows) + 1}" in text, text  # header = 1
    assert "perhaps" in text and "fix:" in text
    assert not (root / "results/screening/status.json").exists()
    assert list((root / "results/screening").rglob("*.csv")) == []


@pytest.mark.workflow
def test_workflow_refuses_a_config_with_an_unknown_key(tmp_path):
    root = copy_workflow(tmp_path / "review")
    config = root / "config/config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "screenng:\n  strict: true\n", encoding="utf-8")
    text = snakemake_fails(root, "results/import/records.csv")
    assert "screenng" in text and "config" in text, text
    assert not (root / "results").exists() or list((root / "results").rglob("*.csv")) == []
