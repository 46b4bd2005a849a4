"""Build large dedupe test sets (10k, 100k, 1M records) by perturbing real records, seeded.

    .venv/bin/python benchmarks/make_scale_sets.py --records 100000 -o /tmp/scale/100k.csv

SIMULATED data: distinct "works" are made from the real records of the labelled benchmark sets by
swapping title words, authors and years; each work then appears in 1-4 "databases", each copy
spelled the way databases differ (case, punctuation, "Surname, Given" vs "Surname GI", abbreviated
journals and page ranges, DOI as URL, missing fields, online-first year). Writes a records table
(reviewflow.records.COLUMNS) and ``<name>.truth.csv`` (record_id,work_id).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_dedupe import FILES, SETS  # noqa: E402
from reviewflow.records import Record, records_to_csv  # noqa: E402

DATABASES = ("MEDLINE", "Embase", "HMIC", "ASSIA", "PsycINFO", "CINAHL")


def real_records(shared: Path) -> list[Record]:
    from reviewflow.importing import read_export
    out = []
    for name in SETS:
        folder = shared / "benchmarks" / "dedup" / name
        out += read_export(folder / FILES.get(name, "records_pre_merged.csv"), id_prefix=name).records
    return [r for r in out if r.title]


def new_work(base: Record, rng: random.Random, vocabulary: list[str], surnames: list[str], n: int,
             cited: set[tuple[str, str, str, str]]) -> Record:
    """A new work from a real record: title words, first author, year, DOI and first page drawn anew.
    Two works never share journal, volume, year and first page (``cited``): in real data such a
    citation is one item."""
    words = base.title.split()
    for _ in range(rng.randint(2, 4)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    authors = list(base.authors) or ["Anon, A."]
    authors[0] = f"{rng.choice(surnames)}, {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    year, page = str(rng.randint(1990, 2024)), str(rng.randint(1, 2000))
    while (base.journal, base.volume, year, page) in cited:
        page = str(rng.randint(1, 2000))
    cited.add((base.journal, base.volume, year, page))
    return base._replace(title=" ".join(words), authors=tuple(authors), year=year,
                         doi=f"10.{rng.randint(1000, 9999)}/sim.{n}" if rng.random() < 0.6 else "",
                         pages_start=page, pages_end="", abstract="")


def database_copy(work: Record, rng: random.Random, rid: str, db: str) -> Record:
    r = work._replace(record_id=rid, database=db, source_file=f"simulated/{db.lower()}.csv", source_line=1)
    title = r.title
    if rng.random() < 0.3:
        title = title.upper()
    if rng.random() < 0.3:
        title = title.replace(":", " -").rstrip(".") + "."
    if rng.random() < 0.1 and ":" in title:
        title = title.split(":")[0]
    if rng.random() < 0.05 and len(title) > 20:
        k = rng.randrange(5, len(title) - 1)
        title = title[:k] + title[k + 1:]  # a typo
    authors = r.authors
    if rng.random() < 0.4:
        authors = tuple(a.split(",")[0] + " " + "".join(w[0] for w in a.split(",")[-1].split() if w)
                        for a in authors)
    year = r.year
    if rng.random() < 0.05 and year:
        year = str(int(year) - 1)  # online first
    pages = r.pages_start
    end = str(int(pages) + rng.randint(1, 12)) if pages.isdigit() else ""
    if rng.random() < 0.3 and len(end) > 1:
        end = end[-2:]
    doi = r.doi
    if doi and rng.random() < 0.3:
        doi = "" if rng.random() < 0.5 else "https://doi.org/" + doi.upper()
    return r._replace(title=title, authors=authors, year=year, pages_end=end, doi=doi,
                   journal=r.journal if rng.random() < 0.7 else " ".join(w[:4] for w in r.journal.split()))


def build(n: int, seed: int, shared: Path) -> tuple[list[Record], list[tuple[str, str]]]:
    rng = random.Random(seed)
    bases = real_records(shared)
    vocabulary = sorted({w for r in bases for w in r.title.split() if len(w) > 4})
    surnames = sorted({a.split(",")[0] for r in bases for a in r.authors if "," in a})
    records, truth = [], []
    work_no = 0
    cited: set[tuple[str, str, str, str]] = set()
    while len(records) < n:
        work = new_work(rng.choice(bases), rng, vocabulary, surnames, work_no, cited)
        copies = rng.choices((1, 2, 3, 4), weights=(55, 30, 10, 5))[0]
        for db in rng.sample(DATABASES, copies):
            rid = f"sim-{len(records) + 1:07d}"
            records.append(database_copy(work, rng, rid, db))
            truth.append((rid, f"w{work_no}"))
            if len(records) == n:
                break
        work_no += 1
    order = list(range(len(records)))
    rng.shuffle(order)  # databases export in their own order
    return [records[k] for k in order], [truth[k] for k in order]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--seed", type=int, default=20140)
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    records, truth = build(args.records, args.seed, Path(args.shared))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(records_to_csv(records), encoding="utf-8", newline="")
    with open(out.with_suffix(".truth.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("record_id", "work_id"))
        writer.writerows(truth)
    print(f"{out}: {len(records)} SIMULATED records, {len({w for _, w in truth})} works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
