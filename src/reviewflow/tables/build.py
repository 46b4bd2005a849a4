"""Builders: the checked extraction sheets -> the review's publication tables. Pure functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from reviewflow.tables.model import Column, Table
from reviewflow.tables.sheets import Extraction, Scheme
from reviewflow.tables.vocab import DESIGNS, DIRECTIONS, EXCLUSION_REASONS, IRM_TYPES, MARK

TABLES = ("appendix2_included_schemes", "appendix3_excluded_schemes", "design_by_country",
          "study_designs", "findings_overview", "schemes_by_irm", "exclusion_reasons")


def build_tables(x: Extraction, country_labels: Mapping[str, str] | None = None) -> list[Table]:
    """Every table, in the order of TABLES."""
    labels = dict(country_labels or {})
    return [appendix2(x, labels), appendix3(x), design_by_country(x, labels), study_designs(x),
            findings_overview(x), schemes_by_irm(x), exclusion_reasons(x)]


def cite(refs: tuple[int, ...]) -> str:
    """Reference numbers as the paper prints them: sorted, runs of three or more as ranges."""
    numbers = sorted(set(refs))
    parts: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{numbers[i]}-{numbers[j]}")
            i = j + 1
        else:
            parts.append(str(numbers[i]))
            i += 1
    return f"[{', '.join(parts)}]" if parts else ""


def named(s: Scheme) -> str:
    return f"{s.name} {cite(s.source_refs)}".strip()


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def appendix2(x: Extraction, labels: Mapping[str, str]) -> Table:
    rows = []
    for inc in x.included:
        s = x.scheme(inc.scheme_id)
        irm = inc.irm_label or "; ".join(IRM_TYPES[n] for n in inc.irm_categories)
        design = inc.design_text or "\n".join(filter(None, (
            "; ".join(DESIGNS[d] for d in inc.study_designs), inc.duration, inc.n and f"N: {inc.n}")))
        rows.append((s.appendix_row, (labels.get(s.country, s.country), inc.scheme_id, named(s), irm,
                                      inc.description, design, inc.key_findings)))
    rows.sort(key=lambda r: (r[1][0], r[0]))
    columns = (Column("country", "Country", 12), Column("scheme_id", "ID", 6),
               Column("scheme", "Name of IRM (sources)", 24), Column("irm_category", "Category of IRM", 18),
               Column("description", "Description", 45), Column("study_design", "Study design / duration / N", 30),
               Column("key_findings", "Key findings", 60))
    return Table("appendix2_included_schemes", "Appendix 2: Schemes included in the review", columns,
                 tuple(r for _, r in rows), group_by="country", landscape=True, hidden=("scheme_id",),
                 notes=(f"{len(rows)} included schemes. Numbers in brackets are the review's references.",))


def appendix3(x: Extraction) -> Table:
    rows = []
    for exc in x.excluded:
        s = x.scheme(exc.scheme_id)
        marks = tuple(MARK if key in exc.reasons else "" for key in EXCLUSION_REASONS)
        rows.append((s.appendix_row, (exc.scheme_id, named(s), *marks, exc.comments)))
    rows.sort(key=lambda r: (r[0], r[1][0]))
    reason_columns = tuple(Column(key, label, 11) for key, (label, _) in EXCLUSION_REASONS.items())
    columns = (Column("scheme_id", "ID", 6), Column("scheme", "Name of scheme (sources)", 40),
               *reason_columns, Column("comments", "Comments", 60))
    return Table("appendix3_excluded_schemes", "Appendix 3: Schemes excluded from the review", columns,
                 tuple(r for _, r in rows), landscape=True, hidden=("scheme_id",),
                 notes=(f"{len(rows)} excluded schemes; {MARK} marks each reason that applies.",))


def design_by_country(x: Extraction, labels: Mapping[str, str]) -> Table:
    counts: dict[str, Counter[str]] = {}
    for inc in x.included:
        country = x.scheme(inc.scheme_id).country
        counts.setdefault(labels.get(country, country), Counter()).update(set(inc.study_designs))
    columns = (Column("country", "Country", 14),
               *(Column(key, label, 12, numeric=True) for key, label in DESIGNS.items()))
    rows = tuple((country, *(counts[country][d] for d in DESIGNS)) for country in sorted(counts))
    return Table("design_by_country", "Table 3: Study design used in different countries", columns, rows,
                 notes=("Counts of included schemes; a scheme evaluated with several designs counts in each.",))


def study_designs(x: Extraction) -> Table:
    total = len(x.included)
    counts = Counter(d for inc in x.included for d in set(inc.study_designs))
    rows = tuple((label, counts[key], percent(counts[key], total)) for key, label in DESIGNS.items())
    columns = (Column("design", "Study design", 26), Column("schemes", "Schemes", 9, numeric=True),
               Column("percent", f"% of {total} schemes", 12, numeric=True))
    return Table("study_designs", "Study designs applied to evaluate the included schemes (Figure 3)",
                 columns, rows, notes=("A scheme evaluated with several designs counts in each row.",))


def findings_overview(x: Extraction) -> Table:
    health = Counter(inc.health_outcome for inc in x.included)
    costs = Counter(inc.secondary_care for inc in x.included)
    n_health = sum(v for k, v in health.items() if k != "not_assessed")
    n_costs = sum(v for k, v in costs.items() if k != "not_assessed")
    rows = [(label, health[key], percent(health[key], n_health), costs[key], percent(costs[key], n_costs))
            for key, label in DIRECTIONS.items() if key != "not_assessed"]
    rows.append(("Schemes assessed", n_health, 100.0 if n_health else 0.0, n_costs, 100.0 if n_costs else 0.0))
    rows.append(("Not assessed", health["not_assessed"], "", costs["not_assessed"], ""))
    columns = (Column("direction", "Direction of findings", 22),
               Column("health_n", "Health outcome (n)", 12, numeric=True),
               Column("health_percent", "Health outcome (% of assessed)", 14, numeric=True),
               Column("secondary_n", "Secondary care cost/use (n)", 14, numeric=True),
               Column("secondary_percent", "Secondary care cost/use (% of assessed)", 16, numeric=True))
    return Table("findings_overview", "Findings overview: direction of effects across included schemes",
                 columns, tuple(rows),
                 notes=(f"Of {len(x.included)} included schemes; percentages are of the schemes that assessed "
                        "the outcome. 'Favours intervention' means better in the integrated scheme.",))


def schemes_by_irm(x: Extraction) -> Table:
    total = len(x.included)
    counts = Counter(n for inc in x.included for n in set(inc.irm_categories))
    rows = tuple((number, label, counts[number], percent(counts[number], total))
                 for number, label in IRM_TYPES.items())
    columns = (Column("irm_type", "Type", 6, numeric=True), Column("irm", "Integrated resource mechanism", 44),
               Column("schemes", "Schemes", 9, numeric=True),
               Column("percent", f"% of {total} schemes", 12, numeric=True))
    return Table("schemes_by_irm", "Included schemes by category of IRM (Table 4 types)", columns, rows,
                 notes=("A scheme using several types of IRM counts in each row.",))


def exclusion_reasons(x: Extraction) -> Table:
    total = len(x.excluded)
    counts = Counter(r for exc in x.excluded for r in exc.reasons)
    rows = tuple((label, code, counts[key], percent(counts[key], total))
                 for key, (label, code) in EXCLUSION_REASONS.items())
    columns = (Column("reason", "Reason for exclusion", 26), Column("criterion", "Criterion", 9),
               Column("schemes", "Schemes", 9, numeric=True),
               Column("percent", f"% of {total} excluded", 12, numeric=True))
    return Table("exclusion_reasons", "Reasons for excluding schemes (Appendix 3)", columns, rows,
                 notes=("A scheme excluded for several reasons counts in each row.",))
