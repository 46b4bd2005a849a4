"""The status of screening: what is still to do, where reviewers disagree, whether outputs are final.

``build_status`` makes the dict written to results/screening/status.json; ``summary_text`` turns that
file into lines (``reviewflow screen``, the screening rule's log); ``reviewflow run`` prints each stage's
``next_steps``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reviewflow.screening.criteria import CONSENSUS, STAGES, Settings
from reviewflow.screening.priority import STAGE as PRIORITISED_STAGE
from reviewflow.screening.priority import Ranking
from reviewflow.screening.stages import Screening, StageResult
from reviewflow.screening.stopping import RECALL_TARGET, estimate
from reviewflow.vocabulary import NOT_SCREENED

STOPPING_METHOD = ("Callaghan & Müller-Hansen (2020) hypergeometric stopping test (Syst Rev 9:273) on each "
                   "reviewer's decisions in the order of their file; assumes rows were added in the order "
                   "screened and that prioritised records are no less likely relevant than a random sample "
                   "(conservative); unsure counts as relevant")


def build_status(screening: Screening, settings: Settings, warnings: Sequence[str] = (),
                 outdir: str = "results/screening",
                 sheet_files: Mapping[tuple[str, str], str] | None = None,
                 rankings: Mapping[str, Ranking] | None = None) -> dict[str, Any]:
    """What is done and what is next, per stage: counts; per reviewer the units left, the worksheet that
    lists them and the decisions file they go in; open conflicts, where they are listed and the file
    that resolves them. ``sheet_files``: (stage, source) -> the file read (anna.xlsx when saved so)."""
    files = sheet_files or {}
    stages = {}
    for name, result in screening.stages.items():
        decisions = Counter(o.decision for o in result.outcomes.values())
        stage_settings = settings.stages[name]
        awaiting = {r: len(result.awaiting.get(r, [])) for r in stage_settings.reviewers}
        stage = {
            "units": len(result.outcomes),
            "include": decisions["include"], "exclude": decisions["exclude"],
            "pending": sum(o.decision == "pending" and o.provisional for o in result.outcomes.values()),
            "conflicts_open": sum(not c.resolved for c in result.conflicts),
            "conflicts_resolved": sum(c.resolved for c in result.conflicts),
            "awaiting_by_reviewer": awaiting,
            "reviewers": {r: {"remaining": n, "worksheet": f"{outdir}/{name}/worksheet_{r}.xlsx",
                              "decisions_file": files.get((name, r), stage_settings.sheet(r))}
                          for r, n in awaiting.items()},
            "conflicts_file": f"{outdir}/{name}/conflicts.csv",
            "consensus_file": files.get((name, CONSENSUS), stage_settings.sheet(CONSENSUS)),
            "held": len(result.held),
        }
        if name == PRIORITISED_STAGE:
            stage["stopping"] = stopping_status(result, stage_settings.reviewers)
            if settings.stops:
                stage["not_screened"] = decisions[NOT_SCREENED]
            stage["worksheet_order"] = {r: rankings[r].describe() if rankings else "record ID (screening.prioritise: false)"
                                        for r in stage_settings.reviewers}
        if name == "title_abstract":
            stage["entered_at_full_text"] = sum(o.resolved_by == "other_methods" for o in result.outcomes.values())
        if name == "full_text":
            retrieval = Counter(o.retrieval for o in result.outcomes.values())
            stage["retrieval"] = {k: retrieval[k] for k in ("retrieved", "not_retrieved", "pending")}
            stage["retrieval_file"] = settings.retrieval
        stages[name] = stage
    return {
        "provisional": screening.provisional,
        "strict": settings.strict,
        "stages": stages,
        "orphaned": len(screening.orphans),
        "notices": [*screening.notices, *stop_notices(screening, settings, stages.get(PRIORITISED_STAGE, {}))],
        "warnings": list(warnings),  # about the files read: encoding guessed, lock files, stray files
    }


def stopping_status(result: StageResult, reviewers: Sequence[str]) -> dict[str, Any]:
    """Per reviewer: how many relevant records may remain among those they have not screened
    (``reviewflow.screening.stopping``: method, assumptions)."""
    out: dict[str, Any] = {}
    # records left unscreened by a stop are unscreened by everyone: they count among each reviewer's rest
    not_screened = sum(o.decision == NOT_SCREENED for o in result.outcomes.values())
    for reviewer in reviewers:
        calls = [result.calls[u][reviewer].decision for u in result.decided_in_order.get(reviewer, [])]
        sequence = [0 if decision == "exclude" else 1 for decision in calls]  # unsure counts as relevant
        e = estimate(sequence, len(result.awaiting.get(reviewer, [])) + not_screened)
        out[reviewer] = {"screened": e.screened, "relevant_found": e.relevant_found, "unscreened": e.unscreened,
                         "recall_target": e.recall_target, "p_value": round(e.p_value, 4),
                         "target_reached": e.target_reached, "relevant_remaining_at_most": e.remaining_upper,
                         "confidence": e.confidence, "text": e.text()}
    return {"method": STOPPING_METHOD, "reviewers": out}


def stop_notices(screening: Screening, settings: Settings, stage: Mapping[str, Any]) -> list[str]:
    """What each early stop did, and whether the stopping estimate supports it, said where people read."""
    result = screening.stages.get(PRIORITISED_STAGE)
    if result is None:
        return []
    notices = []
    for stop in settings.stops:
        left = [u for u, o in result.outcomes.items()
                if o.decision == NOT_SCREENED and settings.stop_of(screening.records[u].round) is stop]
        notices.append(f"title/abstract screening of round(s) {', '.join(stop.rounds)} stopped early on {stop.date} "
                       f"({stop.rule}; config screening.stopped_early): {len(left)} records no one screened are "
                       "counted in PRISMA as marked ineligible by automation tools")
    if settings.stops:
        short = {r: e for r, e in stage.get("stopping", {}).get("reviewers", {}).items() if not e["target_reached"]}
        if short:
            notices.append("screening stopped early although the stopping estimate has not shown "
                           f"{RECALL_TARGET:.0%} recall for " + "; ".join(f"{r} ({e['text']})" for r, e in short.items()))
    return notices


def write_status(status: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(status, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def status_lines(status: dict[str, Any]) -> list[str]:
    state = "PROVISIONAL (decisions pending or conflicts open)" if status["provisional"] else "final"
    lines = [f"Screening status: {state}"]
    for name in sorted(status["stages"], key=lambda n: STAGES.index(n) if n in STAGES else len(STAGES)):
        s = status["stages"][name]
        line = (f"  {name}: {s['units']} units, {s['include']} included, {s['exclude']} excluded, "
                f"{s['pending']} pending, {s['conflicts_open']} open conflicts")
        if s.get("not_screened"):
            line += f"; {s['not_screened']} not screened (screening stopped early)"
        if s.get("held"):
            line += f"; {s['held']} decisions held until the earlier stage is settled"
        lines.append(line)
        lines += next_steps(s)
        lines += [f"    worksheet_{r}: {order}" for r, order in s.get("worksheet_order", {}).items()
                  if s["awaiting_by_reviewer"].get(r)]
        lines += [f"    stopping estimate, {r}: {e['text']}" for r, e in s.get("stopping", {}).get("reviewers", {}).items()
                  if e["unscreened"]]
    if status["orphaned"]:
        lines.append(f"  {status['orphaned']} orphaned decisions (results/screening/orphaned.csv)")
    lines += [f"  note: {n}" for n in status.get("notices", [])]
    lines += [f"  warning: {w}" for w in status.get("warnings", [])]
    return lines


def next_steps(stage: Mapping[str, Any]) -> list[str]:
    """One line per reviewer (what is left and where), then the open conflicts and where they are resolved."""
    lines = []
    reviewers = stage.get("reviewers") or {r: {"remaining": n} for r, n in stage["awaiting_by_reviewer"].items()}
    if not any(r["remaining"] for r in reviewers.values()):
        reviewers = {}  # the stage line says it all: nothing left for anyone
    for reviewer, r in reviewers.items():
        if not r["remaining"]:
            lines.append(f"    {reviewer}: nothing left to decide")
        elif "worksheet" in r:
            lines.append(f"    {reviewer}: {r['remaining']} to decide, listed in {r['worksheet']}; "
                         f"decisions go in {r['decisions_file']}")
        else:
            lines.append(f"    {reviewer}: {r['remaining']} to decide")
    if stage["conflicts_open"] and "conflicts_file" in stage:
        lines.append(f"    {stage['conflicts_open']} open conflicts, listed in {stage['conflicts_file']}; "
                     f"resolve them in {stage['consensus_file']}")
    pending = (stage.get("retrieval") or {}).get("pending", 0)
    if pending and stage.get("retrieval_file"):
        lines.append(f"    {pending} reports with no retrieval status: add them to {stage['retrieval_file']}")
    return lines


def summary_text(status_json_path: str | Path) -> str:
    """The status summary printed at the end of a run, from results/screening/status.json."""
    return "\n".join(status_lines(json.loads(Path(status_json_path).read_text(encoding="utf-8"))))
