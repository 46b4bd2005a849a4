"""The small language a claim uses to name the number it asserts, and its evaluation.

    count(SHEET [where COND])                     rows of a sheet (that satisfy COND)
    percent(SHEET where COND [among COND2])       100 * rows with COND and COND2 / rows with COND2
    distinct(FIELD of SHEET [where COND])         number of different values of FIELD

    COND:  FIELD = VALUE | FIELD != VALUE | FIELD contains VALUE | FIELD in V1, V2, ... |
           FIELD is empty | not COND | COND and COND | COND or COND | ( COND )

SHEETs are the sheets of the review's codebook as rows of fields (``dataset``); multi-valued fields
(several_of, references, and the study-level decision's reasons) are lists, tested with ``contains``.
Values are compared as text; quote values with spaces: country = "Northern Ireland".
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


class Dataset(dict):
    """Sheet name -> rows, and the codes each coded field allows, so a metric naming an unknown code is an
    error instead of a count of nothing."""

    codes: dict[str, dict[str, frozenset[str]]]


def dataset(x: Extraction, reason_codes: tuple[str, ...] = ()) -> dict[str, list[Row]]:
    """Every sheet of the codebook as rows of fields (text, or lists of text for multi-valued fields).

    A row that belongs to a study (its sheet refers to the studies sheet) also has every field of its
    study, and the study's decision and reasons when the review reads its decisions; its own fields win.
    """
    cb = x.codebook
    out = Dataset()
    study_codes = {name: frozenset(f.labels) for name, f in cb.study_fields().items() if f.vocabulary}
    if x.decisions is not None:
        # the screening criteria's codes when given; else those the decisions and the codebook use
        study_codes["reasons"] = frozenset(reason_codes) or (frozenset(c for d in x.decisions.values()
                                                                      for c in d.reasons)
                                                            | frozenset(code for code, _ in cb.reason_labels))
    out.codes = {}
    for sheet in cb.sheets:
        link = next((f.name for f in sheet.fields if f.refers_to == cb.studies), "")
        if sheet.name == cb.studies:
            link = cb.study_id
        rows = []
        for row in x.rows[sheet.name]:
            own = {k: _as_text(v) for k, v in row.values.items()}
            study = x.study(str(row.values[link])) if link else {}
            rows.append({**{k: _as_text(v) for k, v in study.items()}, **own})
        out[sheet.name] = rows
        own_codes = {f.name: frozenset(f.labels) for f in sheet.fields if f.vocabulary}
        out.codes[sheet.name] = {**(study_codes if link else {}), **own_codes}
    return out


def _as_text(value: object) -> object:
    return [str(v) for v in value] if isinstance(value, tuple) else str(value)


@dataclass
class _Parser:
    tokens: list[str]
    fields: set[str]
    pos: int = 0
    codes: dict[str, frozenset[str]] | None = None  # field -> the codes its vocabulary allows

    def known(self, name: str, value: str) -> str:
        allowed = (self.codes or {}).get(name)
        if allowed and value not in allowed:
            raise MetricError(f"'{value}' is not a code of {name} (codes: {', '.join(sorted(allowed))})")
        return value

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
            values = {self.known(name, self.value())}
            while self.peek() == ",":
                self.take()
                values.add(self.known(name, self.value()))
            return lambda r: _text(r[name]) in values
        value = self.known(name, self.value())
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
    parser = _Parser(tokens, fields, pos=1, codes=getattr(data, "codes", {}).get(sheet))
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
