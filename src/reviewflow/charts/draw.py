"""The three charts: study designs (the paper's Figure 3), design by country, findings overview.

Each ``chart_*`` takes the built table it shows and returns a matplotlib Figure, so a chart never
computes a number the tables do not show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from reviewflow.charts.save import STYLE, new_figure, save_figure
from reviewflow.tables.model import Table

# Colour-blind-safe palette (Okabe-Ito), in a fixed order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


def _column(table: Table, key: str) -> list:
    i = [c.key for c in table.columns].index(key)
    return [row[i] for row in table.rows]


def chart_study_designs(table: Table) -> Figure:
    labels, percents = _column(table, "design"), _column(table, "percent")
    counts = _column(table, "schemes")
    with plt.rc_context(STYLE):
        fig, ax = new_figure(6.0, 3.0)
        y = range(len(labels))[::-1]
        ax.barh(list(y), percents, color=PALETTE[0])
        for yi, p, n in zip(y, percents, counts, strict=True):
            ax.text(p + 0.5, yi, f"{p:.0f}% ({n})", va="center")
        ax.set_yticks(list(y), labels)
        ax.set_xlabel(f"% of schemes ({table.columns[-1].label.removeprefix('% of ')})")
        ax.set_xlim(0, max(percents + [10]) * 1.25)
        ax.set_title("Study designs applied to evaluate the included schemes")
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def chart_design_by_country(table: Table) -> Figure:
    countries = _column(table, "country")
    designs = table.columns[1:]
    with plt.rc_context(STYLE):
        fig, ax = new_figure(7.0, 3.6)
        y = list(range(len(countries)))[::-1]
        left = [0] * len(countries)
        for colour, column in zip(PALETTE, designs, strict=False):
            values = _column(table, column.key)
            ax.barh(y, values, left=left, color=colour, label=column.label)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(y, countries)
        ax.set_xlabel("Schemes (a scheme with several designs counts once per design)")
        ax.set_title("Study design by country")
        ax.legend(loc="lower right", frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


# The seed slides merge mixed and unclear findings into one category.
OVERVIEW_GROUPS = (("Favours intervention", ("Favours intervention",)), ("No effect", ("No effect",)),
                   ("Favours comparator", ("Favours comparator",)), ("Mixed / unclear", ("Mixed", "Unclear")))


def chart_findings_overview(table: Table) -> Figure:
    rows = {row[0]: row for row in table.rows}
    bars = (("Health outcome", 1), ("Secondary care cost / use", 3))
    with plt.rc_context(STYLE):
        fig, ax = new_figure(7.0, 2.4)
        for y, (name, col) in enumerate(reversed(bars)):
            total = rows["Schemes assessed"][col]
            left = 0.0
            for colour, (label, members) in zip(PALETTE, OVERVIEW_GROUPS, strict=False):
                n = sum(rows[m][col] for m in members)
                share = 100.0 * n / total if total else 0.0
                ax.barh(y, share, left=left, color=colour, label=label if y == 0 else None)
                if n:
                    ax.text(left + share / 2, y, str(n), ha="center", va="center", color="white")
                left += share
        ax.set_yticks(range(len(bars)),
                      [f"{name} (n={rows['Schemes assessed'][col]})" for name, col in reversed(bars)])
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of schemes that assessed the outcome (numbers in bars: schemes)")
        ax.set_title("Findings overview")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=4, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


CHARTS: dict[str, tuple[str, Callable[[Table], Figure]]] = {
    "study_designs": ("study_designs", chart_study_designs),
    "design_by_country": ("design_by_country", chart_design_by_country),
    "findings_overview": ("findings_overview", chart_findings_overview),
}


def draw_charts(tables: list[Table], folder: str | Path) -> list[Path]:
    """Write ``<folder>/<chart>.svg|png`` for every chart from the tables it shows."""
    by_name = {t.name: t for t in tables}
    written = []
    for chart, (table_name, draw) in CHARTS.items():
        written += save_figure(draw(by_name[table_name]), Path(folder) / chart)
    return written
