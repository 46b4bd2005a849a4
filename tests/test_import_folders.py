"""A round folder is enough: every export in it is read, listed in config or not, and every other
file is named with what to do. Copies of an export and files whose records the run cannot read are
errors naming the file(s) and the fix. (The messages each case must give are in the tables.)"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import shared_path
from reviewflow.errors import ReviewflowError
from reviewflow.importing import gather_records, import_export
from reviewflow.importing.discover import discover_exports, unread_files
from reviewflow.importing.read import import_notes
from reviewflow.importing.notes import read_notes, write_notes
from reviewflow.records import read_records, write_records

RIS = "TY  - JOUR\nTI  - {title}\nDB  - Scopus\nER  - \n"


def round_folder(root: Path, files: dict[str, str | bytes], name: str = "r1") -> list[dict]:
    folder = root / "data" / "raw" / name
    folder.mkdir(parents=True, exist_ok=True)
    for file, content in files.items():
        path = folder / file
        if file.endswith("/"):
            path.mkdir()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return [{"id": name, "folder": f"data/raw/{name}"}]


def run_import(root: Path, rounds: list[dict]) -> tuple[Path, Path]:
    """The import stage as the workflow runs it, in ``root``: per-file tables, then gather."""
    old = Path.cwd()
    os.chdir(root)  # export paths are relative to the review's root, as in the workflow
    try:
        files, notes = [], []
        for export in discover_exports(rounds):
            result = import_export(export)
            files.append(Path("files", f"{export.key}.csv"))
            notes.append(Path("notes", f"{export.key}.csv"))
            files[-1].parent.mkdir(parents=True, exist_ok=True)
            write_records(result.records, files[-1])
            write_notes(import_notes(result), notes[-1])
        Path("results").mkdir(exist_ok=True)
        gather_records(files, "results/records.csv", "results/summary.csv", "results/notes.csv",
                       notes_in=notes, unread=unread_files(rounds))
    finally:
        os.chdir(old)
    return root / "results/summary.csv", root / "results/notes.csv"


# --- unlisted exports are read; the database comes from the file


def test_a_round_folder_without_sources_reads_every_export(tmp_path):
    rounds = round_folder(tmp_path, {"scopus.ris": RIS.format(title="A"), "other.ris": RIS.format(title="B")})
    assert [e.file_name for e in discover_exports(rounds, root=tmp_path)] == ["other.ris", "scopus.ris"]


# real export -> the database its records are counted under, with no `sources:` in config
REAL = [
    ("scopus/revtools_restoration_scopus.ris", "Scopus"),  # DB tag
    ("ebsco/citesource_wildfire_envindex_100.ris", "Environment Index"),  # EBSCOhost code egh
    ("ebsco/citesource_wildfire_econlit_3.ris", "EconLit"),  # ecn
    ("ovid/asreview_ovid_psycinfo.ris", "APA PsycInfo"),  # no DB: Ovid record link D=psyc16
    ("ovid/mckeown_mir_ovid_multifile_3001_to_3130.ris", "APA PsycInfo"),  # D=psyc1/2/3
    ("ovid/citesource_wildfire_ovid_medline_84.ris", "Ovid MEDLINE(R)"),  # DB; segment years dropped
    ("embase/asreview_embase.csv", "Embase"),  # Emtree columns
    ("embase/asreview_embase.ris", "Embase"),
    ("proquest/asreview_proquest.ris", "PTSDpubs"),
    ("pubmed/revtools_restoration_pubmed.nbib", "PubMed/MEDLINE"),
    ("pubmed/asreview_pubmed_endnote.txt", "PubMed/MEDLINE"),  # DP - NLM
    ("wos/revtools_restoration_WoS.ciw", "Web of Science"),
    ("wos/asysd_wos_test.ris", "Web of Science"),  # AN - WOS:
    ("wos/synthesisr_zoorec.txt", "Zoological Record"),
    ("scopus/synthesisr_Scopus_bib_example.bib", "Scopus"),  # source={Scopus}
]


@pytest.mark.parametrize(("export", "database"), REAL, ids=[r[0] for r in REAL])
def test_the_database_comes_from_the_file(tmp_path, export, database):
    source = shared_path("benchmarks", "exports", export)
    rounds = round_folder(tmp_path, {})
    shutil.copyfile(source, tmp_path / "data/raw/r1" / source.name)
    summary, notes = run_import(tmp_path, rounds)
    rows = summary.read_text(encoding="utf-8").splitlines()
    assert database in rows[1].split(",")[2].split("; ")  # Ovid MEDLINE: also its Epub Ahead of Print etc.
    assert not [n for n in read_notes(notes) if "which database" in n.message]


def test_an_export_whose_database_cannot_be_told_is_counted_under_its_name_with_a_warning(tmp_path):
    source = shared_path("benchmarks", "exports", "ovid", "synthesisr_Ovid_ris_example.ris")  # CAB: no mark
    rounds = round_folder(tmp_path, {})
    shutil.copyfile(source, tmp_path / "data/raw/r1" / "cab.ris")
    summary, notes = run_import(tmp_path, rounds)
    assert summary.read_text(encoding="utf-8").splitlines()[1].split(",")[2] == "cab"
    [warning] = [n for n in read_notes(notes) if "which database" in n.message]
    assert warning.source_file == "data/raw/r1/cab.ris" and warning.line == 2
    assert "counted under the file's name 'cab'" in warning.message
    assert "'cab.ris: {database: <name>}'" in warning.message


def test_sources_only_add_what_the_file_cannot_say(tmp_path):
    rounds = round_folder(tmp_path, {"a.ris": RIS.format(title="A"), "b.ris": RIS.format(title="B")})
    rounds[0]["sources"] = {"b.ris": {"database": "Scopus (2013 search)", "method": "database"}}
    by_file = {e.file_name: e for e in discover_exports(rounds, root=tmp_path)}
    assert by_file["a.ris"].source.database == "" and by_file["b.ris"].source.database == "Scopus (2013 search)"
    summary, _ = run_import(tmp_path, rounds)
    assert [r.split(",")[2] for r in summary.read_text(encoding="utf-8").splitlines()[1:]] == [
        "Scopus", "Scopus (2013 search)"]


def test_each_record_carries_its_round_source_and_method_from_the_export(tmp_path):
    """What later stages need of an export is on its records (dedupe and PRISMA never look in config)."""
    linked = "TY  - JOUR\nTI  - C\nDB  - EconLit\nUR  - https://search.ebscohost.com/login.aspx?db=ecn&AN=1\nER  - \n"
    rounds = round_folder(tmp_path, {"a.ris": RIS.format(title="A"), "b.ris": RIS.format(title="B"),
                                     "c.ris": linked}, name="2024-03")
    rounds[0]["sources"] = {"b.ris": {"database": "Reference lists", "platform": "EndNote",
                                      "method": "citation_search"}}
    run_import(tmp_path, rounds)
    records = {r.source_file.rsplit("/", 1)[-1]: r for r in read_records(tmp_path / "results/records.csv")}
    assert [(r.round, r.database, r.platform, r.method) for r in records.values()] == [
        ("2024-03", "Scopus", "", "database"),  # nothing in config: a database export, platform unknown
        ("2024-03", "Reference lists", "EndNote", "citation_search"),  # config's
        ("2024-03", "EconLit", "EBSCOhost", "database"),  # the platform from the record's own link
    ]


# --- files that are not exports: named, with what to do

NOT_READ = [
    # file in the round folder, what its note must say
    ("~$websites.csv", "a lock file the spreadsheet program keeps while websites.csv is open"),
    (".~lock.websites.csv#", "a lock file the spreadsheet program keeps while websites.csv is open"),
    ("README.md", "a document kept beside the exports"),
    ("search_strategy.pdf", "a document kept beside the exports"),
    (".DS_Store", "a hidden file"),
    ("websites.xlsx", "a spreadsheet beside websites.csv, which is the file the run reads"),
    ("scopus.ris.bak", "a backup or temporary file"),
    ("old/", "a folder inside the round folder"),
]


@pytest.mark.parametrize(("name", "why"), NOT_READ, ids=[n[0] for n in NOT_READ])
def test_a_file_the_run_does_not_read_is_named_with_what_to_do(tmp_path, name, why):
    files = {"websites.csv": "title,year\nPooled budgets,2005\n", name: b"PK\x03\x04 not an export"}
    rounds = round_folder(tmp_path, files)
    assert [e.file_name for e in discover_exports(rounds, root=tmp_path)] == ["websites.csv"]
    [note] = unread_files(rounds, root=tmp_path)
    assert note.path == f"data/raw/r1/{name.rstrip('/')}" and why in note.why and note.todo
    _, notes = run_import(tmp_path, rounds)
    [row] = [n for n in read_notes(notes) if n.kind == "not_read"]
    assert row.source_file == note.path and why in row.message


def test_an_archive_is_noted_when_unpacked_and_an_error_when_not(tmp_path):
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("scopus.ris", RIS.format(title="A"))
    rounds = round_folder(tmp_path, {"exports.zip": archive.read_bytes(), "scopus.ris": RIS.format(title="A")})
    assert "all unpacked" in unread_files(rounds, root=tmp_path)[0].why
    (tmp_path / "data/raw/r1/scopus.ris").unlink()
    with pytest.raises(ReviewflowError) as err:
        discover_exports(rounds, root=tmp_path)
    text = str(err.value)
    assert "data/raw/r1/exports.zip: an archive" in text and "scopus.ris not in the folder" in text
    assert "fix: unpack the export files into this folder" in text


def test_a_workbook_without_its_csv_is_an_error_with_the_fix(tmp_path):
    rounds = round_folder(tmp_path, {"scopus.ris": RIS.format(title="A"), "websites.xlsx": b"PK\x03\x04"})
    with pytest.raises(ReviewflowError) as err:
        discover_exports(rounds, root=tmp_path)
    assert "data/raw/r1/websites.xlsx: an Excel or LibreOffice workbook" in str(err.value)
    assert "fix: save it as CSV UTF-8" in str(err.value)


# --- copies of an export


def test_a_copy_of_an_export_is_an_error_naming_both_files(tmp_path):
    text = RIS.format(title="Pooled budgets")
    rounds = round_folder(tmp_path, {"medline_ovid_simulated.ris": text,
                                     "medline_ovid_simulated (copy).ris": text, "other.ris": RIS.format(title="B")})
    with pytest.raises(ReviewflowError) as err:
        discover_exports(rounds, root=tmp_path)
    [problem] = err.value.problems
    assert problem.file == "data/raw/r1/medline_ovid_simulated (copy).ris"  # the name a copy gets
    assert "has the same bytes as data/raw/r1/medline_ovid_simulated.ris" in problem.problem
    assert "count each of its records twice" in problem.problem and "delete one of the two" in problem.fix


def test_a_copy_in_another_round_is_an_error_too(tmp_path):
    text = RIS.format(title="Pooled budgets")
    rounds = round_folder(tmp_path, {"scopus.ris": text}) + round_folder(tmp_path, {"scopus.ris": text}, "r2")
    with pytest.raises(ReviewflowError, match="data/raw/r2/scopus.ris.*same bytes as data/raw/r1/scopus.ris"):
        discover_exports(rounds, root=tmp_path)


def test_a_resaved_copy_with_the_same_records_is_an_error_naming_both_files(tmp_path):
    text = RIS.format(title="Pooled budgets") + RIS.format(title="Integrated care trusts")
    rounds = round_folder(tmp_path, {"scopus.ris": text, "scopus_resaved.ris": text.replace("\n", "\r\n")})
    with pytest.raises(ReviewflowError) as err:
        run_import(tmp_path, rounds)
    [problem] = err.value.problems
    assert (problem.file, "holds the same records as data/raw/r1/scopus.ris") == (
        "data/raw/r1/scopus_resaved.ris", problem.problem.split("this export ")[1].split(":")[0])


def test_two_exports_that_share_some_records_are_not_copies(tmp_path):
    a, b, c = (RIS.format(title=t) for t in ("A", "B", "C"))
    rounds = round_folder(tmp_path, {"one.ris": a + b, "two.ris": b + c})
    summary, _ = run_import(tmp_path, rounds)
    assert len(summary.read_text(encoding="utf-8").splitlines()) == 3


# --- folders named in config


def test_a_missing_round_folder_is_an_error_with_the_fix_and_close_names(tmp_path):
    round_folder(tmp_path, {"a.ris": RIS.format(title="A")}, "2009-10")
    with pytest.raises(ReviewflowError) as err:
        discover_exports([{"id": "2009-10", "folder": "data/raw/2009-1O"}], root=tmp_path, source="cfg.yaml")
    text = str(err.value)
    assert "cfg.yaml: round '2009-10': its folder data/raw/2009-1O does not exist" in text
    assert "close name: 2009-10" in text and "fix: restore the folder" in text


# --- through Snakemake, in a copy of the example


@pytest.mark.workflow
def test_workflow_reads_an_unlisted_export_and_names_the_files_it_does_not_read(tmp_path):
    from conftest import copy_workflow, run_snakemake

    root = copy_workflow(tmp_path / "review")
    folder = root / "data/raw/2013-02"
    (folder / "scopus_extra.ris").write_text(RIS.format(title="A record only Scopus found"), encoding="utf-8")
    (folder / "~$websites_simulated.csv").write_bytes(b"\x00lock")
    (folder / "README.md").write_text("Searches run by AM.\n", encoding="utf-8")
    run_snakemake(root, "--", "results/import/records.csv")
    summary = (root / "results/import/summary.csv").read_text(encoding="utf-8")
    assert "data/raw/2013-02/scopus_extra.ris,2013-02,Scopus,ris,1,0" in summary
    notes = {n.source_file: n for n in read_notes(root / "results/import/notes.csv") if n.kind == "not_read"}
    assert sorted(notes) == ["data/raw/2013-02/README.md", "data/raw/2013-02/~$websites_simulated.csv"]
    assert "close the file in Excel" in notes["data/raw/2013-02/~$websites_simulated.csv"].message


@pytest.mark.workflow
def test_workflow_stops_on_a_copy_of_an_export_naming_both_files(tmp_path):
    from conftest import copy_workflow, run_snakemake

    root = copy_workflow(tmp_path / "review")
    folder = root / "data/raw/2013-02"
    shutil.copyfile(folder / "medline_ovid_simulated.ris", folder / "medline_ovid_simulated (copy).ris")
    result = run_snakemake(root, "--", "results/import/records.csv", check=False)
    text = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in text, text
    assert ("data/raw/2013-02/medline_ovid_simulated (copy).ris: this export has the same bytes as "
            "data/raw/2013-02/medline_ovid_simulated.ris") in text, text
    assert "fix: delete one of the two files" in text
    assert not (root / "results/import/records.csv").exists()
