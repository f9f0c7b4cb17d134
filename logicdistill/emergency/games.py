"""Games with a written filter: the reference pursuers compose it, against a scripted evader.

The board's restricted cells are the *true* area (what the rule means, when it
is known) so that a wrong filter shows up as illegal choices; the CLI, which
has no ground truth, plays on the cells the filter itself forbids and says so.
Starts come from the documented test seeds (``start_from_seed`` on the
restricted board, so no piece starts inside). Outcomes are summarised with the
evaluation metrics (Wilson intervals, bootstrap means, steps / T*). Left out:
LLM evaders and batching many games in lock-step (the evaluation harness).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from logicdistill.emergency.extend import EmergencyPlay
from logicdistill.evaluation.metrics import PursuitSummary, count_illegal_blue, summarize_pursuit
from logicdistill.games.pursuit import PursuitConfig, PursuitState, start_from_seed
from logicdistill.games.pursuit_oracle import oracle_for
from logicdistill.games.pursuit_policies import make_evader
from logicdistill.games.runner import PursuitEpisode, run_pursuit

DEFAULT_EVADER = "optimal"


@dataclass(frozen=True)
class Game:
    """One game to play: the board (restricted cells = the true area), the start and its seed."""

    config: PursuitConfig
    start: PursuitState
    seed: int


def games_on(config: PursuitConfig, seeds: Sequence[int]) -> list[Game]:
    """One game per seed on ``config``'s board (starts drawn on the restricted board)."""
    return [Game(config, start_from_seed(seed, config), seed) for seed in seeds]


def play_game(setup: EmergencyPlay, game: Game, evader: str = DEFAULT_EVADER) -> PursuitEpisode:
    """One game of ``setup``'s pursuer against the scripted ``evader`` (randomness from the game's seed)."""
    opponent = make_evader(evader, game.config)
    return run_pursuit(game.config, game.start, setup.pursuer, opponent, np.random.default_rng(game.seed))


def summarize(
    agent: str, evader: str, games: Sequence[Game], episodes: Sequence[PursuitEpisode]
) -> PursuitSummary:
    """Outcome rates, mean steps of successes and steps / T* (T* on each game's own board)."""
    times = [oracle_for(g.config).capture_time(g.start.blues, g.start.orange) for g in games]
    return summarize_pursuit(agent, evader, [e.outcome for e in episodes], [e.steps for e in episodes], times)


def illegal_kinds(episodes: Sequence[PursuitEpisode]) -> dict[str, int]:
    """The episodes' illegal blue choices by kind (e.g. ``restricted``: a dot sent into the true area)."""
    return count_illegal_blue((e.config, _steps(e)) for e in episodes)


def _steps(e: PursuitEpisode):
    steps = zip(e.states[:-1], e.blue_choices, e.illegal_flags, strict=True)
    return ((s.blues, s.orange, c, f) for s, c, f in steps)
