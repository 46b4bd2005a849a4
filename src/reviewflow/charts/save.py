"""Deterministic SVG and PNG: fixed SVG id salt, no dates or software versions in the metadata."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

STYLE = {
    "svg.hashsalt": "reviewflow",  # SVG element ids from a fixed salt, not random
    "svg.fonttype": "path",  # glyphs as paths: the SVG looks the same without the font installed
    "font.family": "DejaVu Sans",  # shipped with matplotlib: the same font on every machine
    "font.size": 9,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "path.simplify": False,
}
METADATA = {
    "svg": {"Date": None, "Creator": "reviewflow"},
    "png": {"Software": "reviewflow"},
}


def save_figure(fig: Figure, stem: str | Path, formats: tuple[str, ...] = ("svg", "png")) -> list[Path]:
    """Write ``<stem>.svg`` and ``<stem>.png`` and close the figure."""
    written = []
    with plt.rc_context(STYLE):
        for ext in formats:
            path = Path(f"{stem}.{ext}")
            path.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(path, format=ext, metadata=METADATA[ext], bbox_inches="tight")
            written.append(path)
    plt.close(fig)
    return written


def new_figure(width: float, height: float) -> tuple[Figure, object]:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax
