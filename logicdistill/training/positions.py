"""Game positions to make selection examples on: seeded training positions and held-out test positions.

A :class:`DecisionPoint` is one decision as a stage function and a prompt see it:
the state dict and the state text (pursuit: one blue dot of one position; 21
points: one seat's turn). Training positions come from a passed
``numpy.random.Generator`` and are checked to differ from every benchmark start
and deal; held-out positions ARE the benchmark's starts (open board and with the
restricted area) and deals, so an accuracy measured on them is on unseen
positions. Which function is right at a position is :mod:`.ld_data`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.tasks import pursuit as pt
from logicdistill.tasks import twentyone as tt
from logicdistill.tasks.base import TaskName

MAX_START_STEP = 40  # pursuit training positions claim a step count in [0, 40)
AREA_SIDES = (3, 4, 5, 6, 7)  # sides of the restricted squares of emergency training positions
MAX_RANDOM_TURNS = 4  # 21 points: random turns played from a deal before the decision


@dataclass(frozen=True)
class DecisionPoint:
    """One decision: the state dict the stage functions get and the same position in words."""

    task: TaskName
    state: dict
    state_text: str
    emergency: bool  # pursuit: the board has restricted cells


@cache
def _test_positions() -> frozenset[tuple]:
    return frozenset((s.blues, s.orange) for s in pg.test_starts())


@cache
def _test_deals() -> frozenset[tuple]:
    return frozenset(_deal_key(tg.deal_from_seed(seed)) for seed in tg.DEAL_SEEDS)


def _deal_key(state: tg.TwentyOneState) -> tuple:
    return (state.hands, state.deck)


def pursuit_points(count: int, rng: np.random.Generator, emergency_fraction: float) -> list[DecisionPoint]:
    """``count`` random positions (a random dot deciding), a share of them with a restricted square."""
    points: list[DecisionPoint] = []
    while len(points) < count:
        config = pg.PursuitConfig()
        emergency = bool(rng.random() < emergency_fraction)
        if emergency:
            side = int(AREA_SIDES[int(rng.integers(len(AREA_SIDES)))])
            config = pg.PursuitConfig(restricted=pg.random_square(config.size, rng, side=side))
        state = replace(pg.random_start(config, rng), step=int(rng.integers(MAX_START_STEP)))
        dot = int(rng.integers(pg.N_BLUE))
        if (state.blues, state.orange) in _test_positions():
            continue  # never train on a benchmark start
        points.append(_pursuit_point(config, state, dot))
    return points


def twentyone_points(count: int, rng: np.random.Generator) -> list[DecisionPoint]:
    """``count`` random turns: a shuffled deal played on by a few random moves, from the mover's seat."""
    points: list[DecisionPoint] = []
    while len(points) < count:
        start = tg.deal(rng)
        if _deal_key(start) in _test_deals():
            continue  # never train on a benchmark deal
        state = start
        for _ in range(int(rng.integers(MAX_RANDOM_TURNS + 1))):
            action = tg.Action.HIT if rng.random() < 0.5 else tg.Action.STAND
            after, _illegal = tg.apply_action(state, action)
            if after.done:
                break
            state = after
        points.append(_twentyone_point(state, state.to_move))
    return points


def heldout_pursuit_points(count: int) -> list[DecisionPoint]:
    """Benchmark positions: test starts on the open board, then (second half) with their restricted area."""
    open_count = (count + 1) // 2
    starts = pg.test_starts()
    games = pg.restricted_test_games()
    if open_count > len(starts) or count - open_count > len(games):
        raise ValueError(f"at most {2 * len(starts)} held-out pursuit positions")
    points = [_pursuit_point(pg.PursuitConfig(), starts[i], i % pg.N_BLUE) for i in range(open_count)]
    points += [
        _pursuit_point(config, state, i % pg.N_BLUE)
        for i, (config, state) in enumerate(games[: count - open_count])
    ]
    return points


def heldout_twentyone_points(count: int) -> list[DecisionPoint]:
    """Benchmark deals, alternately from seat 1's and seat 2's point of view."""
    if count > len(tg.DEAL_SEEDS):
        raise ValueError(f"at most {len(tg.DEAL_SEEDS)} held-out 21-points positions")
    return [_twentyone_point(tg.deal_from_seed(seed), i % 2) for i, seed in enumerate(tg.DEAL_SEEDS[:count])]


def training_points(task: TaskName, count: int, rng: np.random.Generator, emergency_fraction: float) -> list:
    if task is TaskName.PURSUIT:
        return pursuit_points(count, rng, emergency_fraction)
    return twentyone_points(count, rng)


def heldout_points(task: TaskName, count: int) -> list[DecisionPoint]:
    return heldout_pursuit_points(count) if task is TaskName.PURSUIT else heldout_twentyone_points(count)


def _pursuit_point(config: pg.PursuitConfig, state: pg.PursuitState, dot: int) -> DecisionPoint:
    return DecisionPoint(
        TaskName.PURSUIT,
        pt.state_dict(config, state, dot),
        pt.state_text(config, state, dot),
        emergency=bool(config.restricted),
    )


def _twentyone_point(state: tg.TwentyOneState, seat: int) -> DecisionPoint:
    return DecisionPoint(
        TaskName.TWENTYONE, tt.state_dict(state, seat), tt.selection_text(state, seat), False
    )
