"""The tables and charts a review declares (``tables.declarations``, e.g. config/tables.yaml), checked
against its codebook before anything is written; and the stage's settings and outputs from the config.

A declaration is data: which kind of table (characteristics, crosstab, frequency, excluded), which
fields, titles, notes and column labels. ``declared_outputs`` is what the workflow asks for the list of
files the stage makes, so the workflow never names a table itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.tables.checks import chart_problems, table_problems
from reviewflow.tables.codebook import DECISION, REASONS, Codebook, Field, load_codebook
from reviewflow.validation import document_problems, read_yaml_file
from reviewflow.vocabulary import study_label


@dataclass(frozen=True)
class Flag:
    """A mark on the cells of studies whose ``field`` is ``value``, explained by ``note`` under the table."""

    field: str
    value: str
    mark: str
    note: str


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str = ""
    width: int = 12
    numeric: bool = False
    hidden: bool = False
    fields: tuple[str, ...] = ()  # the first non-empty of these fields
    cite: str = ""
    reason: str = ""
    show: str = ""
    field: str = ""  # frequency: the field counted (show: count / percent)
    flag: Flag | None = None


@dataclass(frozen=True)
class Reading:
    field: str
    label: str


@dataclass(frozen=True)
class Published:
    label: str
    cells: tuple[tuple[str, tuple[int, ...]], ...]
    readings: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    name: str
    kind: str
    title: str
    notes: tuple[str, ...] = ()
    studies: str = "included"
    columns: tuple[ColumnSpec, ...] = ()
    landscape: bool = False
    group_by: str = ""
    sort_by: tuple[str, ...] = ()
    mark: str = "x"
    rows: ColumnSpec | None = None  # crosstab
    across: ColumnSpec | None = None  # crosstab
    totals: bool = True
    total_label: str = "Total"
    values: tuple[str, ...] = ()
    not_applicable: str = ""
    published: Published | None = None


@dataclass(frozen=True)
class Bar:
    column: str
    label: str


@dataclass(frozen=True)
class Segment:
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class ChartSpec:
    name: str
    kind: str
    table: str
    title: str
    xlabel: str = ""
    size: tuple[float, float] | None = None
    bars: tuple[Bar, ...] = ()
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class Declarations:
    file: str
    tables: tuple[TableSpec, ...] = ()
    charts: tuple[ChartSpec, ...] = ()

    def table(self, name: str) -> TableSpec:
        return {t.name: t for t in self.tables}[name]


# ---- the stage's settings, from the review's config
@dataclass(frozen=True)
class Settings:
    extracted: str
    codebook: str  # "" : the review has no extraction sheets
    declarations: str  # "" : no tables or charts declared
    decisions: str  # results/screening/<stage>/outcomes.csv, or ""
    claims: str
    formats: tuple[str, ...]
    country_labels: Mapping[str, str]
    study_label: str
    criteria: tuple[tuple[str, str], ...]  # (code, label) of the screening criteria, in config order
    paper: str = "a4"  # a4 | letter: the page of the DOCX and XLSX files


def stage_settings(config: Mapping[str, Any]) -> Settings:
    """The tables stage's settings from a loaded config (defaults filled in by its schema)."""
    t = config.get("tables") or {}
    criteria = (config.get("screening") or {}).get("criteria") or []
    return Settings(t.get("extracted", "data/extracted"), t.get("codebook", ""), t.get("declarations", ""),
                    t.get("decisions", ""), t.get("claims", ""), tuple(t.get("formats", ())),
                    dict(t.get("country_labels") or {}),
                    study_label((config.get("prisma") or {}).get("study_label")).many,
                    tuple((str(c["code"]), str(c.get("label", c["code"]))) for c in criteria),
                    str(t.get("paper", "a4")))


def settings_param(config: Mapping[str, Any]) -> dict[str, Any]:
    """The settings as plain data: a Snakemake param, so editing any of them reruns the stage's jobs."""
    s = stage_settings(config)
    return {k: (list(map(list, v)) if k == "criteria" else list(v) if isinstance(v, tuple) else
                dict(v) if isinstance(v, Mapping) else v) for k, v in s.__dict__.items()}


def settings_from_param(param: Mapping[str, Any]) -> Settings:
    values = dict(param)
    values["formats"] = tuple(values["formats"])
    values["criteria"] = tuple(tuple(c) for c in values["criteria"])
    return Settings(**values)


@dataclass(frozen=True)
class Outputs:
    """What the stage reads and writes for one review, all relative to the working directory."""

    tables: tuple[str, ...]
    charts: tuple[str, ...]
    inputs: tuple[str, ...]  # codebook, declarations, sheets and decisions: a change reruns the stage


def declared_outputs(config: Mapping[str, Any]) -> Outputs:
    """The declared table and chart names and the stage's input files (nothing declared: all empty)."""
    s = stage_settings(config)
    if not s.codebook:
        return Outputs((), (), ())
    codebook = load_codebook(s.codebook)
    inputs = [s.codebook, *(f"{s.extracted}/{name}.csv" for name in codebook.sheet_names)]
    tables: tuple[str, ...] = ()
    charts: tuple[str, ...] = ()
    if s.declarations:
        declared = load_declarations(s.declarations, codebook, s)
        tables = tuple(t.name for t in declared.tables)
        charts = tuple(c.name for c in declared.charts)
        inputs.append(s.declarations)
    if s.decisions:
        inputs.append(s.decisions)
    return Outputs(tables, charts, tuple(inputs))


# ---- reading and checking the declarations
def load_declarations(path: str | Path, codebook: Codebook, settings: Settings) -> Declarations:
    file = str(path)
    doc, lines = read_yaml_file(path, "the table declarations file",
                                "create it (docs/tables.md, 'Declaring tables') or set tables.declarations to \"\"")
    doc = {} if doc is None else doc
    problems = document_problems(doc, "tables/declarations", file, lines)
    if problems:
        raise ReviewflowError(problems)
    declared = Declarations(file, tuple(_table(t) for t in doc.get("tables", [])),
                            tuple(_chart(c) for c in doc.get("charts", [])))
    problems = declaration_problems(declared, codebook, settings, lines)
    if problems:
        raise ReviewflowError(problems)
    return declared


def _column(c: Mapping[str, Any]) -> ColumnSpec:
    fields = c.get("field", ())
    fields = (fields,) if isinstance(fields, str) else tuple(fields)
    flag = c.get("flag")
    return ColumnSpec(c["key"], c.get("label", ""), c.get("width", 12), c.get("numeric", False),
                      c.get("hidden", False), fields, c.get("cite", ""), str(c.get("reason", "")),
                      c.get("show", ""), fields[0] if fields else "",
                      Flag(flag["field"], str(flag["value"]), flag["mark"], flag["note"]) if flag else None)


def _table(t: Mapping[str, Any]) -> TableSpec:
    published = t.get("published")
    if published:
        published = Published(published["label"], tuple((str(k), tuple(v)) for k, v in published["cells"].items()),
                              tuple(Reading(r["field"], r["label"]) for r in published.get("readings", [])))
    rows, across = t.get("rows"), t.get("across")
    return TableSpec(
        t["name"], t["kind"], t["title"], tuple(t.get("notes", ())), t.get("studies", "included"),
        tuple(_column(c) for c in t.get("columns", [])), t.get("landscape", False), t.get("group_by", ""),
        tuple(t.get("sort_by", ())), str(t.get("mark", "x")),
        ColumnSpec(rows.get("key", rows["field"]), rows.get("label", ""), rows.get("width", 14),
                   fields=(rows["field"],), field=rows["field"]) if rows else None,
        ColumnSpec(across["field"], width=across.get("width", 12), fields=(across["field"],),
                   field=across["field"]) if across else None,
        t.get("totals", True), t.get("total_label", "Total"), tuple(str(v) for v in t.get("values", ())),
        str(t.get("not_applicable", "")), published or None)


def _chart(c: Mapping[str, Any]) -> ChartSpec:
    size = c.get("size")
    return ChartSpec(c["name"], c["kind"], c["table"], c["title"], c.get("xlabel", ""),
                     (float(size[0]), float(size[1])) if size else None,
                     tuple(Bar(b["column"], b["label"]) for b in c.get("bars", [])),
                     tuple(Segment(s["label"], tuple(str(v) for v in s["values"])) for s in c.get("segments", [])))


def study_fields(codebook: Codebook, settings: Settings) -> dict[str, Field]:
    """The fields a declaration may name: the codebook's study fields, plus the decision's reasons."""
    fields = codebook.study_fields()
    if settings.decisions:
        fields[DECISION] = Field(DECISION, "one_of", vocabulary=(("include", "include"), ("exclude", "exclude")))
        fields[REASONS] = Field(REASONS, "several_of", vocabulary=reason_vocabulary(codebook, settings))
    return fields


def reason_vocabulary(codebook: Codebook, settings: Settings) -> tuple[tuple[str, str], ...]:
    """The criteria codes (one source of truth: the screening criteria), printed with the codebook's labels."""
    labels = dict(codebook.reason_labels)
    codes = [code for code, _ in settings.criteria] or list(labels)
    criteria = dict(settings.criteria)
    return tuple((code, labels.get(code, criteria.get(code, code))) for code in codes)


def declaration_problems(d: Declarations, codebook: Codebook, settings: Settings,
                         lines: Mapping[tuple[str, ...], int] | None = None) -> list[Problem]:
    """Every field a declaration names exists and suits its use; names are unique; charts show declared tables."""
    lines = lines or {}
    fields = study_fields(codebook, settings)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, t in enumerate(d.tables):
        where = ("tables", str(i))
        for message, fix, at in table_problems(t, fields, codebook, settings):
            problems.append(Problem(d.file, f"table '{t.name}': {message}", fix,
                                    line=lines.get((*where, *at), lines.get(where))))
        if t.name in seen:
            problems.append(Problem(d.file, f"table '{t.name}' is declared twice", "give each table its own name",
                                    line=lines.get(where)))
        seen.add(t.name)
    tables = {t.name: t for t in d.tables}
    for i, c in enumerate(d.charts):
        where = ("charts", str(i))
        for message, fix in chart_problems(c, tables, fields):
            problems.append(Problem(d.file, f"chart '{c.name}': {message}", fix, line=lines.get(where)))
    return problems
