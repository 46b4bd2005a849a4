"""The report's sections: each a small function of its input file(s) -> a Section.

A section whose stage is turned off, or whose file was not produced, renders as a clear
"not available" panel saying why; it never stops the report. Text from the data is escaped by
the template (Jinja2 autoescape); only markup built here with ``Markup`` is trusted, and every
data value inside it goes through ``escape``.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Panel:
    """One block of a section: a heading and trusted HTML (a table, a figure)."""

    heading: str
    html: Markup


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    panels: tuple[Panel, ...] = ()
    missing: str = ""  # why the section is not available; empty when it is
    summary: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return not self.missing


def unavailable(section_id: str, title: str, stage: str, path: Path | None, enabled: bool) -> Section:
    if not enabled:
        why = f"the {stage} stage is turned off in the config ({stage}.enabled: false)."
    else:
        why = f"{path} was not produced: run the {stage} stage (make run) to fill this section."
    return Section(section_id, title, missing=why)


def data_uri(path: Path) -> str:
    kind = {".svg": "image/svg+xml", ".png": "image/png"}[path.suffix]
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def figure(path: Path, alt: str) -> Markup:
    return Markup('<figure><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>').format(
        data_uri(path), alt, alt)


def html_table(header: list[str], rows: list[list[Any]], classes: str = "") -> Markup:
    head = Markup("").join(Markup("<th scope=\"col\">{}</th>").format(h) for h in header)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(c) for c in row))
        for row in rows)
    return Markup('<table class="rf-table {}"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>').format(
        classes, head, body)


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return (rows[0], rows[1:]) if rows else ([], [])


# The PRISMA boxes shown in the report's count table, in flow order (counts.json has more).
PRISMA_BOXES = (
    ("records_identified", "Records identified"),
    ("duplicates_removed", "Duplicate records removed"),
    ("records_screened", "Records screened"),
    ("records_excluded", "Records excluded"),
    ("records_awaiting_screening", "Records awaiting screening"),
    ("reports_sought", "Reports sought for retrieval"),
    ("reports_not_retrieved", "Reports not retrieved"),
    ("reports_awaiting_retrieval", "Reports awaiting retrieval"),
    ("reports_assessed", "Reports assessed for eligibility"),
    ("reports_excluded", "Reports excluded"),
    ("reports_awaiting_decision", "Reports awaiting a decision"),
    ("studies_assessed", "Studies assessed"),
    ("studies_excluded", "Studies excluded"),
    ("studies_included", "Studies included"),
    ("reports_of_included_studies", "Reports of included studies"),
)


def box_count(value: Any) -> Any:
    """A box's number: counts.json gives either a number or an object with a ``total``."""
    return value.get("total", "") if isinstance(value, dict) else value


def prisma_counts_table(counts: dict[str, Any]) -> Markup:
    rounds = counts.get("by_round") or {}
    header = ["box", "all rounds", *rounds] if len(rounds) > 1 else ["box", "n"]
    rows = []
    for key, label in PRISMA_BOXES:
        if key not in counts:
            continue
        row = [label, box_count(counts[key])]
        if len(rounds) > 1:
            row += [box_count(rounds[r].get(key, "")) for r in rounds]
        rows.append(row)
    return html_table(header, rows, "rf-counts")


def prisma_section(svg: Path | None, counts: Path | None, enabled: bool) -> Section:
    title = "PRISMA 2020 flow diagram"
    if not enabled or svg is None or not svg.is_file():
        return unavailable("prisma", title, "prisma", svg, enabled)
    panels = [Panel("Flow diagram", figure(svg, "PRISMA 2020 flow diagram"))]
    if counts is not None and counts.is_file():
        data = json.loads(counts.read_text(encoding="utf-8"))
        panels.append(Panel("Counts (all of them, with the IDs behind each box: results/prisma/)",
                            prisma_counts_table(data)))
    return Section("prisma", title, tuple(panels))


def screening_status_table(status: dict[str, Any]) -> Markup:
    stages = status.get("stages", {})
    reviewers = sorted({r for st in stages.values() for r in st.get("awaiting_by_reviewer", {})})
    header = ["stage", "units", "included", "excluded", "pending", "open conflicts", "resolved conflicts",
              *(f"to decide: {r}" for r in reviewers)]
    flow = ("title_abstract", "full_text", "study")
    rows = []
    for name in sorted(stages, key=lambda n: (flow.index(n) if n in flow else len(flow), n)):
        st = stages[name]
        awaiting = st.get("awaiting_by_reviewer", {})
        rows.append([name, st.get("units", ""), st.get("include", ""), st.get("exclude", ""),
                     st.get("pending", ""), st.get("conflicts_open", ""), st.get("conflicts_resolved", ""),
                     *(awaiting.get(r, "") for r in reviewers)])
    return html_table(header, rows, "rf-status")


def screening_next_steps(status: dict[str, Any]) -> Markup | None:
    """Per stage: each reviewer with units left, the worksheet listing them and the file they go in;
    open conflicts, where they are listed and the file that resolves them. None when nothing is left."""
    rows = []
    for name, st in status.get("stages", {}).items():
        for reviewer, r in (st.get("reviewers") or {}).items():
            if r.get("remaining"):
                rows.append([name, f"{reviewer}: {r['remaining']} to decide", r.get("worksheet", ""),
                             r.get("decisions_file", "")])
        if st.get("conflicts_open") and st.get("conflicts_file"):
            rows.append([name, f"{st['conflicts_open']} open conflicts", st["conflicts_file"],
                         st.get("consensus_file", "")])
        pending = (st.get("retrieval") or {}).get("pending", 0)
        if pending and st.get("retrieval_file"):
            rows.append([name, f"{pending} reports with no retrieval status", "", st["retrieval_file"]])
    if not rows:
        return None
    return html_table(["stage", "still to do", "listed in", "decided in (a person's file)"], rows, "rf-next")


NOTES_SHOWN = 200  # a page a person reads; the CSV holds every note


def import_section(summary: Path | None, notes: Path | None) -> Section:
    """How many records each export gave, and every line set aside, warning or flagged record (file:line)."""
    title = "Import: records per export"
    if summary is None or not summary.is_file():
        return unavailable("import", title, "import", summary, True)
    _, rows = read_csv(summary)
    _, noted = read_csv(notes) if notes is not None and notes.is_file() else ([], [])
    kinds = ("warning", "set_aside", "flagged", "not_read")
    count = {(n[0], k): sum(1 for m in noted if m[0] == n[0] and m[2] == k) for n in noted for k in kinds}
    table = [[r[0], r[1], r[2], r[4], *(count.get((r[0], k), 0) for k in kinds[:3])] for r in rows]
    total = sum(int(r[4]) for r in rows)
    panels = [Panel(f"{total} records from {len(rows)} export files (results/import/summary.csv)",
                    html_table(["file", "round", "database", "records", "warnings", "lines set aside",
                                "records flagged"], table))]
    if noted:
        more = f", the first {NOTES_SHOWN} shown" if len(noted) > NOTES_SHOWN else ""
        panels.append(Panel(f"{len(noted)} notes, with file and line (results/import/notes.csv{more})",
                            html_table(["file", "line", "kind", "note"], noted[:NOTES_SHOWN])))
    return Section("import", title, tuple(panels))


def stopping_table(stopping: dict[str, Any]) -> Markup:
    """Per reviewer, the stopping estimate of results/screening/status.json, with its method."""
    header = ["reviewer", "screened", "relevant found", "unscreened", "relevant remaining (at most)",
              "confidence", "recall target", "p", "target reached"]
    rows = [[r, e["screened"], e["relevant_found"], e["unscreened"], e["relevant_remaining_at_most"],
             f"{e['confidence']:.0%}", f"{e['recall_target']:.0%}", f"{e['p_value']:.3f}",
             "yes" if e["target_reached"] else "no"] for r, e in stopping.get("reviewers", {}).items()]
    return html_table(header, rows) + Markup("<p>Method: {}.</p>").format(stopping.get("method", ""))


def screening_section(status: Path | None, agreement: Path | None, enabled: bool) -> Section:
    title = "Screening status and agreement"
    if not enabled or status is None or not status.is_file():
        return unavailable("screening", title, "screening", status, enabled)
    data = json.loads(status.read_text(encoding="utf-8"))
    state = "provisional: decisions are still pending" if data.get("provisional") else "final"
    extra = f"; {data['orphaned']} orphaned decisions (results/screening/orphaned.csv)" if data.get("orphaned") else ""
    panels = [Panel(f"Status: {state}{extra}", screening_status_table(data))]
    next_steps = screening_next_steps(data)
    if next_steps is not None:
        panels.append(Panel("What to do next", next_steps))
    said = [*data.get("notices", []), *(f"warning: {w}" for w in data.get("warnings", []))]
    if said:  # e.g. an early stop, and whether the stopping estimate supports it
        panels.append(Panel("Notes from the screening stage (results/screening/status.json)",
                            Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(n) for n in said))))
    stopping = data.get("stages", {}).get("title_abstract", {}).get("stopping")
    if stopping:
        panels.append(Panel("When to stop title/abstract screening: relevant records that may remain",
                            stopping_table(stopping)))
    if agreement is not None and agreement.is_file():
        header, rows = read_csv(agreement)
        panels.append(Panel("Agreement between reviewers (results/screening/agreement.csv)", html_table(header, rows)))
    return Section("screening", title, tuple(panels))


def table_fragment(page: Path) -> Markup:
    """The <table> of a table page written by reviewflow.tables (already escaped when written)."""
    text = page.read_text(encoding="utf-8")
    start, end = text.find('<table class="rf-table"'), text.rfind("</table>")
    if start < 0 or end < 0:
        return Markup("<p class=\"missing\">{} is not a reviewflow table page.</p>").format(page.name)
    return Markup(text[start:end + len("</table>")])  # noqa: S704 (written by our own autoescaping template)


NOTHING_DECLARED = ("the review declares no {what} (tables.codebook and tables.declarations in the config; "
                    "docs/tables.md).")


def tables_section(pages: list[Path], enabled: bool) -> Section:
    title = "Tables"
    present = [p for p in pages if p.is_file()]
    if enabled and not pages:
        return Section("tables", title, missing=NOTHING_DECLARED.format(what="tables"))
    if not enabled or not present:
        return unavailable("tables", title, "tables", pages[0] if pages else None, enabled)
    panels = tuple(Panel("", table_fragment(p)) for p in present)
    return Section("tables", title, panels, summary=f"{len(present)} tables; each also as CSV, Markdown, "
                   "XLSX, DOCX and LaTeX in results/tables/.")


def charts_section(images: list[Path], enabled: bool) -> Section:
    title = "Charts"
    present = [p for p in images if p.is_file()]
    if enabled and not images:
        return Section("charts", title, missing=NOTHING_DECLARED.format(what="charts"))
    if not enabled or not present:
        return unavailable("charts", title, "tables", images[0] if images else None, enabled)
    return Section("charts", title, tuple(Panel("", figure(p, p.stem.replace("_", " "))) for p in present))


STATUS_LABELS = {"match": "match", "mismatch": "MISMATCH", "not_computable": "not computable"}


def claims_section(results: Path | None, enabled: bool) -> Section:
    title = "Claims check: the review's text against its data"
    if not enabled or results is None or not results.is_file():
        return unavailable("claims", title, "tables", results, enabled)
    header, rows = read_csv(results)
    col = {name: i for i, name in enumerate(header)}
    counts = {k: 0 for k in STATUS_LABELS}
    body = []
    for row in rows:
        status = row[col["status"]]
        counts[status] = counts.get(status, 0) + 1
        note = row[col["note"]]
        body.append(Markup('<tr class="{}"><td>{}</td><td>{}<br><small>{}</small>{}</td><td>{}</td><td class="num">{}'
                           '</td><td class="num">{}</td><td class="status">{}</td></tr>').format(
            status, row[col["claim_id"]], row[col["text"]], row[col["source"]],
            Markup("<br><em>{}</em>").format(note) if note else "", row[col["check"]],
            row[col["expected"]], row[col["found"]] or "-", STATUS_LABELS.get(status, status)))
    table = Markup('<table class="rf-table claims"><thead><tr><th>claim</th><th>statement (source)</th>'
                   '<th>number</th><th class="num">text says</th><th class="num">data gives</th><th>result</th>'
                   '</tr></thead><tbody>{}</tbody></table>').format(Markup("").join(body))
    summary = (f"{len(rows)} numbers checked: {counts['match']} match, {counts['mismatch']} mismatch, "
               f"{counts['not_computable']} not computable from the data.")
    return Section("claims", title, (Panel("", table),), summary=summary, extra={"counts": counts})


def provenance_section(versions: list[tuple[str, str]], files: list[tuple[str, str, int]],
                       config_hash: str) -> Section:
    panels = (
        Panel("Configuration", html_table(["config file SHA-256"], [[config_hash]])),
        Panel("Software", html_table(["package", "version"], [list(v) for v in versions])),
        Panel("Input files", html_table(["file", "bytes", "SHA-256"],
                                        [[path, size, digest] for path, digest, size in files], "mono")),
    )
    return Section("provenance", "Provenance", panels,
                   summary=f"{len(files)} input files; re-running with the same files and versions gives "
                           "this page byte for byte.")
