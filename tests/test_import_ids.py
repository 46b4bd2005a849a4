"""Stable record IDs, the CLI's output, and gathering per-file tables in review order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewflow.cli import main
from reviewflow.errors import ReviewflowError
from reviewflow.importing import Source, gather_records, read_export
from reviewflow.records import read_records, write_records

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


def test_same_file_twice_gives_the_same_ids_and_bytes(tmp_path):
    for name in ("a.csv", "b.csv"):
        records = read_export(FIXTURES / "pubmed.nbib", id_prefix="2009-10-medline").records
        write_records(records, tmp_path / name)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert [r.record_id for r in read_records(tmp_path / "a.csv")] == ["2009-10-medline-00001", "2009-10-medline-00002"]


def test_ids_do_not_depend_on_other_files(tmp_path):
    alone, out = tmp_path / "alone.csv", tmp_path / "all.csv"
    assert main(["import", str(FIXTURES / "pubmed.nbib"), "-o", str(alone)]) == 0
    assert main(["import", str(FIXTURES / "lens.ris"), str(FIXTURES / "pubmed.nbib"), "-o", str(out)]) == 0
    ids_alone = [r.record_id for r in read_records(alone)]
    ids_all = [r.record_id for r in read_records(out) if r.source_file.endswith("pubmed.nbib")]
    assert ids_alone == ids_all == ["pubmed-00001", "pubmed-00002"]


def test_cli_round_source_and_method_options(tmp_path):
    out = tmp_path / "o.csv"
    assert main(["import", str(FIXTURES / "lens.ris"), "-o", str(out), "--round", "2012-05",
                 "--database", "Lens", "--platform", "Lens.org", "--method", "citation_search"]) == 0
    record = read_records(out)[0]
    assert (record.round, record.database, record.platform, record.method, record.source_line) == \
        ("2012-05", "Lens", "Lens.org", "citation_search", 1)


def test_a_records_table_without_the_round_and_method_columns_is_stopped(tmp_path):
    old = tmp_path / "records.csv"  # as an older reviewflow wrote it: `search` for the round, no method
    old.write_text("record_id,source_file,source_line,database,search,format,title\nr-1,a.ris,1,MEDLINE,r1,ris,T\n",
                   encoding="utf-8")
    with pytest.raises(ReviewflowError, match=r"(?s)missing column\(s\) round, method.*re-run the import stage"):
        read_records(old)


def test_cli_refuses_two_files_with_the_same_id_prefix(tmp_path, capsys):
    shutil.copy(FIXTURES / "lens.ris", tmp_path / "lens.txt")
    code = main(["import", str(FIXTURES / "lens.ris"), str(tmp_path / "lens.txt"), "-o", str(tmp_path / "o.csv")])
    assert code == 2 and "would clash" in capsys.readouterr().err


def test_records_table_round_trips(tmp_path):
    records = [r for name in sorted(p.name for p in FIXTURES.iterdir())
               for r in read_export(FIXTURES / name, id_prefix=Path(name).stem).records]
    write_records(records, tmp_path / "r.csv")
    assert read_records(tmp_path / "r.csv") == records


def test_gather_keeps_order_and_summarises(tmp_path):
    parts = []
    for n, name in enumerate(["ovid_medline.ris", "pubmed.nbib"]):
        part = tmp_path / f"{n}.csv"
        write_records(read_export(FIXTURES / name, id_prefix=f"r-{n}", source=Source(round="2009-10")).records, part)
        parts.append(part)
    gather_records(parts, tmp_path / "records.csv", tmp_path / "summary.csv")
    ids = [r.record_id for r in read_records(tmp_path / "records.csv")]
    assert ids == ["r-0-00001", "r-0-00002", "r-1-00001", "r-1-00002"]
    summary = (tmp_path / "summary.csv").read_text(encoding="utf-8").splitlines()
    assert summary[0] == "source_file,round,database,format,records,flagged"
    assert summary[1].endswith(",2009-10,Ovid MEDLINE(R),ris,2,1")
    assert summary[2].endswith(",2009-10,PubMed/MEDLINE,pubmed,2,0")


def test_gather_refuses_a_repeated_record_id(tmp_path):
    part = tmp_path / "p.csv"
    write_records(read_export(FIXTURES / "scopus.csv", id_prefix="x").records, part)
    with pytest.raises(ReviewflowError, match="'rec-a' is also a record of"):
        gather_records([part, part], tmp_path / "records.csv", tmp_path / "summary.csv")
