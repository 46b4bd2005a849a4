"""JSON Schema validation of the config and of human-entered sheets.

The schemas are package data (``reviewflow/schemas``) so the CLI and the workflow use the same files;
the Snakefile validates the config with ``snakemake.utils.validate`` against ``config_schema_path()``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from reviewflow.errors import Problem, ReviewflowError

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
    """A validator class that also fills in each property's ``default`` (as snakemake's validate does)."""
    check_properties = cls.VALIDATORS["properties"]

    def properties(validator: Any, props: dict[str, Any], instance: Any, schema: Any) -> Any:
        if isinstance(instance, dict):
            for name, sub in props.items():
                if isinstance(sub, dict) and "default" in sub and name not in instance:
                    instance[name] = copy.deepcopy(sub["default"])
        yield from check_properties(validator, props, instance, schema)

    return jsonschema.validators.extend(cls, {"properties": properties})


def validate_config(config: dict[str, Any], source: str = "config/config.yaml") -> None:
    """Fill in defaults; raise a ReviewflowError listing every place the config breaks its schema."""
    problems = _config_problems(config, "config", (), source)
    if not problems:
        for section in CONFIG_SECTIONS:
            if section in config:
                problems += _config_problems(config[section], f"config/{section}", (section,), source)
    if problems:
        raise ReviewflowError(problems)


def _config_problems(data: Any, schema: str, prefix: tuple[str, ...], source: str) -> list[Problem]:
    validator = _validator(schema, set_defaults=True)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.path])
    return [Problem(source, f"{_path(err, prefix)}: {err.message}",
                    f"correct the value; every key is described in src/reviewflow/schemas/{schema}.schema.yaml")
            for err in errors]


def row_problems(rows: Iterable[Mapping[str, Any]], schema: str, file: str,
                 first_row: int = 1) -> list[Problem]:
    """Check each row (a dict of column -> value) against a row schema; rows numbered from first_row."""
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
