"""What the prisma stage writes: counts.json, ID lists, PRISMA.csv (R template), diagram, HTML; and the CLI."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import shared_path
from fixtures.prisma.helpers import FIXTURE, fixture_config, fixture_paths
from reviewflow.cli import main as cli_main
from reviewflow.prisma import compute_flow, run_prisma
from reviewflow.prisma.counts import build_counts, criteria_labels
from reviewflow.prisma.rinterop import R_COLUMNS, r_nodes

REQUIRED_KEYS = ("records_identified", "duplicates_removed", "records_screened", "records_excluded",
                 "reports_sought", "reports_not_retrieved", "reports_assessed", "reports_excluded",
                 "studies_assessed", "studies_excluded", "studies_included", "reports_of_included_studies",
                 "by_round")


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp("prisma")
    run_prisma(fixture_paths(), fixture_config(), out)
    return out


@pytest.fixture(scope="module")
def counts(outdir):
    return json.loads((outdir / "counts.json").read_text(encoding="utf-8"))


def test_counts_has_every_key_of_the_issue(counts):
    assert set(REQUIRED_KEYS) <= set(counts)


@pytest.mark.parametrize("key, expected", [
    ("duplicates_removed", 4),
    ("records_screened", 10),
    ("reports_sought", 6),
    ("reports_not_retrieved", 1),
    ("reports_assessed", 5),
    ("studies_assessed", 3),
    ("studies_included", 2),
    ("reports_of_included_studies", 3),
])
def test_counts(counts, key, expected):
    assert counts[key] == expected


def test_the_arithmetic_closes_in_counts(counts):
    c = counts
    assert c["records_identified"]["total"] - c["duplicates_removed"] == c["records_screened"]
    assert (c["records_screened"] - c["records_excluded"]["total"] - c["records_awaiting_screening"]
            == c["reports_sought"])
    assert c["reports_sought"] - c["reports_not_retrieved"] == c["reports_assessed"]
    assert (c["reports_assessed"] - c["reports_excluded"]["total"] - c["reports_awaiting_decision"]
            == c["reports_eligible"])
    assert (c["studies_assessed"] - c["studies_excluded"]["total"] - c["studies_awaiting_decision"]
            == c["studies_included"])


def test_identification_by_source_and_reasons(counts):
    assert counts["records_identified"]["by_source"] == [
        {"source": "HMIC", "method": "database", "n": 3},
        {"source": "MEDLINE", "method": "database", "n": 7},
        {"source": "Websites", "method": "website", "n": 2},
        {"source": "Reference lists", "method": "citation_search", "n": 2},
    ]
    excluded = counts["studies_excluded"]
    assert [(r["code"], r["n"]) for r in excluded["by_reason"]] == [("E5", 1), ("E9", 1)]
    assert excluded["reasons_overlap"] is True  # X01 was excluded for two reasons


def test_by_round(counts):
    assert counts["by_round"]["2009-10"]["records_identified"]["total"] == 12
    assert counts["by_round"]["2012-01"]["records_identified"]["total"] == 2
    assert counts["by_round"]["2012-01"]["unique_records_first_found"] == 1


def test_updated_review_counts():
    flow = compute_flow(fixture_paths(), fixture_config(previous_rounds=("2009-10",)))
    update = build_counts(flow, {})["update"]
    assert {k: update[k] for k in ("previous_studies", "new_studies", "total_studies")} == \
        {"previous_studies": 1, "new_studies": 1, "total_studies": 2}


def test_every_box_has_an_id_list(outdir):
    flow = compute_flow(fixture_paths(), fixture_config())
    for name, box in flow.boxes.items():
        with open(outdir / "boxes" / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [r["id"] for r in rows] == list(box.ids), name


def test_r_template_columns_and_values(outdir):
    with open(outdir / "PRISMA.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == R_COLUMNS
        rows = {r["data"]: r for r in reader if r["data"] != "NA"}
    assert rows["database_results"]["n"] == "10"
    assert rows["database_specific_results"]["n"] == "HMIC, 3; MEDLINE, 7"
    assert rows["duplicates"]["n"] == "2"
    assert rows["dbr_excluded"]["n"] == "no outcome data, 1"
    assert rows["other_excluded"]["n"] == "Report of an excluded study, 1"  # the study-level step
    assert rows["new_studies"]["n"] == "2"


@pytest.mark.shared
def test_r_template_rows_match_the_packages_template():
    template = shared_path("benchmarks", "prisma2020_template", "PRISMA.csv")
    with open(template, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == R_COLUMNS
        theirs = [(r["data"], r["box"]) for r in reader]
    ours = [(str(n["data"]), n["box"]) for n in r_nodes()]
    assert {d for d, _ in theirs if d != "NA"} <= {d for d, _ in ours}
    assert ours == theirs  # same rows, same order: the Shiny app reads it positionally too


def test_outputs_are_byte_identical_across_runs_and_folders(outdir, tmp_path):
    other = tmp_path / "elsewhere"
    run_prisma(fixture_paths(), fixture_config(), other)
    for path in sorted(outdir.rglob("*")):
        if path.is_file():
            twin = other / path.relative_to(outdir)
            assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(twin.read_bytes()).digest(), path


def test_diagram_files_are_real(outdir):
    assert (outdir / "prisma.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (outdir / "prisma.pdf").read_bytes()[:5] == b"%PDF-"
    svg = (outdir / "prisma.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_html_boxes_link_to_existing_id_lists(outdir):
    html = (outdir / "prisma.html").read_text(encoding="utf-8")
    links = {part.split('"')[0] for part in html.split('href="')[1:]}
    assert "boxes/dbr_records_screened.csv" in links
    for link in links:
        assert (outdir / link).is_file(), link


def test_the_provisional_flag_is_shown(tmp_path):
    root = shutil.copytree(FIXTURE, tmp_path / "review")
    path = root / "screening/title_abstract/outcomes.csv"
    path.write_text(path.read_text().replace("2009-10-medline-00003,exclude,E2", "2009-10-medline-00003,pending,"))
    run_prisma(fixture_paths(root), fixture_config(), tmp_path / "out")
    assert json.loads((tmp_path / "out/counts.json").read_text())["provisional"] is True
    assert "PROVISIONAL: 1 unit(s) await" in (tmp_path / "out/prisma.html").read_text()


def test_cli_writes_the_outputs_and_reports_bad_input(tmp_path, capsys):
    results = tmp_path / "results"
    for src, dest in [("records.csv", "import/records.csv"), ("clusters.csv", "dedupe/clusters.csv"),
                      ("screening", "screening")]:
        target = results / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if (FIXTURE / src).is_dir() else shutil.copy)(FIXTURE / src, target)
    config = fixture_config()
    config.pop("screening")  # criteria labels are optional: reasons then show as codes
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    args = ["prisma", "--config", str(tmp_path / "config.yaml"), "--results", str(results),
            "--study-links", str(FIXTURE / "study_links.csv"), "-o", str(tmp_path / "out")]
    assert cli_main(args) == 0
    assert json.loads((tmp_path / "out/counts.json").read_text())["studies_included"] == 2
    (results / "dedupe/clusters.csv").write_text("record_id,cluster_id\n", encoding="utf-8")
    assert cli_main(args) == 2
    assert "14 record(s) have no cluster" in capsys.readouterr().err


def test_criteria_labels_accept_a_mapping_or_a_list():
    assert criteria_labels({"screening": {"criteria": {"E1": "not an evaluation"}}}) == {"E1": "not an evaluation"}
    assert criteria_labels({"screening": {"criteria": [{"code": "E1", "label": "x"}]}}) == {"E1": "x"}
    assert criteria_labels({"screening": {"criteria": {"E1": {"label": "y", "type": "exclusion"}}}}) == {"E1": "y"}
    assert criteria_labels({}) == {}


def png_size_and_dpi(path: Path) -> tuple[int, int, float]:
    """Pixel size (IHDR) and resolution (pHYs, pixels per metre -> per inch) of a PNG."""
    import struct

    data = path.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    at = data.index(b"pHYs") + 4
    per_metre, _, unit = struct.unpack(">IIB", data[at:at + 9])
    assert unit == 1  # metres
    return width, height, per_metre * 0.0254


def test_png_is_300_dpi_by_default_and_follows_prisma_dpi(outdir, tmp_path):
    svg = (outdir / "prisma.svg").read_text(encoding="utf-8")
    width_pt = float(re.search(r'<svg[^>]* width="([\d.]+)pt"', svg).group(1))
    width, _, dpi = png_size_and_dpi(outdir / "prisma.png")
    assert round(dpi) == 300 and abs(width - width_pt / 72 * 300) <= 1  # the same page, at 300 dpi
    config = fixture_config()
    config["prisma"] = {**config.get("prisma", {}), "dpi": 600}
    run_prisma(fixture_paths(), config, tmp_path / "fine")
    fine_width, _, fine_dpi = png_size_and_dpi(tmp_path / "fine/prisma.png")
    assert round(fine_dpi) == 600 and abs(fine_width - 2 * width) <= 1
    assert (tmp_path / "fine/prisma.svg").read_bytes() == (outdir / "prisma.svg").read_bytes()


def test_svg_text_is_real_editable_text(outdir):
    svg = (outdir / "prisma.svg").read_text(encoding="utf-8")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Identification of studies via databases and registers" in texts
    assert any(t.startswith("Records screened") for t in texts), texts[:10]
    assert "DejaVuSans-" not in svg  # no glyph outlines (what svg.fonttype "path" writes)
