"""Writers: one function per format, each ``Table -> str | bytes``; ``write_table`` writes them all.

The office writers (DOCX, XLSX) also take the paper (``tables.paper``: a4 or letter); their shared page
and column-width logic is in ``layout``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reviewflow.tables.model import Table
from reviewflow.tables.render.csv import render_csv
from reviewflow.tables.render.docx import render_docx
from reviewflow.tables.render.text import render_html, render_latex, render_markdown
from reviewflow.tables.render.xlsx import render_xlsx

RENDERERS: dict[str, Callable[[Table], str | bytes]] = {
    "csv": render_csv, "md": render_markdown, "html": render_html,
    "xlsx": render_xlsx, "docx": render_docx, "tex": render_latex,
}
FORMATS = tuple(RENDERERS)
# The formats printed on paper: they also take the paper size.
PAGED: dict[str, Callable[[Table, str], bytes]] = {"xlsx": render_xlsx, "docx": render_docx}


def render(table: Table, ext: str, paper: str = "a4") -> str | bytes:
    """One format's content; the paged formats laid out on ``paper``."""
    return PAGED[ext](table, paper) if ext in PAGED else RENDERERS[ext](table)


def write_table(table: Table, folder: str | Path, formats: Iterable[str] = FORMATS, paper: str = "a4") -> list[Path]:
    """Write ``<folder>/<table.name>.<ext>`` for each format; text as UTF-8 with LF line ends."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ext in formats:
        content = render(table, ext, paper)
        path = folder / f"{table.name}.{ext}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)
    return written
