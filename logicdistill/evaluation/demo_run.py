"""The demo's games: reference policies on seeded benchmark subsets, summarised against the oracles.

Sequential and model-free; the batched, resumable harness for LLM agents
is separate (issue 6). Seeds come from the games' documented lists.
"""

from __future__ import annotations

import numpy as np

from logicdistill.evaluation.metrics import (
    PursuitSummary,
    TwentyOneSummary,
    summarize_pursuit,
    summarize_twentyone,
)
from logicdistill.games.pursuit import PursuitConfig, test_starts
from logicdistill.games.pursuit_oracle import oracle_for
from logicdistill.games.pursuit_policies import make_evader, make_pursuer
from logicdistill.games.runner import run_pursuit, run_twentyone
from logicdistill.games.twentyone import benchmark_games, deal_from_seed
from logicdistill.games.twentyone_oracle import solve_state
from logicdistill.games.twentyone_policies import make_opponent

DEMO_PURSUERS = ("oracle", "greedy")
DEMO_EVADER = "optimal"
DEMO_PLAYERS = ("optimal", "threshold")
DEMO_OPPONENT = "threshold"
DEMO_SEED = 0


def run_demo(pursuit_games: int, deals: int) -> tuple[list[PursuitSummary], list[TwentyOneSummary]]:
    return pursuit_rows(pursuit_games), twentyone_rows(deals)


def pursuit_rows(n_games: int) -> list[PursuitSummary]:
    config = PursuitConfig()
    oracle = oracle_for(config)
    starts = test_starts(config)[:n_games]
    capture_times = [oracle.capture_time(s.blues, s.orange) for s in starts]
    rows = []
    for name in DEMO_PURSUERS:
        pursuer, evader = make_pursuer(name, config), make_evader(DEMO_EVADER, config)
        rng = np.random.default_rng(DEMO_SEED)
        episodes = [run_pursuit(config, s, pursuer, evader, rng) for s in starts]
        rows.append(
            summarize_pursuit(
                name, DEMO_EVADER, [e.outcome for e in episodes], [e.steps for e in episodes], capture_times
            )
        )
    return rows


def twentyone_rows(n_deals: int) -> list[TwentyOneSummary]:
    games = benchmark_games()[: 2 * n_deals]
    opponent = make_opponent(DEMO_OPPONENT)
    optimal = [solve_state(deal_from_seed(seed), seat, opponent).odds.win for seed, seat in games]
    rows = []
    for name in DEMO_PLAYERS:
        player = make_opponent(name)
        rng = np.random.default_rng(DEMO_SEED)
        results = []
        for seed, seat in games:
            seats = (player, opponent) if seat == 0 else (opponent, player)
            results.append(run_twentyone(deal_from_seed(seed), seats, rng).results[seat])
        rows.append(summarize_twentyone(name, DEMO_OPPONENT, results, optimal))
    return rows
