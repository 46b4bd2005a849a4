"""A simulated review update: a March 2014 search round run after the worked example's three rounds.

Everything here is SIMULATED (the paper's searches ended in February 2013). The round has two
exports in their platforms' native formats (Ovid MEDLINE RIS, ProQuest ASSIA RIS) in
``data/update_2014/2014-03/``, a folder the main config does not list; ``config/update_2014.yaml``
adds it. Of its records, some re-find items of earlier rounds (a re-run search prints its own
copy, another database prints its variant), the rest are new: mostly off-topic, a few borderline,
and three new reports of schemes the review already includes.

``data/update_2014/decisions/`` holds the rows the two simulated reviewers add to the screening
sheets after the update run (step 2 of docs/update.md): decisions on the new unique records only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from tools.simulate import decisions
from tools.simulate.build import Example, slug
from tools.simulate.items import BORDERLINE, OFFTOPIC, SCHEME_REPORT, Author, Item
from tools.simulate.journals import BY_NAME
from tools.simulate.layout import SOURCE
from tools.simulate.offtopic import SIM_DOI_PREFIX, SIMULATED_KEYWORD, SIMULATED_MARK, _key, make_item
from tools.simulate.variants import Copy, make_copy
from tools.simulate.writers import WRITERS

ROUND_ID = "2014-03"
FOLDER = "data/update_2014"
SOURCES = ("assia", "medline")  # file names sort in this order (review order)
NEW = {"medline": 20, "assia": 14}  # new simulated items per home database (plus the three below)
BORDERLINE_NEW = 3
REFINDS = 20  # items of earlier rounds found again
ALSO_OTHER_DB = 0.25  # a new journal article indexed by both databases is found by both


@dataclass(frozen=True)
class NewReport:
    """A simulated new report of a scheme the review includes (study_links target)."""

    scheme_id: str
    title: str
    journal: str
    authors: tuple[Author, ...]


NEW_REPORTS = (
    NewReport("S22", "Torbay ten years on: integrated health and social care teams and their pooled budget, "
              "2004-2013", "International Journal of Integrated Care",
              (Author("Penrose", "HJ", "Helen J"), Author("Adeyemi", "T", "Tunde"))),
    NewReport("S17", "Costs and hospital use after the North West London Integrated Care Pilot: a two-year "
              "follow-up", "Health Policy", (Author("Whitcombe", "R", "Rachel"), Author("Sandhu", "K", "Kiran"),
                                            Author("Lomax", "P", "Peter"))),
    NewReport("S27", "The Norrtälje model five years on: a joint health and social care organisation "
              "in Sweden", "International Journal of Integrated Care", (Author("Lindqvist", "E", "Eva"),)),
)


@dataclass
class Update:
    files: dict[str, str]  # path relative to the repository -> text
    new_ids: dict[str, str]  # item key -> record ID of its first copy in the round (its cluster ID)
    refound: list[str]  # item keys found again


def _new_report(index: int, report: NewReport) -> Item:
    start = 1 + index % 300
    return Item(
        key=f"sim-{index:05d}", role=SCHEME_REPORT, kind="journal_article", title=report.title,
        authors=report.authors, year="2014", source=report.journal, volume="14", issue="1",
        pages=f"e{start:03d}", doi=f"{SIM_DOI_PREFIX}.2014.{index:05d}",
        abstract=f"We report new evidence on {report.title.split(':')[0].lower()}. {SIMULATED_MARK}",
        keywords=(SIMULATED_KEYWORD,))


def new_items(example: Example, seed: int) -> tuple[dict[str, Item], dict[str, str], dict[str, str]]:
    """The round's new items (key -> item), each one's home database, and the scheme of each new report."""
    index = max(int(i.key.split("-")[1]) for i in example.items if i.simulated)
    everything = [_key(i.title) for i in example.items if i.simulated]
    seen: dict[str, list[str]] = _AllTitles(everything)
    items: dict[str, Item] = {}
    homes: dict[str, str] = {}
    schemes: dict[str, str] = {}
    for report in NEW_REPORTS:
        index += 1
        item = _new_report(index, report)
        items[item.key], homes[item.key], schemes[item.key] = item, "medline", report.scheme_id
    borderline = BORDERLINE_NEW
    for home in sorted(NEW):
        rng = random.Random(f"{seed}:update:{ROUND_ID}:{home}")
        for _ in range(NEW[home]):
            index += 1
            role = BORDERLINE if borderline and rng.random() < 0.15 else OFFTOPIC
            borderline -= role == BORDERLINE
            item = make_item(index, home, rng.choice((2013, 2014)), role, rng, seen)
            items[item.key], homes[item.key] = item, home
    return items, homes, schemes


class _AllTitles(dict):
    """``seen`` for ``pick_title``: every template starts from all earlier simulated titles."""

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self._titles = titles

    def setdefault(self, key, default=None):  # noqa: D102 - dict API
        if key not in self:
            self[key] = list(self._titles)
        return self[key]


def _finders(item: Item, home: str, rng: random.Random) -> list[str]:
    """Which of the round's databases find a new item (new reports of schemes: both)."""
    if item.role == SCHEME_REPORT:
        return list(SOURCES)
    journal = BY_NAME.get(item.source)
    other = next(s for s in SOURCES if s != home)
    if journal and other in journal.indexed_in and rng.random() < ALSO_OTHER_DB:
        return [home, other]
    return [home]


def refound_items(example: Example, seed: int) -> list[tuple[Item, str]]:
    """Items of earlier rounds found again, each with the database that finds it now."""
    earlier: dict[str, set[str]] = {}
    for (_, src), copies in example.files.items():
        for copy in copies:
            if SOURCE[src].method == "database":
                earlier.setdefault(copy.item.key, set()).add(src)
    by_key = {i.key: i for i in example.items}
    pool = sorted(k for k, srcs in earlier.items() if srcs & set(SOURCES) and by_key[k].year >= "2009")
    rng = random.Random(f"{seed}:update:{ROUND_ID}:refind")
    picked = sorted(rng.sample(pool, REFINDS))
    out = []
    for key in picked:
        # Mostly the same database again (a re-run search); sometimes the other one prints its variant.
        same = sorted(earlier[key] & set(SOURCES))
        src = rng.choice(same) if rng.random() < 0.7 else rng.choice(SOURCES)
        out.append((by_key[key], src))
    return out


def build_update(example: Example, seed: int) -> Update:
    items, homes, schemes = new_items(example, seed)
    by_file: dict[str, list[Item]] = {src: [] for src in SOURCES}
    rng = random.Random(f"{seed}:update:{ROUND_ID}:slots")
    for key, item in items.items():
        for src in _finders(item, homes[key], rng):
            by_file[src].append(item)
    refound = refound_items(example, seed)
    for item, src in refound:
        by_file[src].append(item)
    files: dict[str, str] = {}
    new_ids: dict[str, str] = {}
    new_keys = set(items)
    for src in SOURCES:  # review order: file names sorted
        members = sorted(by_file[src], key=lambda i: i.key)
        random.Random(f"{seed}:update:{ROUND_ID}:order:{src}").shuffle(members)
        copies: list[Copy] = [make_copy(item, src, ROUND_ID, str(seed)) for item in members]
        source = SOURCE[src]
        prefix = f"{ROUND_ID}-{slug(Path(source.file_name).stem)}"
        for n, copy in enumerate(copies, 1):
            if copy.item.key in new_keys:
                new_ids.setdefault(copy.item.key, f"{prefix}-{n:05d}")
        files[f"{FOLDER}/{ROUND_ID}/{source.file_name}"] = WRITERS[source.writer](copies, ROUND_ID)
    files.update(decision_files(list(items.values()), new_ids, schemes, seed))
    return Update(dict(sorted(files.items())), new_ids, [i.key for i, _ in refound])


def decision_files(items: list[Item], new_ids: dict[str, str], schemes: dict[str, str], seed: int
                   ) -> dict[str, str]:
    """The reviewers' rows for the new unique records (to append to data/screening/...)."""
    by_id = {new_ids[i.key]: i for i in items}
    rng = random.Random(f"{seed}:update:{ROUND_ID}:truth")
    ta_truths = {rid: decisions.ta_truth(by_id[rid], rng) for rid in sorted(by_id)}
    ta_rows, ta_out = decisions.screen_stage("title_abstract", by_id, ta_truths, seed)
    sought = {rid: by_id[rid] for rid, d in sorted(ta_out.items()) if d == decisions.INCLUDE}
    rng = random.Random(f"{seed}:update:{ROUND_ID}:truth-ft")
    ft_truths = {rid: decisions.ft_truth(sought[rid], rng) for rid in sorted(sought)}
    ft_rows, _ = decisions.screen_stage("full_text", sought, ft_truths, seed)
    out: dict[str, str] = {}
    base = f"{FOLDER}/decisions"
    for stage, rows in (("title_abstract", ta_rows), ("full_text", ft_rows)):
        for name, table in rows.items():
            out[f"{base}/{stage}/{name}.csv"] = decisions.to_csv(decisions.COLUMNS, table)
    out[f"{base}/full_text/retrieval.csv"] = decisions.to_csv(
        ("id", "status", "note"), [(rid, "retrieved", "") for rid in sorted(sought)])
    links = sorted((new_ids[key], sid, "SIMULATED new report (2014 update)") for key, sid in schemes.items())
    out[f"{base}/study_links.csv"] = decisions.to_csv(("record_id", "study_id", "note"), links)
    return out
