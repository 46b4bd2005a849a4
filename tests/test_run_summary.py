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
