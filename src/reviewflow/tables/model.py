"""The typed table every builder returns and every writer renders."""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | int | float  # floats are percentages, rendered with one decimal


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int = 12  # width in characters in XLSX; relative width in DOCX and LaTeX
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """One publication table: its data (the CSV) and how the rendered forms show it."""

    name: str  # file stem in results/tables/
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()
    group_by: str | None = None  # rendered forms head groups of rows by this column's value
    landscape: bool = False  # wide tables: landscape pages in DOCX and LaTeX
    hidden: tuple[str, ...] = field(default=())  # columns only in the CSV (IDs), not in rendered forms

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"{self.name}: row {row[:1]} has {len(row)} cells, not {len(self.columns)}")

    @property
    def shown(self) -> tuple[Column, ...]:
        """The columns of the rendered forms: without the group column and the hidden ones."""
        return tuple(c for c in self.columns if c.key != self.group_by and c.key not in self.hidden)

    def groups(self) -> list[tuple[str | None, list[tuple[Cell, ...]]]]:
        """Rows as (group heading, rows of shown cells); one group with heading None if ungrouped."""
        keys = [c.key for c in self.columns]
        keep = [keys.index(c.key) for c in self.shown]
        out: list[tuple[str | None, list[tuple[Cell, ...]]]] = []
        for row in self.rows:
            head = str(row[keys.index(self.group_by)]) if self.group_by else None
            if not out or out[-1][0] != head:
                out.append((head, []))
            out[-1][1].append(tuple(row[i] for i in keep))
        return out


def format_cell(value: Cell) -> str:
    """The text of a cell in every text format: fixed one-decimal floats, so outputs are stable."""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
