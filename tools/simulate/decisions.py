"""Simulated dual-reviewer screening decisions (title/abstract, full text) and the real
study-level decisions (Appendix 3), as the screening files people keep under data/screening/.

Truth comes from each item's role (``items``): reports of schemes pass both stages; background
references mostly pass title/abstract and are excluded at full text; off-topic simulated records
are excluded at title/abstract. Two reviewers make independent errors (rates below, tuned so that
Cohen's kappa is about 0.7); every disagreement and every "unsure" is resolved in consensus.csv,
so the example is complete. A reviewer error never survives on a real report: when both reviewers
get one wrong the same way, the second reviewer's decision is set right (as discussion would).
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from dataclasses import dataclass, field

from tools.simulate.items import BACKGROUND, BORDERLINE, EXCLUDED_SCHEME_REPORT, SCHEME_REPORT, Item
from tools.simulate.sheets import Sheets

INCLUDE, EXCLUDE, UNSURE = "include", "exclude", "unsure"
# (P wrong decision, P unsure) per reviewer, by the truth.
ERRORS = {
    "title_abstract": {INCLUDE: (0.07, 0.03), EXCLUDE: (0.012, 0.006)},
    "full_text": {INCLUDE: (0.05, 0.02), EXCLUDE: (0.08, 0.03)},
}
BACKGROUND_TA_EXCLUDED = 0.15  # background references excluded already at title/abstract
NOT_RETRIEVED = 5  # reports sought but not retrieved (simulated items only)
# References the paper counts among its 122 included articles that no scheme's bracket cites
# (data/extracted/README.md, "Included articles"): cited only in the CCT1 overview row or in cells.
APPENDIX2_ONLY = (13, 26, 85, 86, 87, 116)
REVIEWERS = ("reviewer_a", "reviewer_b")
COLUMNS = ("id", "decision", "reasons", "note")


@dataclass
class Screening:
    files: dict[str, str] = field(default_factory=dict)
    figures: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Truth:
    decision: str
    reasons: str = ""
    note: str = ""


def ta_truth(item: Item, rng: random.Random) -> Truth:
    if item.role in (SCHEME_REPORT, EXCLUDED_SCHEME_REPORT, BORDERLINE):
        return Truth(INCLUDE)
    if item.role == BACKGROUND:
        if rng.random() < BACKGROUND_TA_EXCLUDED and item.ref_id not in APPENDIX2_ONLY:
            return Truth(EXCLUDE, "E8")
        return Truth(INCLUDE)
    return Truth(EXCLUDE, item.theme)


def ft_truth(item: Item, rng: random.Random) -> Truth:
    if item.role in (SCHEME_REPORT, EXCLUDED_SCHEME_REPORT):
        return Truth(INCLUDE)
    if item.ref_id in APPENDIX2_ONLY:
        return Truth(EXCLUDE, "E7", "cited in Appendix 2 only outside a scheme's reference list (overview row "
                                    "or cell text): no scheme to link it to")
    if item.role == BACKGROUND:
        return Truth(EXCLUDE, "E8" if rng.random() < 0.7 else "E7")
    if item.role == BORDERLINE:
        return Truth(EXCLUDE, item.ft_reason)
    return Truth(EXCLUDE, item.theme if item.theme != "I1" else "E7")  # an off-topic false pass


def reviewer_call(truth: Truth, stage: str, rng: random.Random) -> str:
    wrong, unsure = ERRORS[stage][truth.decision]
    draw = rng.random()
    if draw < wrong:
        return EXCLUDE if truth.decision == INCLUDE else INCLUDE
    if draw < wrong + unsure:
        return UNSURE
    return truth.decision


def wrong_reason(item: Item) -> str:
    return "E8" if item.simulated else "E7"


def screen_stage(stage: str, ids: dict[str, Item], truths: dict[str, Truth], seed: int
                 ) -> tuple[dict[str, list[tuple[str, ...]]], dict[str, str]]:
    """Both reviewers' rows and the consensus rows of one stage; the outcome per id."""
    rows: dict[str, list[tuple[str, ...]]] = {"reviewer_a": [], "reviewer_b": [], "consensus": []}
    outcome: dict[str, str] = {}
    for rid in sorted(ids):
        item, truth = ids[rid], truths[rid]
        rng = random.Random(f"{seed}:{stage}:{item.key}")
        calls = [reviewer_call(truth, stage, rng) for _ in REVIEWERS]
        wrong = EXCLUDE if truth.decision == INCLUDE else INCLUDE
        if calls[0] == calls[1] == wrong and (not item.simulated or stage == "full_text"):
            calls[1] = truth.decision  # see the module docstring
        for name, call in zip(REVIEWERS, calls):
            reason = "" if call != EXCLUDE else (truth.reasons if truth.decision == EXCLUDE else wrong_reason(item))
            rows[name].append((rid, call, reason, ""))
        if calls[0] == calls[1] != UNSURE:
            outcome[rid] = calls[0]
            continue
        rows["consensus"].append((rid, truth.decision, truth.reasons,
                                  truth.note or f"resolved by discussion ({calls[0]} / {calls[1]})"))
        outcome[rid] = truth.decision
    return rows, outcome


def kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two reviewers' decisions (include / exclude / unsure as given)."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (observed - expected) / (1 - expected)


def to_csv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def screening_files(example, sheets: Sheets, seed: int) -> Screening:
    result = Screening()
    by_id = {example.first_id[item.key]: item for item in example.items}
    rng = random.Random(f"{seed}:truth")
    ta_truths = {rid: ta_truth(by_id[rid], rng) for rid in sorted(by_id)}
    ta_rows, ta_out = screen_stage("title_abstract", by_id, ta_truths, seed)

    sought = sorted(rid for rid, d in ta_out.items() if d == INCLUDE)
    candidates = [rid for rid in sought if by_id[rid].simulated]
    missing = set(random.Random(f"{seed}:retrieval").sample(candidates, min(NOT_RETRIEVED, len(candidates))))
    retrieval = [(rid, "not_retrieved" if rid in missing else "retrieved",
                  "not held by the library; interlibrary loan unsuccessful" if rid in missing else "")
                 for rid in sought]
    ft_ids = {rid: by_id[rid] for rid in sought if rid not in missing}
    rng = random.Random(f"{seed}:truth-ft")
    ft_truths = {rid: ft_truth(ft_ids[rid], rng) for rid in sorted(ft_ids)}
    ft_rows, ft_out = screen_stage("full_text", ft_ids, ft_truths, seed)

    study_rows = []
    for scheme in sorted(sheets.schemes, key=lambda s: s.scheme_id):
        decision = INCLUDE if scheme.included else EXCLUDE
        study_rows.append((scheme.scheme_id, decision, ";".join(scheme.reasons), scheme.comments))
    ref_record = {item.ref_id: example.first_id[item.key] for item in example.items if not item.simulated}
    links = sorted({(ref_record[ref], sid) for sid, ref in sheets.links}, key=lambda p: (p[1], p[0]))
    link_rows = [(rid, sid, f"reference [{by_id[rid].ref_id}]") for rid, sid in links]
    # Schemes the paper assessed without citing any reference (Appendix 3 row with no numbers) are declared
    # with an empty record_id, so they count as assessed like the others.
    linked = {sid for _, sid in links}
    link_rows += [("", s.scheme_id, f"{s.pointer}: the paper prints no reference for this scheme")
                  for s in sorted(sheets.schemes, key=lambda s: s.scheme_id) if s.scheme_id not in linked]
    link_rows.sort(key=lambda r: (r[1], r[0]))

    files = result.files
    for stage, rows in (("title_abstract", ta_rows), ("full_text", ft_rows)):
        for name, table in rows.items():
            files[f"data/screening/{stage}/{name}.csv"] = to_csv(COLUMNS, table)
    files["data/screening/full_text/retrieval.csv"] = to_csv(("id", "status", "note"), retrieval)
    for name in REVIEWERS:
        files[f"data/screening/study/{name}.csv"] = to_csv(COLUMNS, study_rows)
    files["data/screening/study/consensus.csv"] = to_csv(COLUMNS, [])
    files["data/screening/study_links.csv"] = to_csv(("record_id", "study_id", "note"), link_rows)

    included_schemes = {s.scheme_id for s in sheets.schemes if s.included}
    result.figures = {
        "screened": len(by_id), "ta_excluded": sum(d == EXCLUDE for d in ta_out.values()),
        "sought": len(sought), "not_retrieved": len(missing), "assessed": len(ft_ids),
        "ft_excluded": sum(d == EXCLUDE for d in ft_out.values()),
        "ft_included": sum(d == INCLUDE for d in ft_out.values()),
        "ft_reasons": Counter(ft_truths[r].reasons for r, d in ft_out.items() if d == EXCLUDE),
        "kappa_ta": kappa([r[1] for r in ta_rows["reviewer_a"]], [r[1] for r in ta_rows["reviewer_b"]]),
        "kappa_ft": kappa([r[1] for r in ft_rows["reviewer_a"]], [r[1] for r in ft_rows["reviewer_b"]]),
        "ta_conflicts": len(ta_rows["consensus"]), "ft_conflicts": len(ft_rows["consensus"]),
        "schemes": len(study_rows), "schemes_included": len(included_schemes),
        "schemes_excluded": len(study_rows) - len(included_schemes),
        "reports_of_included": len({rid for rid, sid in links if sid in included_schemes}),
        "reports_linked": len({rid for rid, _ in links}),
        "appendix2_only_excluded": sorted(i.ref_id for i in example.items
                                          if i.ref_id in APPENDIX2_ONLY and i.role == BACKGROUND),
        "appendix2_only_linked": sorted(i.ref_id for i in example.items
                                        if i.ref_id in APPENDIX2_ONLY and i.role != BACKGROUND),
    }
    return result
