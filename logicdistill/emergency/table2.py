"""Table 2 with written filters: 200 test starts, each with its own seeded 5x5 area (SPEC §2), Eq. 6 in play.

For every game of ``restricted_test_games`` the area is described in words
(:func:`area_description`), the student writes a filter for it
(:func:`~logicdistill.emergency.writer.write_filters`, batched over all games,
the game's start cells passed as occupied), and the blue side plays the chain
candidate moves -> written filter -> base filter -> select of the reference base
(the base chain when no filter was admitted) against the optimal evader. The
stage selection here is the fixed reference chain, not the student's: this row
measures the written functions, and says so (:data:`ROW_LABEL`). Outcomes are
summarised with the evaluation metrics. Left out: the LD row, where the student
also selects the chain, and the prompted, KD and L-LLM rows (all in the
benchmark: ``logicdistill benchmark --tables pursuit-restricted``, with
:mod:`.ld_play`), and any file writing (the benchmark script).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from logicdistill.emergency.config import WritingConfig
from logicdistill.emergency.extend import emergency_pursuers
from logicdistill.emergency.games import DEFAULT_EVADER, Game, play_game, summarize
from logicdistill.emergency.writer import WrittenFilter, write_filters
from logicdistill.evaluation.metrics import PursuitSummary
from logicdistill.games.pursuit import AREA_SEEDS, TEST_START_SEEDS, Cell, restricted_test_games
from logicdistill.games.runner import PursuitEpisode
from logicdistill.llm.base import LanguageModel

ROW_LABEL = "student-written filter in the reference chain (selection fixed, not by the student)"


def area_description(cells: frozenset[Cell]) -> str:
    """The rule for an axis-aligned area, as the issue states it."""
    xs, ys = [c[0] for c in cells], [c[1] for c in cells]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    return (
        f"a {x1 - x0 + 1}x{y1 - y0 + 1} restricted area with corners ({x0}, {y0}) and ({x1}, {y1}); "
        "no dot may enter it."
    )


@dataclass(frozen=True)
class Table2Run:
    """What was written and played, game by game, and the row's summary."""

    games: tuple[Game, ...]
    written: tuple[WrittenFilter, ...]
    episodes: tuple[PursuitEpisode, ...]
    summary: PursuitSummary

    @property
    def correct(self) -> int:
        """Games whose written filter forbids exactly the true area."""
        return sum(
            w.accepted and set(w.forbidden_cells) == set(g.config.restricted)
            for g, w in zip(self.games, self.written, strict=True)
        )


def table2_games(n: int | None = None) -> list[Game]:
    """The first ``n`` (default all 200) restricted test games, with their start seeds."""
    pairs = restricted_test_games()
    seeds = TEST_START_SEEDS
    chosen = list(zip(pairs, seeds, strict=True))[: n or len(pairs)]
    return [Game(config, start, seed) for (config, start), seed in chosen]


def run_table2(
    model: LanguageModel,
    config: WritingConfig | None = None,
    *,
    n: int | None = None,
    evader: str = DEFAULT_EVADER,
    progress: Callable[[str], None] | None = None,
) -> Table2Run:
    """Write one filter per game (batched) and play every game with it in the fixed reference chain."""
    games = table2_games(n)
    say = progress or (lambda text: None)
    say(f"writing {len(games)} filters")
    written = write_filters(
        model,
        [area_description(g.config.restricted) for g in games],
        config,
        pieces=[[*g.start.blues, g.start.orange] for g in games],
    )
    say("playing")
    plays = emergency_pursuers(written)
    episodes = [play_game(p, g, evader) for g, p in zip(games, plays, strict=True)]
    summary = summarize(ROW_LABEL, evader, games, episodes)
    return Table2Run(tuple(games), tuple(written), tuple(episodes), summary)


def seeds_used(games: Sequence[Game]) -> dict[str, list[int]]:
    """The start and area seeds of these games (the documented lists, in order)."""
    return {"start_seeds": [g.seed for g in games], "area_seeds": list(AREA_SEEDS[: len(games)])}
