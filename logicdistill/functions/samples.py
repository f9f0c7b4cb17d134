"""Sample inputs for admission: real game positions, seeded, turned into stage arguments per contract.

Positions come from the games' own seeded starts, played on for a few
random legal steps (randomness only from seeded ``numpy`` generators), on
open boards and on boards with a restricted area, plus a few corner cases
(a dot in a corner, next to the evader). The same seeds always give the same
samples. Checking what a function returns on them lives in :mod:`.contracts`.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.tasks import pursuit as pt
from logicdistill.tasks import twentyone as tt
from logicdistill.tasks.base import Contract

# Documented seed lists, disjoint from the benchmark and KD seeds of the games.
PURSUIT_SAMPLE_SEEDS: tuple[int, ...] = tuple(range(40_000, 40_008))
TWENTYONE_SAMPLE_SEEDS: tuple[int, ...] = tuple(range(41_000, 41_016))
MAX_ROLLOUT_STEPS = 12


def sample_inputs(contract: Contract) -> list[tuple]:
    """Argument tuples for calling a function with ``contract`` (fresh lists and dicts each time)."""
    builders = {
        Contract.MOVE_GENERATOR: lambda: [(s,) for s in _pursuit_states()],
        Contract.MOVE_FILTER: _filter_args,
        Contract.MOVE_SELECTOR: _selector_args,
        Contract.HAND_EVALUATOR: lambda: [(s,) for s in _twentyone_states()],
        Contract.RISK_ESTIMATOR: lambda: [(s["total"], s) for s in _twentyone_states()],
        Contract.TWENTYONE_DECISION: _decision_args,
    }
    return builders[contract]()


def _pursuit_states() -> list[dict]:
    return [
        pt.state_dict(config, state, dot)
        for config, state in _pursuit_positions()
        for dot in range(pg.N_BLUE)
    ]


@cache
def _pursuit_positions() -> tuple[tuple[pg.PursuitConfig, pg.PursuitState], ...]:
    positions = []
    for i, seed in enumerate(PURSUIT_SAMPLE_SEEDS):
        rng = np.random.default_rng(seed)
        config = pg.PursuitConfig()
        if i % 2:
            start = pg.start_from_seed(seed)
            area = pg.random_square(config.size, rng, avoid=[*start.blues, start.orange])
            config = pg.PursuitConfig(restricted=area)
        state = pg.random_start(config, rng)
        for _ in range(int(rng.integers(0, MAX_ROLLOUT_STEPS))):
            nxt = _random_step(config, state, rng)
            if nxt.done:
                break
            state = nxt
        positions.append((config, state))
    corner = pg.PursuitState(blues=((0, 0), (0, 2), (20, 20)), orange=(1, 0), step=5)
    walled = pg.PursuitConfig(restricted=pg.rectangle(2, 0, 6, 4))
    positions += [
        (pg.PursuitConfig(), corner),
        (walled, pg.PursuitState(((1, 1), (7, 2), (3, 6)), (0, 4), 3)),
    ]
    return tuple(positions)


def _random_step(
    config: pg.PursuitConfig, state: pg.PursuitState, rng: np.random.Generator
) -> pg.PursuitState:
    choices = []
    for blue in state.blues:
        legal = pg.blue_legal(config, blue, state.orange)
        choices.append(legal[int(rng.integers(len(legal)))])
    state, _ = pg.apply_blue(config, state, choices)
    if state.done:
        return state
    legal = pg.orange_legal(config, state.orange, state.blues) or [state.orange]
    state, _ = pg.apply_orange(config, state, legal[int(rng.integers(len(legal)))])
    return state


def _all_offsets(position: tuple[int, int]) -> list[tuple[int, int]]:
    return [(position[0] + dx, position[1] + dy) for dx, dy in pg.BLUE_OFFSETS]


def _filter_args() -> list[tuple]:
    args = []
    for config, state in _pursuit_positions():
        for dot in range(pg.N_BLUE):
            s = pt.state_dict(config, state, dot)
            args.append((_all_offsets(s["position"]), s))
            moves = pg.blue_candidates(config, state.blues[dot], state.orange)
            args.append((list(moves), pt.state_dict(config, state, dot)))
    return args


def _selector_args() -> list[tuple]:
    args = []
    for config, state in _pursuit_positions():
        for dot in range(pg.N_BLUE):
            legal = pg.blue_legal(config, state.blues[dot], state.orange)
            args.append((legal, pt.state_dict(config, state, dot)))
            args.append((legal[-1:], pt.state_dict(config, state, dot)))
    return args


@cache
def _twentyone_positions() -> tuple[tuple[tg.TwentyOneState, int], ...]:
    """(table, seat to move) for tables where that seat still decides."""
    positions = []
    for seed in TWENTYONE_SAMPLE_SEEDS:
        rng = np.random.default_rng(seed)
        state = tg.deal(rng)
        while not state.done:
            positions.append((state, state.to_move))
            hit = rng.random() < 0.5 and state.total(state.to_move) < 19
            state, _ = tg.apply_action(state, tg.Action.HIT if hit else tg.Action.STAND)
    return tuple(positions)


def _twentyone_states() -> list[dict]:
    return [tt.state_dict(state, seat) for state, seat in _twentyone_positions()]


def _bust_probability(s: dict) -> float:
    if not s["cards_left"]:
        return 0.0
    busting = sum(n for rank, n in s["deck"].items() if tg.hand_total([*s["hand"], rank]) > tg.BUST_ABOVE)
    return busting / s["cards_left"]


def _decision_args() -> list[tuple]:
    states = _twentyone_states()
    args = [(_bust_probability(s), s) for s in states]
    args += [(0.0, states[0]), (1.0, states[-1]), (0.5, states[len(states) // 2])]
    return args
