"""What a table or chart declaration must get right beyond its schema: fields that exist and suit their use.

Each check returns (problem, fix, path inside the declaration) so the caller can name the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping

from reviewflow.tables.codebook import CODED, REASONS, Codebook, Field

Found = tuple[str, str, tuple[str, ...]]
NEEDS = {"characteristics": ("columns",), "excluded": ("columns",), "frequency": ("columns",),
         "crosstab": ("rows", "across")}


def _known(name: str, fields: Mapping[str, Field], at: tuple[str, ...], codebook: Codebook) -> list[Found]:
    if name in fields:
        return []
    return [(f"field '{name}' is not in the codebook", f"use a field of {codebook.file} "
             f"({', '.join(sorted(fields))})", at)]


def table_problems(t, fields: Mapping[str, Field], codebook: Codebook, settings) -> list[Found]:
    out: list[Found] = []
    for part in NEEDS[t.kind]:
        if not getattr(t, part):
            out.append((f"a {t.kind} table needs {part}:", "declare it (docs/tables.md)", (part,)))
    if t.kind == "excluded" and not settings.decisions:
        out.append(("an excluded table is built from the study-level decisions, and tables.decisions is empty",
                    "set tables.decisions (e.g. results/screening/study/outcomes.csv) in the config", ()))
    if t.studies == "excluded" and REASONS in {c.field for c in t.columns} and not settings.decisions:
        out.append(("the reasons come from the study-level decisions, and tables.decisions is empty",
                    "set tables.decisions in the config", ()))
    for i, c in enumerate(t.columns):
        at = ("columns", str(i))
        for name in (*c.fields, *([c.cite] if c.cite else []), *([c.flag.field] if c.flag else [])):
            out += _known(name, fields, at, codebook)
        if c.cite and c.cite in fields and fields[c.cite].type != "references":
            out.append((f"cite '{c.cite}' is not a references field", "name a field of type references", at))
        out += _column_use(t, c, fields, settings, at)
    for key, name in (("group_by", t.group_by), *(("sort_by", s) for s in t.sort_by)):
        if name:
            out += _known(name, fields, (key,), codebook)
            if name in fields and fields[name].multi:
                out.append((f"{key} '{name}' is a field with several values per study",
                            "group and sort by a single-valued field (a study must sit in one place)", (key,)))
    if t.group_by and t.group_by not in {f for c in t.columns for f in c.fields}:
        out.append((f"group_by '{t.group_by}' is not one of the table's columns", "add a column showing it",
                    ("group_by",)))
    if t.kind == "crosstab":
        out += _crosstab(t, fields, codebook)
    if t.kind == "frequency":
        out += _frequency(t, fields)
    return out


def _column_use(t, c, fields: Mapping[str, Field], settings, at: tuple[str, ...]) -> list[Found]:
    out: list[Found] = []
    if t.kind == "frequency":
        if c.show not in ("label", "code", "count", "percent"):
            out.append((f"column '{c.key}' needs show: label, code, count or percent", "add show:", at))
        if c.show in ("count", "percent") and not c.fields:
            out.append((f"column '{c.key}' counts no field", "add field:", at))
    elif c.reason:
        if t.kind != "excluded":
            out.append((f"column '{c.key}': reason columns belong to an excluded table", "remove reason:", at))
        codes = set(fields[REASONS].labels) if REASONS in fields else set()
        if c.reason not in codes:
            out.append((f"reason '{c.reason}' is not a criterion code", f"use one of {', '.join(sorted(codes))}"
                        " (screening.criteria in the config)", at))
    elif not c.fields:
        out.append((f"column '{c.key}' shows no field", "add field: (or reason: in an excluded table)", at))
    return out


def _crosstab(t, fields: Mapping[str, Field], codebook: Codebook) -> list[Found]:
    out: list[Found] = []
    for part in ("rows", "across"):
        spec = getattr(t, part)
        if spec is None:
            continue
        out += _known(spec.field, fields, (part,), codebook)
    if t.across and t.across.field in fields and fields[t.across.field].type not in CODED:
        out.append((f"across '{t.across.field}' has no vocabulary", "use a one_of or several_of field", ("across",)))
    if t.published and t.across and t.across.field in fields:
        codes = fields[t.across.field].vocabulary
        for r in t.published.readings:
            out += _known(r.field, fields, ("published",), codebook)
            if r.field in fields and fields[r.field].vocabulary != codes:
                out.append((f"reading '{r.field}' has another vocabulary than '{t.across.field}'",
                            "compare codings of the same vocabulary", ("published",)))
        for label, cells in t.published.cells:
            if len(cells) != len(codes):
                out.append((f"published row '{label}' has {len(cells)} cells, the table {len(codes)}",
                            "give one count per column, in column order", ("published",)))
    return out


def _frequency(t, fields: Mapping[str, Field]) -> list[Found]:
    counted = [f for c in t.columns if c.show in ("count", "percent") for f in c.fields if f in fields]
    out: list[Found] = []
    vocabularies = {fields[f].vocabulary for f in counted}
    for name in counted:
        if fields[name].type not in CODED:
            out.append((f"field '{name}' has no vocabulary to count", "count a one_of or several_of field",
                        ("columns",)))
    if len(vocabularies) > 1:
        out.append(("the counted fields have different vocabularies", "count fields of one vocabulary side by side",
                    ("columns",)))
    codes = {code for v in vocabularies for code, _ in v}
    for value in (*t.values, *([t.not_applicable] if t.not_applicable else [])):
        if codes and value not in codes:
            out.append((f"'{value}' is not a code of {', '.join(sorted(set(counted)))}",
                        f"use one of {', '.join(sorted(codes))}", ("values",)))
    if t.not_applicable and any(fields[f].multi for f in counted):
        out.append(("not_applicable needs single-valued fields", "remove not_applicable", ("not_applicable",)))
    return out


def chart_problems(c, tables: Mapping, fields: Mapping[str, Field]) -> list[tuple[str, str]]:
    wants = {"bar": "frequency", "stacked": "crosstab", "shares": "frequency"}
    table = tables.get(c.table)
    if table is None:
        return [(f"table '{c.table}' is not declared", f"use one of {', '.join(tables) or '(none declared)'}")]
    if table.kind != wants[c.kind]:
        return [(f"a {c.kind} chart shows a {wants[c.kind]} table, '{c.table}' is a {table.kind}",
                 f"point it at a {wants[c.kind]} table")]
    out = []
    if c.kind == "bar":
        shows = {col.show for col in table.columns}
        if not {"label", "count", "percent"} <= shows:
            out.append((f"table '{c.table}' needs label, count and percent columns for a bar chart", "add them"))
    if c.kind == "shares":
        keys = {col.key: col for col in table.columns}
        for bar in c.bars:
            if bar.column not in keys or keys[bar.column].show != "count":
                out.append((f"bar column '{bar.column}' is not a count column of '{c.table}'", "name a count column"))
        counted = [f for col in table.columns if col.show == "count" for f in col.fields if f in fields]
        codes = set(fields[counted[0]].labels) if counted else set()
        for seg in c.segments:
            for value in seg.values:
                if value not in codes:
                    out.append((f"segment value '{value}' is not a code of the counted field",
                                f"use one of {', '.join(sorted(codes))}"))
        if not c.bars or not c.segments:
            out.append(("a shares chart needs bars: and segments:", "declare them"))
    return out
