"""Orphans: rows a person typed that name an ID the review does not hold.

An orphan stops the run unless a person has said, for that ID, that it is meant:
``screening.allow_orphans`` lists such IDs (compared exactly), or ``round:<id>`` for every record of
a search round removed on purpose (record IDs start with their round's id). The message names the
file and row and, as a hint only, the IDs of the review that the typed one is close to: the same but
for letter case, leading zeros (``S01``/``S1``), spaces, or a spreadsheet's scientific notation.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ROUND_PREFIX = "round:"
SCIENTIFIC = re.compile(r"^\s*(\d+(?:\.\d+)?)[eE]\+?(\d+)\s*$")
LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")
FUZZY_LIMIT = 200  # difflib over every ID is slow: only for a handful of orphans


@dataclass(frozen=True)
class Allowed:
    """What a person declared deliberate: exact IDs and removed rounds."""

    ids: frozenset[str] = frozenset()
    rounds: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, entries: Iterable[str] | bool | None) -> Allowed:
        if not entries or entries is True:  # True is refused by the config schema
            return cls()
        entries = [str(e) for e in entries]
        return cls(frozenset(e for e in entries if not e.startswith(ROUND_PREFIX)),
                   tuple(e[len(ROUND_PREFIX):] for e in entries if e.startswith(ROUND_PREFIX)))

    def __contains__(self, typed: object) -> bool:
        return isinstance(typed, str) and (typed in self.ids or any(typed.startswith(f"{r}-") for r in self.rounds))


def _key(text: str) -> str:
    """What a spreadsheet or a hurried typist changes in an ID: case, spaces, leading zeros, 1.2E+05."""
    text = text.strip()
    match = SCIENTIFIC.match(text)
    if match:
        mantissa, exponent = match.groups()
        whole, _, frac = mantissa.partition(".")
        shift = int(exponent)
        if len(frac) <= shift:
            text = whole + frac + "0" * (shift - len(frac))
    return LEADING_ZEROS.sub("", re.sub(r"\s+", "", text.lower()))


class Hints:
    """Near misses among the review's IDs, for the message of an orphan (never used to match)."""

    def __init__(self, known: Iterable[str], orphans: int = 0) -> None:
        self.known = sorted(set(known))
        self.by_key: dict[str, list[str]] = {}
        for rid in self.known:
            self.by_key.setdefault(_key(rid), []).append(rid)
        self.fuzzy = orphans <= FUZZY_LIMIT

    def near(self, typed: str, limit: int = 3) -> list[str]:
        found = [k for k in self.by_key.get(_key(typed), []) if k != typed]
        if not found and self.fuzzy and self.known:
            found = [k for k in difflib.get_close_matches(typed, self.known, n=limit + 1, cutoff=0.8) if k != typed]
        return found[:limit]

    def text(self, typed: str) -> str:
        near = self.near(typed)
        return f"close IDs of the review: {', '.join(near)}; " if near else ""


def allow_fix(what: str = "ID") -> str:
    return (f"or, if it is meant (a study with no report, a round removed on purpose), list the {what} under "
            "screening.allow_orphans in the config (a round as round:<id>)")

