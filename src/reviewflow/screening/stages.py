"""The three screening stages in flow order, from the checked sheets to every unit's outcome.

  title_abstract  units: unique records (clusters); those found only by other methods enter at full
                  text instead (outcome include, resolved_by other_methods) unless someone screened them
  full_text       units: records included at title/abstract; retrieval from retrieval.csv
  study           units: studies linked (study_links.csv) to at least one report included at full text;
                  a review without study_links.csv has no study-level step: each report included at
                  full text is a study of its own, included (resolved_by full_text), as PRISMA's usual case

A decision on a unit whose earlier stage is still open (pending or conflict) is *held*: kept, listed in
the status, and used once the earlier stage is settled. A decision on a unit the earlier stage excluded
is an error. Pure: the sheets come in already read (``reviewflow.screening.inputs``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.orphans import Hints, allow_fix
from reviewflow.screening.criteria import STAGES, Settings, StageSettings
from reviewflow.vocabulary import NOT_SCREENED, OPEN_OUTCOMES
from reviewflow.screening.decisions import Call, Conflict, Decision, Orphan, Outcome, collapse, parse_decisions, \
    reconcile
from reviewflow.screening.inputs import Sheets, UniqueRecord

OPEN = frozenset(OPEN_OUTCOMES)
STOPPED_EARLY = "stopped_early"  # resolved_by of a record left unscreened by a stop


@dataclass
class StageResult:
    name: str
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # unit -> outcome, in unit order
    calls: dict[str, dict[str, Call]] = field(default_factory=dict)  # unit -> source -> call
    conflicts: list[Conflict] = field(default_factory=list)
    held: list[Decision] = field(default_factory=list)  # decided before the earlier stage settled
    awaiting: dict[str, list[str]] = field(default_factory=dict)  # reviewer -> units still to decide
    # reviewer -> units they decided, in the order of their file's rows (the stopping estimate's sequence)
    decided_in_order: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Screening:
    stages: dict[str, StageResult]
    orphans: list[Orphan]
    records: Mapping[str, UniqueRecord]  # cluster_id -> unique record
    study_reports: dict[str, tuple[str, ...]]  # study_id -> linked reports (cluster IDs), link order
    notices: list[str]

    @property
    def provisional(self) -> bool:
        return any(o.provisional for s in self.stages.values() for o in s.outcomes.values())


def screen(records: Sequence[UniqueRecord], sheets: Sheets, settings: Settings) -> Screening:
    """Every stage's outcomes; raises a ReviewflowError listing every problem of every sheet."""
    problems = list(sheets.problems)
    orphans: list[Orphan] = []
    by_id = {r.id: r for r in records}
    cluster_of = {m: r.id for r in records for m in r.members} | {r.id: r.id for r in records}
    links, link_rows, declared = _links(sheets, cluster_of, orphans)
    link_file = sheets.links.file if sheets.links else settings.study_links
    decided: dict[str, list[Decision]] = {}
    for name in STAGES:
        # a study whose every link names a record no longer in the review is orphaned, like its links
        unit_of = (lambda i: i if links.get(i) or i in declared else None) if name == "study" else cluster_of.get
        decided[name] = _stage_decisions(sheets, settings.stages[name], settings, unit_of, orphans, problems)
    ta = _title_abstract(records, decided["title_abstract"], settings)
    ft = _full_text(records, ta, decided["full_text"], sheets, cluster_of, settings, problems, orphans)
    if sheets.links is None:
        study, reports = _reports_as_studies(ft, decided["study"], settings, problems)
    else:
        study, reports = _study(links, link_rows, declared, link_file, ta, ft, decided["study"], settings, problems)
    problems += _missing_folders(sheets, {"title_abstract": ta, "full_text": ft, "study": study}, settings)
    unexplained = [o for o in orphans if not _explained(o, orphans, settings)]
    if unexplained:
        hints = Hints([*cluster_of, *links], len(unexplained))
        problems += [_orphan_problem(o, settings, hints) for o in unexplained]
    if problems:
        raise ReviewflowError(problems)
    notices = _link_notices(links, ft)
    if sheets.links is None and ft.outcomes:  # said, so that a mistyped study_links path is seen
        notices.append(f"no study-level step: {settings.study_links} does not exist, so each report included at "
                       "full text is a study of its own")
    return Screening({"title_abstract": ta, "full_text": ft, "study": study}, orphans, by_id, reports, notices)


def _missing_folders(sheets: Sheets, results: Mapping[str, StageResult], settings: Settings) -> list[Problem]:
    """A stage with units to decide whose decisions folder does not exist: a typo in the folder (or a
    folder moved) would otherwise read as "nobody has started" and leave every count pending."""
    problems = []
    for name, folder in sheets.missing_folders.items():
        if any(results[name].awaiting.values()):
            problems.append(Problem(settings.source, f"screening.stages.{name}.folder: {folder} does not exist, "
                                    f"and {name} has units to decide", f"create the folder (the reviewers' "
                                    f"decisions files go there), or correct the folder name in the config"))
    return problems


def _explained(o: Orphan, orphans: Sequence[Orphan], settings: Settings) -> bool:
    """A person listed this ID as a deliberate orphan; or it is a study whose every link names such an ID
    (its reports left with a round removed on purpose), so the study left for the same stated reason."""
    allowed = settings.allow_orphans
    if o.id in allowed:
        return True
    gone = [x.id for x in orphans if x.stage == "study_links" and x.decision == o.id]
    return o.stage == "study" and bool(gone) and all(rid in allowed for rid in gone)


def _orphan_problem(o: Orphan, settings: Settings, hints: Hints) -> Problem:
    """IDs are compared exactly: a near miss is named as a hint, never taken for the ID."""
    if o.stage == "study":
        return Problem(o.file, f"study {o.id} has no report in {settings.study_links} that is a record of "
                       "the review", f"{hints.text(o.id)}link the study to its report(s) there, correct the "
                       f"study ID, {allow_fix('study ID')}", row=o.row, column="id")
    column = "record_id" if o.stage == "study_links" else "id"
    return Problem(o.file, f"{o.id} is not a record of the review (a typo, or its export was removed)",
                   f"{hints.text(o.id)}correct the ID, restore the export, {allow_fix()}", row=o.row, column=column)


def _stage_decisions(sheets: Sheets, stage: StageSettings, settings: Settings, unit_of, orphans: list[Orphan],
                     problems: list[Problem]) -> list[Decision]:
    found: list[Decision] = []
    for source, sheet in sorted(sheets.decisions.get(stage.name, {}).items()):
        decisions, unknown, bad = parse_decisions(sheet.rows, sheet.file, stage, source, settings, unit_of)
        found += decisions
        problems += bad
        orphans += [Orphan(stage.name, source, rid, decision, sheet.file, row) for row, rid, decision in unknown]
    return found


def _by_unit(decisions: Sequence[Decision], settings: Settings) -> dict[str, dict[str, Call]]:
    grouped: dict[str, dict[str, list[Decision]]] = {}
    for d in decisions:
        grouped.setdefault(d.unit, {}).setdefault(d.source, []).append(d)
    return {u: {s: c for s, ds in by.items() if (c := collapse(s, ds, settings.criteria))}
            for u, by in grouped.items()}


def _decide(result: StageResult, units: Sequence[str], calls: Mapping[str, Mapping[str, Call]],
            stage: StageSettings, settings: Settings) -> None:
    for unit in units:
        mine = dict(calls.get(unit, {}))
        outcome, conflict = reconcile(unit, stage.name, stage.reviewers, mine, settings.criteria)
        result.outcomes[unit] = outcome
        result.calls[unit] = mine
        if conflict:
            result.conflicts.append(conflict)
    for reviewer in stage.reviewers:
        result.awaiting[reviewer] = [u for u in units if reviewer not in result.calls[u]
                                     and result.outcomes[u].decision in OPEN]


def _title_abstract(records: Sequence[UniqueRecord], decisions: list[Decision], settings: Settings) -> StageResult:
    result = StageResult("title_abstract")
    calls = _by_unit(decisions, settings)
    skip = settings.other_methods_skip_title_abstract
    units = [r.id for r in records if not (skip and r.other_methods_only and r.id not in calls)]
    _decide(result, units, calls, settings.stages["title_abstract"], settings)
    _stopped_early(result, records, settings)
    for r in records:  # other methods only, nobody screened them: they enter at full text
        if r.id not in result.outcomes:
            result.outcomes[r.id] = Outcome(r.id, "include", resolved_by="other_methods")
    order = {r.id: i for i, r in enumerate(records)}
    result.outcomes = dict(sorted(result.outcomes.items(), key=lambda kv: order[kv[0]]))
    for reviewer in settings.stages["title_abstract"].reviewers:
        mine = sorted((d.row, d.unit) for d in decisions if d.source == reviewer and d.unit in result.calls)
        result.decided_in_order[reviewer] = list(dict.fromkeys(unit for _, unit in mine))
    return result


def _stopped_early(result: StageResult, records: Sequence[UniqueRecord], settings: Settings) -> None:
    """Screening of some rounds stopped early (``settings.stops``): a record of such a round that no one
    decided is not screened (PRISMA: "marked as ineligible by automation tools") and leaves every
    worksheet. One that a reviewer or the consensus decided stays as decided or pending: a person's
    decision is never set aside by a stop, and the other reviewer still sees the record."""
    if not settings.stops:
        return
    for r in records:
        outcome = result.outcomes.get(r.id)
        stop = settings.stop_of(r.round)
        if stop and outcome and outcome.decision == "pending" and not result.calls.get(r.id):
            result.outcomes[r.id] = Outcome(r.id, NOT_SCREENED, resolved_by=STOPPED_EARLY)
    for reviewer, units in result.awaiting.items():
        result.awaiting[reviewer] = [u for u in units if result.outcomes[u].decision != NOT_SCREENED]


def _full_text(records: Sequence[UniqueRecord], ta: StageResult, decisions: list[Decision], sheets: Sheets,
               cluster_of: Mapping[str, str], settings: Settings, problems: list[Problem],
               orphans: list[Orphan]) -> StageResult:
    result = StageResult("full_text")
    kept, result.held = _split_settled(decisions, ta, "full_text", problems)
    retrieval = _retrieval(sheets, cluster_of, ta, problems, orphans)
    units = [u for u, o in ta.outcomes.items() if o.decision == "include"]
    for d in kept:
        if retrieval.get(d.unit) == "not_retrieved":
            problems.append(Problem(d.file, f"{d.id} has a full-text decision but retrieval.csv says not_retrieved",
                                    "change its retrieval status to retrieved, or remove the decision",
                                    row=d.row, column="id"))
    _decide(result, units, _by_unit(kept, settings), settings.stages["full_text"], settings)
    for unit in units:
        status = retrieval.get(unit) or ("retrieved" if result.calls[unit] else "pending")
        outcome = result.outcomes[unit]
        if status == "not_retrieved":  # no full text, nothing to decide: PRISMA counts it as not retrieved
            outcome = Outcome(unit, "pending", resolved_by="none", provisional=False)
        result.outcomes[unit] = _with(outcome, retrieval=status, provisional=outcome.provisional or status == "pending")
    for reviewer, units_left in result.awaiting.items():
        result.awaiting[reviewer] = [u for u in units_left if result.outcomes[u].retrieval != "not_retrieved"]
    return result


def _split_settled(decisions: list[Decision], before: StageResult, stage: str,
                   problems: list[Problem]) -> tuple[list[Decision], list[Decision]]:
    kept, held = [], []
    for d in decisions:
        earlier = before.outcomes.get(d.unit)
        if earlier is not None and earlier.decision == "include":
            kept.append(d)
        elif earlier is not None and earlier.decision in OPEN:
            held.append(d)
        else:
            what = "excluded" if earlier is not None else "not assessed"
            problems.append(Problem(d.file, f"{d.id} has a {stage} decision but was {what} at {before.name}",
                                    f"remove the row, or change the {before.name} decision (in "
                                    f"{before.name}/consensus.csv) if it should have passed", row=d.row, column="id"))
    return kept, held


def _retrieval(sheets: Sheets, cluster_of: Mapping[str, str], ta: StageResult, problems: list[Problem],
               orphans: list[Orphan]) -> dict[str, str]:
    """Cluster -> retrieved | not_retrieved, from retrieval.csv (rows checked); rows naming a record that
    is no longer in the review are orphans, like decisions."""
    status: dict[str, tuple[str, int]] = {}
    sheet = sheets.retrieval
    if sheet is None:
        return {}
    for number, row in sheet.rows:
        word = row["status"].lower().replace(" ", "_").replace("-", "_")
        word = "not_retrieved" if word == "notretrieved" else word
        unit = cluster_of.get(row["id"])
        earlier = ta.outcomes.get(unit or "")
        problem = None
        if word not in ("retrieved", "not_retrieved"):
            problem = (f"unknown status {row['status']!r}", "write retrieved or not_retrieved", "status")
        elif unit is None:
            orphans.append(Orphan("retrieval", "retrieval", row["id"], word, sheet.file, number))
            continue
        elif earlier is not None and earlier.decision == "exclude":
            problem = (f"{row['id']} was excluded at title_abstract: no full text is sought",
                       "remove the row", "id")
        elif unit in status and status[unit][0] != word:
            problem = (f"{row['id']} is {status[unit][0]} in row {status[unit][1]} and {word} here",
                       "keep one row per report", "status")
        if problem:
            problems.append(Problem(sheet.file, problem[0], problem[1], row=number, column=problem[2]))
        elif unit is not None:
            status.setdefault(unit, (word, number))
    return {u: s for u, (s, _) in status.items()}


def _links(sheets: Sheets, cluster_of: Mapping[str, str], orphans: list[Orphan]
           ) -> tuple[dict[str, list[str]], dict[str, int], set[str]]:
    """study_id -> report clusters, in the sheet's order, each study's first row, and the studies declared
    with no report (an empty record_id); links to unknown records are orphans."""
    links: dict[str, list[str]] = {}
    rows: dict[str, int] = {}
    declared: set[str] = set()
    sheet = sheets.links
    if sheet is None:
        return links, rows, declared
    for number, row in sheet.rows:
        rows.setdefault(row["study_id"], number)
        if not row["record_id"]:  # a study assessed with no report among the records (see docs)
            links.setdefault(row["study_id"], [])
            declared.add(row["study_id"])
            continue
        unit = cluster_of.get(row["record_id"])
        if unit is None:
            orphans.append(Orphan("study_links", "study_links", row["record_id"], row["study_id"], sheet.file, number))
            links.setdefault(row["study_id"], [])
            continue
        reports = links.setdefault(row["study_id"], [])
        if unit not in reports:
            reports.append(unit)
    return links, rows, declared


def _study(links: Mapping[str, list[str]], link_rows: Mapping[str, int], declared: set[str], link_file: str,
           ta: StageResult,
           ft: StageResult, decisions: list[Decision], settings: Settings,
           problems: list[Problem]) -> tuple[StageResult, dict[str, tuple[str, ...]]]:
    result = StageResult("study")
    eligible = {u for u, o in ft.outcomes.items() if o.decision == "include"}

    def waiting(report: str) -> bool:
        """An earlier stage is still open for this report: it may yet reach the study stage."""
        before = ta.outcomes.get(report)
        if before is None or before.decision in OPEN:
            return before is not None
        after = ft.outcomes.get(report)
        return after is not None and after.decision in OPEN and after.retrieval != "not_retrieved"

    # A study enters when one of its reports passed full text, or when it has no report at all (declared
    # in study_links.csv with an empty record_id): e.g. a study a published review lists without a reference.
    units = sorted(s for s, reps in links.items() if eligible.intersection(reps) or (s in declared and not reps))
    open_studies = {s for s, reps in links.items() if s not in units and any(map(waiting, reps))}
    kept = [d for d in decisions if d.unit in units]
    result.held = [d for d in decisions if d.unit in open_studies]
    for study, reps in sorted(links.items()):
        if reps and study not in units and study not in open_studies:  # no reps: its links are orphans
            problems.append(Problem(link_file, f"study {study} is linked only to reports that were not included at "
                                    f"full text ({', '.join(reps) or 'no record of the review'})",
                                    "link it to a report included at full text, or remove its rows",
                                    row=link_rows[study], column="study_id"))
    for d in decisions:
        if d.unit not in units and d.unit not in open_studies:
            problems.append(Problem(d.file, f"study {d.id} is decided but none of its reports was included at "
                                    "full text", f"link it to an eligible report in {settings.study_links}, or "
                                    "remove the row", row=d.row, column="id"))
    _decide(result, units, _by_unit(kept, settings), settings.stages["study"], settings)
    reports = {s: tuple(r for r in links[s] if r in eligible) for s in units}
    for s in units:
        result.outcomes[s] = _with(result.outcomes[s], report_ids=reports[s])
    return result, reports


def _reports_as_studies(ft: StageResult, decisions: list[Decision], settings: Settings,
                        problems: list[Problem]) -> tuple[StageResult, dict[str, tuple[str, ...]]]:
    """No study-level step (no study_links.csv): one report, one study, decided at full text.

    Study-level decisions without the links that say what a study is would be silently unused, so they
    stop the run instead."""
    result = StageResult("study")
    for d in decisions:
        problems.append(Problem(d.file, f"study {d.id} is decided, but there is no {settings.study_links} to say "
                                "which reports make up each study", f"write {settings.study_links} "
                                "(record_id,study_id), or remove the study-level decisions", row=d.row, column="id"))
    eligible = [u for u, o in ft.outcomes.items() if o.decision == "include"]
    for unit in eligible:
        result.outcomes[unit] = Outcome(unit, "include", resolved_by="full_text", report_ids=(unit,))
        result.calls[unit] = {}
    return result, {u: (u,) for u in eligible}


def _link_notices(links: Mapping[str, list[str]], ft: StageResult) -> list[str]:
    notices = []
    for study, reports in sorted(links.items()):
        excluded = [r for r in reports if ft.outcomes.get(r, Outcome("", "")).decision == "exclude"]
        if excluded:
            notices.append(f"study {study} is linked to report(s) excluded at full text: {', '.join(excluded)}")
    return notices


def _with(outcome: Outcome, **changes: object) -> Outcome:
    return replace(outcome, **changes)
