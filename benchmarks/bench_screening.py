"""Benchmark prioritised screening: reviewflow's simulation against ASReview's, on every labelled set.

    .venv/bin/python benchmarks/bench_screening.py --asreview-python /tmp/asr/bin/python [--seeds 0 1 2]
    .venv/bin/python benchmarks/bench_screening.py --compare      # reviewflow's candidate models only

Reads ../shared/benchmarks/screening/*.csv in place (SOURCES.md there). For each set and seed, the two
prior records (one relevant, one irrelevant) are drawn once with the seed and given to both tools, so
both start from the same knowledge. Both simulate the whole set (ASReview with ``--n-stop -1``), each
as a command-line run in a subprocess, timed from start to exit (start-up included for both). ASReview
runs with its default model (``asreview simulate`` without model options; ELAS u4 in ASReview 2-3).
Figures (reviewflow.screening.recall): recall after 10% and 25% screened, WSS@95, share screened when
the last relevant record was found, seconds.
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

from reviewflow.screening.labelled import Labelled, read_labelled
from reviewflow.screening.criteria import ModelSettings
from reviewflow.screening.recall import Figures, figures
from reviewflow.screening.simulate import draw_priors, simulate

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT.parent / "shared" / "benchmarks" / "screening"
REVIEWFLOW = [str(Path(sys.executable).parent / "reviewflow")]
# Candidate models compared with --compare (docs/screening.md says which won and why).
VARIANTS = {
    "svm_words_chars": ModelSettings(),  # the default
    "svm_words": ModelSettings(characters=False),
    "svm_words_min_df1": ModelSettings(characters=False, min_df=1),
    "svm_words_balanced": ModelSettings(characters=False, include_weight=1.0),
    "logistic_words_balanced": ModelSettings(name="logistic", characters=False, regularisation=1.0, include_weight=1.0),
    "naive_bayes_words": ModelSettings(name="naive_bayes", ngrams=1, characters=False, regularisation=3.822,
                                       include_weight=1.0),
}


@dataclass(frozen=True)
class Run:
    tool: str
    figures: Figures
    seconds: float


def run_reviewflow(path: Path, data: Labelled, priors: tuple[int, int], seed: int, tmp: Path) -> Run:
    out = tmp / "reviewflow_order.csv"
    start = time.perf_counter()
    subprocess.run([*REVIEWFLOW, "screen", "simulate", str(path), "-o", str(out), "--seed", str(seed),
                    "--prior", data.ids[priors[0]], data.ids[priors[1]]], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    with open(out, encoding="utf-8", newline="") as handle:
        order = [row["record_id"] for row in csv.DictReader(handle)]
    label = dict(zip(data.ids, data.labels))
    return Run("reviewflow", figures([label[i] for i in order]), seconds)


def run_asreview(python: str, path: Path, data: Labelled, priors: tuple[int, int], seed: int, tmp: Path) -> Run:
    project = tmp / "asreview.asreview"
    project.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([python, "-m", "asreview", "simulate", str(path), "--prior-idx", str(priors[0]), str(priors[1]),
                    "--n-stop", "-1", "--seed", str(seed), "-o", str(project)], check=True, capture_output=True,
                   cwd=tmp)  # it leaves a cache file in its working directory
    seconds = time.perf_counter() - start
    rows = asreview_order(project, tmp)
    if sorted(rows) != list(range(len(data.ids))) or rows[:2] != list(priors):
        raise SystemExit(f"{path.name}: ASReview's order does not list every record once after the priors")
    return Run("asreview", figures([data.labels[r] for r in rows]), seconds)


def asreview_order(project: Path, tmp: Path) -> list[int]:
    """Dataset rows (0-based) in the order ASReview labelled them."""
    with zipfile.ZipFile(project) as archive:
        archive.extract("results.db", tmp)
    with sqlite3.connect(tmp / "results.db") as db:
        return [row for (row,) in db.execute(
            "SELECT record.dataset_row FROM results JOIN record ON results.record_id = record.record_id "
            "ORDER BY results.rowid")]


def run_variant(name: str, data: Labelled, priors: tuple[int, int]) -> Run:
    start = time.perf_counter()
    result = simulate(data, VARIANTS[name], priors)
    return Run(name, figures(list(result.labels)), time.perf_counter() - start)


def table(results: dict[tuple[str, int], list[Run]]) -> list[str]:
    lines = ["| set | seed | tool | records | relevant | recall@10% | recall@25% | WSS@95 | last relevant at | seconds |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for (name, seed), runs in results.items():
        for r in runs:
            f = r.figures
            lines.append(f"| {name} | {seed} | {r.tool} | {f.records} | {f.relevant} | {f.recall_10:.3f} | "
                         f"{f.recall_25:.3f} | {f.wss_95:.3f} | {f.last_relevant:.3f} | {r.seconds:.1f} |")
    return lines


def summary(results: dict[tuple[str, int], list[Run]]) -> list[str]:
    tools = [r.tool for r in next(iter(results.values()))]
    lines = ["", "| tool | mean recall@10% | mean recall@25% | mean WSS@95 | mean last relevant at | total seconds |",
             "|---|---|---|---|---|---|"]
    for t in tools:
        runs = [r for rs in results.values() for r in rs if r.tool == t]
        lines.append(f"| {t} | {mean(r.figures.recall_10 for r in runs):.3f} | {mean(r.figures.recall_25 for r in runs):.3f} | "
                     f"{mean(r.figures.wss_95 for r in runs):.3f} | {mean(r.figures.last_relevant for r in runs):.3f} | "
                     f"{sum(r.seconds for r in runs):.1f} |")
    if len(tools) > 1:
        base, other = tools[0], tools[1]
        pairs = [({r.tool: r for r in rs}[base], {r.tool: r for r in rs}[other]) for rs in results.values()]
        lines.append(f"\n{base} WSS@95 >= {other} on {sum(a.figures.wss_95 >= b.figures.wss_95 for a, b in pairs)} of "
                     f"{len(pairs)} runs; no slower on {sum(a.seconds <= b.seconds for a, b in pairs)} of {len(pairs)}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asreview-python", default=os.environ.get("ASREVIEW_PYTHON", "/tmp/asr/bin/python"),
                        help="python of a venv with asreview installed (env ASREVIEW_PYTHON)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0], help="prior-record draws (default: 0)")
    parser.add_argument("--sets", nargs="*", help="set names (file stems); default every CSV")
    parser.add_argument("--compare", action="store_true", help="reviewflow's candidate models, in-process, no ASReview")
    args = parser.parse_args()
    paths = [p for p in sorted(SETS.glob("*.csv")) if not args.sets or p.stem in args.sets]
    if not paths:
        raise SystemExit(f"no labelled sets in {SETS}")
    has_asreview = not args.compare and Path(args.asreview_python).exists()
    if not args.compare and not has_asreview:
        print(f"ASReview not found at {args.asreview_python}: reviewflow only", file=sys.stderr)
    results: dict[tuple[str, int], list[Run]] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for path in paths:
            data = read_labelled(path)
            for seed in args.seeds:
                priors = draw_priors(data.labels, data.ids, seed)
                if args.compare:
                    runs = [run_variant(name, data, priors) for name in VARIANTS]
                else:
                    runs = [run_reviewflow(path, data, priors, seed, tmp)]
                    if has_asreview:
                        runs.append(run_asreview(args.asreview_python, path, data, priors, seed, tmp))
                results[(path.stem, seed)] = runs
                print(*table({(path.stem, seed): runs})[2:], sep="\n", flush=True)
    print("\n".join(table(results) + summary(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
