"""The prisma stage: the PRISMA 2020 flow computed from the review's data, checked, and drawn.

In flow order: ``inputs`` (read results of import, dedupe, screening) -> ``flow`` (pure: every box as a
set of IDs) -> ``checks`` (the arithmetic, asserted) -> ``counts`` (counts.json), ``rinterop``
(PRISMA.csv for the PRISMA2020 R package), ``layout`` + ``diagram`` (SVG/PNG/PDF), ``html``.
``run_prisma`` does it all; the CLI and the workflow rule call it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reviewflow.prisma.checks import check_flow
from reviewflow.prisma.counts import build_counts, counts_json, criteria_labels
from reviewflow.prisma.diagram import DPI, build_page, render, study_label
from reviewflow.prisma.flow import Box, Flow, FlowInputError, build_flow
from reviewflow.prisma.html import prisma_html
from reviewflow.prisma.inputs import InputPaths, flow_error, load_inputs
from reviewflow.prisma.rinterop import prisma_csv

__all__ = ["InputPaths", "Flow", "compute_flow", "run_prisma", "box_csv"]

DIAGRAM_FORMATS = ("svg", "png", "pdf")


def compute_flow(paths: InputPaths, config: Mapping[str, Any]) -> Flow:
    """Read the inputs, build the flow and check its arithmetic (raises ReviewflowError)."""
    inputs = load_inputs(paths, config)
    try:
        flow = build_flow(inputs)
    except FlowInputError as err:
        raise flow_error(err, paths) from None
    check_flow(flow)
    return flow


def box_csv(box: Box) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("id", "unit", "note"))
    for unit_id in box.ids:
        writer.writerow((unit_id, box.unit, box.notes.get(unit_id, "")))
    return out.getvalue()


def run_prisma(paths: InputPaths, config: Mapping[str, Any], outdir: str | Path) -> Flow:
    """Write counts.json, boxes/<box>.csv, PRISMA.csv, prisma.{svg,png,pdf,html} into outdir."""
    flow = compute_flow(paths, config)
    out = Path(outdir)
    (out / "boxes").mkdir(parents=True, exist_ok=True)
    labels = criteria_labels(config)
    counts = build_counts(flow, labels)
    _write(out / "counts.json", counts_json(counts))
    for name, box in sorted(flow.boxes.items()):
        _write(out / "boxes" / f"{name}.csv", box_csv(box))
    _write(out / "PRISMA.csv", prisma_csv(flow, labels))
    settings = config.get("prisma") or {}
    review = config.get("review") or {}
    page = build_page(flow, counts, study_label(settings.get("study_label")), review.get("simulated_note", ""))
    render(page, {fmt: out / f"prisma.{fmt}" for fmt in DIAGRAM_FORMATS}, settings.get("dpi", DPI))
    _write(out / "prisma.html", prisma_html(page, flow, review.get("title", "")))
    return flow


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")
