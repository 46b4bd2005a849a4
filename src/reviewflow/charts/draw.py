"""The charts a review declares, each drawn from the built table it shows (so a chart never computes a
number the tables do not show):

  bar      a frequency table's percentages, one bar per code, labelled "p% (n)"
  stacked  a cross-tabulation's rows as stacked bars, one segment per column
  shares   each count column of a frequency table as a 100% bar, segments summing chosen codes
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from reviewflow.charts.save import STYLE, new_figure, save_figure
from reviewflow.tables.declare import ChartSpec, Declarations, Settings, TableSpec, study_fields
from reviewflow.tables.model import Table
from reviewflow.tables.sheets import Extraction

# Colour-blind-safe palette (Okabe-Ito), in a fixed order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
SIZES = {"bar": (6.0, 3.0), "stacked": (7.0, 3.6), "shares": (7.0, 2.4)}


def _column(table: Table, key: str) -> list:
    i = [c.key for c in table.columns].index(key)
    return [row[i] for row in table.rows]


def _shown(spec: TableSpec, show: str) -> str:
    return next(c.key for c in spec.columns if c.show == show)


def _text(template: str, n: int, studies: str) -> str:
    return template.replace("{n}", str(n)).replace("{studies}", studies)


def chart_bar(chart: ChartSpec, table: Table, spec: TableSpec, n: int, studies: str, labels: dict) -> Figure:
    names, percents = _column(table, _shown(spec, "label")), _column(table, _shown(spec, "percent"))
    counts = _column(table, _shown(spec, "count"))
    with plt.rc_context(STYLE):
        fig, ax = new_figure(*(chart.size or SIZES["bar"]))
        y = range(len(names))[::-1]
        ax.barh(list(y), percents, color=PALETTE[0])
        for yi, p, k in zip(y, percents, counts, strict=True):
            ax.text(p + 0.5, yi, f"{p:.0f}% ({k})", va="center")
        ax.set_yticks(list(y), names)
        ax.set_xlabel(_text(chart.xlabel, n, studies))
        ax.set_xlim(0, max(percents + [10]) * 1.25)
        ax.set_title(_text(chart.title, n, studies))
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def chart_stacked(chart: ChartSpec, table: Table, spec: TableSpec, n: int, studies: str, labels: dict) -> Figure:
    rows = [r for r in table.rows if not (spec.totals and r[0] == spec.total_label)]
    names = [r[0] for r in rows]
    segments = [c for c in table.columns[1:] if not (spec.totals and c.key == "total")]
    keys = [c.key for c in table.columns]
    with plt.rc_context(STYLE):
        fig, ax = new_figure(*(chart.size or SIZES["stacked"]))
        y = list(range(len(names)))[::-1]
        left = [0] * len(names)
        for colour, column in zip(PALETTE, segments, strict=False):
            values = [r[keys.index(column.key)] for r in rows]
            ax.barh(y, values, left=left, color=colour, label=column.label)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(y, names)
        ax.set_xlabel(_text(chart.xlabel, n, studies))
        ax.set_title(_text(chart.title, n, studies))
        ax.legend(loc="lower right", frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def chart_shares(chart: ChartSpec, table: Table, spec: TableSpec, n: int, studies: str, labels: dict) -> Figure:
    first = _shown(spec, "label")
    rows = {row[[c.key for c in table.columns].index(first)]: row for row in table.rows}
    keys = [c.key for c in table.columns]
    bars = tuple((bar.label, keys.index(bar.column)) for bar in chart.bars)
    total_row = rows[_text(spec.total_label, n, studies)] if spec.not_applicable else None
    with plt.rc_context(STYLE):
        fig, ax = new_figure(*(chart.size or SIZES["shares"]))
        totals = {}
        for y, (name, col) in enumerate(reversed(bars)):
            total = total_row[col] if total_row else sum(rows[labels[v]][col] for v in labels if labels[v] in rows)
            totals[name] = total
            left = 0.0
            for colour, segment in zip(PALETTE, chart.segments, strict=False):
                k = sum(rows[labels[v]][col] for v in segment.values)
                share = 100.0 * k / total if total else 0.0
                ax.barh(y, share, left=left, color=colour, label=segment.label if y == 0 else None)
                if k:
                    ax.text(left + share / 2, y, str(k), ha="center", va="center", color="white")
                left += share
        ax.set_yticks(range(len(bars)), [f"{name} (n={totals[name]})" for name, _ in reversed(bars)])
        ax.set_xlim(0, 100)
        ax.set_xlabel(_text(chart.xlabel, n, studies))
        ax.set_title(_text(chart.title, n, studies))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=len(chart.segments), frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


DRAW: dict[str, Callable[..., Figure]] = {"bar": chart_bar, "stacked": chart_stacked, "shares": chart_shares}


def draw_charts(declared: Declarations, tables: list[Table], x: Extraction | None, settings: Settings,
                folder: str | Path) -> list[Path]:
    """Write ``<folder>/<chart>.svg|png`` for every declared chart from the table it shows."""
    if x is None:
        return []
    by_name = {t.name: t for t in tables}
    fields = study_fields(x.codebook, settings)
    written = []
    for chart in declared.charts:
        spec = declared.table(chart.table)
        n = len(x.studies(x.codebook.included if spec.studies == "included" else x.codebook.excluded))
        counted = next((c.field for c in spec.columns if c.show == "count"), "")
        labels = fields[counted].labels if counted in fields else {}
        figure = DRAW[chart.kind](chart, by_name[chart.table], spec, n, settings.study_label, labels)
        written += save_figure(figure, Path(folder) / chart.name)
    return written
