"""results/prisma/prisma.html: the same placed diagram as inline SVG, each box a link to its ID list."""

from __future__ import annotations

from pathlib import Path

import jinja2

from reviewflow.prisma.flow import Flow
from reviewflow.prisma.layout import POINTS_PER_INCH, Page, Placed

TEMPLATES = Path(__file__).with_name("templates")


def prisma_html(page: Page, flow: Flow, title: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    pg = page.layout["page"]

    def line_h(box: Placed) -> float:
        return box.font_size * pg["line_spacing"] / POINTS_PER_INCH

    body_height = max(b.y + b.h for b in page.boxes) + pg["margin"]
    return env.get_template("prisma.html.j2").render(
        page=page, title=title, notes=page.raw_notes, colours=page.layout["colours"], pad=pg["pad"],
        line_h=line_h, body_height=body_height,
        boxes=[flow.boxes[name] for name in sorted(flow.boxes)])
