"""Charts a review declares (matplotlib), drawn from the built tables and saved byte-identically."""

from reviewflow.charts.draw import DRAW, draw_charts
from reviewflow.charts.save import save_figure

__all__ = ["DRAW", "draw_charts", "save_figure"]
