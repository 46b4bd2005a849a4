"""Pin the hand-transcribed extraction sheets (data/extracted/) to the figures
printed in Mason, Goddard & Weatherly (2014), CHE Research Paper 97.

Where the transcription legitimately differs from a printed figure the test
asserts what the sheets give and points to the explanation in
data/extracted/README.md ("Reproduced vs published counts").

Reads the sheets with pandas; the row check uses the stage's own reader and the codebook
(config/extraction.yaml), the file the tables are built from.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from reviewflow.tables.codebook import load_codebook
from reviewflow.tables.sheets import read_extraction_sheet

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "extracted"

SHEETS = ["references", "schemes", "included_schemes", "excluded_schemes", "scheme_reports"]
DESIGNS = ["qualitative", "uncontrolled", "quasi_experimental", "routine_data", "mixed_methods", "rct"]
DIRECTIONS = ["favours_intervention", "no_effect", "favours_comparator", "mixed", "unclear", "not_assessed"]


def load(name: str) -> pd.DataFrame:
    """Read a sheet as text (empty cells -> "")."""
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def split(cell: str) -> list[str]:
    return [x for x in cell.split(";") if x]


@pytest.fixture(scope="module")
def refs():
    return load("references")


@pytest.fixture(scope="module")
def schemes():
    return load("schemes")


@pytest.fixture(scope="module")
def included(schemes):
    inc = load("included_schemes")
    return inc.merge(schemes[["scheme_id", "country"]], on="scheme_id", how="left")


@pytest.fixture(scope="module")
def excluded():
    return load("excluded_schemes")


@pytest.fixture(scope="module")
def links():
    return load("scheme_reports")


# --------------------------------------------------------------------------- format


@pytest.mark.parametrize("name", SHEETS)
def test_csv_format(name):
    raw = (DATA / f"{name}.csv").read_bytes()
    assert b"\r\n" not in raw, "LF line endings expected"
    raw.decode("utf-8")  # UTF-8
    df = load(name)
    key = df.columns[0]
    if name == "references":
        assert list(df[key].astype(int)) == sorted(df[key].astype(int))
    elif name == "scheme_reports":
        pairs = list(zip(df.scheme_id, df.ref_id.astype(int)))
        assert pairs == sorted(pairs)
        assert len(set(pairs)) == len(pairs), "duplicate scheme/ref pair"
    else:
        assert list(df[key]) == sorted(df[key])
        assert df[key].is_unique


@pytest.mark.parametrize("name", SHEETS)
def test_rows_validate_against_the_codebook(name):
    """Every row passes the JSON Schema the stage generates from the example's codebook (config/extraction.yaml)."""
    codebook = load_codebook(ROOT / "config" / "extraction.yaml")
    assert len(read_extraction_sheet(codebook, codebook.sheet(name), DATA / f"{name}.csv")) == len(load(name))


# --------------------------------------------------------------------------- references


def test_reference_count(refs):
    assert list(refs.ref_id.astype(int)) == list(range(1, 184))  # 183 references [1]-[183]
    assert (refs.title != "").all()
    assert (refs.year.str.fullmatch(r"(19|20)\d\d")).all()


# --------------------------------------------------------------------------- schemes


def test_scheme_totals(schemes):
    assert len(schemes) == 92
    assert (schemes.status == "included").sum() == 38
    assert (schemes.status == "excluded").sum() == 54
    inc = schemes[schemes.status == "included"]
    exc = schemes[schemes.status == "excluded"]
    assert list(inc.scheme_id) == [f"S{i:02d}" for i in range(1, 39)]
    assert list(exc.scheme_id) == [f"X{i:02d}" for i in range(1, 55)]
    assert list(inc.appendix_row.astype(int)) == list(range(1, 39))
    assert list(exc.appendix_row.astype(int)) == list(range(1, 55))
    assert set(inc.appendix) == {"Appendix 2"} and set(exc.appendix) == {"Appendix 3"}
    # the two Australian CCT overview rows are context, not schemes (README)
    assert not schemes.name.str.startswith("Coordinated Care Trials").any()


def test_included_countries(schemes):
    inc = schemes[schemes.status == "included"]
    assert inc.country.value_counts().to_dict() == {
        "Australia": 8, "Canada": 2, "England": 13, "Northern Ireland": 1,
        "Scotland": 2, "Sweden": 2, "USA": 9, "Wales": 1,
    }


def test_sheets_agree(schemes, included, excluded, links):
    assert list(included.scheme_id) == [f"S{i:02d}" for i in range(1, 39)]
    assert list(excluded.scheme_id) == [f"X{i:02d}" for i in range(1, 55)]
    # the name-bracket links are exactly the expansion of schemes.source_refs
    expected = sorted((r.scheme_id, int(x)) for r in schemes.itertuples() for x in split(r.source_refs))
    bracket = links[links.link_basis == "name_bracket"]
    assert sorted(zip(bracket.scheme_id, bracket.ref_id.astype(int))) == expected
    assert set(links.ref_id.astype(int)) <= set(range(1, 184))
    assert set(links.scheme_id) <= set(schemes.scheme_id)


# --------------------------------------------------------------------------- Appendix 3


def test_exclusion_reasons_are_the_study_level_decisions(excluded):
    """Appendix 3's marks are typed once, as the study-level decisions' reasons (E5 health care only,
    E6 social care only, E9 no financial integration, E10 other); the sheet keeps only the comments."""
    decisions = {who: pd.read_csv(ROOT / "data" / "screening" / "study" / f"{who}.csv", dtype=str,
                                  keep_default_na=False) for who in ("reviewer_a", "reviewer_b")}
    a, b = (d.set_index("id") for d in decisions.values())
    assert a[["decision", "reasons"]].equals(b[["decision", "reasons"]])  # the paper's decisions, twice
    out = a[a.decision == "exclude"]
    assert list(out.index) == list(excluded.scheme_id)
    codes = [c for cell in out.reasons for c in split(cell)]
    # Printed: health care only 31 (57%), no financial integration 19 (35%), social care only 1, other 9.
    assert {c: codes.count(c) for c in ("E5", "E6", "E9", "E10")} == {"E5": 31, "E6": 1, "E9": 19, "E10": 9}
    assert all(split(cell) for cell in out.reasons), "every excluded scheme has at least one reason"
    assert sum(len(split(cell)) > 1 for cell in out.reasons) == 6  # 31 + 1 + 19 + 9 = 60 marks on 54 rows
    assert not {"health_care_only", "social_care_only", "no_financial_integration", "other"} & set(excluded.columns)


# --------------------------------------------------------------------------- Table 3

TABLE3_PUBLISHED = {  # qualitative, uncontrolled, quasi-exp, routine data, mixed methods, RCT
    "Australia": [0, 0, 3, 0, 0, 5],
    "Canada": [0, 0, 1, 0, 0, 1],
    "England": [10, 8, 3, 4, 8, 0],
    "Northern Ireland": [1, 1, 0, 0, 0, 0],
    "Scotland": [2, 2, 0, 0, 1, 0],
    "Sweden": [2, 1, 1, 0, 1, 0],
    "USA": [1, 2, 4, 6, 0, 0],
    "Wales": [1, 1, 0, 0, 0, 0],
}

# What the Appendix 2 study-design cells give read literally (column study_designs_appendix).
# Pinned as they are: 7 of the 48 cells differ from the published Table 3 (England quasi-exp
# 4 vs 3 and routine 5 vs 4; N. Ireland uncontrolled 0 vs 1; Sweden uncontrolled 0 vs 1 and
# mixed 0 vs 1; USA quasi-exp 5 vs 4; Wales uncontrolled 0 vs 1). The column study_designs
# holds the authors' classification instead (README "Table 3: literal reading and reconciliation"); the claims
# check reports the difference.
TABLE3_APPENDIX = {
    "Australia": [0, 0, 3, 0, 0, 5],
    "Canada": [0, 0, 1, 0, 0, 1],
    "England": [10, 8, 4, 5, 8, 0],
    "Northern Ireland": [1, 0, 0, 0, 0, 0],
    "Scotland": [2, 2, 0, 0, 1, 0],
    "Sweden": [2, 0, 1, 0, 0, 0],
    "USA": [1, 2, 5, 6, 0, 0],
    "Wales": [1, 0, 0, 0, 0, 0],
}

# The reconciliation, scheme by scheme: Appendix 2 read literally -> Table 3 coding.
RECONCILED = {
    "S14": ("qualitative;quasi_experimental;routine_data;mixed_methods", "qualitative;mixed_methods"),
    "S24": ("qualitative", "qualitative;uncontrolled"),
    "S28": ("qualitative;quasi_experimental", "qualitative;uncontrolled;quasi_experimental;mixed_methods"),
    "S37": ("quasi_experimental;routine_data", "routine_data"),
    "S38": ("qualitative", "qualitative;uncontrolled"),
}


def table3(included, column="study_designs"):
    out = {}
    for country, grp in included.groupby("country"):
        out[country] = [sum(code in split(cell) for cell in grp[column]) for code in DESIGNS]
    return out


@pytest.mark.parametrize("column", ["study_designs", "study_designs_appendix"])
def test_design_codes_valid(included, column):
    for cell in included[column]:
        codes = split(cell)
        assert codes and set(codes) <= set(DESIGNS) and len(codes) == len(set(codes))
        assert codes == sorted(codes, key=DESIGNS.index), "codes in the order of DESIGNS"


def test_table3_equals_published(included):
    # "The example's design_by_country table equals the seed's Table 3 cell for cell."
    assert table3(included) == TABLE3_PUBLISHED
    # "RCTs were used to investigate 16% of the schemes" (6/38); "a further 32% employed
    # quasi-experimental designs" (12/38); 45% qualitative (17/38); 26% mixed methods and
    # 26% routine data (10/38)
    totals = [sum(v[j] for v in table3(included).values()) for j in range(6)]
    assert totals == [17, 15, 12, 10, 10, 6]


def test_table3_appendix_read_literally(included):
    got = table3(included, "study_designs_appendix")
    assert got == TABLE3_APPENDIX
    differing = {(c, DESIGNS[j]) for c in TABLE3_PUBLISHED for j in range(6)
                 if TABLE3_PUBLISHED[c][j] != got[c][j]}
    assert differing == {
        ("England", "quasi_experimental"), ("England", "routine_data"),
        ("Northern Ireland", "uncontrolled"), ("Sweden", "uncontrolled"),
        ("Sweden", "mixed_methods"), ("USA", "quasi_experimental"), ("Wales", "uncontrolled"),
    }


@pytest.mark.parametrize("scheme_id, literal, table3_codes", [(k, *v) for k, v in RECONCILED.items()])
def test_table3_reconciliation_rows(included, scheme_id, literal, table3_codes):
    row = included.set_index("scheme_id").loc[scheme_id]
    assert (row.study_designs_appendix, row.study_designs) == (literal, table3_codes)
    assert "Table 3 reconciliation: " in row.notes and ", because " in row.notes


def test_table3_reconciliation_touches_only_those_rows(included):
    changed = included[included.study_designs != included.study_designs_appendix]
    assert sorted(changed.scheme_id) == sorted(RECONCILED)
    assert not included[~included.scheme_id.isin(RECONCILED)].notes.str.contains("Table 3 reconciliation").any()


# --------------------------------------------------------------------------- articles

# References linked to included schemes other than through their own name bracket: the CCT
# overview rows' references go to the trials each overview covers (CCT1 -> S01-S06, its "See
# also" list; CCT2 -> S07-S08), a reference cited in a scheme's cell goes to that scheme.
EXTRA_LINKS = {
    13: ("overview_row", ["S01", "S02", "S03", "S04", "S05", "S06"]),
    85: ("overview_row", ["S01", "S02", "S03", "S04", "S05", "S06"]),
    86: ("overview_row", ["S01", "S02", "S03", "S04", "S05", "S06"]),
    87: ("overview_row", ["S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08"]),
    26: ("cited_in_cell", ["S13"]),
    116: ("cited_in_cell", ["S22"]),
}


def test_link_basis(links):
    assert set(links.link_basis) == {"name_bracket", "overview_row", "cited_in_cell"}
    extra = links[links.link_basis != "name_bracket"]
    got = {}
    for r in extra.itertuples():
        basis, schemes = got.setdefault(int(r.ref_id), (r.link_basis, []))
        assert basis == r.link_basis
        schemes.append(r.scheme_id)
    assert got == EXTRA_LINKS
    assert extra.source_pointer.str.startswith("Appendix 2").all()


def test_included_article_count(links):
    inc = links[links.scheme_id.str.startswith("S")]
    # Paper: "38 schemes, reported in 122 articles" = every reference cited anywhere in
    # Appendix 2 (README "Included articles: 122").
    assert inc.ref_id.nunique() == 122
    # the 38 included schemes' own name brackets give 116 ...
    bracket_refs = set(inc[inc.link_basis == "name_bracket"].ref_id.astype(int))
    assert len(bracket_refs) == 116
    # ... and the six other references are exactly the ones no bracket of an included scheme has
    assert set(inc.ref_id.astype(int)) - bracket_refs == set(EXTRA_LINKS)
    assert not bracket_refs & set(EXTRA_LINKS)
    # all links, incl. excluded schemes: 154 through name brackets; [116] is also in two
    # excluded schemes' brackets, so the extra links add 5
    assert links[links.link_basis == "name_bracket"].ref_id.nunique() == 154
    assert links.ref_id.nunique() == 159


# --------------------------------------------------------------------------- IRM categories


def test_irm_categories(included):
    cats = [split(c) for c in included.irm_categories]
    assert all(set(c) <= set("12345678") for c in cats)
    pooled = sum("5" in c for c in cats)
    # Paper p10: "Most of the schemes (31/38) in our review used pooled funds." Coding the
    # printed IRM labels gives 26 (README "IRM categories").
    assert pooled == 26
    assert sum("2" in c for c in cats) == 1  # "only one example of cross charging"
    assert sum("1" in c for c in cats) == 0  # no transfer payments


# --------------------------------------------------------------------------- findings


def test_direction_codes_valid(included):
    assert set(included.health_outcome) <= set(DIRECTIONS)
    assert set(included.secondary_care) <= set(DIRECTIONS)


def test_health_outcome_directions(included):
    got = Counter(included.health_outcome)
    # Paper: assessed in 23/38: 13 no effect, 5 mixed, 4 better, 1 worse.
    # Sheets: 12 no effect, 7 mixed, 4 better, 1 worse, 2 unclear, 12 not assessed
    # (README "Findings directions" lists the schemes behind each difference).
    assert got["favours_intervention"] == 4
    assert got["favours_comparator"] == 1
    assert got["no_effect"] == 12
    assert got["mixed"] == 7
    assert got["unclear"] == 2
    assert got["not_assessed"] == 12
    assert included.loc[included.health_outcome == "favours_comparator", "scheme_id"].tolist() == ["S03"]


def test_secondary_care_directions(included):
    got = Counter(included.secondary_care)
    # Paper: assessed in 34/38: 11 no effect, 14 mixed, 5 unclear, 3 reductions, 1 higher.
    assert got["not_assessed"] == 4
    assert sum(v for k, v in got.items() if k != "not_assessed") == 34
    assert got["mixed"] == 14
    assert got["unclear"] == 5
    assert got["favours_comparator"] == 1
    # Sheets: 4 reductions (Torbay, Wye Valley, VHA + Commonwealth Care Alliance) and
    # 10 no effect (README "Findings directions").
    assert got["favours_intervention"] == 4
    assert got["no_effect"] == 10
    assert included.loc[included.secondary_care == "favours_comparator", "scheme_id"].tolist() == ["S04"]
