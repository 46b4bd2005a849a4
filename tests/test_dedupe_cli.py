"""``reviewflow dedupe`` on real export formats; bad input gives a clean message, not a traceback."""

from __future__ import annotations

import csv
import io

from reviewflow.cli import main
from reviewflow.dedupe.progress import Progress

RIS_A = """TY  - JOUR
TI  - Integrated care pilots in England: an evaluation
AU  - Smith, John
PY  - 2010
JO  - Health Policy
VL  - 95
SP  - 107
EP  - 18
DO  - 10.1016/j.healthpol.2010.01.001
ER  - 

TY  - JOUR
TI  - Erratum: Integrated care pilots in England: an evaluation
AU  - Smith, John
PY  - 2010
JO  - Health Policy
VL  - 96
SP  - 12
ER  - 
"""
RIS_B = """TY  - JOUR
TI  - The integrated care pilots in England - an evaluation
AU  - Smith J
PY  - 2010
JO  - Health Pol
VL  - 95
SP  - 107
EP  - 118
ER  - 
"""


def test_cli_clusters_two_exports(tmp_path):
    (tmp_path / "medline.ris").write_text(RIS_A, encoding="utf-8")
    (tmp_path / "hmic.ris").write_text(RIS_B, encoding="utf-8")
    out = tmp_path / "clusters.csv"
    code = main(["dedupe", str(tmp_path / "medline.ris"), str(tmp_path / "hmic.ris"), "-o", str(out),
                 "--audit", str(tmp_path / "audit.csv"), "--uncertain", str(tmp_path / "uncertain.csv")])
    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["record_id"], r["cluster_id"]) for r in rows] == [
        ("medline-00001", "medline-00001"), ("medline-00002", "medline-00002"), ("hmic-00001", "medline-00001")]
    assert (tmp_path / "uncertain.csv").read_text(encoding="utf-8").startswith("record_id_a,record_id_b,decision")


def test_cli_bad_decisions_exit_2_with_the_row(tmp_path, capsys):
    (tmp_path / "medline.ris").write_text(RIS_A, encoding="utf-8")
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("record_id_a,record_id_b,decision,note\nmedline-00001,nope-00009,same,\n", encoding="utf-8")
    code = main(["dedupe", str(tmp_path / "medline.ris"), "-o", str(tmp_path / "c.csv"), "--decisions", str(decisions)])
    assert code == 2
    err = capsys.readouterr().err
    assert "decisions.csv, row 2" in err and "nope-00009" in err and "Traceback" not in err


def test_progress_line_shows_done_rate_and_time_left():
    ticks = iter([0.0, 10.0, 10.0])
    stream = io.StringIO()
    progress = Progress("dedupe", 1000, stream=stream, enabled=True, clock=lambda: next(ticks))
    progress.update(250)
    assert "250/1,000 records (25%), 25/s, 0:00:30 left" in stream.getvalue()
