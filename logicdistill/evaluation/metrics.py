"""Outcome rates with Wilson intervals and mean steps with bootstrap intervals (SPEC §5).

Summaries of finished episodes, one frozen dataclass per table row. Playing
the episodes, batching and resuming live elsewhere; so do tables and plots.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from logicdistill.games.pursuit import Cell, IllegalBlue, Outcome, PursuitConfig, why_illegal_blue
from logicdistill.games.twentyone import Result

CONFIDENCE = 0.95
BOOTSTRAP_RESAMPLES = 2_000
BOOTSTRAP_SEED = 0


@dataclass(frozen=True)
class Rate:
    """k successes out of n, with a Wilson 95% interval."""

    k: int
    n: int
    low: float
    high: float

    @property
    def value(self) -> float:
        return self.k / self.n if self.n else float("nan")


@dataclass(frozen=True)
class Mean:
    """A sample mean with a percentile-bootstrap 95% interval (None where the sample is empty)."""

    n: int
    value: float | None
    low: float | None
    high: float | None


def wilson(k: int, n: int) -> Rate:
    if n == 0:
        return Rate(0, 0, float("nan"), float("nan"))
    from scipy.stats import binomtest

    ci = binomtest(k, n).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    return Rate(k, n, float(ci.low), float(ci.high))


def bootstrap_mean(values: Sequence[float]) -> Mean:
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return Mean(0, None, None, None)
    mean = float(values.mean())
    if values.size == 1 or np.all(values == values[0]):
        return Mean(int(values.size), mean, mean, mean)
    from scipy.stats import bootstrap

    res = bootstrap(
        (values,),
        np.mean,
        confidence_level=CONFIDENCE,
        n_resamples=BOOTSTRAP_RESAMPLES,
        method="percentile",
        rng=np.random.default_rng(BOOTSTRAP_SEED),
    )
    return Mean(
        int(values.size), mean, float(res.confidence_interval.low), float(res.confidence_interval.high)
    )


@dataclass(frozen=True)
class PursuitSummary:
    """One Table-1 row: outcome rates, mean steps of successes, and steps / T* against the oracle."""

    agent: str
    opponent: str
    n: int
    success: Rate
    fail_no_violation: Rate
    fail_violation: Rate
    mean_steps: Mean
    steps_over_tstar: Mean


def summarize_pursuit(
    agent: str,
    opponent: str,
    outcomes: Sequence[Outcome],
    steps: Sequence[int],
    capture_times: Sequence[int | None],
) -> PursuitSummary:
    """``capture_times`` holds T* per episode (None where capture is impossible)."""
    n = len(outcomes)
    if not (len(steps) == len(capture_times) == n):
        raise ValueError("outcomes, steps and capture_times must have the same length")
    won = [i for i, o in enumerate(outcomes) if o is Outcome.SUCCESS]
    ratios = [steps[i] / capture_times[i] for i in won if capture_times[i]]
    return PursuitSummary(
        agent=agent,
        opponent=opponent,
        n=n,
        success=wilson(len(won), n),
        fail_no_violation=wilson(sum(o is Outcome.FAIL_NO_VIOLATION for o in outcomes), n),
        fail_violation=wilson(sum(o is Outcome.FAIL_VIOLATION for o in outcomes), n),
        mean_steps=bootstrap_mean([steps[i] for i in won]),
        steps_over_tstar=bootstrap_mean(ratios),
    )


BlueStep = tuple[Sequence[Cell], Cell, Sequence[object], Sequence[bool]]  # blues, orange, choices, flags


def count_illegal_blue(games: Iterable[tuple[PursuitConfig, Iterable[BlueStep]]]) -> dict[str, int]:
    """How many of the games' illegal blue choices were of each kind (:class:`IllegalBlue`, in its
    order, zeros included); a game is its board and its steps, each the position before the blue
    move, the choices and their flags."""
    counts: Counter[IllegalBlue] = Counter()
    for config, steps in games:
        for blues, orange, choices, flags in steps:
            for blue, choice, flagged in zip(blues, choices, flags, strict=True):
                kind = why_illegal_blue(config, blue, choice, orange) if flagged else None
                if kind is not None:
                    counts[kind] += 1
    return {kind.value: counts[kind] for kind in IllegalBlue}


def illegal_blue_kinds(records: Sequence[dict]) -> dict[str, int] | None:
    """:func:`count_illegal_blue` over harness records; None when a record has no ``choices``
    (played before the harness kept them)."""
    if any("choices" not in r for r in records):
        return None
    return count_illegal_blue((_record_board(r), _record_steps(r)) for r in records)


def _record_board(record: dict) -> PursuitConfig:
    return PursuitConfig(size=record["size"], restricted=frozenset(tuple(c) for c in record["restricted"]))


def _record_steps(record: dict) -> Iterable[BlueStep]:
    trail = [[tuple(c) for c in position] for position in record["trail"]]
    steps = zip(
        trail[:-1], record["choices"], record["illegal_steps"], strict=True
    )  # positions before each step
    return ((t[:3], t[3], c, f) for t, c, f in steps)


@dataclass(frozen=True)
class TwentyOneSummary:
    """One Table-3 row: victory / loss / draw rates and the exact optimal win rate on the same games."""

    agent: str
    opponent: str
    n: int
    victory: Rate
    loss: Rate
    draw: Rate
    optimal_win: float

    @property
    def win_over_optimal(self) -> float:
        return self.victory.value / self.optimal_win if self.optimal_win else float("nan")


def summarize_twentyone(
    agent: str, opponent: str, results: Sequence[Result], optimal_wins: Sequence[float]
) -> TwentyOneSummary:
    """``optimal_wins`` holds the exact optimal win probability of each game's deal and seat."""
    n = len(results)
    if len(optimal_wins) != n:
        raise ValueError("results and optimal_wins must have the same length")
    return TwentyOneSummary(
        agent=agent,
        opponent=opponent,
        n=n,
        victory=wilson(sum(r is Result.VICTORY for r in results), n),
        loss=wilson(sum(r is Result.LOSS for r in results), n),
        draw=wilson(sum(r is Result.DRAW for r in results), n),
        optimal_win=float(np.mean(optimal_wins)) if n else float("nan"),
    )
