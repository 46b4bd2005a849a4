"""The small language a claim uses to name the number it asserts, and its evaluation.

    count(SHEET [where COND])                     rows of a sheet (that satisfy COND)
    percent(SHEET where COND [among COND2])       100 * rows with COND and COND2 / rows with COND2
    distinct(FIELD of SHEET [where COND])         number of different values of FIELD

    COND:  FIELD = VALUE | FIELD != VALUE | FIELD contains VALUE | FIELD in V1, V2, ... |
           FIELD is empty | not COND | COND and COND | COND or COND | ( COND )

SHEETs are the extraction sheets as rows of fields (``dataset``); multi-valued fields (IRM
categories, study designs, exclusion reasons) are lists, tested with ``contains``. Values are
compared as text; quote values with spaces: country = "Northern Ireland".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reviewflow.tables.sheets import Extraction

Row = dict[str, object]
Cond = Callable[[Row], bool]

TOKEN = re.compile(r'\s*(?:(?P<str>"[^"]*")|(?P<op>!=|=|\(|\)|,)|(?P<word>[^\s()=!,"]+))')
KEYWORDS = {"where", "among", "of", "and", "or", "not", "contains", "in", "is", "empty"}


class MetricError(ValueError):
    """The metric text cannot be parsed or names an unknown sheet or field."""


def dataset(x: Extraction) -> dict[str, list[Row]]:
    """The sheets as rows of fields, joined with schemes.csv so every row knows its scheme."""
    schemes = {s.scheme_id: s for s in x.schemes}

    def scheme_fields(scheme_id: str) -> Row:
        s = schemes[scheme_id]
        return {"scheme_id": s.scheme_id, "name": s.name, "country": s.country, "status": s.status}

    return {
        "schemes": [{**scheme_fields(s.scheme_id), "source_refs": [str(r) for r in s.source_refs]}
                    for s in x.schemes],
        "included_schemes": [{**scheme_fields(i.scheme_id), "irm_categories": [str(n) for n in i.irm_categories],
                              "study_designs": list(i.study_designs), "health_outcome": i.health_outcome,
                              "secondary_care": i.secondary_care} for i in x.included],
        "excluded_schemes": [{**scheme_fields(e.scheme_id), "reasons": list(e.reasons)} for e in x.excluded],
        "scheme_reports": [{**scheme_fields(r.scheme_id), "ref_id": str(r.ref_id)} for r in x.reports],
        "references": [{"ref_id": str(r.ref_id), "year": r.year} for r in x.references],
    }


@dataclass
class _Parser:
    tokens: list[str]
    fields: set[str]
    pos: int = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise MetricError(f"expected {expected or 'more'} at '{' '.join(self.tokens[self.pos:]) or 'the end'}'")
        self.pos += 1
        return token

    def value(self) -> str:
        token = self.take()
        return token[1:-1] if token.startswith('"') else token

    def field(self) -> str:
        name = self.take()
        if name not in self.fields:
            raise MetricError(f"unknown field '{name}' (fields: {', '.join(sorted(self.fields))})")
        return name

    def cond(self) -> Cond:
        left = self.conj()
        while self.peek() == "or":
            self.take()
            a, b = left, self.conj()
            left = lambda r, a=a, b=b: a(r) or b(r)  # noqa: E731
        return left

    def conj(self) -> Cond:
        left = self.unary()
        while self.peek() == "and":
            self.take()
            a, b = left, self.unary()
            left = lambda r, a=a, b=b: a(r) and b(r)  # noqa: E731
        return left

    def unary(self) -> Cond:
        if self.peek() == "not":
            self.take()
            inner = self.unary()
            return lambda r: not inner(r)
        if self.peek() == "(":
            self.take()
            inner = self.cond()
            self.take(")")
            return inner
        return self.atom()

    def atom(self) -> Cond:
        name, op = self.field(), self.take()
        if op == "is":
            self.take("empty")
            return lambda r: not r[name]
        if op == "in":
            values = {self.value()}
            while self.peek() == ",":
                self.take()
                values.add(self.value())
            return lambda r: _text(r[name]) in values
        value = self.value()
        if op == "=":
            return lambda r: _text(r[name]) == value
        if op == "!=":
            return lambda r: _text(r[name]) != value
        if op == "contains":
            return lambda r: value in r[name] if isinstance(r[name], list) else value in _text(r[name])
        raise MetricError(f"unknown operator '{op}' (use =, !=, contains, in, is empty)")


def _text(value: object) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise MetricError(f"cannot read '{text[pos:]}'")
        out.append(match.group(0).strip())
        pos = match.end()
    return [t for t in out if t]


def evaluate(metric: str, data: dict[str, list[Row]]) -> float | None:
    """The number a metric names; None when it cannot be computed (a percent of nothing)."""
    match = re.fullmatch(r"\s*(count|percent|distinct)\s*\((.*)\)\s*", metric, re.S)
    if not match:
        raise MetricError("a metric is count(...), percent(...) or distinct(...)")
    kind, tokens = match.group(1), _tokens(match.group(2))
    field = None
    if kind == "distinct":
        if len(tokens) < 3 or tokens[1] != "of":
            raise MetricError("write distinct(FIELD of SHEET [where ...])")
        field, tokens = tokens[0], tokens[2:]
    sheet = tokens[0] if tokens else ""
    if sheet not in data:
        raise MetricError(f"unknown sheet '{sheet}' (sheets: {', '.join(sorted(data))})")
    rows = data[sheet]
    fields = set(rows[0]) if rows else set()
    parser = _Parser(tokens, fields, pos=1)
    where: Cond = lambda r: True  # noqa: E731
    among: Cond = lambda r: True  # noqa: E731
    if parser.peek() == "where":
        parser.take()
        where = parser.cond()
    if kind == "percent" and parser.peek() == "among":
        parser.take()
        among = parser.cond()
    if parser.peek() is not None:
        raise MetricError(f"unexpected '{' '.join(tokens[parser.pos:])}'")
    if field is not None and field not in fields:
        raise MetricError(f"unknown field '{field}'")
    if kind == "count":
        return float(sum(1 for r in rows if where(r)))
    if kind == "distinct":
        return float(len({_text(r[field]) for r in rows if where(r) and r[field]}))
    base = [r for r in rows if among(r)]
    return round(100.0 * sum(1 for r in base if where(r)) / len(base), 1) if base else None
