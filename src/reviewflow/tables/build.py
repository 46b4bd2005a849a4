"""Builders: a review's checked extraction sheets + its table declarations -> publication tables. Pure.

Four kinds, each general (docs/tables.md): a characteristics table (one row per study), a
cross-tabulation of two fields, a frequency table of one or more fields, and the studies excluded at the
study level with a mark per reason. A study with several values of a field counts once in each; codes
print with their vocabulary labels, in vocabulary order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reviewflow.tables.codebook import REASONS, Field
from reviewflow.tables.declare import ColumnSpec, Declarations, Settings, TableSpec, study_fields
from reviewflow.tables.model import Cell, Column, Table
from reviewflow.tables.sheets import Extraction, Record


@dataclass(frozen=True)
class Context:
    """What every builder needs besides the table's declaration."""

    x: Extraction
    fields: Mapping[str, Field]
    country_labels: Mapping[str, str]
    study_label: str

    def text(self, template: str, n: int, **extra: object) -> str:
        """A declared title, note or label with {n}, {studies} (and the table's own names) filled in."""
        values = {"n": n, "studies": self.study_label, **extra}
        return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
                      template)


def build_tables(x: Extraction, declared: Declarations, settings: Settings) -> list[Table]:
    """Every declared table, in declaration order."""
    context = Context(x, study_fields(x.codebook, settings), dict(settings.country_labels), settings.study_label)
    return [BUILDERS[t.kind](t, context) for t in declared.tables]


def cite(refs: tuple) -> str:
    """Reference numbers as a paper prints them: sorted, runs of three or more as ranges."""
    numbers = sorted(set(refs))
    parts: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and isinstance(numbers[j], int) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{numbers[i]}-{numbers[j]}")
            i = j + 1
        else:
            parts.append(str(numbers[i]))
            i += 1
    return f"[{', '.join(parts)}]" if parts else ""


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def printed(value: object, f: Field, c: Context) -> Cell:
    """A field's value as a table shows it: labels for codes, printed country names, citations."""
    if f.type == "one_of":
        return f.labels.get(str(value), str(value))
    if f.type == "several_of":
        return "; ".join(f.labels.get(v, v) for v in value)  # type: ignore[union-attr]
    if f.type == "references":
        return cite(value)  # type: ignore[arg-type]
    if f.type == "country":
        return c.country_labels.get(str(value), str(value))
    return value  # type: ignore[return-value]


def sort_key(value: object, f: Field, c: Context) -> object:
    """Vocabulary order for codes, numbers as numbers, printed text otherwise."""
    if f.type == "one_of":
        codes = [code for code, _ in f.vocabulary]
        return codes.index(value) if value in codes else len(codes)
    if f.type == "integer":
        return value
    return str(printed(value, f, c))


def cell(study: Record, col: ColumnSpec, c: Context) -> Cell:
    """The first non-empty of the column's fields, with the study's references cited after it if asked."""
    value: Cell = ""
    for name in col.fields:
        value = printed(study.get(name, ""), c.fields[name], c)
        if value not in ("", ()):
            break
    if col.cite:
        value = f"{value} {cite(study.get(col.cite, ()))}".strip()  # type: ignore[arg-type]
    if flagged(study, col):
        value = f"{value}{col.flag.mark}"  # type: ignore[union-attr]
    return value


def flagged(study: Record, col: ColumnSpec) -> bool:
    return col.flag is not None and str(study.get(col.flag.field, "")) == col.flag.value


def flag_notes(t: TableSpec, studies: list[Record]) -> tuple[str, ...]:
    """Each flag's note, once, when some study of the table is flagged: a mark is never left unexplained."""
    return tuple(col.flag.note for col in t.columns  # type: ignore[union-attr]
                 if col.flag and any(flagged(s, col) for s in studies))


def _columns(t: TableSpec) -> tuple[Column, ...]:
    return tuple(Column(col.key, col.label, col.width, col.numeric) for col in t.columns)


def _group_key(t: TableSpec) -> str | None:
    if not t.group_by:
        return None
    return next(col.key for col in t.columns if col.fields and col.fields[0] == t.group_by)


def _sorted(studies: list[Record], t: TableSpec, c: Context) -> list[Record]:
    return sorted(studies, key=lambda s: tuple(sort_key(s.get(f), c.fields[f], c) for f in t.sort_by))


def characteristics(t: TableSpec, c: Context) -> Table:
    studies = _sorted(c.x.studies(_status(t, c)), t, c)
    rows = tuple(tuple(cell(s, col, c) for col in t.columns) for s in studies)
    return _table(t, c, _columns(t), rows, len(studies), flag_notes(t, studies))


def excluded(t: TableSpec, c: Context) -> Table:
    """Studies excluded at the study level: the reasons are the decisions' (what PRISMA counts), never retyped."""
    studies = _sorted(c.x.excluded_by_decision(), t, c)
    rows = tuple(tuple(t.mark if col.reason and col.reason in s.get(REASONS, ()) else
                       "" if col.reason else cell(s, col, c) for col in t.columns) for s in studies)
    labels = c.fields[REASONS].labels if REASONS in c.fields else {}
    columns = tuple(Column(col.key, col.label or labels.get(col.reason, col.reason), col.width, col.numeric)
                    for col in t.columns)
    return _table(t, c, columns, rows, len(studies), flag_notes(t, studies))


def _status(t: TableSpec, c: Context) -> str:
    cb = c.x.codebook
    return cb.included if t.studies == "included" else cb.excluded


def _table(t: TableSpec, c: Context, columns: tuple[Column, ...], rows: tuple, n: int,
           extra_notes: tuple[str, ...] = ()) -> Table:
    named = tuple(Column(col.key, c.text(col.label, n), col.width, col.numeric) for col in columns)
    return Table(t.name, c.text(t.title, n, mark=t.mark), named, rows,
                 notes=tuple(c.text(note, n, mark=t.mark) for note in t.notes) + extra_notes,
                 group_by=_group_key(t), landscape=t.landscape,
                 hidden=tuple(col.key for col in t.columns if col.hidden))


def _values(study: Record, name: str) -> set:
    value = study.get(name, "")
    return set(value) if isinstance(value, tuple) else ({value} if value != "" else set())


def _row_values(studies: list[Record], f: Field, c: Context) -> list[tuple[object, str]]:
    """(value, printed label) of the rows: a vocabulary in its order, else the values present, sorted."""
    if f.vocabulary:
        return list(f.vocabulary)
    present = {v for s in studies for v in _values(s, f.name)}
    return sorted(((v, str(printed(v, f, c))) for v in present), key=lambda p: p[1])


def _counts(studies: list[Record], row_field: str, across: str) -> dict[object, Counter]:
    counts: dict[object, Counter] = {}
    for s in studies:
        for value in _values(s, row_field):
            counts.setdefault(value, Counter()).update(_values(s, across))
    return counts


def crosstab(t: TableSpec, c: Context) -> Table:
    assert t.rows is not None and t.across is not None  # checked with the declaration
    studies = c.x.studies(_status(t, c))
    row_field, across = c.fields[t.rows.field], c.fields[t.across.field]
    counts = _counts(studies, row_field.name, across.name)
    codes = [code for code, _ in across.vocabulary]
    columns = [Column(t.rows.key, c.text(t.rows.label, len(studies)), t.rows.width),
               *(Column(code, label, t.across.width, numeric=True) for code, label in across.vocabulary)]
    rows: list[tuple[Cell, ...]] = []
    for value, label in _row_values(studies, row_field, c):
        line: list[Cell] = [label, *(counts.get(value, Counter())[code] for code in codes)]
        if t.totals:
            line.append(sum(1 for s in studies if value in _values(s, row_field.name)))
        rows.append(tuple(line))
    if t.totals:
        columns.append(Column("total", t.total_label, t.across.width, numeric=True))
        rows.append((t.total_label, *(sum(1 for s in studies if code in _values(s, across.name)) for code in codes),
                     len(studies)))
    extra = _comparison(t, c, studies) if t.published else ()
    return _table(t, c, tuple(columns), tuple(rows), len(studies), extra)


def _comparison(t: TableSpec, c: Context, studies: list[Record]) -> tuple[str, ...]:
    """How many printed cells the coding reproduces, and by each other reading; which studies differ."""
    assert t.published is not None and t.rows is not None and t.across is not None
    row_field = c.fields[t.rows.field]
    codes = [code for code, _ in c.fields[t.across.field].vocabulary]
    rows = dict(_row_values(studies, row_field, c))
    by_label = {label: value for value, label in rows.items()}
    total = sum(len(cells) for _, cells in t.published.cells)

    def equal(field: str) -> int:
        counts = _counts(studies, row_field.name, field)
        return sum(1 for label, cells in t.published.cells for code, n in zip(codes, cells, strict=False)
                   if counts.get(by_label.get(label), Counter())[code] == n)

    parts = [f"Compared with {t.published.label}: as coded ({t.across.field}), {equal(t.across.field)} of "
             f"{total} cells are equal"]
    notes = []
    for r in t.published.readings:
        parts.append(f"{r.label} ({r.field}), {equal(r.field)} of {total}")
        differ = [str(s[c.x.codebook.study_id]) for s in studies if _values(s, r.field) != _values(s, t.across.field)]
        notes.append(f"{c.study_label.capitalize()} coded differently in {t.across.field} and {r.field} "
                     f"({len(differ)}): {', '.join(differ) or 'none'}.")
    return ("; ".join(parts) + ".", *notes)


def frequency(t: TableSpec, c: Context) -> Table:
    studies = c.x.studies(_status(t, c))
    counted = [col.field for col in t.columns if col.show in ("count", "percent")]
    vocabulary = c.fields[counted[0]].vocabulary if counted else ()
    counts = {f: Counter(v for s in studies for v in _values(s, f)) for f in counted}
    na = t.not_applicable
    whole = {f: len(studies) - (counts[f][na] if na else 0) for f in counted}
    labels = dict(vocabulary)
    codes = [v for v in (t.values or [code for code, _ in vocabulary]) if v != na]

    def line(code: str) -> tuple[Cell, ...]:
        return tuple(_frequency_cell(col, code, labels, counts, whole) for col in t.columns)

    rows = [line(code) for code in codes]
    if na:  # the studies the percentages are of (100%), then the ones the not-applicable code leaves out
        rows.append(tuple(_by_show(col, label=c.text(t.total_label, len(studies)), count=whole.get(col.field, 0),
                                   percent=100.0 if whole.get(col.field) else 0.0) for col in t.columns))
        rows.append(tuple(_by_show(col, label=labels[na], count=counts[col.field][na] if col.field in counts else 0,
                                   percent="") for col in t.columns))
    columns = tuple(Column(col.key, col.label, col.width, col.numeric or col.show in ("count", "percent"))
                    for col in t.columns)
    return _table(t, c, columns, tuple(rows), len(studies))


def _by_show(col: ColumnSpec, label: Cell, count: Cell, percent: Cell) -> Cell:
    return {"label": label, "code": "", "count": count, "percent": percent}[col.show]


def _frequency_cell(col: ColumnSpec, code: str, labels: Mapping[str, str], counts: Mapping[str, Counter],
                    whole: Mapping[str, int]) -> Cell:
    if col.show == "label":
        return labels[code]
    if col.show == "code":
        return int(code) if col.numeric and code.isdigit() else code
    if col.show == "count":
        return counts[col.field][code]
    return percent(counts[col.field][code], whole[col.field])


BUILDERS: dict[str, Callable[[TableSpec, Context], Table]] = {
    "characteristics": characteristics, "excluded": excluded, "crosstab": crosstab, "frequency": frequency,
}
