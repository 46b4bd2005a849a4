"""Markdown, HTML and LaTeX: Jinja2 templates in reviewflow/templates/tables/."""

from __future__ import annotations

import re
from functools import cache

import jinja2

from reviewflow.tables.model import Table, format_cell

# LaTeX special characters and their escapes (order matters: backslash first).
_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
          "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX))


def latex_escape(value: object) -> str:
    text = _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], format_cell(value))  # type: ignore[arg-type]
    return text.replace("\n", r"\newline ")


def markdown_escape(value: object) -> str:
    """A cell on one Markdown table line: pipes escaped, line breaks as <br>, HTML-ish text escaped."""
    text = format_cell(value)  # type: ignore[arg-type]
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", "<br>")


@cache
def environment(kind: str) -> jinja2.Environment:
    """HTML autoescapes every value; Markdown and LaTeX use their own escaping filters."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reviewflow", "templates"),
        autoescape=(kind == "html"), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["cell"] = format_cell
    env.filters["tex"] = latex_escape
    env.filters["md"] = markdown_escape
    return env


def render_template(table: Table, kind: str) -> str:
    template = environment(kind).get_template(f"tables/table.{kind}.j2")
    return template.render(table=table)


def render_markdown(table: Table) -> str:
    return render_template(table, "md")


def render_html(table: Table) -> str:
    """A standalone HTML page (the report embeds the fragment from ``render_html_fragment``)."""
    return render_template(table, "html")


def render_html_fragment(table: Table) -> str:
    return environment("html").get_template("tables/fragment.html.j2").render(table=table)


def render_latex(table: Table) -> str:
    return render_template(table, "tex")
