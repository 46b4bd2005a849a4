"""Charts a review declares (matplotlib), drawn from the built tables and saved byte-identically."""

from __future__ import annotations

from pathlib import Path

from reviewflow.charts.draw import DRAW, draw_charts
from reviewflow.charts.save import save_figure
from reviewflow.tables.declare import Settings
from reviewflow.tables.review import load_review

__all__ = ["DRAW", "draw_charts", "make_charts", "save_figure"]


def make_charts(settings: Settings, out: str | Path) -> list[Path]:
    """Every chart the review declares, under ``out``; nothing declared, nothing drawn."""
    review = load_review(settings)
    if not review.declared.charts:
        return []
    return draw_charts(review.declared, review.tables(), review.extraction, settings, out)
