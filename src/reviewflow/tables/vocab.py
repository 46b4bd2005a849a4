"""The controlled vocabularies of the extraction sheets, with the labels the paper prints.

Data, not code: the builders, the charts and the claims check all read these tables.
"""

from __future__ import annotations

# Study design categories of the paper's Table 3 / Figure 3, in the paper's column order.
DESIGNS: dict[str, str] = {
    "qualitative": "Qualitative",
    "uncontrolled": "Uncontrolled",
    "quasi_experimental": "Quasi-experimental",
    "routine_data": "Analysis of routine data",
    "mixed_methods": "Mixed methods",
    "rct": "RCT",
}

# Direction of a scheme's findings (health outcomes; secondary care cost/use), in the order the
# paper reports them. "not_assessed" means the scheme has no evidence on that outcome.
DIRECTIONS: dict[str, str] = {
    "favours_intervention": "Favours intervention",
    "no_effect": "No effect",
    "favours_comparator": "Favours comparator",
    "mixed": "Mixed",
    "unclear": "Unclear",
    "not_assessed": "Not assessed",
}

# The paper's Table 4: types of integrated resource mechanism (IRM).
IRM_TYPES: dict[int, str] = {
    1: "Transfer payments",
    2: "Cross charging",
    3: "Aligned budgets",
    4: "Lead commissioning",
    5: "Pooled funds",
    6: "Integrated management/provision without pooled funds",
    7: "Integrated management/provision with pooled funds",
    8: "Structural integration",
}

# Appendix 3's reason columns: sheet column -> (printed label, screening criterion code).
EXCLUSION_REASONS: dict[str, tuple[str, str]] = {
    "health_care_only": ("Health care only", "E5"),
    "social_care_only": ("Social care only", "E6"),
    "no_financial_integration": ("No financial integration", "E9"),
    "other": ("Other", "E10"),
}

MARK = "x"  # how Appendix 3 marks a reason (the sheets take "x" or empty)
