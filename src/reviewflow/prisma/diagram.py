"""The PRISMA 2020 flow diagram as SVG, PNG and PDF (matplotlib), from the placed layout.

What a journal takes: the PNG at the review's ``prisma.dpi`` (300 by default), an SVG whose text is
real, editable ``<text>`` (``svg.fonttype: none``; a person can fix a word in Inkscape or Illustrator),
a PDF with its font embedded (TrueType, ``pdf.fonttype: 42``).

Byte-identical for the same inputs: fixed font (DejaVu Sans, shipped with matplotlib), fixed SVG hash
salt (the IDs of clip paths and markers), no dates in the SVG/PDF metadata, no software version in the PNG.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from reviewflow.prisma.flow import Flow
from reviewflow.prisma.layout import POINTS_PER_INCH, Page, Placed, place
from reviewflow.vocabulary import METHOD_LABELS, METHODS, StudyLabel, prisma_column, study_label  # noqa: F401

RC = {
    "svg.hashsalt": "reviewflow-prisma",
    "svg.fonttype": "none",  # text as <text> elements, not outlines
    "pdf.fonttype": 42,
    # DejaVu Sans draws and sizes every box; the SVG names it first and then fonts of like widths, for a
    # viewer without it (the PNG and PDF always use DejaVu Sans, shipped with matplotlib).
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial", "Helvetica"],
    "path.simplify": False,
}
METADATA = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}, "png": {"Software": None}}
DPI = 300  # the default of prisma.dpi (schemas/config/prisma.schema.yaml)


def diagram_context(flow: Flow, counts: Mapping[str, Any], label: StudyLabel) -> dict[str, Any]:
    """What the box templates of layout.yaml see."""
    ident = counts["records_identified"]
    reasons = {"studies_excluded": counts["studies_excluded"]["by_reason"]}
    overlap = {"studies_excluded": counts["studies_excluded"]["reasons_overlap"]}
    for column, key in (("dbr", "databases_registers"), ("other", "other_methods")):
        by = counts["columns"][key]["reports_excluded_by_reason"]
        reasons[f"{column}_reports_excluded"] = by
        overlap[f"{column}_reports_excluded"] = sum(r["n"] for r in by) > flow.box(f"{column}_reports_excluded").n
    return {
        "n": {name: box.n for name, box in flow.boxes.items()},
        "methods": {m: ident["by_method"].get(m, 0) for m in METHODS},
        "method_labels": {column: [(m, METHOD_LABELS[m]) for m in METHODS if prisma_column(m) == column]
                          for column in ("dbr", "other")},
        "sources": {column: [s for s in ident["by_source"] if prisma_column(s["method"]) == column]
                    for column in ("dbr", "other")},
        "reasons": reasons, "overlap": overlap, "study_label": label.many, "study_one": label.one,
        "updated": flow.updated,
    }


def diagram_flags(flow: Flow) -> dict[str, bool]:
    removed_other = sum(flow.box(b).n for b in ("other_duplicates", "other_automation_ineligible",
                                                  "other_records_excluded", "other_records_awaiting"))
    return {"other": flow.box("other_identified").n > 0, "updated": flow.updated, "new": not flow.updated,
            "removed_other": removed_other > 0, "study_step": study_step(flow),
            "no_study_step": not study_step(flow)}


def study_step(flow: Flow) -> bool:
    """The studies row says something the reports rows do not: some study is not just one eligible
    report under its own ID, or a study was excluded or awaits a decision. Without a study-level step
    (no study links) each eligible report is a study, and PRISMA 2020's own template has no such row."""
    eligible = flow.ids("dbr_reports_eligible") | flow.ids("other_reports_eligible")
    return (flow.ids("studies_assessed") != eligible or flow.box("studies_excluded").n > 0
            or flow.box("studies_awaiting").n > 0 or flow.box("reports_awaiting_study").n > 0)


def diagram_notes(flow: Flow, simulated_note: str) -> list[str]:
    notes = []
    if flow.provisional:
        awaiting = sum(b.n for name, b in flow.boxes.items() if "awaiting" in name)
        notes.append(f"PROVISIONAL: {awaiting} unit(s) await a screening decision or a study link; "
                     "the counts will change when they are decided.")
    if simulated_note.strip():
        notes.append("SIMULATED DATA: " + " ".join(simulated_note.split()))
    notes.append("Every number is computed by reviewflow from the review's data; the IDs behind each box "
                 "are listed in results/prisma/boxes/<box>.csv (see prisma.html).")
    return notes


def build_page(flow: Flow, counts: Mapping[str, Any], label: StudyLabel, simulated_note: str = "") -> Page:
    return place(diagram_context(flow, counts, label), diagram_flags(flow),
                 diagram_notes(flow, simulated_note))


def render(page: Page, outputs: Mapping[str, str | Path], dpi: int = DPI) -> None:
    """Draw the page once and save it in each format given ({"svg": path, "png": path, "pdf": path});
    ``dpi`` sets the PNG's resolution (the vector formats are the same at any)."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(page.width, page.height))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, page.width)
        ax.set_ylim(page.height, 0)  # inches, y downwards, as placed
        ax.set_axis_off()
        for box in page.boxes:
            _draw_box(ax, box, page)
        for arrow in page.arrows:
            _draw_arrow(ax, arrow)
        _draw_notes(ax, page)
        for fmt, path in sorted(outputs.items()):
            fig.savefig(path, format=fmt, dpi=dpi, metadata=METADATA[fmt])


def _draw_box(ax: Any, box: Placed, page: Page) -> None:
    pg = page.layout["page"]
    if box.kind in ("band", "header"):
        r = 0.06
        patch = FancyBboxPatch((box.x + r, box.y + r), box.w - 2 * r, box.h - 2 * r,
                               boxstyle=f"round,pad={r}", facecolor=box.fill, edgecolor=box.fill, linewidth=0.8)
    else:
        patch = Rectangle((box.x, box.y), box.w, box.h, facecolor=box.fill,
                          edgecolor=page.layout["colours"]["edge"], linewidth=0.8)
    ax.add_patch(patch)
    weight = "bold" if box.bold else "normal"
    if box.kind == "band":
        ax.text(box.x + box.w / 2, box.y + box.h / 2, box.lines[0], rotation=90, ha="center", va="center",
                fontsize=box.font_size, fontweight=weight)
        return
    line_h = box.font_size * pg["line_spacing"] / POINTS_PER_INCH
    block = len(box.lines) * line_h
    top = box.y + (box.h - block) / 2  # the text block is centred vertically in its box
    for i, line in enumerate(box.lines):
        baseline = top + i * line_h + 0.78 * line_h
        x = box.x + box.w / 2 if box.centred else box.x + pg["pad"]
        ax.text(x, baseline, line, ha="center" if box.centred else "left", va="baseline",
                fontsize=box.font_size, fontweight=weight)


def _draw_arrow(ax: Any, points: tuple[tuple[float, float], ...]) -> None:
    for (x0, y0), (x1, y1) in zip(points[:-2], points[1:-1]):
        ax.plot([x0, x1], [y0, y1], color="black", linewidth=0.8, solid_capstyle="butt")
    ax.annotate("", xy=points[-1], xytext=points[-2],
                arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 0.8, "shrinkA": 0,
                            "shrinkB": 0, "mutation_scale": 9})


def _draw_notes(ax: Any, page: Page) -> None:
    pg = page.layout["page"]
    size = pg["font_size"] - 1
    line_h = size * pg["line_spacing"] / POINTS_PER_INCH
    y = page.height - pg["margin"] - len(page.notes) * line_h
    for i, (line, warning) in enumerate(page.notes):
        ax.text(pg["margin"], y + (i + 0.8) * line_h, line, ha="left", va="baseline", fontsize=size,
                color=page.layout["colours"]["provisional"] if warning else "#333333",
                fontweight="bold" if warning else "normal")
