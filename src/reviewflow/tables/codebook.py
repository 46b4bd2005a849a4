"""The extraction codebook: a review's sheets, their keys and each field's type and vocabulary (data, not code).

The codebook is the review's own file (``tables.codebook``, e.g. config/extraction.yaml, docs/tables.md).
Every reader, table, chart and claim of the stage reads its vocabularies from here, so no vocabulary is
spelled out twice; ``row_schema`` turns a sheet's entry into the JSON Schema its rows are checked against.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.validation import document_problems, read_yaml_file

MULTI = frozenset({"several_of", "references"})  # types whose cell holds several values separated by ';'
CODED = frozenset({"one_of", "several_of"})  # types with a vocabulary
SEP = ";"
# Fields every study has when the review reads its study-level decisions (tables.decisions).
DECISION = "decision"
REASONS = "reasons"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    multiline: bool = False
    vocabulary: tuple[tuple[str, str], ...] = ()  # (code, printed label), in print order
    refers_to: str = ""

    @property
    def multi(self) -> bool:
        return self.type in MULTI

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.vocabulary)

    def describe(self) -> str:
        """What a cell of this field must hold: the fix printed with a bad cell."""
        codes = ", ".join(code for code, _ in self.vocabulary)
        return {"integer": "a whole number such as 12",
                "one_of": f"one of {codes}",
                "several_of": f"one or more of {codes} separated by ';'",
                "references": f"IDs of {self.refers_to}.csv separated by ';', e.g. \"2;8;57\"",
                }.get(self.type, "text")


@dataclass(frozen=True)
class SheetSpec:
    name: str
    fields: tuple[Field, ...]
    key: str = ""
    one_per: str = ""  # exactly one row per study with this status

    def field(self, name: str) -> Field:
        return {f.name: f for f in self.fields}[name]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True)
class Codebook:
    file: str
    studies: str  # the sheet with one row per study
    study_id: str
    status: str  # the studies sheet's one_of field saying included / excluded
    sheets: tuple[SheetSpec, ...]
    reason_labels: tuple[tuple[str, str], ...] = ()  # criterion code -> printed label
    included: str = "included"  # the status codes of included and excluded studies
    excluded: str = "excluded"

    def sheet(self, name: str) -> SheetSpec:
        return {s.name: s for s in self.sheets}[name]

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sheets)

    def joined(self, sheet: SheetSpec) -> bool:
        """A sheet whose rows belong to a study (a field refers to the studies sheet) gets the study's fields."""
        return sheet.name == self.studies or any(f.refers_to == self.studies for f in sheet.fields)

    def study_fields(self) -> dict[str, Field]:
        """Every field a study has: the studies sheet's and those of the sheets with one row per study."""
        out: dict[str, Field] = {}
        for sheet in self.sheets:
            if sheet.name == self.studies or sheet.one_per:
                for f in sheet.fields:
                    out.setdefault(f.name, f)
        return out


def load_codebook(path: str | Path) -> Codebook:
    """Read and check a codebook; every problem names the file, the line and the entry."""
    file = str(path)
    doc, lines = read_yaml_file(path, "the codebook",
                                "create it (docs/tables.md, 'The codebook') or set tables.codebook to \"\"")
    doc = _codes_as_text(doc)
    problems = document_problems(doc, "tables/codebook", file, lines)
    if problems:
        raise ReviewflowError(problems)
    codebook = _build(doc, file)
    problems = codebook_problems(codebook, lines)
    if problems:
        raise ReviewflowError(problems)
    return codebook


def _codes_as_text(doc: Any) -> Any:
    """Vocabulary codes compare with cell text: a code written 1 in YAML is the cell text "1"."""
    if isinstance(doc, dict):
        for sheet in (doc.get("sheets") or {}).values():
            for field in ((sheet or {}).get("fields") or {}).values() if isinstance(sheet, dict) else ():
                if isinstance(field, dict) and isinstance(field.get("vocabulary"), dict):
                    field["vocabulary"] = {str(k): v for k, v in field["vocabulary"].items()}
    return doc


def _build(doc: dict[str, Any], file: str) -> Codebook:
    sheets = []
    for name, entry in doc["sheets"].items():
        fields = tuple(Field(str(fname), f["type"], f.get("required", False), f.get("multiline", False),
                             tuple((str(k), str(v)) for k, v in (f.get("vocabulary") or {}).items()),
                             f.get("refers_to", ""))
                       for fname, f in entry["fields"].items())
        sheets.append(SheetSpec(str(name), fields, entry.get("key", ""), entry.get("one_per", "")))
    studies = doc["studies"]
    labels = (doc.get("decisions") or {}).get("labels") or {}
    return Codebook(file, studies["sheet"], studies["id"], studies["status"], tuple(sheets),
                    tuple((str(k), str(v)) for k, v in labels.items()),
                    studies.get("included", "included"), studies.get("excluded", "excluded"))


def codebook_problems(cb: Codebook, lines: dict[tuple[str, ...], int] | None = None) -> list[Problem]:
    """What the schema cannot say: names that must exist, vocabularies where a type needs one."""
    lines = lines or {}
    problems: list[Problem] = []

    def bad(where: tuple[str, ...], problem: str, fix: str) -> None:
        problems.append(Problem(cb.file, f"{'.'.join(where)}: {problem}", fix, line=lines.get(where)))

    names = set(cb.sheet_names)
    if cb.studies not in names:
        bad(("studies", "sheet"), f"'{cb.studies}' is not a sheet of the codebook", f"use one of {', '.join(names)}")
        return problems
    studies = cb.sheet(cb.studies)
    for key, value in (("id", cb.study_id), ("status", cb.status)):
        if value and value not in studies.columns:
            bad(("studies", key), f"'{value}' is not a field of sheet {cb.studies}", "name one of its fields")
    status_codes = set(studies.field(cb.status).labels) if cb.status in studies.columns else set()
    if cb.status in studies.columns and studies.field(cb.status).type != "one_of":
        bad(("studies", "status"), f"'{cb.status}' is a {studies.field(cb.status).type} field",
            "name a one_of field whose codes say included / excluded")
    for key, value in (("included", cb.included), ("excluded", cb.excluded)):
        if status_codes and value not in status_codes:
            bad(("studies", key), f"'{value}' is not a code of {cb.studies}.{cb.status}",
                f"use one of {', '.join(sorted(status_codes))}")
    for sheet in cb.sheets:
        at = ("sheets", sheet.name)
        if sheet.key and sheet.key not in sheet.columns:
            bad((*at, "key"), f"'{sheet.key}' is not a field of this sheet", "name one of its fields")
        if sheet.one_per and sheet.one_per not in status_codes:
            bad((*at, "one_per"), f"'{sheet.one_per}' is not a status of {cb.studies}.{cb.status}",
                f"use one of {', '.join(sorted(status_codes)) or '(declare studies.status first)'}")
        for f in sheet.fields:
            for problem, fix in _field_problems(cb, f):
                bad((*at, "fields", f.name), problem, fix)
    problems += _clashes(cb, lines)
    return problems


def _field_problems(cb: Codebook, f: Field) -> list[tuple[str, str]]:
    names = set(cb.sheet_names)
    out = []
    if f.type in CODED and not f.vocabulary:
        out.append((f"a {f.type} field needs a vocabulary", "add vocabulary: {code: printed label, ...}"))
    if f.type not in CODED and f.vocabulary:
        out.append((f"a {f.type} field has no vocabulary", "remove vocabulary: or use type one_of/several_of"))
    if f.type == "references" and not f.refers_to:
        out.append(("a references field needs refers_to", "name the sheet whose IDs it lists"))
    if f.refers_to and f.refers_to not in names:
        out.append((f"refers_to '{f.refers_to}' is not a sheet of the codebook", f"use one of {', '.join(names)}"))
    elif f.refers_to and not cb.sheet(f.refers_to).key:
        out.append((f"sheet {f.refers_to} has no key to refer to", f"give sheets.{f.refers_to} a key"))
    return out


def _clashes(cb: Codebook, lines: dict[tuple[str, ...], int]) -> list[Problem]:
    """A study's fields come from several sheets: one name, one field (the study ID aside)."""
    seen: dict[str, str] = {}
    problems = []
    for sheet in cb.sheets:
        if sheet.name != cb.studies and not sheet.one_per:
            continue
        for f in sheet.fields:
            if f.refers_to == cb.studies or (sheet.name == cb.studies and f.name == cb.study_id):
                continue
            if f.name in seen:
                where = ("sheets", sheet.name, "fields", f.name)
                problems.append(Problem(cb.file, f"{'.'.join(where)}: field '{f.name}' is also a field of sheet "
                                        f"{seen[f.name]}; a study cannot have two", "rename one of them",
                                        line=lines.get(where)))
            seen[f.name] = sheet.name
    return problems


def _field_schema(f: Field, key_types: dict[str, str]) -> dict[str, Any]:
    if f.type == "integer":
        return {"type": "string", "pattern": "^[0-9]+$", "description": f.describe()}
    if f.type == "one_of":
        return {"enum": [c for c, _ in f.vocabulary], "description": f.describe()}
    if f.type == "several_of":
        return {"type": "array", "items": {"enum": [c for c, _ in f.vocabulary]}, "description": f.describe()}
    if f.type == "references":
        integer = key_types.get(f.refers_to) == "integer"
        item = {"type": "string", "pattern": "^[0-9]+$"} if integer else {"type": "string"}
        return {"type": "array", "items": item, "description": f.describe()}
    return {"type": "string", "description": f.describe()}


def row_schema(cb: Codebook, sheet: SheetSpec) -> dict[str, Any]:
    """The JSON Schema of one row of ``sheet``: multi-valued cells as arrays, empty cells left out."""
    key_types = {s.name: s.field(s.key).type for s in cb.sheets if s.key and s.key in s.columns}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{sheet.name} row",
        "type": "object",
        "properties": {f.name: _field_schema(f, key_types) for f in sheet.fields},
        "required": [f.name for f in sheet.fields if f.required],
    }
