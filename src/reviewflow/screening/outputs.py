"""Writing results/screening/: outcomes, conflicts and worksheets per stage, agreement, orphans.

Every file is sorted the same way on every run and has no timestamps: same inputs, same bytes. Every
cell that came from a person (notes, IDs as typed) or an export (titles) is neutralised for spreadsheets
(``reviewflow.spreadsheets.neutralise``), as in the worksheets.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path

from reviewflow.records import MULTI_SEP
from reviewflow.screening.agreement import agreement
from reviewflow.screening.criteria import CONSENSUS, Settings
from reviewflow.screening.decisions import MIXED, Conflict
from reviewflow.screening.priority import STAGE as PRIORITISED_STAGE
from reviewflow.screening.priority import Ranking
from reviewflow.screening.stages import Screening, StageResult
from reviewflow.screening.worksheets import write_worksheet
from reviewflow.spreadsheets import neutralise

OUTCOME_COLUMNS = ("id", "decision", "reasons", "resolved_by", "provisional")
STAGE_EXTRA = {"full_text": ("retrieval",), "study": ("report_ids",)}
AGREEMENT_COLUMNS = ("stage", "round", "reviewer_1", "reviewer_2", "n_double_screened", "n_agree", "percent_agreement",
                     "kappa", "kappa_se", "kappa_ci_low", "kappa_ci_high", "pabak", "ac1")
ORPHAN_COLUMNS = ("stage", "source", "id", "decision", "file", "row")
RECORD_COLUMNS = ("title", "authors", "year", "journal", "doi_link", "url", "abstract")


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def outcome_rows(result: StageResult) -> list[list[str]]:
    rows = []
    for o in result.outcomes.values():
        row = [o.id, o.decision, ";".join(o.reasons), o.resolved_by, "true" if o.provisional else "false"]
        if result.name == "full_text":
            row.append(o.retrieval)
        if result.name == "study":
            row.append(MULTI_SEP.join(o.report_ids))
        rows.append(row)
    return rows


def conflict_table(result: StageResult, reviewers: Sequence[str], screening: Screening
                   ) -> tuple[list[str], list[list[str]]]:
    """Each disagreement side by side: one column group per reviewer, then the consensus; open ones first."""
    header = ["id", "round", "status", "kind"]
    for who in (*reviewers, CONSENSUS):
        header += [f"{who}_decision", f"{who}_reasons", f"{who}_note"]
    header += ["ids_named", "title"]
    rows = []
    for c in sorted(result.conflicts, key=lambda c: (c.resolved, c.id)):
        calls = {call.source: call for call in c.calls}
        record = screening.records.get(c.id)
        row = [c.id, record.round if record else "", "resolved" if c.resolved else "open", c.kind]
        for who in (*reviewers, CONSENSUS):
            call = calls.get(who)
            row += [call.decision, ";".join(call.reasons), neutralise(call.note)] if call else ["", "", ""]
        row += [neutralise(MULTI_SEP.join(sorted({i for call in c.calls for i in call.ids}))),
                neutralise(_title(c, screening))]
        rows.append(row)
    return header, rows


def _title(conflict: Conflict, screening: Screening) -> str:
    record = screening.records.get(conflict.id)
    return record.title if record else ""


def agreement_rows(screening: Screening, settings: Settings) -> list[list[str]]:
    """Per stage and pair of reviewers: overall ("all"), then per search round for record stages."""
    rows = []
    for name, result in screening.stages.items():
        rounds = {} if name == "study" else {u: screening.records[u].round for u in result.calls
                                               if u in screening.records}
        scopes = ["all", *sorted(set(rounds.values()) - {""})] if len(set(rounds.values())) > 1 else ["all"]
        for r1, r2 in combinations(settings.stages[name].reviewers, 2):
            for scope in scopes:
                pairs = [(calls[r1].decision, calls[r2].decision) for unit, calls in result.calls.items()
                         if (scope == "all" or rounds.get(unit) == scope)
                         and r1 in calls and r2 in calls and MIXED not in (calls[r1].decision, calls[r2].decision)]
                a = agreement([p[0] for p in pairs], [p[1] for p in pairs])
                rows.append([name, scope, r1, r2, str(a.n), str(a.n_agree), _num(a.percent, 1), _num(a.kappa),
                             _num(a.kappa_se), _num(a.ci_low), _num(a.ci_high), _num(a.pabak), _num(a.ac1)])
    return rows


def _num(value: float | None, places: int = 3) -> str:
    return "" if value is None else f"{value:.{places}f}"


def worksheet_rows(result: StageResult, reviewer: str, screening: Screening, ranking: Ranking | None = None
                   ) -> tuple[list[str], list[list[str]]]:
    """The units awaiting one reviewer, with what they need to decide them; with a ranking, in its
    order with its priority (1 = screen first) and how the order was made."""
    if ranking is not None:
        header, rows = worksheet_rows(result, reviewer, screening)
        by_id = {row[0]: row for row in rows}
        ranked_by = ranking.describe()
        return ([*header[:4], "priority", "ranked_by", *header[4:]],
                [[*by_id[u][:4], str(n), ranked_by, *by_id[u][4:]] for n, u in enumerate(ranking.order, start=1)])
    units = result.awaiting.get(reviewer, [])
    if result.name == "study":
        header = ["id", "decision", "reasons", "note", "report_ids", "report_titles"]
        rows = []
        for s in units:
            reports = screening.study_reports.get(s, ())
            titles = [screening.records[r].title for r in reports if r in screening.records]
            rows.append([s, "", "", "", MULTI_SEP.join(reports), " || ".join(titles)])
        return header, rows
    header = ["id", "decision", "reasons", "note", *RECORD_COLUMNS]
    if result.name == "full_text":
        header.append("retrieval")
    rows = []
    for u in units:
        r = screening.records[u]
        row = [u, "", "", "", r.title, r.authors, r.year, r.journal,
               f"https://doi.org/{r.doi}" if r.doi else "", r.url, r.abstract]
        if result.name == "full_text":
            row.append(result.outcomes[u].retrieval)
        rows.append(row)
    return header, rows


def output_files(settings: Settings, outdir: str = "results/screening") -> dict[str, str]:
    """Name -> path of every file ``write_outputs`` writes: the workflow rule's outputs."""
    files = {}
    for name, stage in settings.stages.items():
        files[f"{name}_outcomes"] = f"{outdir}/{name}/outcomes.csv"
        files[f"{name}_conflicts"] = f"{outdir}/{name}/conflicts.csv"
        for reviewer in stage.reviewers:
            for ext in ("csv", "xlsx"):
                files[f"{name}_{reviewer}_{ext}"] = f"{outdir}/{name}/worksheet_{reviewer}.{ext}"
    files |= {"agreement": f"{outdir}/agreement.csv", "orphaned": f"{outdir}/orphaned.csv",
              "status": f"{outdir}/status.json"}
    return files


def write_outputs(screening: Screening, settings: Settings, outdir: Path,
                  rankings: Mapping[str, Ranking] | None = None) -> None:
    """Every file of results/screening/; ``rankings`` (reviewer -> order) orders the title/abstract
    worksheets (``reviewflow.screening.priority``)."""
    for name, result in screening.stages.items():
        folder = outdir / name
        header = [*OUTCOME_COLUMNS, *STAGE_EXTRA.get(name, ())]
        write_csv(folder / "outcomes.csv", header, outcome_rows(result))
        reviewers = settings.stages[name].reviewers
        write_csv(folder / "conflicts.csv", *conflict_table(result, reviewers, screening))
        for reviewer in reviewers:
            ranking = (rankings or {}).get(reviewer) if name == PRIORITISED_STAGE else None
            head, rows = worksheet_rows(result, reviewer, screening, ranking)
            write_worksheet(folder / f"worksheet_{reviewer}", f"{name} {reviewer}", head, rows)
    write_csv(outdir / "agreement.csv", AGREEMENT_COLUMNS, agreement_rows(screening, settings))
    orphans = sorted(screening.orphans, key=lambda o: (o.file, o.row))
    write_csv(outdir / "orphaned.csv", ORPHAN_COLUMNS,
              [[o.stage, o.source, neutralise(o.id), neutralise(o.decision), o.file, str(o.row)] for o in orphans])
