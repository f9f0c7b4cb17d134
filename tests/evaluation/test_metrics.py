"""Known-answer tests for the interval helpers and the row summaries."""

import math

import pytest

from logicdistill.evaluation.metrics import bootstrap_mean, summarize_pursuit, summarize_twentyone, wilson
from logicdistill.games.pursuit import Outcome
from logicdistill.games.twentyone import Result


def _wilson_closed_form(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(0, 10), (3, 10), (10, 10), (96, 200), (1, 2000)])
def test_wilson_matches_closed_form(k, n):
    rate = wilson(k, n)
    low, high = _wilson_closed_form(k, n)
    assert rate.low == pytest.approx(max(low, 0.0), abs=1e-9)
    assert rate.high == pytest.approx(min(high, 1.0), abs=1e-9)
    assert rate.value == k / n


def test_bootstrap_interval_brackets_the_mean_and_is_seeded():
    values = [10, 12, 13, 15, 20, 11, 14]
    first, second = bootstrap_mean(values), bootstrap_mean(values)
    assert first == second
    assert first.low < first.value < first.high
    assert first.value == pytest.approx(sum(values) / len(values))
    assert bootstrap_mean([]).value is None
    assert bootstrap_mean([5, 5]).low == 5


def test_pursuit_summary_counts_outcomes_and_ratios():
    outcomes = [Outcome.SUCCESS, Outcome.SUCCESS, Outcome.FAIL_VIOLATION, Outcome.FAIL_NO_VIOLATION]
    row = summarize_pursuit("a", "b", outcomes, [10, 20, 3, 100], [10, 10, 5, 8])
    assert (row.success.k, row.fail_violation.k, row.fail_no_violation.k, row.n) == (2, 1, 1, 4)
    assert row.mean_steps.value == 15
    assert row.steps_over_tstar.value == pytest.approx(1.5)
    with pytest.raises(ValueError):
        summarize_pursuit("a", "b", outcomes, [1], [1])


def test_twentyone_summary_relates_wins_to_the_optimum():
    results = [Result.VICTORY, Result.LOSS, Result.DRAW, Result.VICTORY]
    row = summarize_twentyone("a", "b", results, [0.5, 0.5, 0.5, 0.5])
    assert (row.victory.k, row.loss.k, row.draw.k) == (2, 1, 1)
    assert row.win_over_optimal == pytest.approx(1.0)
