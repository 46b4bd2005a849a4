"""The arithmetic of the flow, asserted on every run.

Each rule says a box is exactly the disjoint union of the boxes it splits into (as sets of IDs, so a
violation names the IDs, not only the numbers); and every raw record ends in exactly one terminal box.
A violation is a bug or a hand-edited result: it stops the run with the box and the IDs involved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reviewflow.errors import Problem, ReviewflowError
from reviewflow.prisma.flow import COLUMNS, TERMINAL_SHARED, TERMINAL_STEPS, Flow

FIX = ("the counts no longer follow from the inputs: re-run the prisma stage from clean results "
       "(delete results/prisma); if it persists, report it as a bug with this message")


def split_rules(flow: Flow) -> list[tuple[str, tuple[str, ...]]]:
    """(whole, parts): the whole box's IDs are the disjoint union of the parts' IDs."""
    rules = []
    for c in COLUMNS:
        rules += [
            (f"{c}_records_screened", (f"{c}_records_excluded", f"{c}_records_awaiting", f"{c}_reports_sought")),
            (f"{c}_reports_sought", (f"{c}_reports_not_retrieved", f"{c}_reports_awaiting_retrieval",
                                     f"{c}_reports_assessed")),
            (f"{c}_reports_assessed", (f"{c}_reports_excluded", f"{c}_reports_awaiting", f"{c}_reports_eligible")),
        ]
    rules.append(("studies_assessed", ("studies_excluded", "studies_awaiting", "studies_included")))
    if flow.updated:
        rules += [("total_studies", ("previous_studies", "new_studies")),
                  ("total_reports", ("previous_reports", "new_reports"))]
    return rules


def check_flow(flow: Flow) -> None:
    """Raise a ReviewflowError listing every broken rule; return quietly when the flow adds up."""
    problems = []
    for column in COLUMNS:
        problems += _identification(flow, column)
    for whole, parts in split_rules(flow):
        problems += _split(flow, whole, parts)
    problems += _eligible_reports(flow)
    problems += _terminal(flow)
    if problems:
        raise ReviewflowError(problems)


def _problem(box: str, what: str, ids: Iterable[str]) -> Problem:
    ids = sorted(ids)
    shown = ", ".join(ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
    return Problem(f"results/prisma/boxes/{box}.csv", f"box {box}: {what}: {shown}", FIX)


def _split(flow: Flow, whole: str, parts: tuple[str, ...]) -> list[Problem]:
    counts = Counter(i for p in parts for i in flow.box(p).ids)
    problems = []
    twice = [i for i, n in counts.items() if n > 1]
    if twice:
        problems.append(_problem(whole, f"IDs counted in more than one of {', '.join(parts)}", twice))
    ids = flow.ids(whole)
    lost = ids - set(counts)
    if lost:
        problems.append(_problem(whole, f"IDs that reach none of {', '.join(parts)}", lost))
    extra = set(counts) - ids
    if extra:
        problems.append(_problem(whole, f"IDs in {', '.join(parts)} that this box does not count", extra))
    if not problems and flow.box(whole).n != sum(flow.box(p).n for p in parts):
        problems.append(_problem(whole, "the counts do not add up", []))
    return problems


def _identification(flow: Flow, column: str) -> list[Problem]:
    """identified - duplicates = screened + marked ineligible by automation (the records carrying each
    cluster that was screened or left unscreened by an early stop)."""
    identified, dups = flow.ids(f"{column}_identified"), flow.ids(f"{column}_duplicates")
    carried = {flow.carriers[c] for box in ("records_screened", "automation_ineligible")
               for c in flow.box(f"{column}_{box}").ids}
    problems = []
    if dups & carried:
        problems.append(_problem(f"{column}_duplicates", "records counted as duplicates that carry a "
                                 "screened record", dups & carried))
    if identified != dups | carried:
        problems.append(_problem(f"{column}_identified", "records identified that are neither duplicates "
                                 "nor screened (or the reverse)", identified ^ (dups | carried)))
    return problems


def _eligible_reports(flow: Flow) -> list[Problem]:
    whole = set().union(*(flow.ids(f"{c}_reports_eligible") for c in COLUMNS))
    parts = ("reports_of_included_studies", "reports_of_excluded_studies", "reports_awaiting_study")
    counts = Counter(i for p in parts for i in flow.box(p).ids)
    problems = []
    if any(n > 1 for n in counts.values()) or set(counts) != whole:
        bad = {i for i, n in counts.items() if n > 1} | (whole ^ set(counts))
        problems.append(_problem("reports_of_included_studies", "reports eligible at full text must each end "
                                 f"in exactly one of {', '.join(parts)}", bad))
    return problems


def terminal_boxes() -> list[str]:
    return [f"{c}_{s}" for c in COLUMNS for s in TERMINAL_STEPS] + list(TERMINAL_SHARED)


def _terminal(flow: Flow) -> list[Problem]:
    """Every raw record ends in exactly one terminal box (a cluster's box counts its carrier record)."""
    ends: dict[str, list[str]] = {r: [] for r in flow.record_column}
    for name in terminal_boxes():
        box = flow.box(name)
        for unit in box.ids:
            record = unit if box.unit == "record" and name.endswith(("duplicates", "previous_version")) \
                else flow.carriers.get(unit, unit)
            ends.setdefault(record, []).append(name)
    problems = []
    nowhere = [r for r, boxes in ends.items() if not boxes]
    if nowhere:
        problems.append(_problem("terminal", "records that end in no terminal box", nowhere))
    several = {r: b for r, b in ends.items() if len(b) > 1}
    for names in sorted({tuple(b) for b in several.values()}):
        ids = [r for r, b in several.items() if tuple(b) == names]
        problems.append(_problem(names[0], f"records that end in several boxes ({', '.join(names)})", ids))
    unknown = [r for r in ends if r not in flow.record_column]
    if unknown:
        problems.append(_problem("terminal", "IDs in terminal boxes that are not records", unknown))
    return problems
