"""Dedupe benchmark on labelled real data: pairwise precision / recall / F1, studies lost, duplicates missed.

    .venv/bin/python benchmarks/bench_dedupe.py [--shared ../shared] [--bib-dedupe-python /tmp/bd/bin/python]

Reads the labelled sets in ``<shared>/benchmarks/dedup/`` in place (see its SOURCES.md). When a Python
with ``bib-dedupe`` installed is given (option or env ``BIB_DEDUPE_PYTHON``), runs it on the same
records in a subprocess and prints its figures beside ours. Not a test: prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path
from reviewflow.dedupe.similarity import KEEP_APART

REPO = Path(__file__).resolve().parents[1]
SETS = ("cytology_screening", "diabetes", "haematology", "respiratory", "special_cases")
FILES = {"diabetes": "asysd_labelled_test_set.csv"}
# Our own fixtures (tests/fixtures/dedupe/, column "study" labels them): records that must stay apart
# (recurring editorials, replies, errata, parts, versions, annual reports) and same-DOI pairs that
# must merge (online-first pages, article numbers, a two-date year). Built by hand, never tuned on.
FIXTURES = {"fixture:kept_apart": REPO / "tests/fixtures/dedupe/kept_apart.csv",
            "fixture:same_doi": REPO / "tests/fixtures/dedupe/same_doi_duplicates.csv"}


def bd_id(record_id: str) -> str:
    """The BD truth files name records id_0000001; the diabetes table numbers them 1..1845."""
    return f"id_{int(record_id):07d}" if record_id.isdigit() else record_id


def load_fixture(path: Path):
    import csv
    from reviewflow.importing import read_export
    records = read_export(path, id_prefix=path.stem).records
    with open(path, encoding="utf-8", newline="") as handle:
        study: dict[str, object] = {row["ID"]: row["study"] for row in csv.DictReader(handle)}
    return records, [r.record_id for r in records], study


def load_set(folder: Path):
    from reviewflow.importing import read_export
    records = read_export(folder / FILES.get(folder.name, "records_pre_merged.csv"), id_prefix=folder.name).records
    truth: dict[str, int] = {}
    with open(folder / "merged_record_ids.csv", encoding="utf-8") as handle:
        next(handle)
        for group, line in enumerate(handle):
            for rid in line.strip().strip('"').split(";"):
                truth[rid] = group
    ids = [bd_id(r.record_id) for r in records]
    study = {rid: truth.get(rid, f"single-{rid}") for rid in ids}
    return records, ids, study


def evaluate(ids: list[str], predicted: dict[str, str], study: dict[str, object]) -> dict[str, float]:
    """Pairwise precision/recall/F1; studies lost = extra true studies inside a predicted cluster;
    duplicates missed = extra predicted clusters a true study is split over."""
    def pairs(label: dict[str, object]) -> set[tuple[str, str]]:
        groups: dict[object, list[str]] = {}
        for rid in ids:
            groups.setdefault(label[rid], []).append(rid)
        return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}

    true, found = pairs(study), pairs(predicted)
    tp = len(true & found)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_cluster: dict[str, set[object]] = {}
    by_study: dict[object, set[str]] = {}
    for rid in ids:
        by_cluster.setdefault(predicted[rid], set()).add(study[rid])
        by_study.setdefault(study[rid], set()).add(predicted[rid])
    return {"precision": precision, "recall": recall, "f1": f1,
            "lost": sum(len(s) - 1 for s in by_cluster.values()),
            "missed": sum(len(c) - 1 for c in by_study.values()),
            "fp_pairs": len(found - true), "fn_pairs": len(true - found)}


def listed_missed(ids: list[str], predicted: dict[str, str], study: dict[str, object], result) -> tuple[int, int]:
    """(missed duplicate pairs whose two clusters uncertain_pairs.csv lists for a person, missed pairs)."""
    listed = {frozenset((predicted[bd_id(r["record_id_a"])], predicted[bd_id(r["record_id_b"])]))
              for r in result.uncertain}
    groups: dict[object, list[str]] = {}
    for rid in ids:
        groups.setdefault(study[rid], []).append(rid)
    missed = [(a, b) for g in groups.values() for a, b in combinations(g, 2) if predicted[a] != predicted[b]]
    return sum(frozenset((predicted[a], predicted[b])) in listed for a, b in missed), len(missed)


def run_ours(records, ids, keep_apart: frozenset[str] | None = None):
    """Our clusters; ``keep_apart`` None: the default (errata, abstracts, preprints, series parts apart)."""
    from reviewflow.dedupe import Settings, dedupe
    settings = Settings(progress=False) if keep_apart is None else Settings(progress=False, keep_apart=keep_apart)
    started = time.perf_counter()
    result = dedupe(records, settings=settings)
    seconds = time.perf_counter() - started
    cluster = result.cluster_ids()
    return {ids[k]: bd_id(cluster[k]) for k in range(len(ids))}, seconds, result


BD_SCRIPT = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from bib_dedupe.bib_dedupe import prep, block, match, cluster
rows = json.load(open(sys.argv[1]))
df = pd.DataFrame(rows)
started = time.perf_counter()
records = prep(df, verbosity_level=0, cpu=2)
pairs = block(records, verbosity_level=0, cpu=2)
matched = match(pairs, verbosity_level=0, cpu=2)
groups = cluster(matched, verbosity_level=0)
seconds = time.perf_counter() - started
json.dump({"groups": [list(g) for g in groups], "seconds": seconds}, open(sys.argv[2], "w"))
"""


def run_bib_dedupe(python: str, records, ids):
    rows = []
    for rid, r in zip(ids, records):
        pages = f"{r.pages_start}--{r.pages_end}" if r.pages_end else r.pages_start
        rows.append({"ID": rid, "ENTRYTYPE": "article", "title": r.title, "author": " and ".join(r.authors),
                     "year": r.year, "journal": r.journal, "volume": r.volume, "number": r.issue,
                     "pages": pages, "doi": r.doi, "abstract": r.abstract, "booktitle": "", "isbn": r.isbn})
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in.json"), Path(tmp, "out.json")
        src.write_text(json.dumps(rows), encoding="utf-8")
        script = Path(tmp, "run_bd.py")
        script.write_text(BD_SCRIPT, encoding="utf-8")
        started = time.perf_counter()
        proc = subprocess.run([python, str(script), str(src), str(out)], capture_output=True, text=True, cwd=tmp)
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
        data = json.loads(out.read_text(encoding="utf-8"))
    predicted = {rid: rid for rid in ids}
    for group in data["groups"]:
        for rid in group:
            predicted[rid] = min(group)
    return predicted, data["seconds"], wall


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.environ.get("REVIEWFLOW_SHARED", str(REPO.parent / "shared")))
    parser.add_argument("--bib-dedupe-python", default=os.environ.get("BIB_DEDUPE_PYTHON", ""),
                        help="a python with bib-dedupe installed (e.g. /tmp/bd/bin/python)")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--show-errors", type=int, default=0, help="print up to N wrong pairs per set")
    parser.add_argument("--no-keep-apart", action="store_true",
                        help="also run with config dedupe: keep_apart: [] (versions merged: the labelling "
                             "convention of sets that group errata and abstracts with their article)")
    parser.add_argument("--merge-unmarked", action="store_true",
                        help="also run with unmarked_version taken out of keep_apart (records on other "
                             "pages under the same title and journal merged)")
    parser.add_argument("--no-fixtures", action="store_true",
                        help="leave out our own fixtures (tests/fixtures/dedupe/) from the table")
    parser.add_argument("--scale", nargs="*", default=[], metavar="RECORDS_CSV",
                        help="instead: time, peak memory and accuracy on sets from make_scale_sets.py")
    args = parser.parse_args(argv)
    if args.scale:
        return run_scale(args.scale)
    root = Path(args.shared) / "benchmarks" / "dedup"
    if not root.is_dir():
        print(f"skipped: {root} is absent (the project's shared benchmark folder)")
        return 0
    bd = args.bib_dedupe_python
    if bd and not Path(bd).exists():
        print(f"bib-dedupe skipped: {bd} does not exist")
        bd = ""
    if not bd:
        print("bib-dedupe skipped: give --bib-dedupe-python or BIB_DEDUPE_PYTHON "
              "(python3 -m venv /tmp/bd && /tmp/bd/bin/pip install bib-dedupe)")
    head = f"{'set':<20}{'tool':<14}{'records':>8}{'prec':>8}{'recall':>8}{'F1':>8}{'lost':>6}{'missed':>8}{'seconds':>9}"
    print(head)
    print("-" * len(head))
    totals = {"ours": 0.0, "bib-dedupe": 0.0}
    by_rule: dict[str, dict[str, tuple[int, int]]] = {}
    names = list(args.sets) + ([] if args.no_fixtures else list(FIXTURES))
    for name in names:
        records, ids, study = load_fixture(FIXTURES[name]) if name in FIXTURES else load_set(root / name)
        predicted, seconds, result = run_ours(records, ids)
        if name not in FIXTURES:
            totals["ours"] += seconds
        _line(name, "reviewflow", len(ids), evaluate(ids, predicted, study), seconds)
        by_rule[name] = rule_merges(ids, result, study)
        _print_uncertain(ids, predicted, study, result)
        if args.show_errors:
            _show_errors(records, ids, predicted, study, args.show_errors)
        configs = ([("keep_apart=[]", frozenset())] if args.no_keep_apart else []) + \
            ([("merge-unmarked", frozenset(KEEP_APART) - {"unmarked_version"})] if args.merge_unmarked else [])
        for label, keep_apart in configs:
            other, other_seconds, _ = run_ours(records, ids, keep_apart=keep_apart)
            _line("", label, len(ids), evaluate(ids, other, study), other_seconds)
            if args.show_errors:
                _show_errors(records, ids, other, study, args.show_errors)
        if bd:
            try:
                theirs, bd_seconds, wall = run_bib_dedupe(bd, records, ids)
            except RuntimeError as err:
                print(f"{'':<20}bib-dedupe failed: {err}")
                continue
            if name not in FIXTURES:
                totals["bib-dedupe"] += bd_seconds
            _line("", "bib-dedupe", len(ids), evaluate(ids, theirs, study), bd_seconds)
    print("-" * len(head))
    ratio = f" ({totals['ours'] / totals['bib-dedupe']:.3f} x bib-dedupe)" if totals["bib-dedupe"] else ""
    print(f"total seconds (labelled sets): reviewflow {totals['ours']:.2f}, bib-dedupe {totals['bib-dedupe']:.2f}{ratio}")
    print_rule_table(by_rule)
    return 0


def _print_uncertain(ids, predicted, study, result) -> None:
    shown, missed_pairs = listed_missed(ids, predicted, study, result)
    print(f"{'':<20}  missed pairs listed in uncertain_pairs.csv for a person: {shown} of {missed_pairs}")
    true_listed = sum(study[bd_id(r["record_id_a"])] == study[bd_id(r["record_id_b"])] for r in result.uncertain)
    print(f"{'':<20}  uncertain pairs listed: {len(result.uncertain)} ({len(result.uncertain) / len(ids):.1%} of "
          f"records; {true_listed} true duplicates), not listed: {result.summary['uncertain_pairs_not_listed']}")


def rule_merges(ids: list[str], result, study: dict[str, object]) -> dict[str, tuple[int, int]]:
    """Per rule: (pairs it merged, of which false: the two records are different true studies)."""
    out: dict[str, tuple[int, int]] = {}
    for row in result.audit:
        if row["action"] == "merged":
            merged, false = out.get(row["rule"], (0, 0))
            wrong = study[bd_id(row["record_id_a"])] != study[bd_id(row["record_id_b"])]
            out[row["rule"]] = (merged + 1, false + wrong)
    return out


def print_rule_table(by_rule: dict[str, dict[str, tuple[int, int]]]) -> None:
    """Leave-one-set-out view: each rule's merges/false merges per set, and what the rule does on the
    sets other than the one it merges most on. A rule that only one set needs was likely fitted to it;
    a false merge anywhere is a study lost."""
    from reviewflow.dedupe.rules import RULES
    names = list(by_rule)
    print("\nmerges/false merges per rule and set (leave-one-set-out: 'without top set' = the other sets)")
    head = f"{'rule':<24}" + "".join(f"{_short(n):>12}" for n in names) + f"{'top set':>16}{'without it':>12}"
    print(head)
    for rule in [r.name for r in RULES] + ["human_decision"]:
        cells = [by_rule[n].get(rule, (0, 0)) for n in names]
        if not any(m for m, _ in cells):
            continue
        top = max(range(len(names)), key=lambda k: cells[k][0])
        rest = [cells[k] for k in range(len(names)) if k != top]
        print(f"{rule:<24}" + "".join(f"{f'{m}/{f}':>12}" for m, f in cells)
              + f"{_short(names[top]):>16}{f'{sum(m for m, _ in rest)}/{sum(f for _, f in rest)}':>12}")


def _short(name: str) -> str:
    return name.replace("fixture:", "fx:").replace("_screening", "")[:11]


SCALE_CHILD = r"""
import csv, json, resource, sys, time
from reviewflow.dedupe import Settings, dedupe
from reviewflow.records import read_records
started = time.perf_counter()
records = read_records(sys.argv[1])
read = time.perf_counter() - started
result = dedupe(records, settings=Settings(workers=2, progress=True))
total = time.perf_counter() - started
ids = [r.record_id for r in records]
json.dump({"read": read, "total": total, "ids": ids, "clusters": result.cluster_ids(),
           "summary": result.summary, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024},
          open(sys.argv[2], "w"))
"""


def run_scale(paths: list[str]) -> int:
    print("SIMULATED sets (benchmarks/make_scale_sets.py), 2 workers")
    head = f"{'records':>9}{'seconds':>9}{'(read)':>8}{'peak MB':>9}{'prec':>8}{'recall':>8}{'lost':>7}{'missed':>8}{'capped':>8}"
    print(head)
    for path in paths:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp, "out.json")
            subprocess.run([sys.executable, "-c", SCALE_CHILD, path, str(out)], check=True)
            data = json.loads(out.read_text(encoding="utf-8"))
        with open(Path(path).with_suffix(".truth.csv"), encoding="utf-8") as handle:
            next(handle)
            truth = dict(line.strip().split(",") for line in handle)
        ids = data["ids"]
        m = evaluate(ids, dict(zip(ids, data["clusters"])), truth)
        print(f"{len(ids):>9}{data['total']:>9.1f}{data['read']:>8.1f}{data['peak_mb']:>9.0f}{m['precision']:>8.4f}"
              f"{m['recall']:>8.4f}{m['lost']:>7}{m['missed']:>8}{data['summary']['blocking']['capped_blocks']:>8}")
        print(f"{'':>9}steps (s): {data['summary']['seconds']}")
    return 0


def _line(name, tool, n, m, seconds):
    print(f"{name:<20}{tool:<14}{n:>8}{m['precision']:>8.4f}{m['recall']:>8.4f}{m['f1']:>8.4f}"
          f"{m['lost']:>6}{m['missed']:>8}{seconds:>9.2f}")


def _show_errors(records, ids, predicted, study, limit):
    by_id = dict(zip(ids, records))
    groups: dict[str, list[str]] = {}
    for rid in ids:
        groups.setdefault(predicted[rid], []).append(rid)
    shown = 0
    for members in groups.values():
        for a, b in combinations(members, 2):
            if study[a] != study[b] and shown < limit:
                shown += 1
                print("  FALSE MERGE", a, b, "|", by_id[a].title[:90], "|", by_id[b].title[:90])
    tgroups: dict[object, list[str]] = {}
    for rid in ids:
        tgroups.setdefault(study[rid], []).append(rid)
    shown = 0
    for members in tgroups.values():
        for a, b in combinations(members, 2):
            if predicted[a] != predicted[b] and shown < limit:
                shown += 1
                ra, rb = by_id[a], by_id[b]
                print(f"  MISSED {a} {b}\n     {ra.title[:100]!r} {ra.year} {ra.authors[:2]} {ra.journal[:40]} "
                      f"{ra.volume} {ra.pages_start}-{ra.pages_end}\n     {rb.title[:100]!r} {rb.year} "
                      f"{rb.authors[:2]} {rb.journal[:40]} {rb.volume} {rb.pages_start}-{rb.pages_end}")


if __name__ == "__main__":
    sys.exit(main())
