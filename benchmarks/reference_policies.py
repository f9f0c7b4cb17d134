"""How strong the composed reference policies are (issue 4 item 4), measured against the exact optima.

Run: ``.venv/bin/python benchmarks/reference_policies.py`` (about a minute or
two on 2 cores; ``--quick`` plays a tenth). Plays, with the sequential runner
and every stage call going through the run-time guard:

- pursuit, the 200 test starts against the ``optimal`` evader: success rate
  and steps / T* per episode (T* from ``games.pursuit_oracle``);
- the 200 restricted-area games against ``optimal``, the emergency filter
  composed before the base filter; the same games without it, to show what
  the emergency function is for;
- 21 points, the 2,000 benchmark games against ``threshold``: victory /
  draw / loss, beside the exact optimal win probability of each deal and
  seat (``twentyone_oracle.solve_state``), the oracle's own play on the same
  games, the exact win probability of the reference policy itself (policy
  evaluation), and how often its action equals the oracle's on the
  positions it met. The realised rate of any policy, the optimal one
  included, scatters around its exact expectation by about +-1 point
  (one deck order per game), so the exact ratio is the noise-free check.

Goal: pursuit 100% capture and mean steps / T* <= 1.10; 21 points win rate
>= 98% of the exact optimum.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from logicdistill.agents.composed import FixedChain, FunctionBasePursuer
from logicdistill.evaluation.metrics import Mean, Rate, summarize_pursuit, summarize_twentyone
from logicdistill.games.pursuit import PursuitConfig, restricted_test_games, test_starts
from logicdistill.games.pursuit_oracle import oracle_for
from logicdistill.games.pursuit_policies import make_evader
from logicdistill.games.runner import run_pursuit, run_twentyone
from logicdistill.games.twentyone import benchmark_games, deal_from_seed
from logicdistill.games.twentyone_oracle import evaluate_state, solve_state
from logicdistill.games.twentyone_policies import make_opponent
from logicdistill.reference import load_reference, reference_chain, reference_player, reference_pursuer
from logicdistill.tasks.base import TaskName

EVADER = "optimal"
OPPONENT = "threshold"
SEED = 0


def _rate(rate: Rate) -> str:
    return f"{100 * rate.value:.1f}% [{100 * rate.low:.1f}, {100 * rate.high:.1f}]"


def _mean(mean: Mean, digits: int = 3) -> str:
    if mean.value is None:
        return "-"
    return f"{mean.value:.{digits}f} [{mean.low:.{digits}f}, {mean.high:.{digits}f}]"


def pursuit(label: str, games, pursuer) -> None:
    outcomes, steps, t_star, illegal = [], [], [], 0
    start = time.perf_counter()
    for config, state in games:
        episode = run_pursuit(
            config, state, pursuer, make_evader(EVADER, config), np.random.default_rng(SEED)
        )
        outcomes.append(episode.outcome)
        steps.append(episode.steps)
        t_star.append(oracle_for(config).capture_time(state.blues, state.orange))
        illegal += episode.illegal
    seconds = time.perf_counter() - start
    row = summarize_pursuit(label, EVADER, outcomes, steps, t_star)
    won = [i for i, o in enumerate(outcomes) if o.value == "success"]
    ratios = [steps[i] / t_star[i] for i in won]
    decisions = 3 * sum(steps)
    print(f"{label}: {row.n} games vs {EVADER}")
    print(f"  success {_rate(row.success)}, fail without violation {_rate(row.fail_no_violation)},")
    print(f"  fail with violation {_rate(row.fail_violation)}, illegal choices {illegal}")
    print(f"  mean steps of successes {_mean(row.mean_steps, 2)}; mean T* {np.mean(t_star):.2f}")
    if ratios:
        print(
            f"  steps / T*: mean {_mean(row.steps_over_tstar)}, max {max(ratios):.3f}, "
            f"share <= 1.0: {np.mean(np.array(ratios) <= 1.0):.3f}"
        )
    print(
        f"  {seconds:.1f} s, {1e3 * seconds / max(decisions, 1):.2f} ms per dot decision (incl. the evader)"
    )


def twentyone(n_deals: int | None) -> None:
    games = benchmark_games()
    if n_deals is not None:
        games = games[: 2 * n_deals]
    opponent = make_opponent(OPPONENT)
    player = reference_player()
    best = make_opponent("optimal")  # the oracle's own action at every turn, against threshold
    results, best_results, optimal, exact_own = [], [], [], []
    timings, agree, decisions = [], 0, 0
    start = time.perf_counter()
    for seed, seat in games:
        state = deal_from_seed(seed)
        optimal.append(solve_state(state, seat, opponent).odds.win)
        players = [opponent, opponent]
        players[seat] = _Timed(player, timings)
        episode = run_twentyone(state, tuple(players), np.random.default_rng(SEED))
        results.append(episode.results[seat])
        rivals = [opponent, opponent]
        rivals[seat] = best
        best_results.append(run_twentyone(state, tuple(rivals), np.random.default_rng(SEED)).results[seat])
        for before, move in zip(episode.states, episode.moves, strict=False):
            if move.seat == seat:
                decisions += 1
                agree += solve_state(before, seat, opponent).action == move.played
    play_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for seed, seat in games:
        exact_own.append(evaluate_state(deal_from_seed(seed), seat, player, opponent).win)
    eval_seconds = time.perf_counter() - start
    row = summarize_twentyone("reference", OPPONENT, results, optimal)
    print(f"21 points: {row.n} games ({row.n // 2} deals x both seats) vs {OPPONENT}")
    print(f"  victory {_rate(row.victory)}, draw {_rate(row.draw)}, loss {_rate(row.loss)}")
    print(f"  exact optimal win probability (mean over the same games): {row.optimal_win:.4f}")
    print(f"  realised win rate / exact optimum: {row.win_over_optimal:.4f}   (goal >= 0.98)")
    best_row = summarize_twentyone("optimal", OPPONENT, best_results, optimal)
    print(
        f"  the oracle's own play on the same games: victory {_rate(best_row.victory)}, "
        f"draw {_rate(best_row.draw)}; realised / exact optimum {best_row.win_over_optimal:.4f}"
    )
    same = sum(a == b for a, b in zip(results, best_results, strict=True))
    print(f"  same result as the oracle's own play in {same} of {row.n} games")
    own = float(np.mean(exact_own))
    print(
        f"  exact win probability of the reference policy: {own:.4f}; "
        f"/ exact optimum: {own / row.optimal_win:.4f}"
    )
    print(
        f"  its action equals the oracle's on {agree} of {decisions} decisions; "
        f"illegal choices {len(player.failures)}"
    )
    print(
        f"  per decision (3 guarded stages): mean {1e3 * np.mean(timings):.2f} ms, "
        f"p99 {1e3 * np.percentile(timings, 99):.1f} ms, max {1e3 * max(timings):.1f} ms"
    )
    print(
        f"  {play_seconds:.1f} s playing (with the oracle beside), "
        f"{eval_seconds:.1f} s exact policy evaluation"
    )


class _Timed:
    """Wraps a player to time each decision."""

    def __init__(self, player, timings: list[float]) -> None:
        self.player, self.timings = player, timings

    def choose(self, state, seat, rng):
        start = time.perf_counter()
        choice = self.player.choose(state, seat, rng)
        self.timings.append(time.perf_counter() - start)
        return choice


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    open_games = [(PursuitConfig(), s) for s in test_starts()]
    area_games = restricted_test_games()
    if quick:
        open_games, area_games = open_games[:20], area_games[:20]
    pursuit("reference pursuer, open board", open_games, reference_pursuer())
    pursuit("reference pursuer, restricted area (emergency filter composed)", area_games, reference_pursuer())
    base_only = FunctionBasePursuer(
        load_reference(TaskName.PURSUIT), FixedChain(reference_chain(TaskName.PURSUIT))
    )
    pursuit("reference pursuer, restricted area, WITHOUT the emergency filter", area_games, base_only)
    twentyone(100 if quick else None)


if __name__ == "__main__":
    main()
