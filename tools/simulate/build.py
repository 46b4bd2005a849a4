"""The whole simulated example, in memory: every file under data/raw/ and data/screening/.

``build(sheets_dir, seed)`` returns ``{path relative to the repository: text}``; the command
writes or checks them. Deterministic: every random choice comes from a ``random.Random`` seeded
with the seed and a label naming what it decides, so one part can change without reshuffling
the others; iteration is over sorted keys; nothing reads the clock.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from tools.simulate import decisions, readme
from tools.simulate.items import BORDERLINE, OFFTOPIC, Item, real_items
from tools.simulate.layout import ROUNDS, SOURCE, config_rounds, file_order
from tools.simulate.offtopic import make_item
from tools.simulate.placement import Slot, real_slots, simulated_slots
from tools.simulate.sheets import read_sheets
from tools.simulate.variants import Copy, make_copy
from tools.simulate.writers import WRITERS

DEFAULT_SEED = 20140301  # CHE Research Paper 97 was published in March 2014

# New simulated items per round and home database (the real references come on top).
PLAN: dict[str, dict[str, int]] = {
    "2009-10": {"medline": 640, "hmic": 520, "assia": 380, "ssa": 260, "econlit": 110, "cpci": 120,
                "zetoc": 140, "theses": 30},
    "2012-07": {"medline": 220, "hmic": 170, "assia": 130, "ssa": 90, "econlit": 40, "cpci": 40,
                "zetoc": 45, "theses": 10},
    "2013-02": {"medline": 110, "hmic": 85, "assia": 65, "ssa": 45, "econlit": 20, "cpci": 20,
                "zetoc": 22, "theses": 5},
}
BORDERLINE_SHARE = 0.022  # simulated items that pass title/abstract and fail at full text


@dataclass
class Example:
    items: list[Item]
    slots: dict[str, list[Slot]]  # item key -> where it is found
    files: dict[tuple[str, str], list[Copy]] = field(default_factory=dict)  # (round, source) -> copies
    record_ids: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    first_id: dict[str, str] = field(default_factory=dict)  # item key -> record_id of its earliest copy


def slug(text: str) -> str:
    """As reviewflow.importing.discover.slug: the file stem in record IDs."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "file"


def _year(round_id: str, rng: random.Random) -> int:
    if round_id == "2009-10":
        return rng.choices(range(1999, 2010), weights=range(4, 15))[0]
    if round_id == "2012-07":
        if rng.random() < 0.2:  # the update searched all years
            return rng.randint(1988, 2008)
        return rng.choices((2009, 2010, 2011, 2012), (2, 5, 6, 3))[0]
    return rng.choices((2011, 2012, 2013), (1, 6, 3))[0]


def simulated(seed: int) -> tuple[list[Item], dict[str, list[Slot]]]:
    items: list[Item] = []
    slots: dict[str, list[Slot]] = {}
    seen: dict[str, list[str]] = {}
    index = 0
    for rnd in ROUNDS:
        for home in sorted(PLAN[rnd.id]):
            rng = random.Random(f"{seed}:simulated:{rnd.id}:{home}")
            for _ in range(PLAN[rnd.id][home]):
                index += 1
                role = BORDERLINE if rng.random() < BORDERLINE_SHARE else OFFTOPIC
                item = make_item(index, home, _year(rnd.id, rng), role, rng, seen)
                items.append(item)
                slots[item.key] = simulated_slots(item, home, rnd.id, rng)
    return items, slots


def assemble(items: list[Item], slots: dict[str, list[Slot]], seed: int) -> Example:
    example = Example(items, slots)
    by_file: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        for slot in dict.fromkeys(slots[item.key]):
            by_file.setdefault(slot, []).append(item)
    for rnd in ROUNDS:
        present = {src for rid, src in by_file if rid == rnd.id}
        for src in file_order(rnd.id, present):
            members = sorted(by_file[(rnd.id, src.key)], key=lambda i: i.key)
            random.Random(f"{seed}:order:{rnd.id}:{src.key}").shuffle(members)
            copies = [make_copy(item, src.key, rnd.id, str(seed)) for item in members]
            prefix = f"{rnd.id}-{slug(Path(src.file_name).stem)}"
            ids = [f"{prefix}-{n:05d}" for n in range(1, len(copies) + 1)]
            example.files[(rnd.id, src.key)] = copies
            example.record_ids[(rnd.id, src.key)] = ids
            for copy, rid in zip(copies, ids):
                example.first_id.setdefault(copy.item.key, rid)
    return example


def build_example(sheets_dir: Path, seed: int = DEFAULT_SEED) -> tuple[Example, dict[str, str]]:
    sheets = read_sheets(sheets_dir)
    real = real_items(sheets)
    rng = random.Random(f"{seed}:place-real")
    slots = {item.key: real_slots(item, rng) for item in real}
    sim_items, sim_slots = simulated(seed)
    example = assemble(real + sim_items, {**slots, **sim_slots}, seed)
    out: dict[str, str] = {}
    for (round_id, key), copies in example.files.items():
        src = SOURCE[key]
        out[f"data/raw/{round_id}/{src.file_name}"] = WRITERS[src.writer](copies, round_id)
    screening = decisions.screening_files(example, sheets, seed)
    out.update(screening.files)
    out["data/raw/README.md"] = readme.raw_readme(example, screening, seed)
    out["data/screening/README.md"] = readme.screening_readme(screening.figures, seed)
    return example, dict(sorted(out.items()))


def present_sources(example: Example) -> dict[str, set[str]]:
    present: dict[str, set[str]] = {}
    for round_id, key in example.files:
        present.setdefault(round_id, set()).add(key)
    return present


def rounds_yaml(example: Example) -> str:
    return config_rounds(present_sources(example))
