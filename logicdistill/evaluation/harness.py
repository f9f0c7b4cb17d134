"""Paired, lock-step, resumable episodes for the batched agents (SPEC §5).

Every agent plays the same seeded starts / deals (the games' documented seed
lists); episode i gets its own generator ``default_rng([seed, i])``, so results
do not depend on batching. Episodes are played in waves of at most ``wave``
games (default :data:`WAVE`); the unfinished episodes of a wave advance together:
one ``choose_batch`` per side per round. Each finished episode is appended as one
JSON line to the run's file right away; a rerun reads the file, skips the
episodes already there and plays the rest, so nothing is lost or counted twice
(an interruption costs at most the wave in play, not a round of the whole run).
Left out on purpose: summaries (:mod:`.metrics`), tables and figures (:mod:`logicdistill.reports`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

import numpy as np

from logicdistill.agents.batched import PursuitTurn, TwentyOneTurn
from logicdistill.games.pursuit import PursuitConfig, PursuitState, apply_blue, apply_orange
from logicdistill.games.twentyone import TwentyOneState, apply_action

HARNESS_SEED = 0
WAVE = 100  # games in lock-step at once: big enough to batch, small enough to save often
Progress = Callable[[int], None]


@dataclass(frozen=True)
class PursuitGame:
    index: int
    seed: int
    config: PursuitConfig
    start: PursuitState


@dataclass(frozen=True)
class TwentyOneGame:
    index: int
    seed: int
    seat: int  # the seat of the agent under test
    start: TwentyOneState


@dataclass(frozen=True)
class Speed:
    """Decisions made by the agent under test, the seconds it spent deciding, its model calls."""

    decisions: int = 0
    seconds: float = 0.0
    llm_calls: int = 0

    def __add__(self, other: Speed) -> Speed:
        return Speed(
            self.decisions + other.decisions, self.seconds + other.seconds, self.llm_calls + other.llm_calls
        )


def read_done(path: Path) -> dict[int, dict]:
    """Finished episodes in ``path`` by index (a torn last line from an interruption is ignored)."""
    done: dict[int, dict] = {}
    if not path.is_file():
        return done
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        done.setdefault(int(record["index"]), record)
    return done


def _append(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    torn = path.is_file() and path.stat().st_size > 0 and not path.read_bytes().endswith(b"\n")
    with path.open("a", encoding="utf-8") as f:
        f.write(("\n" if torn else "") + json.dumps(record) + "\n")
        f.flush()


def _cell(c) -> list[int] | None:
    return None if c is None else [int(c[0]), int(c[1])]


def _resumed(progress: Progress | None, already: int) -> None:
    """Count the games a resumed run found done, so that a bar shows the whole run's progress."""
    if progress is not None and already:
        progress(already)


def play_pursuit(
    games: Sequence[PursuitGame],
    pursuer,
    evader,
    path: Path,
    progress: Progress | None = None,
    wave: int = WAVE,
) -> list[dict]:
    """Play the games not yet in ``path``, ``wave`` at a time; return all records in game order.

    A pursuer with an ``annotation(config)`` method adds what it returns to each record of that board.
    """
    play = partial(_pursuit_wave, pursuer=pursuer, evader=evader, path=path, progress=progress)
    return _in_waves(games, path, progress, wave, play)


def _in_waves(games: Sequence, path: Path, progress: Progress | None, wave: int, play) -> list[dict]:
    """Call ``play(todo, done)`` on the games not yet in ``path``, ``wave`` at a time; all records."""
    done = read_done(path)
    todo = [g for g in games if g.index not in done]
    _resumed(progress, len(games) - len(todo))
    for start in range(0, len(todo), wave):
        play(todo[start : start + wave], done)
    return [done[g.index] for g in games]


def _pursuit_wave(todo, done: dict[int, dict], pursuer, evader, path: Path, progress) -> None:
    """Play ``todo`` in lock-step to the end, appending each record to ``path`` and ``done``."""
    annotate = getattr(pursuer, "annotation", None)
    states = {g.index: g.start for g in todo}
    rngs = {g.index: np.random.default_rng([HARNESS_SEED, g.seed]) for g in todo}
    trails = {g.index: [[_cell(b) for b in g.start.blues] + [_cell(g.start.orange)]] for g in todo}
    illegal_steps: dict[int, list[list[bool]]] = {g.index: [] for g in todo}
    speed = {g.index: Speed() for g in todo}
    by_index = {g.index: g for g in todo}
    while states:
        active = sorted(states)
        turns = [PursuitTurn(by_index[i].config, states[i], rngs[i]) for i in active]
        calls, started = pursuer.llm_calls, time.perf_counter()
        choices = pursuer.choose_batch(turns)
        spent, used = time.perf_counter() - started, pursuer.llm_calls - calls
        for i, choice in zip(active, choices, strict=True):
            speed[i] += Speed(1, spent / len(active), used / len(active))
            states[i], flags = apply_blue(by_index[i].config, states[i], choice)
            illegal_steps[i].append(list(flags))
        moving = [i for i in active if not states[i].done]
        if moving:
            replies = evader.choose_batch(
                [PursuitTurn(by_index[i].config, states[i], rngs[i]) for i in moving]
            )
            for i, reply in zip(moving, replies, strict=True):
                states[i], _erred = apply_orange(by_index[i].config, states[i], reply)
        for i in active:
            s = states[i]
            trails[i].append([_cell(b) for b in s.blues] + [_cell(s.orange)])
            if s.done:
                g = by_index[i]
                record = {
                    "index": i,
                    "seed": g.seed,
                    "restricted": sorted(_cell(c) for c in g.config.restricted),
                    "size": g.config.size,
                    "outcome": s.outcome.value,
                    "steps": s.step,
                    "illegal": s.illegal,
                    "trail": trails[i],
                    "illegal_steps": illegal_steps[i],
                    "speed": asdict(speed[i]),
                }
                if annotate is not None:
                    record |= annotate(g.config)
                _append(path, record)
                done[i] = record
                del states[i]
                if progress is not None:
                    progress(1)


def play_twentyone(
    games: Sequence[TwentyOneGame],
    player,
    opponent,
    path: Path,
    progress: Progress | None = None,
    wave: int = WAVE,
) -> list[dict]:
    """Play the games not yet in ``path`` (agent in ``game.seat``), ``wave`` at a time; return all
    records in game order."""
    play = partial(_twentyone_wave, player=player, opponent=opponent, path=path, progress=progress)
    return _in_waves(games, path, progress, wave, play)


def _twentyone_wave(todo, done: dict[int, dict], player, opponent, path: Path, progress) -> None:
    """Play ``todo`` in lock-step to the end, appending each record to ``path`` and ``done``."""
    states = {g.index: g.start for g in todo}
    rngs = {g.index: np.random.default_rng([HARNESS_SEED, g.seed, g.seat]) for g in todo}
    speed = {g.index: Speed() for g in todo}
    moves: dict[int, list[str]] = {g.index: [] for g in todo}
    by_index = {g.index: g for g in todo}
    while states:
        active = sorted(states)
        mine = [i for i in active if states[i].to_move == by_index[i].seat]
        theirs = [i for i in active if states[i].to_move != by_index[i].seat]
        if mine:
            calls, started = player.llm_calls, time.perf_counter()
            said = player.choose_batch([TwentyOneTurn(states[i], by_index[i].seat, rngs[i]) for i in mine])
            spent, used = time.perf_counter() - started, player.llm_calls - calls
            for i, choice in zip(mine, said, strict=True):
                speed[i] += Speed(1, spent / len(mine), used / len(mine))
                moves[i].append(f"agent:{choice}")
                states[i], _ = apply_action(states[i], choice)
        if theirs:
            said = opponent.choose_batch(
                [TwentyOneTurn(states[i], states[i].to_move, rngs[i]) for i in theirs]
            )
            for i, choice in zip(theirs, said, strict=True):
                moves[i].append(f"opponent:{choice}")
                states[i], _ = apply_action(states[i], choice)
        for i in active:
            s = states[i]
            if s.done:
                g = by_index[i]
                record = {
                    "index": i,
                    "seed": g.seed,
                    "seat": g.seat,
                    "result": s.result(g.seat).value,
                    "totals": [s.total(0), s.total(1)],
                    "illegal": s.illegal[g.seat],
                    "moves": moves[i],
                    "speed": asdict(speed[i]),
                }
                _append(path, record)
                done[i] = record
                del states[i]
                if progress is not None:
                    progress(1)


def pursuit_games(limit: int | None = None, restricted: bool = False) -> list[PursuitGame]:
    """The benchmark's test starts (open board, or each with its seeded 5x5 area), first ``limit``."""
    from logicdistill.games import pursuit as pg

    pairs = pg.restricted_test_games() if restricted else [(PursuitConfig(), s) for s in pg.test_starts()]
    pairs = pairs[:limit]
    return [PursuitGame(i, pg.TEST_START_SEEDS[i], c, s) for i, (c, s) in enumerate(pairs)]


def twentyone_games(limit: int | None = None) -> list[TwentyOneGame]:
    """The benchmark's 2,000 games (deal seed, seat), first ``limit``."""
    from logicdistill.games.twentyone import benchmark_games, deal_from_seed

    pairs = benchmark_games()[:limit]
    return [TwentyOneGame(i, seed, seat, deal_from_seed(seed)) for i, (seed, seat) in enumerate(pairs)]


def total_speed(records: Sequence[dict]) -> Speed:
    out = Speed()
    for r in records:
        out += Speed(**r["speed"])
    return out
