"""Decisions as typed rows, and how the decisions on one unit at one stage become its outcome.

``parse_decisions`` checks the rows of one decisions sheet (words, reason codes, repeats) and maps each
ID to its unit (a unique record's cluster_id, or a study_id). ``reconcile`` turns every decision on
one unit (each reviewer's, the consensus) into an ``Outcome`` and, when reviewers disagree, a
``Conflict``. Pure: no files are read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reviewflow.errors import Problem
from reviewflow.screening.criteria import CONSENSUS, Criterion, Settings, StageSettings, decision_word, \
    order_codes, reason_codes

MIXED = "mixed"  # one reviewer's rows on two members of a cluster disagree
# 2024-03-01, 01/03/2024, 1.3.24, 2024-03-01 00:00:00: what a spreadsheet shows for a cell it took as a date
LOOKS_LIKE_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}( \d{1,2}:\d{2}(:\d{2})?)?$")


@dataclass(frozen=True)
class Decision:
    """One row of a decisions sheet, checked and mapped to its unit."""

    stage: str
    source: str  # reviewer name, or "consensus"
    id: str  # as typed: any member record_id of the unit, or a study_id
    unit: str  # the cluster_id (title_abstract, full_text) or study_id (study)
    decision: str  # include | exclude | unsure
    reasons: tuple[str, ...]
    note: str
    file: str
    row: int  # as a spreadsheet shows it (header = 1)


@dataclass(frozen=True)
class Orphan:
    """A decision (or link) naming a record that is no longer in the review."""

    stage: str
    source: str
    id: str
    decision: str
    file: str
    row: int  # as a spreadsheet shows it (header = 1): the `row` column of results/screening/orphaned.csv


@dataclass(frozen=True)
class Outcome:
    """One unit's outcome at one stage: a row of results/screening/<stage>/outcomes.csv."""

    id: str
    decision: str  # include | exclude | not_screened | pending | conflict
    reasons: tuple[str, ...] = ()
    resolved_by: str = "none"  # agreement | consensus | single | other_methods | stopped_early | none
    provisional: bool = False
    retrieval: str = ""  # full_text: retrieved | not_retrieved | pending
    report_ids: tuple[str, ...] = ()  # study: its reports included at full text


@dataclass(frozen=True)
class Call:
    """What one source (a reviewer or the consensus) decided on one unit, all its rows taken together."""

    source: str
    decision: str  # include | exclude | unsure | mixed
    reasons: tuple[str, ...]
    note: str
    ids: tuple[str, ...]  # the IDs the rows named
    by_id: tuple[tuple[str, str], ...] = ()  # (ID named, decision on it), one per ID


@dataclass(frozen=True)
class Conflict:
    """A unit the reviewers disagree on (or were unsure about); resolved once consensus decides."""

    stage: str
    id: str
    kind: str  # disagreement | unsure | members (rows on members of one cluster disagree)
    calls: tuple[Call, ...]  # reviewers' calls (and the consensus call, when there is one)
    resolved: bool


def parse_decisions(rows: Sequence[tuple[int, Mapping[str, str]]], file: str, stage: StageSettings, source: str,
                    settings: Settings, unit_of: Callable[[str], str | None]
                    ) -> tuple[list[Decision], list[tuple[int, str, str]], list[Problem]]:
    """Checked decisions of one sheet; rows whose ID is no unit (row, id, decision); every problem found."""
    decisions: list[Decision] = []
    unknown: list[tuple[int, str, str]] = []
    problems: list[Problem] = []
    first: dict[str, tuple[int, tuple[str, tuple[str, ...], str]]] = {}
    for number, row in rows:
        if row.get("id") and not row.get("decision") and not row.get("reasons"):
            continue  # not decided yet (a worksheet row kept as the reviewer's file): still awaiting
        found = _row_problems(row, stage, source, settings)
        problems += [Problem(file, p, fix, row=number, column=col) for p, fix, col in found]
        if found:
            continue
        decision = decision_word(row["decision"], settings.words) or ""
        rid = row["id"]
        reasons, _ = reason_codes(row.get("reasons", ""), settings.codes)
        said = (decision, tuple(sorted(reasons)), row.get("note", ""))
        if rid in first:  # a repeated row: harmless when identical, else which one counts is a guess
            if first[rid][1] != said:
                problems.append(Problem(file, f"{rid} is decided twice: {_said(first[rid][1])} (row {first[rid][0]}) "
                                        f"and {_said(said)} (row {number})", "keep one row per ID", row=number,
                                        column="id"))
            continue
        first[rid] = (number, said)
        unit = unit_of(rid)
        if unit is None:
            unknown.append((number, rid, decision))
            continue
        decisions.append(Decision(stage.name, source, rid, unit, decision, reasons, row.get("note", ""), file, number))
    return decisions, unknown, problems


def _said(said: tuple[str, tuple[str, ...], str]) -> str:
    decision, reasons, note = said
    return decision + (f" {';'.join(reasons)}" if reasons else "") + (f" ({note!r})" if note else "")


def _row_problems(row: Mapping[str, str], stage: StageSettings, source: str,
                  settings: Settings) -> list[tuple[str, str, str]]:
    """(problem, fix, column) of one row, each check independent so all are reported at once."""
    found = []
    if not row.get("id"):
        found.append(("the id cell is empty", "give the record ID (or study ID) the decision is about", "id"))
    decision = decision_word(row.get("decision", ""), settings.words)
    accepted = ", ".join(sorted(settings.words))
    if not row.get("decision"):
        found.append(("reasons but no decision", "write the decision (exclude, if these are its reasons)",
                      "decision"))
    elif decision is None and LOOKS_LIKE_DATE.match(row["decision"]):
        found.append((f"a date ({row['decision']}) in the decision column", f"write one of: {accepted}; if the "
                      "spreadsheet turned what you typed into a date, format the column as Text and type it again",
                      "decision"))
    elif decision is None:
        found.append((f"unknown decision {row.get('decision', '')!r}", f"write one of: {accepted} "
                      "(more words can be listed in config screening.decision_words)", "decision"))
    elif decision == "unsure" and source == CONSENSUS:
        found.append(("a consensus decision cannot be unsure", "write include or exclude once the "
                      "reviewers agree; until then leave the record out of consensus.csv", "decision"))
    codes, unknown = reason_codes(row.get("reasons", ""), settings.codes)
    if unknown:
        found.append((f"unknown reason code(s) {', '.join(unknown)}",
                      f"use codes from config screening.criteria: {', '.join(settings.codes.values())}", "reasons"))
    elif decision == "exclude" and stage.reasons_required and not codes:
        found.append((f"an exclusion at {stage.name} needs a reason",
                      "give the criteria code(s) the record fails, separated by ';' (e.g. E7;E8)", "reasons"))
    return found


def collapse(source: str, decisions: Sequence[Decision], criteria: tuple[Criterion, ...]) -> Call | None:
    """One source's call on a unit from all its rows (rows on several members of a cluster)."""
    if not decisions:
        return None
    kinds = {d.decision for d in decisions}
    by_id = {d.id: d.decision for d in decisions}  # a sheet holds one decision per ID (checked on reading)
    return Call(source, kinds.pop() if len(kinds) == 1 else MIXED,
                order_codes({r for d in decisions for r in d.reasons}, criteria),
                " | ".join(dict.fromkeys(d.note for d in decisions if d.note)),
                tuple(by_id), tuple(by_id.items()))


def member_finals(reviewers: Sequence[str], calls: Mapping[str, Call]) -> dict[str, str]:
    """ID named -> the decision that was final on that ID alone: a consensus row on it, else every
    reviewer's row on it, all the same (not unsure). Two different finals in one unit mean two settled
    clusters were merged (e.g. by a later round): a conflict, never a guess."""
    per_source = {c.source: dict(c.by_id) for c in calls.values()}
    finals = dict(per_source.get(CONSENSUS, {}))
    named = {i for decided in per_source.values() for i in decided}
    for i in sorted(named - set(finals)):
        said = {per_source.get(r, {}).get(i) for r in reviewers}
        if len(said) == 1 and None not in said and "unsure" not in said:
            finals[i] = said.pop()
    return finals


def reconcile(unit: str, stage: str, reviewers: Sequence[str], calls: Mapping[str, Call],
              criteria: tuple[Criterion, ...]) -> tuple[Outcome, Conflict | None]:
    """The outcome of one unit: consensus wins; else reviewers who all agree; else pending or conflict.

    A unit is *pending* while any reviewer has not decided it, and a *conflict* when every reviewer has
    decided but they differ, any is unsure, or one reviewer's rows on members of the cluster differ; also,
    whatever the consensus says, when two of its members carry different final decisions (``member_finals``).
    """
    mine = [calls[r] for r in reviewers if r in calls]
    consensus = calls.get(CONSENSUS)
    if len(set(member_finals(reviewers, calls).values())) > 1:  # settled members disagree
        everyone = (*mine, consensus) if consensus else tuple(mine)
        return Outcome(unit, "conflict", provisional=True), Conflict(stage, unit, "members", everyone, False)
    kind = _disagreement(mine, len(reviewers))
    if consensus is not None and consensus.decision != MIXED:
        conflict = Conflict(stage, unit, kind, (*mine, consensus), True) if kind else None
        reasons = consensus.reasons if consensus.decision == "exclude" else ()
        return Outcome(unit, consensus.decision, reasons, "consensus"), conflict
    if consensus is not None:  # consensus rows on two members of the cluster differ
        return Outcome(unit, "conflict", provisional=True), Conflict(stage, unit, "members", (*mine, consensus), False)
    if kind:
        return Outcome(unit, "conflict", provisional=True), Conflict(stage, unit, kind, tuple(mine), False)
    if len(mine) < len(reviewers):
        return Outcome(unit, "pending", provisional=True), None
    decision = mine[0].decision
    reasons = order_codes({r for c in mine for r in c.reasons}, criteria) if decision == "exclude" else ()
    return Outcome(unit, decision, reasons, "single" if len(reviewers) == 1 else "agreement"), None


def _disagreement(calls: Sequence[Call], n_reviewers: int) -> str:
    """Why the reviewers' calls need a consensus ("" when they do not, or not yet)."""
    if any(c.decision == MIXED for c in calls):
        return "members"
    if len(calls) < n_reviewers:
        return ""
    if len({c.decision for c in calls}) > 1:
        return "disagreement"
    if calls and calls[0].decision == "unsure":
        return "unsure"
    return ""
