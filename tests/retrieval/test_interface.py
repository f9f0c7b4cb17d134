"""The top-K rule every retriever shares: order, ties, k larger than the base, bad k."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from logicdistill.errors import UserError
from logicdistill.retrieval.interface import check_k, top_k

NAMES = ["a", "b", "c", "d"]


def test_best_first_and_ties_keep_base_order():
    scores = np.array([[0.5, 0.9, 0.5, 0.1], [0.2, 0.2, 0.2, 0.2]])
    rows = top_k(scores, NAMES, 3)
    assert [h.function for h in rows[0]] == ["b", "a", "c"]
    assert [h.function for h in rows[1]] == ["a", "b", "c"]
    assert [h.score for h in rows[0]] == [0.9, 0.5, 0.5]


def test_k_larger_than_base_returns_whole_base():
    rows = top_k(np.array([[0.1, 0.4, 0.3, 0.2]]), NAMES, 50)
    assert [h.function for h in rows[0]] == ["b", "c", "d", "a"]


@pytest.mark.parametrize("k", [0, -1, 1.5, "3", True, None])
def test_bad_k_is_a_user_error(k):
    with pytest.raises(UserError, match="k must be"):
        check_k(k)


def test_scores_must_match_names():
    with pytest.raises(ValueError, match="do not match"):
        top_k(np.zeros((1, 3)), NAMES, 1)


@given(st.lists(st.integers(-3, 3), min_size=1, max_size=12), st.integers(1, 15))
def test_top_k_is_a_sorted_prefix_of_a_stable_sort(values, k):
    names = [f"f{i}" for i in range(len(values))]
    hits = top_k(np.array([values], dtype=float), names, k)[0]
    expected = sorted(range(len(values)), key=lambda i: (-values[i], i))[:k]
    assert [h.function for h in hits] == [names[i] for i in expected]
