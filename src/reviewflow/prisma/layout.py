"""Placing the diagram: layout.yaml + counts -> boxes with positions, wrapped text lines and arrows.

Pure geometry (inches, y downwards from the top), shared by the matplotlib renderer (diagram.py) and
the HTML page (html.py) so both draw the same thing. Text is wrapped by measuring it in the real font
(DejaVu Sans, shipped with matplotlib), and each row is as tall as its fullest box: nothing overflows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

LAYOUT_FILE = Path(__file__).with_name("layout.yaml")
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class Placed:
    """One drawn box (or header, or band label)."""

    id: str
    kind: str  # main | side | header | band
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    fill: str
    links: tuple[str, ...] = ()  # box files (results/prisma/boxes/<link>.csv) behind the numbers
    font_size: float = 8.0
    bold: bool = False
    centred: bool = False  # short plain boxes are centred, lists are left-aligned


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    boxes: tuple[Placed, ...]
    arrows: tuple[tuple[tuple[float, float], ...], ...]  # polylines; the arrowhead is at the last point
    notes: tuple[tuple[str, bool], ...]  # wrapped footnote lines, each with "is a warning"
    raw_notes: tuple[str, ...]  # the footnotes unwrapped (for the HTML page)
    layout: Mapping[str, Any]


@cache
def load_layout(path: Path = LAYOUT_FILE) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


def box_text(template: str, context: Mapping[str, Any], box_id: str) -> list[str]:
    text = _ENV.from_string(template).render(**context, box_id=box_id)
    return [line.rstrip() for line in text.strip("\n").splitlines() if line.strip()]


def text_width(text: str, size: float, family: str, bold: bool = False) -> float:
    """Width of one line in inches, measured in the font (as the renderers will draw it)."""
    prop = FontProperties(family=family, size=size, weight="bold" if bold else "normal")
    width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return width / POINTS_PER_INCH


_TEXT_TO_PATH = TextToPath()
_WORDS = re.compile(r"\(n = [^)]*\)\S*|\S+")


def wrap(line: str, width: float, size: float, family: str, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width` inches; continuation lines keep the line's indent plus two spaces."""
    indent = line[: len(line) - len(line.lstrip())]
    words = _WORDS.findall(line)  # "(n = 34)" is one word: a count is never split from its "n ="
    out: list[str] = []
    current = indent
    for word in words:
        trial = current + word if current.strip() == "" else f"{current} {word}"
        if current.strip() and text_width(trial, size, family, bold) > width:
            out.append(current)
            current = indent + "  " + word
        else:
            current = trial
    out.append(current)
    return out


def visible(item: Mapping[str, Any], flags: Mapping[str, bool]) -> bool:
    return not item.get("when") or bool(flags.get(item["when"]))


def place(context: Mapping[str, Any], flags: Mapping[str, bool], notes: list[str],
          layout: Mapping[str, Any] | None = None) -> Page:
    layout = layout or load_layout()
    pg = layout["page"]
    boxes = [b for b in layout["boxes"] if visible(b, flags)]
    used = {"band"} | {b["column"] for b in boxes}
    columns = [c for c in layout["columns"] if visible(c, flags) and c["id"] in used]
    xs = _column_x(columns, pg)
    plain = {b["id"]: box_text(b["text"], context, b["id"]) for b in boxes}
    centred = {k: len(v) <= 3 and not any(line.startswith(" ") for line in v) for k, v in plain.items()}
    texts = {k: _wrapped(plain[k], xs[b["column"]][1], centred[k], pg) for k, b in ((b["id"], b) for b in boxes)}
    headers = [h for h in layout["headers"] if visible(h, flags)]
    header_lines = {h["id"]: _header_lines(h, context, xs, pg) for h in headers}
    rows = _row_heights(layout["rows"], boxes, texts, header_lines, pg)
    _fit_bands(rows, layout["bands"], pg)
    ys = _row_y(rows, pg)
    placed = [_header(h, header_lines[h["id"]], xs, ys, rows, layout) for h in headers]
    placed += [_band(band, xs, ys, rows, layout) for band in layout["bands"] if band["rows"][0] in ys]
    placed += [_box(b, texts[b["id"]], centred[b["id"]], xs, ys, rows, layout) for b in boxes]
    by_id = {p.id: p for p in placed}
    arrows = tuple(_arrow(by_id[a], by_id[b], route, pg) for a, b, route, *when in layout["arrows"]
                   if a in by_id and b in by_id and (not when or flags.get(when[0])))
    width = max(x + w for x, w in xs.values()) + pg["margin"]
    note_lines = tuple((line, note.startswith("PROVISIONAL")) for note in notes
                       for line in wrap(note, width - 2 * pg["margin"], pg["font_size"] - 1, pg["font"]))
    body = max(p.y + p.h for p in placed)
    height = body + pg["margin"] + (len(note_lines) * _line_h(pg, pg["font_size"] - 1) + 0.1 if note_lines else 0)
    return Page(width, height, tuple(placed), arrows, note_lines, tuple(notes), layout)


def _line_h(pg: Mapping[str, Any], size: float) -> float:
    return size * pg["line_spacing"] / POINTS_PER_INCH


def _column_x(columns: list[Mapping[str, Any]], pg: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    xs, x = {}, pg["margin"]
    for col in columns:
        xs[col["id"]] = (x, col["width"])
        x += col["width"] + pg["column_gap"]
    return xs


def _wrapped(lines: list[str], width: float, centred: bool, pg: Mapping[str, Any]) -> tuple[str, ...]:
    wrapped = [w for line in lines for w in wrap(line, width - 2 * pg["pad"], pg["font_size"], pg["font"])]
    return tuple(w.strip() if centred else w for w in wrapped)


def _header_lines(header: Mapping[str, Any], context, xs, pg) -> tuple[str, ...]:
    first, last = (xs[c] for c in header["columns"])
    inner = last[0] + last[1] - first[0] - 2 * pg["pad"]
    text = " ".join(box_text(header["text"], context, header["id"]))
    return tuple(wrap(text, inner, pg["header_font_size"], pg["font"], bold=True))


def _text_height(lines: tuple[str, ...], size: float, pg: Mapping[str, Any]) -> float:
    return len(lines) * _line_h(pg, size) + 2 * pg["pad"]


def _row_heights(row_ids, boxes, texts, header_lines, pg) -> dict[str, float]:
    heights: dict[str, float] = {}
    if header_lines:
        heights["header"] = max(_text_height(t, pg["header_font_size"], pg) for t in header_lines.values())
    for row in row_ids:
        in_row = [texts[b["id"]] for b in boxes if b["row"] == row]
        if in_row:
            heights[row] = max(pg["min_box_height"], *(_text_height(t, pg["font_size"], pg) for t in in_row))
    return {r: heights[r] for r in row_ids if r in heights}


def _fit_bands(rows: dict[str, float], bands, pg: Mapping[str, Any]) -> None:
    """Grow a band's last row until its (rotated) label fits along it."""
    for band in bands:
        spanned = [r for r in rows if r in _rows_between(list(rows), *band["rows"])]
        if not spanned:
            continue
        need = text_width(band["label"], pg["header_font_size"], pg["font"], bold=True) + 4 * pg["pad"]
        have = sum(rows[r] for r in spanned) + pg["row_gap"] * (len(spanned) - 1)
        if have < need:
            rows[spanned[-1]] += need - have


def _rows_between(order: list[str], first: str, last: str) -> list[str]:
    if first not in order:
        return []
    end = order.index(last) if last in order else len(order) - 1
    return order[order.index(first): end + 1]


def _row_y(rows: Mapping[str, float], pg: Mapping[str, Any]) -> dict[str, float]:
    ys, y = {}, pg["margin"]
    for row, h in rows.items():
        ys[row] = y
        y += h + pg["row_gap"]
    return ys


def _header(h, lines, xs, ys, rows, layout) -> Placed:
    first, last = (xs[c] for c in h["columns"])
    return Placed(h["id"], "header", first[0], ys["header"], last[0] + last[1] - first[0], rows["header"],
                  lines, layout["colours"][h["colour"]], font_size=layout["page"]["header_font_size"], bold=True,
                  centred=True)


def _band(band, xs, ys, rows, layout) -> Placed:
    top = ys[band["rows"][0]]
    last = _rows_between(list(rows), *band["rows"])[-1]
    x, w = xs["band"]
    return Placed(f"band_{band['label'].lower()}", "band", x, top, w, ys[last] + rows[last] - top,
                  (band["label"],), layout["colours"]["band"], font_size=layout["page"]["header_font_size"],
                  bold=True)


def _box(b, lines, centred, xs, ys, rows, layout) -> Placed:
    x, w = xs[b["column"]]
    kind = b.get("style", "main")
    return Placed(b["id"], kind, x, ys[b["row"]], w, rows[b["row"]], lines, layout["colours"][kind],
                  tuple(b.get("links", [b["id"]])), font_size=layout["page"]["font_size"], centred=centred)


def _arrow(a: Placed, b: Placed, route: str, pg: Mapping[str, Any]) -> tuple[tuple[float, float], ...]:
    ax, bx = a.x + a.w / 2, b.x + b.w / 2
    if route == "right":
        y = a.y + a.h / 2 if b.y <= a.y + a.h / 2 <= b.y + b.h else b.y + b.h / 2
        return ((a.x + a.w, y), (b.x, y))
    if route == "down":
        return ((ax, a.y + a.h), (ax, b.y))
    if route == "join":  # down to the gap above `to`, across, into its top
        mid = b.y - pg["row_gap"] / 2
        return ((ax, a.y + a.h), (ax, mid), (bx, mid), (bx, b.y))
    if route == "elbow_right":
        y = b.y + b.h / 2
        return ((ax, a.y + a.h), (ax, y), (b.x, y))
    raise ValueError(f"unknown arrow route {route!r} in layout.yaml")
