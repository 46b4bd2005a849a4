"""JSON Schema validation of the config and of human-entered sheets.

The schemas are package data (``reviewflow/schemas``) so the CLI and the workflow use the same files;
the Snakefile validates the config with ``snakemake.utils.validate`` against ``config_schema_path()``.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from reviewflow.errors import FIRST_DATA_ROW, Problem, ReviewflowError

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def schema_path(name: str) -> Path:
    """Path of a schema file, e.g. ``schema_path("config")`` or ``schema_path("sheets/decisions")``."""
    return SCHEMA_DIR / f"{name}.schema.yaml"


def config_schema_path() -> Path:
    return schema_path("config")


# Config sections with a schema of their own, validated after the top level.
CONFIG_SECTIONS = ("rounds", "import", "dedupe", "screening", "prisma", "tables", "report")


def section_schema_paths() -> dict[str, Path]:
    return {name: schema_path(f"config/{name}") for name in CONFIG_SECTIONS}


@cache
def _load(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _validator(name: str, set_defaults: bool = False) -> jsonschema.protocols.Validator:
    path = schema_path(name)
    schema = dict(_load(path))
    schema["$id"] = path.as_uri()
    cls = jsonschema.validators.validator_for(schema)
    if set_defaults:
        cls = _filling_defaults(cls)
    return cls(schema)


def _filling_defaults(cls: Any) -> Any:
    """A validator class that also fills in each property's ``default`` (as snakemake's validate does)
    and reads a number or true/false setting given as text (``_typed``)."""
    check_properties = cls.VALIDATORS["properties"]

    def properties(validator: Any, props: dict[str, Any], instance: Any, schema: Any) -> Any:
        if isinstance(instance, dict):
            for name, sub in props.items():
                if isinstance(sub, dict) and "default" in sub and name not in instance:
                    instance[name] = copy.deepcopy(sub["default"])
                elif isinstance(sub, dict) and isinstance(instance.get(name), str):
                    instance[name] = _typed(instance[name], sub.get("type"))
        yield from check_properties(validator, props, instance, schema)

    return jsonschema.validators.extend(cls, {"properties": properties})


SCALAR_TYPES = {"integer": (int,), "number": (int, float), "boolean": (bool,)}


def _typed(text: str, expected: Any) -> Any:
    """Text that YAML reads as the number or true/false a setting expects, as that value; else the text.

    Snakemake's ``--config`` reads nested values with YAML's BaseLoader, which leaves every scalar a
    string (``--config dedupe='{shards: 4}'`` gives ``'4'``): read this way, the command line means
    what the same text means in the config file. Text that is not such a value stays an error."""
    wanted = SCALAR_TYPES.get(expected) if isinstance(expected, str) else None
    if wanted is None:
        return text
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    is_bool = isinstance(value, bool)
    return value if isinstance(value, wanted) and is_bool == (expected == "boolean") else text


Lines = Mapping[tuple[str, ...], int]  # key path in a YAML document -> its 1-based line


def load_yaml(text: str, file: str, fix: str = "fix the indentation or quoting at that line") -> tuple[Any, dict[tuple[str, ...], int]]:
    """A human-entered YAML text, loaded safely (no Python tags), with the line of every key and item.

    Raises a ReviewflowError naming the line for broken YAML and for an anchor used inside itself
    (``&a [*a]``), which would build a structure that never ends."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        lines = _node_lines(root, file) if root is not None else {}
        return yaml.safe_load(text), lines
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ReviewflowError([Problem(file, f"not valid YAML: {getattr(err, 'problem', None) or err}", fix,
                                       line=mark.line + 1 if mark is not None else 1)]) from None


def read_yaml_file(path: str | Path, what: str, missing_fix: str,
                   fix: str = "fix the indentation or quoting at that line") -> tuple[Any, dict[tuple[str, ...], int]]:
    """``load_yaml`` of a file a person keeps (the config, the codebook, table declarations, claims): a
    missing file or one not saved as UTF-8 is named with ``what`` ("the codebook") and a fix, never a
    traceback."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReviewflowError([Problem(str(path), f"{what} does not exist", missing_fix)]) from None
    except UnicodeDecodeError as err:
        raise ReviewflowError([Problem(str(path), f"not UTF-8 text ({err.reason} at byte {err.start})",
                                       f"save {what.removeprefix('the ')} as UTF-8",
                                       line=err.object.count(b"\n", 0, err.start) + 1)]) from None
    return load_yaml(text, str(path), fix)


def _node_lines(root: yaml.Node, file: str) -> dict[tuple[str, ...], int]:
    lines: dict[tuple[str, ...], int] = {(): root.start_mark.line + 1}
    stack = [(root, ())]
    inside: set[int] = set()  # ids of the nodes on the path to the one being walked
    while stack:
        node, path = stack.pop()
        if node is None:
            inside.discard(path)  # a marker: the walk left this node
            continue
        if id(node) in inside:
            raise ReviewflowError([Problem(file, "an alias (*name) is used inside its own anchor (&name)",
                                           "copy the values instead of referring to the block itself",
                                           line=lines.get(path, node.start_mark.line + 1))])
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            inside.add(id(node))
            stack.append((None, id(node)))
            pairs = (node.value if isinstance(node, yaml.MappingNode)
                     else [(yaml.ScalarNode("tag:yaml.org,2002:int", str(i), item.start_mark), item)
                           for i, item in enumerate(node.value)])
            if isinstance(node, yaml.MappingNode):
                _no_duplicate_keys(node, path, file)
            for key, value in reversed(pairs):
                where = (*path, str(key.value))
                lines.setdefault(where, key.start_mark.line + 1)
                stack.append((value, where))
    return lines


def _no_duplicate_keys(node: yaml.MappingNode, path: tuple[str, ...], file: str) -> None:
    """YAML loaders keep the last of two equal keys without a word; a person meant one of them."""
    first: dict[str, int] = {}
    for key, _ in node.value:
        name, line = str(key.value), key.start_mark.line + 1
        if name in first:
            where = ".".join((*path, name))
            raise ReviewflowError([Problem(file, f"{where} is given twice (lines {first[name]} and {line}); "
                                           "only the last would count", "keep one of the two", line=line)])
        first[name] = line


def validate_config(config: dict[str, Any], source: str = "config/config.yaml", lines: Lines | None = None) -> None:
    """Fill in defaults; raise a ReviewflowError listing every place the config breaks its schema.

    ``lines`` (from ``load_yaml`` of the file's text) lets each problem name its line."""
    problems = _config_problems(config, "config", (), source, lines or {})
    if not problems:
        for section in CONFIG_SECTIONS:
            if section in config:
                problems += _config_problems(config[section], f"config/{section}", (section,), source, lines or {})
    if not problems:
        problems = (_repeated_names(config, source, lines or {}) + _blanket_orphans(config, source, lines or {})
                    + _stop_rounds(config, source, lines or {}))
    if problems:
        raise ReviewflowError(problems)


# Lists whose items are told apart by one field: (section, list, field, what the field names).
UNIQUE_FIELDS = (((), "rounds", "id", "round id"), ((), "rounds", "folder", "round folder"),
                 (("screening",), "criteria", "code", "criterion code"))


def _blanket_orphans(config: Mapping[str, Any], source: str, lines: Lines) -> list[Problem]:
    """allow_orphans: true would let any typo pass; a person names each deliberate orphan instead."""
    if (config.get("screening") or {}).get("allow_orphans") is not True:
        return []
    return [Problem(source, "screening.allow_orphans: true would let every unknown ID pass, typos included",
                    "list the IDs meant to be orphans (e.g. [X28]), or round:<id> for a round removed on purpose; "
                    "a run without them names every orphan with its file and row",
                    line=lines.get(("screening", "allow_orphans")))]


def _stop_rounds(config: Mapping[str, Any], source: str, lines: Lines) -> list[Problem]:
    """Each early stop (screening.stopped_early) names rounds of config `rounds`, each in one stop only:
    a mistyped round would otherwise stop nothing, and a round in two stops would have two dates."""
    known = [str(r.get("id", "")) for r in config.get("rounds") or []]
    seen: set[str] = set()
    problems = []
    for n, stop in enumerate((config.get("screening") or {}).get("stopped_early") or []):
        for k, rnd in enumerate(stop.get("rounds") or []):
            line = lines.get(("screening", "stopped_early", str(n), "rounds", str(k)))
            if rnd not in known:
                problems.append(Problem(source, f"screening.stopped_early[{n}].rounds: {rnd!r} is not a round of "
                                        f"config `rounds` ({', '.join(known)})",
                                        "name the round's id as config `rounds` gives it", line=line))
            elif rnd in seen:
                problems.append(Problem(source, f"screening.stopped_early: round {rnd!r} is listed in two stops",
                                        "list each round in one stop only", line=line))
            seen.add(rnd)
    return problems


def _repeated_names(config: Mapping[str, Any], source: str, lines: Lines) -> list[Problem]:
    """Two rounds with one id (their record IDs would clash), two criteria with one code (a reason
    typed by a reviewer would mean two things): named at the second one's line."""
    problems = []
    for section, name, field, what in UNIQUE_FIELDS:
        holder: Any = config
        for key in section:
            holder = holder.get(key) or {}
        first: dict[str, int] = {}
        for i, item in enumerate(holder.get(name) or []):
            value = str(item.get(field, "")).strip().lower()
            if not value:
                continue
            path = (*section, name, str(i), field)
            if value in first:
                problems.append(Problem(source, f"{'.'.join((*section, name))}: {what} {item[field]!r} is given twice "
                                        f"(items {first[value] + 1} and {i + 1}; letter case does not tell them apart)",
                                        f"give each {what} its own value", line=lines.get(path)))
            first.setdefault(value, i)
    return problems


def document_problems(data: Any, schema: str, source: str, lines: Lines | None = None) -> list[Problem]:
    """Every place a YAML document of a review (a codebook, table declarations) breaks its schema, with lines."""
    return _config_problems(data, schema, (), source, lines or {})


def _config_problems(data: Any, schema: str, prefix: tuple[str, ...], source: str, lines: Lines) -> list[Problem]:
    validator = _validator(schema, set_defaults=True)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.path])
    described = f"every key is described in reviewflow/schemas/{schema}.schema.yaml"
    problems = []
    for err in errors:
        unknown = _unknown_keys(err)
        if unknown:
            for key, close in unknown:
                where = ".".join((*prefix, *(str(p) for p in err.absolute_path), key))
                hint = f"did you mean {close}? " if close else ""
                problems.append(Problem(source, f"{where} is not a setting reviewflow knows",
                                        f"{hint}correct or remove it; {described}",
                                        line=lines.get((*prefix, *(str(p) for p in err.absolute_path), key))))
            continue
        problems.append(Problem(source, f"{_path(err, prefix)}: {err.message}", f"correct the value; {described}",
                                line=_line(err, prefix, lines)))
    return problems


def _unknown_keys(err: jsonschema.ValidationError) -> list[tuple[str, str | None]]:
    """(key, the known key it is closest to) for each key a mapping may not have (a typo, mostly)."""
    if err.validator != "additionalProperties" or not isinstance(err.instance, dict):
        return []
    known = list((err.schema.get("properties") or {}) if isinstance(err.schema, dict) else {})
    extra = sorted(str(k) for k in err.instance if k not in known)
    return [(key, next(iter(difflib.get_close_matches(key, known, n=1, cutoff=0.6)), None)) for key in extra]


def _line(err: jsonschema.ValidationError, prefix: tuple[str, ...], lines: Lines) -> int | None:
    """The line of the offending key: an unexpected key itself, else the nearest key above the value."""
    path = (*prefix, *(str(p) for p in err.absolute_path))
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
        extra = sorted(str(k) for k in err.instance if k not in known)
        if extra and (*path, extra[0]) in lines:
            return lines[(*path, extra[0])]
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def row_problems(rows: Iterable[Mapping[str, Any]], schema: str, file: str,
                 first_row: int = FIRST_DATA_ROW) -> list[Problem]:
    """Check each row (a dict of column -> value) against a row schema; rows numbered from first_row
    (by default as a spreadsheet shows a sheet's rows: the first under the header is row 2)."""
    validator = _validator(schema)
    problems = []
    for index, row in enumerate(rows, start=first_row):
        for err in validator.iter_errors(dict(row)):
            column = str(err.path[0]) if err.path else None
            problems.append(Problem(file, err.message, _fix(err), row=index, column=column))
    return problems


def _path(err: jsonschema.ValidationError, prefix: tuple[str, ...] = ()) -> str:
    return ".".join([*prefix, *(str(p) for p in err.absolute_path)]) or "(top level)"


def _fix(err: jsonschema.ValidationError) -> str:
    description = err.schema.get("description") if isinstance(err.schema, dict) else None
    if description:
        return f"expected: {description.strip()}"
    return "correct the cell so it matches the documented format (docs/formats.md)"
