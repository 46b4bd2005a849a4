"""Agreement statistics against hand computations (reviewflow.screening.agreement)."""

from __future__ import annotations

import math

import pytest

from reviewflow.screening.agreement import agreement

# The textbook 2 x 2 table (n = 50): both include 20, A include/B exclude 5, A exclude/B include 10,
# both exclude 15.
A = ["include"] * 25 + ["exclude"] * 25
B = ["include"] * 20 + ["exclude"] * 5 + ["include"] * 10 + ["exclude"] * 15


def test_kappa_and_its_interval_match_a_hand_computation():
    result = agreement(A, B)
    # p_o = 35/50 = 0.7; marginals A 0.5/0.5, B 0.6/0.4; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5
    assert (result.n, result.n_agree, result.percent) == (50, 35, 70.0)
    assert result.kappa == pytest.approx(0.4)
    # Fleiss, Cohen & Everitt (1969), cell by cell (p_ij, A's marginal p_i., B's p_.j):
    diagonal = 0.4 * (1 - (0.5 + 0.6) * 0.6) ** 2 + 0.3 * (1 - (0.5 + 0.4) * 0.6) ** 2  # 0.10972
    off = 0.6 ** 2 * (0.1 * (0.6 + 0.5) ** 2 + 0.2 * (0.4 + 0.5) ** 2)  # 0.10188
    se = math.sqrt((diagonal + off - (0.4 - 0.5 * 0.6) ** 2) / (50 * 0.5 ** 2))  # sqrt(0.016128)
    assert result.kappa_se == pytest.approx(se) == pytest.approx(0.126996, abs=1e-6)
    assert (result.ci_low, result.ci_high) == pytest.approx((0.4 - 1.959964 * se, 0.4 + 1.959964 * se))


@pytest.mark.parametrize("a, b, pabak, ac1", [
    # k = 3 categories (include, exclude, unsure): PABAK = (3 p_o - 1) / 2
    (A, B, (3 * 0.7 - 1) / 2, None),
    # AC1: pi_include = (0.5 + 0.6)/2 = 0.55, pi_exclude = 0.45, pi_unsure = 0;
    # p_e = (0.55*0.45 + 0.45*0.55) / 2 = 0.2475; AC1 = (0.7 - 0.2475) / 0.7525
    (A, B, None, (0.7 - 0.2475) / 0.7525),
])
def test_pabak_and_gwet_ac1(a, b, pabak, ac1):
    result = agreement(a, b)
    if pabak is not None:
        assert result.pabak == pytest.approx(pabak)
    if ac1 is not None:
        assert result.ac1 == pytest.approx(ac1)


def test_unsure_against_a_firm_decision_is_a_disagreement():
    assert agreement(["include", "unsure"], ["include", "include"]).n_agree == 1


@pytest.mark.parametrize("a, b", [([], []), (["exclude"] * 4, ["exclude"] * 4)])
def test_kappa_is_undefined_without_units_or_without_variation(a, b):
    result = agreement(a, b)
    assert result.kappa is None and result.ci_low is None
