"""The PRISMA 2020 flow as sets of IDs: which record, report or study each box counts.

Pure: ``build_flow(FlowInputs) -> Flow``. Reading the input files is in ``reviewflow.prisma.inputs``;
checking that the boxes add up is in ``reviewflow.prisma.checks``.

The walk of one record:
  record (an export line) -> its cluster (dedupe). A cluster goes down the *databases and registers*
  column ("dbr") if any member came from a database or register, else down the *other methods*
  column ("other"). In its column, one member (the earliest) carries the cluster on; every other
  member is a duplicate, counted in the duplicates box of its own record's column.
  cluster -> not screened because screening stopped early (config screening.stopped_early; PRISMA's
             "records marked as ineligible by automation tools", removed before screening) | screened
  cluster -> title/abstract outcome -> records excluded | awaiting | reports sought
  report  -> retrieval -> not retrieved | awaiting retrieval | assessed -> full-text outcome -> excluded |
             awaiting | eligible (a report is *assessed* only once its full text is in hand: one still
             awaiting retrieval is sought, not assessed; one retrieved but undecided is assessed, awaiting)
  eligible report -> its studies (study links) -> study outcome -> studies excluded | awaiting | included
  and each eligible report ends in exactly one of: reports of included studies, reports of excluded
  studies, reports awaiting a study decision.
Pending and conflicting decisions are counted in "awaiting" boxes (and make the flow provisional) so
that every record still ends in exactly one terminal box.

An updated review (``previous_rounds`` set) runs the same flow on the *new* records only: records of
previous rounds end in the terminal box ``previous_version``, and new records that duplicate a record
of the previous version are duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from reviewflow.vocabulary import NOT_SCREENED, OPEN_OUTCOMES, prisma_column

COLUMNS = ("dbr", "other")  # PRISMA 2020: via databases and registers | via other methods
PENDING = frozenset(OPEN_OUTCOMES)

# The steps of one column, in flow order; each is a box "<column>_<step>".
COLUMN_STEPS = (
    "identified", "duplicates", "automation_ineligible", "records_screened", "records_excluded", "records_awaiting",
    "reports_sought", "reports_not_retrieved", "reports_awaiting_retrieval", "reports_assessed", "reports_excluded",
    "reports_awaiting", "reports_eligible",
)
STUDY_BOXES = (
    "studies_assessed", "studies_excluded", "studies_awaiting", "studies_included",
    "reports_of_included_studies", "reports_of_excluded_studies", "reports_awaiting_study",
)
UPDATE_BOXES = ("previous_version", "previous_studies", "previous_reports", "new_studies", "new_reports",
                "new_reports_of_previous_studies", "total_studies", "total_reports")

# Where a unit stops: every record ends in exactly one of these (via its cluster's carrier).
TERMINAL_STEPS = ("duplicates", "automation_ineligible", "records_excluded", "records_awaiting", "reports_not_retrieved",
                  "reports_awaiting_retrieval", "reports_excluded", "reports_awaiting")
AWAITING_BOXES = ("records_awaiting", "reports_awaiting_retrieval", "reports_awaiting", "studies_awaiting",
                  "reports_awaiting_study")  # units not decided yet: any of them makes the flow provisional
TERMINAL_SHARED = ("reports_of_included_studies", "reports_of_excluded_studies", "reports_awaiting_study",
                   "previous_version")


@dataclass(frozen=True)
class RecordRef:
    """What the flow needs of one raw record (a row of results/import/records.csv)."""

    record_id: str
    round: str
    database: str
    method: str  # one of vocabulary.METHODS, as import set it on the record (records.csv)

    @property
    def column(self) -> str:
        return prisma_column(self.method)


@dataclass(frozen=True)
class Outcome:
    """One unit's outcome at one screening stage (a row of results/screening/<stage>/outcomes.csv)."""

    id: str
    decision: str  # include | exclude | pending | conflict
    reasons: tuple[str, ...] = ()
    retrieval: str = ""  # full text only: retrieved | not_retrieved | "" (not yet known)


@dataclass(frozen=True)
class FlowInputs:
    records: tuple[RecordRef, ...]  # in review order
    clusters: Mapping[str, str]  # record_id -> cluster_id
    title_abstract: Mapping[str, Outcome]  # by cluster_id
    full_text: Mapping[str, Outcome]  # by cluster_id
    study: Mapping[str, Outcome]  # by study_id
    study_reports: Mapping[str, tuple[str, ...]]  # study_id -> cluster_ids of its reports
    previous_rounds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Box:
    """One box of the diagram: the IDs it counts, and per ID a short note (reason, source)."""

    name: str
    unit: str  # record | report | study
    ids: tuple[str, ...]
    notes: Mapping[str, str] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Flow:
    boxes: Mapping[str, Box]
    carriers: Mapping[str, str]  # cluster_id -> the record that carries it down its column
    record_column: Mapping[str, str]  # record_id -> dbr | other
    sources: Mapping[str, tuple[str, str]]  # record_id -> (method, database)
    record_round: Mapping[str, str]  # record_id -> round id
    cluster_round: Mapping[str, str]  # cluster_id -> round its first record came from
    rounds: tuple[str, ...]  # every round seen, in review order
    previous_rounds: tuple[str, ...]
    provisional: bool

    @property
    def updated(self) -> bool:
        return bool(self.previous_rounds)

    def box(self, name: str) -> Box:
        return self.boxes[name]

    def ids(self, name: str) -> set[str]:
        return set(self.boxes[name].ids)


class FlowInputError(ValueError):
    """Inputs that contradict each other (e.g. a full-text outcome for an excluded record).

    Carries the IDs; ``reviewflow.prisma.inputs`` turns it into a ReviewflowError naming the file.
    """

    def __init__(self, stage: str, problem: str, ids: Iterable[str], fix: str) -> None:
        self.stage, self.problem, self.ids, self.fix = stage, problem, sorted(ids), fix
        super().__init__(f"{stage}: {problem}: {', '.join(self.ids)}")


def build_flow(inp: FlowInputs) -> Flow:
    boxes: dict[str, Box] = {}
    add = _adder(boxes)
    previous = set(inp.previous_rounds)
    new_records = [r for r in inp.records if r.round not in previous]
    first_round = _first_round(inp.records, inp.clusters)
    carriers = _carriers(new_records, inp.clusters, first_round, previous)
    previous_clusters = {c for c, rnd in first_round.items() if rnd in previous}
    _check_consistent(inp, set(carriers), previous_clusters)
    column_of = {r.record_id: r.column for r in inp.records}
    add("previous_version", "record", [r.record_id for r in inp.records if r.round in previous],
        {r.record_id: r.round for r in inp.records})
    eligible: list[str] = []
    for column in COLUMNS:
        records = [r for r in new_records if r.column == column]
        clusters = [c for c in _ordered(carriers, inp.records) if column_of[carriers[c]] == column]
        eligible += _column_boxes(column, records, clusters, carriers, inp, add)
    waiting = {i for name, box in boxes.items() if _awaiting_box(name) for i in box.ids}
    _study_boxes(eligible, inp, previous_clusters, waiting, add)
    _update_boxes(inp, first_round, add)
    return Flow(
        boxes=boxes, carriers=carriers, record_column=column_of,
        sources={r.record_id: (r.method, r.database) for r in inp.records},
        record_round={r.record_id: r.round for r in inp.records}, cluster_round=first_round, rounds=tuple(dict.fromkeys(r.round for r in inp.records)),
        previous_rounds=tuple(inp.previous_rounds),
        provisional=any(_awaiting_box(name) and box.n for name, box in boxes.items()))


def _check_consistent(inp: FlowInputs, flowing: set[str], previous: set[str]) -> None:
    """Outcomes must be about units of this flow, in flow order; else the inputs are out of step."""
    rerun = "re-run the screening stage so its outcomes match the current dedupe clusters"
    unknown = set(inp.title_abstract) - flowing - previous
    if unknown:
        raise FlowInputError("title_abstract", "outcomes for IDs that are not unique records (cluster IDs)",
                             unknown, rerun)
    included = {c for c, o in inp.title_abstract.items() if o.decision == "include"}
    stray = {c for c, o in inp.full_text.items() if c not in included and o.decision != "pending"}
    if stray:
        raise FlowInputError("full_text", "decisions for records not included at title/abstract", stray,
                             "a full-text decision needs a title/abstract include: " + rerun)
    # a study linked with an empty record_id is declared with no report (study_links.csv); others need one
    unlinked = {s for s in inp.study if s not in inp.study_reports}
    if unlinked:
        raise FlowInputError("study", "studies with no report", unlinked,
                             "link each study to its reports in data/screening/study_links.csv")


def _adder(boxes: dict[str, Box]):
    def add(name: str, unit: str, ids: Iterable[str], notes: Mapping[str, str] | None = None) -> None:
        ids = tuple(ids)
        boxes[name] = Box(name, unit, ids, {i: notes[i] for i in ids if notes and notes.get(i)})
    return add


def _awaiting_box(name: str) -> bool:
    return name in AWAITING_BOXES or name.split("_", 1)[-1] in AWAITING_BOXES


def _first_round(records: Iterable[RecordRef], clusters: Mapping[str, str]) -> dict[str, str]:
    first: dict[str, str] = {}
    for r in records:
        first.setdefault(clusters[r.record_id], r.round)
    return first


def _carriers(new_records: list[RecordRef], clusters: Mapping[str, str], first_round: Mapping[str, str],
              previous: set[str]) -> dict[str, str]:
    """cluster_id -> its earliest new record of the cluster's column (dbr when it has any dbr member)."""
    members: dict[str, list[RecordRef]] = {}
    for r in new_records:
        if first_round[clusters[r.record_id]] not in previous:  # else a duplicate of the previous version
            members.setdefault(clusters[r.record_id], []).append(r)
    carriers = {}
    for cluster, recs in members.items():
        dbr = [r for r in recs if r.column == "dbr"]
        carriers[cluster] = (dbr or recs)[0].record_id
    return carriers


def _ordered(carriers: Mapping[str, str], records: Iterable[RecordRef]) -> list[str]:
    """Clusters in the review order of their carriers."""
    position = {r.record_id: i for i, r in enumerate(records)}
    return sorted(carriers, key=lambda c: position[carriers[c]])


def _column_boxes(column: str, records: list[RecordRef], clusters: list[str], carriers: Mapping[str, str],
                  inp: FlowInputs, add) -> list[str]:
    """The boxes of one column; returns the reports eligible at full text."""
    carried = set(carriers.values())
    add(f"{column}_identified", "record", [r.record_id for r in records],
        {r.record_id: r.database for r in records})
    dups = [r for r in records if r.record_id not in carried]
    add(f"{column}_duplicates", "record", [r.record_id for r in dups],
        {r.record_id: f"duplicate of {carriers.get(inp.clusters[r.record_id], inp.clusters[r.record_id])}"
         for r in dups})
    stopped = [c for c in clusters if _decision(inp.title_abstract, c) == NOT_SCREENED]
    add(f"{column}_automation_ineligible", "record", stopped,
        dict.fromkeys(stopped, "not screened: screening stopped early (config screening.stopped_early)"))
    left = set(stopped)
    clusters = [c for c in clusters if c not in left]
    add(f"{column}_records_screened", "record", clusters)
    ta = _decisions("title_abstract", clusters, inp.title_abstract)
    add(f"{column}_records_excluded", "record", ta["exclude"], _reasons(inp.title_abstract))
    add(f"{column}_records_awaiting", "record", ta["awaiting"], _decision_notes(inp.title_abstract))
    sought = ta["include"]
    add(f"{column}_reports_sought", "report", sought)
    retrieval = {c: retrieval_state(inp.full_text.get(c)) for c in sought}
    add(f"{column}_reports_not_retrieved", "report", [c for c in sought if retrieval[c] == "not_retrieved"])
    add(f"{column}_reports_awaiting_retrieval", "report", [c for c in sought if retrieval[c] == "awaiting"])
    assessed = [c for c in sought if retrieval[c] == "retrieved"]
    add(f"{column}_reports_assessed", "report", assessed)
    ft = _decisions("full_text", assessed, inp.full_text)
    add(f"{column}_reports_excluded", "report", ft["exclude"], _reasons(inp.full_text))
    add(f"{column}_reports_awaiting", "report", ft["awaiting"], _decision_notes(inp.full_text))
    add(f"{column}_reports_eligible", "report", ft["include"])
    return ft["include"]


def retrieval_state(outcome: Outcome | None) -> str:
    """retrieved | not_retrieved | awaiting, of a report sought for retrieval. No outcome, retrieval
    ``pending``, or no retrieval status and no decision: its full text is not in hand yet (awaiting).
    A decision (or a conflict between decisions) without a status means it was read: retrieved."""
    if outcome is None or outcome.retrieval == "pending":
        return "awaiting"
    if outcome.retrieval in ("retrieved", "not_retrieved"):
        return outcome.retrieval
    return "awaiting" if outcome.decision == "pending" else "retrieved"


def _decisions(stage: str, units: Iterable[str], outcomes: Mapping[str, Outcome]) -> dict[str, list[str]]:
    """Split units by decision; a unit without an outcome row is awaiting (never dropped)."""
    split: dict[str, list[str]] = {"include": [], "exclude": [], "awaiting": []}
    for unit in units:
        decision = _decision(outcomes, unit)
        split["awaiting" if decision in PENDING else decision].append(unit)
    return split


def _decision(outcomes: Mapping[str, Outcome], unit: str) -> str:
    """A unit's decision at a stage; without an outcome row it is pending (never dropped)."""
    outcome = outcomes.get(unit)
    return outcome.decision if outcome else "pending"


def _reasons(outcomes: Mapping[str, Outcome]) -> dict[str, str]:
    return {i: "; ".join(o.reasons) for i, o in outcomes.items()}


def _decision_notes(outcomes: Mapping[str, Outcome]) -> dict[str, str]:
    return {i: o.decision for i, o in outcomes.items()}


def _study_boxes(eligible: list[str], inp: FlowInputs, previous: set[str], waiting: set[str], add) -> None:
    """Studies are assessed once a report of theirs is eligible at full text.

    A study none of whose reports is eligible yet waits when a report awaits a decision (it is counted
    there), belongs to the previous version when a report does; otherwise the inputs contradict.
    """
    eligible_set = set(eligible)
    reports_of = {s: tuple(r for r in reps if r in eligible_set) for s, reps in inp.study_reports.items()}
    no_report = {s for s, reps in inp.study_reports.items() if not reps}  # assessed with no report linked
    # Counted in a new review's flow; in an updated review nothing of the new rounds led to such a study,
    # so it is the previous version's (counting it again would add a study to the new flow).
    declared = set() if inp.previous_rounds else no_report
    unlinked = [s for s, reps in reports_of.items()
                if not reps and s not in no_report and not (previous | waiting).intersection(inp.study_reports[s])]
    if unlinked:
        raise FlowInputError("study", "studies with no report eligible at full text", unlinked,
                             "link each study to a report included at full text in data/screening/study_links.csv")
    assessed = sorted(s for s, reps in reports_of.items() if reps or s in declared)
    add("studies_assessed", "study", assessed,
        {s: "; ".join(reports_of[s]) or "no report among the records (study_links.csv)" for s in assessed})
    split = _decisions("study", assessed, inp.study)
    add("studies_excluded", "study", split["exclude"], _reasons(inp.study))
    add("studies_awaiting", "study", split["awaiting"], _decision_notes(inp.study))
    add("studies_included", "study", split["include"])
    included = {r for s in split["include"] for r in reports_of[s]}
    excluded = {r for s in split["exclude"] for r in reports_of[s]} - included
    add("reports_of_included_studies", "report", [r for r in eligible if r in included])
    add("reports_of_excluded_studies", "report", [r for r in eligible if r in excluded])
    linked = {r for reps in reports_of.values() for r in reps}
    waiting = [r for r in eligible if r not in included | excluded]
    add("reports_awaiting_study", "report", waiting,
        {r: "awaiting a study decision" if r in linked else "not linked to a study" for r in waiting})


def _update_boxes(inp: FlowInputs, first_round: Mapping[str, str], add) -> None:
    """PRISMA 2020 updated review: studies and reports of the previous version, new, total.

    A report is *previous* when its cluster was first found in a previous round; a study is previous when
    it is included and has a previous report. New reports of previous studies count among new reports,
    so previous + new = total for both studies and reports.
    """
    if not inp.previous_rounds:
        return
    previous = set(inp.previous_rounds)
    included = [s for s, o in sorted(inp.study.items()) if o.decision == "include"]
    reports = {s: inp.study_reports.get(s, ()) for s in included}
    is_prev = {r: first_round.get(r) in previous for reps in reports.values() for r in reps}
    prev_studies = [s for s in included if any(is_prev[r] for r in reports[s])]
    all_reports = sorted({r for reps in reports.values() for r in reps})
    add("total_studies", "study", included)
    add("total_reports", "report", all_reports)
    add("previous_studies", "study", prev_studies)
    add("previous_reports", "report", [r for r in all_reports if is_prev[r]])
    add("new_studies", "study", [s for s in included if s not in set(prev_studies)])
    add("new_reports", "report", [r for r in all_reports if not is_prev[r]])
    # Said apart in the diagram: "New studies (n = 0), reports of new included studies (n = 3)" reads as a
    # contradiction when the three are new reports of studies the previous version included.
    add("new_reports_of_previous_studies", "report",
        sorted({r for s in prev_studies for r in reports[s] if not is_prev[r]}))
