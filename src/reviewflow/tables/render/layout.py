"""The printed page of the office formats (DOCX, XLSX): paper, orientation, font, column widths.

One place for what both writers share, so a Word table and a printed sheet of the same table agree.

Column widths come from the content, as in a browser's automatic table layout: each column has a
minimum, the widest word it holds (its header's widest word always, so a header never breaks inside a
word), and a maximum, its widest line. If every column fits at its maximum, it gets it; otherwise each
is as wide as its share of the table's text (in proportion to how much text it holds), kept within its
minimum and its widest line. So short columns (marks, counts, names) stay as narrow as their text,
and the prose columns share the page so that their rows come out about equally tall: the rows of a
table are as short as the page allows.
Text is measured with the metrics of the font the files declare (DejaVu Sans, the copy shipped with
matplotlib: the same on every machine, so the widths are deterministic).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT = "DejaVu Sans"
FONT_SIZE, LANDSCAPE_FONT_SIZE = 9.0, 8.0  # points; a wide (landscape) table is set a point smaller
LINE_SPACING = 1.17  # DejaVu Sans: ascent + descent = 1.164 em
# Paper sizes, portrait, in points (1 pt = 1/72 inch).
PAPERS: dict[str, tuple[float, float]] = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}
MARGIN_PT = 42.5  # 1.5 cm on every side
CELL_PAD_PT = 11.0  # left + right padding of a cell (Word's default 0.19 cm each side, rounded up)
# A prose column narrower than this many ems makes a tall, thin ribbon of text; when a table's columns
# cannot all have it (or their full width, if less) on a portrait page, the page turns landscape.
READABLE_EM = 16.0
PAPER_NAMES = tuple(PAPERS)


@cache
def _font(bold: bool):  # type: ignore[no-untyped-def]
    import matplotlib
    from matplotlib.ft2font import FT2Font

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    font = FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name))
    font.set_size(1000, 72)  # 1000 points: advances in thousandths of an em
    return font


@cache
def _advance(char: str, bold: bool) -> float:
    """Advance width of one character in ems (no kerning: a little wider than set, never narrower)."""
    try:
        from matplotlib.ft2font import LoadFlags  # matplotlib >= 3.10

        no_hinting = LoadFlags.NO_HINTING
    except ImportError:
        from matplotlib.ft2font import LOAD_NO_HINTING as no_hinting  # type: ignore[attr-defined,no-redef]
    glyph = _font(bold).load_char(ord(char), flags=no_hinting)
    return glyph.linearHoriAdvance / 65536 / 1000


def text_em(text: str, bold: bool = False) -> float:
    """Width of the widest line of ``text`` in ems of the font."""
    return max((sum(_advance(c, bold) for c in line) for line in text.split("\n")), default=0.0)


def widest_word_em(text: str, bold: bool = False) -> float:
    return max((text_em(word, bold) for word in text.split()), default=0.0)


def wrapped_lines(text: str, width_em: float, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped at spaces into a column ``width_em`` wide (greedy, as
    word processors do); a word wider than the column takes the lines it needs."""
    space = _advance(" ", bold)
    lines = 0
    for paragraph in text.split("\n"):
        used, lines = 0.0, lines + 1
        for word in paragraph.split():
            w = text_em(word, bold)
            if used and used + space + w > width_em:
                lines, used = lines + 1, 0.0
            used += (space if used else 0.0) + w
            if used > width_em:  # a word longer than the column: broken over lines
                extra = math.ceil(used / width_em) - 1
                lines, used = lines + extra, used - extra * width_em
    return max(lines, 1)


@dataclass(frozen=True)
class ColumnText:
    """What a column must show: its header (set bold) and its cells' text."""

    header: str
    cells: tuple[str, ...]

    @property
    def min_em(self) -> float:
        """The widest word: the header's always; the cells' up to READABLE_EM (a long URL may wrap)."""
        cells = max((widest_word_em(c) for c in self.cells), default=0.0)
        return max(widest_word_em(self.header, bold=True), min(cells, READABLE_EM))

    @property
    def max_em(self) -> float:
        return max(self.min_em, text_em(self.header, bold=True), self.content_em)

    @property
    def content_em(self) -> float:
        """The widest line of the cells (the header may wrap at its spaces)."""
        return max((text_em(c) for c in self.cells), default=0.0)

    @property
    def volume_em(self) -> float:
        """All the column's text set on one line: how much room it needs."""
        return sum(text_em(" ".join(c.split())) for c in self.cells) + text_em(self.header, bold=True)


def fit_widths(columns: Sequence[ColumnText], available_em: float) -> list[float]:
    """Column widths in ems (text only, without cell padding) for a table ``available_em`` wide."""
    low = [c.min_em for c in columns]
    high = [c.max_em for c in columns]
    if sum(high) <= available_em:
        return high
    if sum(low) >= available_em:  # not even the words fit: shrink them alike (some words will break)
        return [w * available_em / sum(low) for w in low]
    volume = [c.volume_em for c in columns]

    def widths(k: float) -> list[float]:  # each column k times its volume, within its bounds
        return [min(h, max(lo, k * v)) for lo, h, v in zip(low, high, volume, strict=True)]

    lo_k, hi_k = 0.0, max(h / v for h, v in zip(high, volume, strict=True) if v > 0)
    for _ in range(60):  # bisection: the total is non-decreasing in k; 60 halvings reach float precision
        mid = (lo_k + hi_k) / 2
        lo_k, hi_k = (mid, hi_k) if sum(widths(mid)) < available_em else (lo_k, mid)
    return widths(hi_k)


@dataclass(frozen=True)
class PageSetup:
    """The printed page of one table: paper, orientation, font size and its columns' widths (points)."""

    paper: str
    landscape: bool
    font_size: float
    widths_pt: tuple[float, ...]  # each column's width, cell padding included

    @property
    def size_pt(self) -> tuple[float, float]:
        width, height = PAPERS[self.paper]
        return (height, width) if self.landscape else (width, height)

    @property
    def usable_width_pt(self) -> float:
        return self.size_pt[0] - 2 * MARGIN_PT


def usable_em(paper: str, landscape: bool, font_size: float, n_columns: int) -> float:
    width, height = PAPERS[paper]
    across = (height if landscape else width) - 2 * MARGIN_PT
    return (across - n_columns * CELL_PAD_PT) / font_size


def needs_landscape(columns: Sequence[ColumnText], paper: str, font_size: float) -> bool:
    """Landscape when, on a portrait page, the columns cannot each have their readable width
    (READABLE_EM, or their widest line if that is less) next to each other."""
    comfortable = sum(max(c.min_em, min(c.content_em, READABLE_EM)) for c in columns)
    return comfortable > usable_em(paper, False, font_size, len(columns))


def page_setup(columns: Sequence[ColumnText], paper: str, landscape: bool = False) -> PageSetup:
    """The page for these columns: ``landscape`` forces it (a table may ask), else content decides
    (at the portrait font size); a landscape table is then laid out at its smaller size."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}: use one of {', '.join(PAPERS)}")
    turn = landscape or needs_landscape(columns, paper, FONT_SIZE)
    size = LANDSCAPE_FONT_SIZE if turn else FONT_SIZE
    widths = fit_widths(columns, usable_em(paper, turn, size, len(columns)))
    return PageSetup(paper, turn, size, tuple(w * size + CELL_PAD_PT for w in widths))
