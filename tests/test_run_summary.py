"""The end-of-run summary (reviewflow.run_summary): what a person reads last, built from results/."""

from __future__ import annotations

import json

from reviewflow.run_summary import summary_lines


def test_counts_are_written_as_the_import_line_writes_them(tmp_path):
    (tmp_path / "results/dedupe").mkdir(parents=True)
    (tmp_path / "results/dedupe/summary.json").write_text(json.dumps({"records": 5837, "unique_records": 3500}))
    assert "Dedupe: 5,837 records -> 3,500 unique" in summary_lines(tmp_path)


def test_a_summary_without_its_counts_says_so(tmp_path):
    (tmp_path / "results/dedupe").mkdir(parents=True)
    (tmp_path / "results/dedupe/summary.json").write_text("{}")
    assert "Dedupe: ? records -> ? unique" in summary_lines(tmp_path)


def test_paths_are_named_relative_to_the_review_folder(tmp_path):
    (tmp_path / "results/import").mkdir(parents=True)
    (tmp_path / "results/import/summary.csv").write_text(
        "source_file,round,database,format,records,flagged\ndata/raw/r1/a.ris,r1,MEDLINE,ris,3,0\n", encoding="utf-8")
    (tmp_path / "results/import/notes.csv").write_text(
        "source_file,line,kind,message\ndata/raw/r1/a.ris,7,warning,a tag in lower case\n", encoding="utf-8")
    text = "\n".join(summary_lines(tmp_path))
    assert "results/import/notes.csv" in text and str(tmp_path) not in text
