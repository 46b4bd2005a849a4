"""The config schemas spell their enums out (static YAML); they must say what reviewflow.vocabulary says."""

from __future__ import annotations

from pathlib import Path

import yaml

from reviewflow import vocabulary as v
from reviewflow.dedupe import similarity, versions
from reviewflow.prisma import rinterop
from reviewflow.screening import criteria

SCHEMAS = Path(v.__file__).parent / "schemas" / "config"


def schema(name: str) -> dict:
    return yaml.safe_load((SCHEMAS / name).read_text(encoding="utf-8"))


def test_method_enum_is_the_vocabulary():
    source = schema("rounds.schema.yaml")
    found = [node for node in _walk(source) if isinstance(node, dict) and "method" in node
             and isinstance(node["method"], dict) and "enum" in node["method"]]
    assert found, "rounds.schema.yaml has no method enum"
    for node in found:
        assert tuple(node["method"]["enum"]) == v.METHODS
        assert node["method"]["default"] == v.DEFAULT_METHOD


def test_keep_apart_enum_is_the_vocabulary():
    keep = schema("dedupe.schema.yaml")["properties"]["keep_apart"]
    assert tuple(keep["items"]["enum"]) == v.KEEP_APART
    assert tuple(keep["default"]) == v.KEEP_APART == similarity.KEEP_APART


def test_methods_split_into_the_two_prisma_columns():
    assert v.DATABASES_AND_REGISTERS | v.OTHER_METHODS == set(v.METHODS)
    assert not v.DATABASES_AND_REGISTERS & v.OTHER_METHODS
    assert {v.prisma_column(m) for m in v.DATABASES_AND_REGISTERS} == {"dbr"}
    assert {v.prisma_column(m) for m in v.OTHER_METHODS} == {"other"}
    assert set(v.METHOD_LABELS) == set(v.METHODS)
    assert set(rinterop.OTHER_METHOD_SLOT) == v.OTHER_METHODS  # the R package's boxes of the other column


def test_stages_read_the_vocabulary():
    assert criteria.STAGES == v.SCREENING_STAGES
    assert versions.KINDS == v.RECORD_KINDS
    assert set(v.PERSON_DECISIONS) & set(v.OUTCOME_DECISIONS) == {"include", "exclude"}


def _walk(node):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from _walk(child)
