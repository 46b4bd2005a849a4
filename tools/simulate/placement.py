"""Which search finds each item: its copies, as (round id, source key) pairs.

Real references go where they are plausibly indexed (``journals.Journal.indexed_in``; grey
literature in HMIC or on websites; pre-1999 and unindexed items through reference lists) in
the round matching their publication year. Later rounds re-find earlier items (the July 2012
update searched all years; February 2013 searched 1999 onwards), as the paper's Appendix 1 says.
"""

from __future__ import annotations

import random

from tools.simulate.items import Item
from tools.simulate.journals import journal_for, BY_NAME
from tools.simulate.layout import ROUND_IDS, ROUNDS

Slot = tuple[str, str]  # (round id, source key)

FIND_P = 0.7  # a database that indexes a real journal article retrieves it
ZETOC_P = 0.3
REFIND_P = {"2012-07": 0.2, "2013-02": 0.12}  # an earlier copy is retrieved again in this round
NEW_DB_LATER_P = 0.03
# A simulated journal article is also retrieved by another database that indexes its journal.
OVERLAP_P = {"medline": 0.22, "hmic": 0.22, "assia": 0.22, "ssa": 0.28, "econlit": 0.2}
ZETOC_OVERLAP_P = 0.1


def first_round(year: str, rng: random.Random) -> str:
    y = int(year or 0)
    if y <= 2009:
        return "2009-10"
    if y <= 2011 or (y == 2012 and rng.random() < 0.6):
        return "2012-07"
    return "2013-02"


def _later(r0: str) -> list[str]:
    return list(ROUND_IDS[ROUND_IDS.index(r0) + 1:])


def _limited(round_id: str) -> bool:
    return not next(r for r in ROUNDS if r.id == round_id).all_years


def _refinds(slots: list[Slot], r0: str, year: int, rng: random.Random) -> list[Slot]:
    """Copies of the first round's database copies retrieved again by later rounds."""
    more: list[Slot] = []
    dbs = [src for rid, src in slots if rid == r0 and src not in ("websites", "reflists")]
    for rid in _later(r0):
        if _limited(rid) and year < 1999:
            continue
        more += [(rid, db) for db in dbs if rng.random() < REFIND_P[rid]]
    return more


def real_slots(item: Item, rng: random.Random) -> list[Slot]:
    year = int(item.year)
    r0 = first_round(item.year, rng)
    if item.kind == "thesis":
        return [(r0, "theses")]
    slots: list[Slot] = []
    if item.kind == "journal_article":
        journal = journal_for(item.source)
        candidates = sorted(journal.indexed_in) if journal else []
        if year < 1999 or not candidates:
            slots = [(r0, "reflists")]
            if year < 1999:  # the July 2012 update searched all years
                slots += [("2012-07", db) for db in candidates if rng.random() < 0.4]
            return slots
        if rng.random() < 0.06:  # missed by the databases, found by checking reference lists
            return [(r0, "reflists")]
        slots = [(r0, db) for db in candidates if rng.random() < FIND_P] or [(r0, rng.choice(candidates))]
        if rng.random() < ZETOC_P:
            slots.append((r0, "zetoc"))
        return slots + _refinds(slots, r0, year, rng)
    if item.kind == "report" and year >= 1999 and rng.random() < 0.5:
        slots = [(r0, "hmic")]
        return slots + _refinds(slots, r0, year, rng)
    if item.kind in ("book", "book_section") and year >= 1999 and rng.random() < 0.4:
        return [(r0, "hmic")]
    web = item.kind in ("report", "press_release", "other") and rng.random() < 0.7
    return [(r0, "websites" if web else "reflists")]


def simulated_slots(item: Item, home: str, r0: str, rng: random.Random) -> list[Slot]:
    slots: list[Slot] = [(r0, home)]
    journal = BY_NAME.get(item.source) if item.kind == "journal_article" else None
    if journal:
        slots += [(r0, db) for db in sorted(journal.indexed_in)
                  if db != home and rng.random() < OVERLAP_P.get(db, 0.2)]
    if item.kind in ("journal_article", "conference_paper") and home != "zetoc" and rng.random() < ZETOC_OVERLAP_P:
        slots.append((r0, "zetoc"))
    more = _refinds(slots, r0, int(item.year), rng)
    if journal and rng.random() < NEW_DB_LATER_P:
        later = [(rid, db) for rid in _later(r0) for db in sorted(journal.indexed_in)
                 if (rid, db) not in slots + more]
        if later:
            more.append(rng.choice(later))
    return slots + more
