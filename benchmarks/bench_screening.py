"""Benchmark prioritised screening: reviewflow's simulation against ASReview's, on every labelled set.

    .venv/bin/python benchmarks/bench_screening.py --asreview-python /tmp/asr/bin/python [--seeds 0 1 2]
    .venv/bin/python benchmarks/bench_screening.py --compare      # reviewflow's candidate models only
    ... --asreview-cache /tmp/asreview-cache   # keep ASReview's orders there; --compare then sets them alongside

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
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean, stdev

from reviewflow.screening.labelled import Labelled, read_labelled
from reviewflow.screening.criteria import ModelSettings
from reviewflow.screening.recall import Figures, figures
from reviewflow.screening.simulate import BATCH_FRACTION, draw_priors, simulate

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT.parent / "shared" / "benchmarks" / "screening"
REVIEWFLOW = [str(Path(sys.executable).parent / "reviewflow")]
# Candidate models compared with --compare (docs/screening.md says which won and why): name -> (model
# settings, retraining batch fraction of reviewflow.screening.simulate). Each is spelled out from WORDS
# (words and pairs in >= 2 records, nothing else), so a name keeps its meaning when the defaults move.
WORDS = replace(ModelSettings(), min_df=2, characters=False, title_twice=False, presumed_irrelevant=0.0, blend=False)


def _variant(batch_fraction: float = BATCH_FRACTION, **changes) -> tuple[ModelSettings, float]:
    return replace(WORDS, **changes), batch_fraction


VARIANTS = {
    "svm_words_chars": _variant(characters=True),  # the default until 2026-12-01
    "svm_words": _variant(),
    "svm_words_min_df1": _variant(min_df=1),  # ~ ASReview's ELAS u4
    "svm_words_balanced": _variant(include_weight=1.0),
    "svm_words_chars_min_df1": _variant(characters=True, min_df=1),
    "svm_chars_half": _variant(characters=True, character_weight=0.5),
    "svm_title_twice": _variant(characters=True, title_twice=True),
    "svm_title_block": _variant(characters=True, title_weight=1.0),
    "svm_title_both": _variant(characters=True, title_weight=1.0, title_twice=True),
    # Cormack & Grossman's AutoTAR: 10 % of the unscreened (at most 100) presumed irrelevant at each training
    "svm_words_presumed": _variant(presumed_irrelevant=0.1),
    "svm_words_title_presumed": _variant(title_twice=True, presumed_irrelevant=0.1),
    "svm_words_title_presumed_5": _variant(title_twice=True, presumed_irrelevant=0.05),
    "svm_words_title_presumed_20": _variant(title_twice=True, presumed_irrelevant=0.2),
    # the word model of the default (the default alone until the blend, 2026-12-01)
    "svm_words_min_df1_title_presumed": _variant(min_df=1, title_twice=True, presumed_irrelevant=0.1),
    # the same word model, retrained 4 times as often / after every record (as ASReview)
    "default_batches_half_pct": _variant(0.005, min_df=1, title_twice=True, presumed_irrelevant=0.1),
    "default_every_record": _variant(0.0, min_df=1, title_twice=True, presumed_irrelevant=0.1),
    "svm_words_min_df1_title": _variant(min_df=1, title_twice=True),  # the default without its sample
    "svm_words_min_df1_presumed": _variant(min_df=1, presumed_irrelevant=0.1),  # ... without the title twice
    "svm_chars_title_presumed": _variant(characters=True, title_twice=True, presumed_irrelevant=0.1),
    "svm_words_every_record": _variant(0.0),  # slow: 16 times svm_words
    "logistic_words_balanced": _variant(name="logistic", regularisation=1.0, include_weight=1.0),
    "naive_bayes_words": _variant(name="naive_bayes", ngrams=1, regularisation=3.822, include_weight=1.0),
    # the default: the mean of the standardised scores of that word model and of a character model
    # (ranking.character_view: svm_title_twice's features, trained on the decisions only)
    "blend_words_chars": _variant(min_df=1, title_twice=True, presumed_irrelevant=0.1, blend=True),
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


def cached_asreview(cache: Path | None, python: str, path: Path, data: Labelled, priors: tuple[int, int], seed: int,
                    tmp: Path, run: bool = True) -> Run | None:
    """ASReview's run from ``cache`` (its order and seconds, keyed by set, seed and priors) when stored there,
    else a new run (stored there), or None when ``run`` is False. ASReview is the slow part of the benchmark:
    with a cache, reviewflow's candidates are compared with it without rerunning it."""
    file = cache / f"{path.stem}_seed{seed}.json" if cache else None
    if file and file.exists():
        stored = json.loads(file.read_text(encoding="utf-8"))
        if stored["priors"] == list(priors) and stored["records"] == len(data.ids):
            return Run("asreview", figures([data.labels[r] for r in stored["order"]]), stored["seconds"])
    if not run:
        return None
    rows, seconds = run_asreview(python, path, data, priors, seed, tmp)
    if file:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(dict(priors=list(priors), records=len(data.ids), order=rows, seconds=seconds)),
                        encoding="utf-8")
    return Run("asreview", figures([data.labels[r] for r in rows]), seconds)


def run_asreview(python: str, path: Path, data: Labelled, priors: tuple[int, int], seed: int,
                 tmp: Path) -> tuple[list[int], float]:
    """ASReview's screening order (dataset rows) and its seconds."""
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
    return rows, seconds


def asreview_order(project: Path, tmp: Path) -> list[int]:
    """Dataset rows (0-based) in the order ASReview labelled them."""
    with zipfile.ZipFile(project) as archive:
        archive.extract("results.db", tmp)
    with sqlite3.connect(tmp / "results.db") as db:
        return [row for (row,) in db.execute(
            "SELECT record.dataset_row FROM results JOIN record ON results.record_id = record.record_id "
            "ORDER BY results.rowid")]


def run_variant(name: str, data: Labelled, priors: tuple[int, int], seed: int) -> Run:
    """A candidate's run, in-process; seeded as ``reviewflow screen simulate --seed`` is (the seed of the
    prior draw also draws the presumed-irrelevant samples), so the default's figures are the command's."""
    start = time.perf_counter()
    settings, batch_fraction = VARIANTS[name]
    result = simulate(data, replace(settings, seed=seed), priors, batch_fraction)
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
    if "asreview" in tools:
        lines += ["", *(against(results, t, "asreview") for t in tools if t != "asreview")]
        for t in (t for t in tools if t != "asreview"):
            lines += ["", *paired(results, t, "asreview")]
    candidates = [t for t in tools if t != "asreview"]
    if len(candidates) > 1 and len({name for name, _ in results}) > 1:  # leaving one out needs two sets
        lines += ["", *leave_one_set_out(results, candidates)]
    return lines


def set_means(results: dict[tuple[str, int], list[Run]], tool: str) -> dict[str, tuple[float, float]]:
    """Set -> (mean WSS@95, mean recall@10%) of a tool over the seeds."""
    per_set: dict[str, list[Figures]] = {}
    for (name, _), runs in results.items():
        per_set.setdefault(name, []).extend(r.figures for r in runs if r.tool == tool)
    return {name: (mean(f.wss_95 for f in fs), mean(f.recall_10 for f in fs)) for name, fs in per_set.items()}


def leave_one_set_out(results: dict[tuple[str, int], list[Run]], candidates: list[str]) -> list[str]:
    """An honest estimate of choosing among the candidates by these sets: for each set, the candidate
    with the highest mean WSS@95 on the other sets, scored on the set left out. Its mean is what the
    choice can be expected to give on a set it was not chosen on."""
    means = {t: set_means(results, t) for t in candidates}
    sets = sorted(next(iter(means.values())))
    lines = ["| left out | chosen on the others | its WSS@95 | its recall@10% |", "|---|---|---|---|"]
    scored = []
    for left in sets:
        chosen = max(candidates, key=lambda t: (mean(means[t][s][0] for s in sets if s != left), -candidates.index(t)))
        scored.append(means[chosen][left])
        lines.append(f"| {left} | {chosen} | {means[chosen][left][0]:.3f} | {means[chosen][left][1]:.3f} |")
    lines.append(f"\nleave-one-set-out: mean WSS@95 {mean(w for w, _ in scored):.3f}, "
                 f"mean recall@10% {mean(r for _, r in scored):.3f}")
    if "asreview" in {r.tool for rs in results.values() for r in rs}:
        asr = set_means(results, "asreview")
        lines.append(f"(ASReview {mean(w for w, _ in asr.values()):.3f}, {mean(r for _, r in asr.values()):.3f}; "
                     f"held-out set >= ASReview's WSS@95 on "
                     f"{sum(w >= asr[s][0] for (w, _), s in zip(scored, sets))} of {len(sets)})")
    return lines


def run_pairs(results: dict[tuple[str, int], list[Run]], tool: str,
              other: str) -> dict[tuple[str, int], tuple[Run, Run]]:
    """(set, seed) -> the run of ``tool`` and the run of ``other`` on it (same priors)."""
    return {key: ({r.tool: r for r in rs}[tool], {r.tool: r for r in rs}[other]) for key, rs in results.items()}


def paired(results: dict[tuple[str, int], list[Run]], tool: str, other: str) -> list[str]:
    """Per set, ``tool``'s WSS@95 minus ``other``'s, run by run (same set, seed and priors), averaged over
    the seeds, with its standard error. Why: on a set whose 95 % hinges on two or three hard records, a
    difference of a few thousandths is the luck of the draw, and a count of "sets at least as good" moves
    with it. A difference of at least twice its standard error is called higher or lower; a smaller one
    "within noise" (one seed: no standard error, so every set is "one seed")."""
    lines = [f"| set | {tool} WSS@95 | {other} WSS@95 | difference | standard error | runs higher / equal / lower "
             "| verdict |", "|---|---|---|---|---|---|---|"]
    verdicts: list[str] = []
    runs = run_pairs(results, tool, other)
    for name in sorted({n for n, _ in runs}):
        pairs = [(a.figures.wss_95, b.figures.wss_95) for (n, _), (a, b) in runs.items() if n == name]
        diffs = [a - b for a, b in pairs]
        error = stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else float("nan")
        verdict = ("one seed" if len(diffs) == 1 else "higher" if mean(diffs) >= 2 * error and mean(diffs) > 0
                   else "lower" if mean(diffs) <= -2 * error and mean(diffs) < 0 else "within noise")
        verdicts.append(verdict)
        higher, equal = sum(d > 0 for d in diffs), sum(d == 0 for d in diffs)
        lines.append(f"| {name} | {mean(a for a, _ in pairs):.3f} | {mean(b for _, b in pairs):.3f} | "
                     f"{mean(diffs):+.3f} | {error:.3f} | {higher} / {equal} / {len(diffs) - higher - equal} | "
                     f"{verdict} |")
    counts = ", ".join(f"{verdicts.count(v)} {v}" for v in ("higher", "within noise", "lower", "one seed")
                       if v in verdicts)
    return [*lines, f"{tool} against {other}, WSS@95 per set (two standard errors): {counts}"]


def against(results: dict[tuple[str, int], list[Run]], tool: str, other: str) -> str:
    """How often ``tool`` is at least as good as ``other``: WSS@95 per run and per set (mean over the
    seeds: the issue's "on at least 7 of the 10 sets"), and time per run."""
    pairs = run_pairs(results, tool, other)
    sets = sorted({name for name, _ in pairs})
    at_least = [s for s in sets if mean(a.figures.wss_95 - b.figures.wss_95 for (n, _), (a, b) in pairs.items()
                                        if n == s) >= 0]
    return (f"{tool} WSS@95 >= {other} on {sum(a.figures.wss_95 >= b.figures.wss_95 for a, b in pairs.values())} of "
            f"{len(pairs)} runs, on {len(at_least)} of {len(sets)} sets (mean over seeds); no slower on "
            f"{sum(a.seconds <= b.seconds for a, b in pairs.values())} of {len(pairs)} runs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asreview-python", default=os.environ.get("ASREVIEW_PYTHON", "/tmp/asr/bin/python"),
                        help="python of a venv with asreview installed (env ASREVIEW_PYTHON)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0], help="prior-record draws (default: 0)")
    parser.add_argument("--sets", nargs="*", help="set names (file stems); default every CSV")
    parser.add_argument("--compare", action="store_true",
                        help="reviewflow's candidate models, in-process; ASReview only from --asreview-cache")
    parser.add_argument("--variants", nargs="*", help=f"with --compare, these only (of {', '.join(VARIANTS)})")
    parser.add_argument("--asreview-cache", type=Path,
                        help="folder (outside the repo, e.g. /tmp/asreview-cache) keeping ASReview's orders: reused")
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
                    runs = [run_variant(name, data, priors, seed) for name in args.variants or VARIANTS]
                else:
                    runs = [run_reviewflow(path, data, priors, seed, tmp)]
                asreview = cached_asreview(args.asreview_cache, args.asreview_python, path, data, priors, seed, tmp,
                                           run=has_asreview)
                runs += [asreview] if asreview else []
                results[(path.stem, seed)] = runs
                print(*table({(path.stem, seed): runs})[2:], sep="\n", flush=True)
    print("\n".join(table(results) + summary(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
