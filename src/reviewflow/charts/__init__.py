"""Charts of the review (matplotlib), drawn from the built tables and saved byte-identically."""

from reviewflow.charts.draw import CHARTS, draw_charts
from reviewflow.charts.save import save_figure

__all__ = ["CHARTS", "draw_charts", "save_figure"]
