"""report: one self-contained HTML page of the whole review (results/report.html)."""

from reviewflow.report.build import collect_sections, render_report, write_report

__all__ = ["collect_sections", "render_report", "write_report"]
