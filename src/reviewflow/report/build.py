"""Assembling results/report.html: one self-contained page (no scripts, no network, no timestamps)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from reviewflow.report import sections as s
from reviewflow.report.provenance import input_files, sha256, versions
from reviewflow.tables.declare import declared_outputs


@dataclass(frozen=True)
class ReportInputs:
    """Where the report finds each stage's outputs (under ``results``)."""

    results: Path

    def path(self, *parts: str) -> Path:
        return self.results.joinpath(*parts)


def enabled(config: dict[str, Any], stage: str) -> bool:
    return bool((config.get(stage) or {}).get("enabled", True))


def collect_sections(config: dict[str, Any], root: Path, results: Path, config_path: Path) -> list[s.Section]:
    r = ReportInputs(results)
    tables_on = enabled(config, "tables")
    declared = declared_outputs(config) if tables_on else None
    claims_file = (config.get("tables") or {}).get("claims", "config/claims.yaml")
    provenance = (config.get("report") or {}).get("provenance", ["config", "data"])
    return [
        s.import_section(r.path("import", "summary.csv"), r.path("import", "notes.csv")),
        s.prisma_section(r.path("prisma", "prisma.svg"), r.path("prisma", "counts.json"), enabled(config, "prisma")),
        s.screening_section(r.path("screening", "status.json"), r.path("screening", "agreement.csv"),
                            enabled(config, "screening")),
        s.claims_section(r.path("tables", "claims.csv"), tables_on and bool(claims_file)),
        s.tables_section([r.path("tables", f"{name}.html") for name in (declared.tables if declared else ())],
                         tables_on),
        s.charts_section([r.path("tables", "charts", f"{name}.svg") for name in (declared.charts if declared else ())],
                         tables_on),
        s.provenance_section(versions(), input_files(root, list(provenance)), sha256(config_path)),
    ]


def render_report(config: dict[str, Any], sections: list[s.Section]) -> str:
    env = jinja2.Environment(loader=jinja2.PackageLoader("reviewflow", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    review = config.get("review") or {}
    return env.get_template("report/report.html.j2").render(
        title=review.get("title", "Untitled review"), citation=review.get("citation", ""),
        simulated_note=review.get("simulated_note", ""), sections=sections)


def write_report(config: dict[str, Any], out: str | Path, root: str | Path = ".", results: str | Path = "results",
                 config_path: str | Path = "config/config.yaml") -> Path:
    root = Path(root)
    html = render_report(config, collect_sections(config, root, root / results, root / config_path))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8", newline="\n")
    return out
