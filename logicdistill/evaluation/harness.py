"""Paired, lock-step, resumable episodes for the batched agents (SPEC §5).

Every agent plays the same seeded starts / deals (the games' documented seed
lists); episode i gets its own generator ``default_rng([seed, i])``, so results
do not depend on batching. At most ``wave`` games (default :data:`WAVE`) are in
play at once and advance together, one ``choose_batch`` per side per round; a game
that ends makes room for the next one at the end of its round, so a few long games
never hold the rest back. Each finished episode is appended as one
JSON line to the run's file right away (a pursuit record keeps the trail, the
illegal flags and the destinations the agent named at each step, ``choices``,
from which :func:`.metrics.illegal_blue_kinds` tells why a choice was illegal);
a rerun reads the file, skips the
episodes already there and plays the rest, so nothing is lost or counted twice.
The games still in play are saved too, at most every :data:`CHECKPOINT_SECONDS`
(position, the episode's generator state, trail and speed so far, in
``<stem>.inplay.json`` beside the run's file, :func:`in_play_path`): a rerun goes on
from there, so an interruption costs at most those seconds of play.
Left out on purpose: summaries (:mod:`.metrics`), tables and figures (:mod:`logicdistill.reports`).
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

import numpy as np

from logicdistill.agents.batched import PursuitTurn, TwentyOneTurn
from logicdistill.games.pursuit import PursuitConfig, PursuitState, apply_blue, apply_orange, as_cell
from logicdistill.games.twentyone import Card, TwentyOneState, apply_action

HARNESS_SEED = 0
WAVE = 100  # games in lock-step at once: big enough to batch, small enough to save quickly
CHECKPOINT_SECONDS = 10.0  # how often the games in play are saved (what an interruption costs)


class Progress(Protocol):
    """A progress display: ``n`` more games ended; ``note``, when given, says where the games in
    play are (pursuit: after every round, so that a long row shows its steps between endings)."""

    def __call__(self, n: int, /, note: str | None = None) -> None: ...


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


@dataclass
class _Live:
    """One game in play: its position, its generator, what its record keeps so far, its speed."""

    seed: int
    state: PursuitState | TwentyOneState
    rng: np.random.Generator
    log: dict[str, list] = field(default_factory=dict)  # pursuit: trail, illegal_steps; 21: moves
    speed: Speed = field(default_factory=Speed)

    def saved(self) -> dict:
        return {
            "seed": self.seed,
            "state": asdict(self.state),
            "rng": self.rng.bit_generator.state,
            "log": self.log,
            "speed": asdict(self.speed),
        }


def in_play_path(path: Path) -> Path:
    """Where the games still in play of the run saved in ``path`` are kept (``<stem>.inplay.json``)."""
    return path.with_suffix(".inplay.json")


def saved_in_play(path: Path) -> list[dict]:
    """The saved states (as dicts) of the games an interrupted run of ``path`` left in play."""
    return [entry["state"] for entry in _InPlay(path).saved.values()]


class _InPlay:
    """The in-play file of one run: the games an earlier run left in play, and this run's saves.

    Saves happen at most every :data:`CHECKPOINT_SECONDS`; a run that ends removes the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = in_play_path(path)
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            saved = {}
        self.saved = {int(i): entry for i, entry in saved.items()}
        self.last = time.monotonic()

    def resume(self, live: dict[int, _Live], decode: Callable[[dict], object]) -> None:
        """Put each game of ``live`` found saved (same seed) back where it was saved."""
        for i, game in live.items():
            entry = self.saved.get(i)
            if entry is None or entry["seed"] != game.seed:
                continue
            rng = np.random.default_rng()
            rng.bit_generator.state = entry["rng"]
            live[i] = _Live(game.seed, decode(entry["state"]), rng, entry["log"], Speed(**entry["speed"]))

    def save(self, live: dict[int, _Live]) -> None:
        if time.monotonic() - self.last < CHECKPOINT_SECONDS:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial_file = self.path.with_name(self.path.name + ".tmp")
        partial_file.write_text(json.dumps({i: g.saved() for i, g in live.items()}), encoding="utf-8")
        os.replace(partial_file, self.path)  # a reader sees the old file or the new one, never half
        self.last = time.monotonic()

    def close(self) -> None:
        """The run is over: nothing of it is in play any more."""
        self.path.unlink(missing_ok=True)


def _pursuit_state(saved: dict) -> PursuitState:
    return PursuitState(
        tuple(tuple(b) for b in saved["blues"]), tuple(saved["orange"]), saved["step"], saved["illegal"]
    )


def _twentyone_state(saved: dict) -> TwentyOneState:
    return TwentyOneState(
        tuple(tuple(Card(**c) for c in hand) for hand in saved["hands"]),
        tuple(Card(**c) for c in saved["deck"]),
        saved["to_move"],
        tuple(saved["stood"]),
        tuple(saved["illegal"]),
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
    """Play the games not yet in ``path``, at most ``wave`` at once; return all records in game order.

    A pursuer with an ``annotation(config)`` method adds what it returns to each record of that board.
    """
    play = partial(_pursuit_rounds, pursuer=pursuer, evader=evader, path=path, progress=progress)
    return _in_window(games, path, progress, wave, _pursuit_live, _pursuit_state, play)


def _in_window(
    games: Sequence,
    path: Path,
    progress: Progress | None,
    wave: int,
    start: Callable[[object], _Live],
    decode: Callable[[dict], object],
    play,
) -> list[dict]:
    """Call ``play(window, done)`` on the games not yet in ``path``, at most ``wave`` of them in play
    at once (those an interrupted run left in play go on first, from where it saved them); return
    all records. ``start`` turns a game into its first :class:`_Live`, ``decode`` a saved state back
    into a state."""
    done = read_done(path)
    todo = [g for g in games if g.index not in done]
    _resumed(progress, len(games) - len(todo))
    in_play = _InPlay(path)
    todo.sort(key=lambda g: g.index not in in_play.saved)  # stable: game order otherwise
    play(_Window(todo, wave, in_play, start, decode), done)
    in_play.close()
    return [done[g.index] for g in games]


class _Window:
    """The games in play (``live``), at most ``size``: :meth:`fill` tops them up from the queue."""

    def __init__(
        self,
        todo: Sequence,
        size: int,
        in_play: _InPlay,
        start: Callable[[object], _Live],
        decode: Callable[[dict], object],
    ) -> None:
        self.queue = deque(todo)
        self.size = size
        self.in_play = in_play
        self.start, self.decode = start, decode
        self.live: dict[int, _Live] = {}
        self.by_index = {g.index: g for g in todo}

    def fill(self) -> None:
        """Start games from the queue until ``size`` are in play (each resumed if it was saved)."""
        fresh = {}
        while self.queue and len(self.live) + len(fresh) < self.size:
            game = self.queue.popleft()
            fresh[game.index] = self.start(game)
        self.in_play.resume(fresh, self.decode)
        self.live.update(fresh)


def _pursuit_live(g: PursuitGame) -> _Live:
    trail = [[_cell(b) for b in g.start.blues] + [_cell(g.start.orange)]]
    return _Live(
        g.seed,
        g.start,
        np.random.default_rng([HARNESS_SEED, g.seed]),
        {"trail": trail, "illegal_steps": [], "choices": []},
    )


def _twentyone_live(g: TwentyOneGame) -> _Live:
    return _Live(g.seed, g.start, np.random.default_rng([HARNESS_SEED, g.seed, g.seat]), {"moves": []})


def _pursuit_rounds(window: _Window, done: dict[int, dict], pursuer, evader, path: Path, progress):
    """Play the window's games in lock-step to the end (from where the in-play file saved a game),
    appending each record to ``path`` and ``done``."""
    annotate = getattr(pursuer, "annotation", None)
    by_index, live = window.by_index, window.live
    window.fill()
    while live:
        active = sorted(live)
        turns = [PursuitTurn(by_index[i].config, live[i].state, live[i].rng) for i in active]
        calls, started = pursuer.llm_calls, time.perf_counter()
        choices = pursuer.choose_batch(turns)
        spent, used = time.perf_counter() - started, pursuer.llm_calls - calls
        for i, choice in zip(active, choices, strict=True):
            game = live[i]
            game.speed += Speed(1, spent / len(active), used / len(active))
            game.state, flags = apply_blue(by_index[i].config, game.state, choice)
            game.log["illegal_steps"].append(list(flags))
            game.log.setdefault("choices", []).append([_cell(as_cell(c)) for c in choice])
        moving = [i for i in active if not live[i].state.done]
        if moving:
            replies = evader.choose_batch(
                [PursuitTurn(by_index[i].config, live[i].state, live[i].rng) for i in moving]
            )
            for i, reply in zip(moving, replies, strict=True):
                live[i].state, _erred = apply_orange(by_index[i].config, live[i].state, reply)
        for i in active:
            game = live[i]
            s = game.state
            game.log["trail"].append([_cell(b) for b in s.blues] + [_cell(s.orange)])
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
                    "trail": game.log["trail"],
                    "illegal_steps": game.log["illegal_steps"],
                    **_choices(game.log, s.step),
                    "speed": asdict(game.speed),
                }
                if annotate is not None:
                    record |= annotate(g.config)
                _finish(path, record, done, live, progress)
        window.fill()
        window.in_play.save(live)
        if progress is not None and live:
            progress(0, note=_steps_note(live))


def _choices(log: dict, steps: int) -> dict:
    """The record's ``choices`` (the blue destinations asked for at each step, None for no move):
    left out for a game resumed from an in-play save older than them, whose list lacks the first steps."""
    choices = log.get("choices", [])
    return {"choices": choices} if len(choices) == steps else {}


def _steps_note(live: dict[int, _Live]) -> str:
    """How many pursuit games are in play and the steps they are at (``98 in play at steps 1-18``)."""
    steps = sorted(game.state.step for game in live.values())
    span = f"step {steps[0]}" if steps[0] == steps[-1] else f"steps {steps[0]}-{steps[-1]}"
    return f"{len(steps)} in play at {span}"


def _finish(path: Path, record: dict, done: dict[int, dict], live: dict[int, _Live], progress) -> None:
    """A game ended: its record goes to ``path`` and ``done``, the game out of ``live``, one tick."""
    _append(path, record)
    done[record["index"]] = record
    del live[record["index"]]
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
    """Play the games not yet in ``path`` (agent in ``game.seat``), at most ``wave`` at once; return
    all records in game order."""
    play = partial(_twentyone_rounds, player=player, opponent=opponent, path=path, progress=progress)
    return _in_window(games, path, progress, wave, _twentyone_live, _twentyone_state, play)


def _twentyone_rounds(window: _Window, done: dict[int, dict], player, opponent, path: Path, progress):
    """Play the window's games in lock-step to the end (from where the in-play file saved a game),
    appending each record to ``path`` and ``done``."""
    by_index, live = window.by_index, window.live
    window.fill()
    while live:
        active = sorted(live)
        mine = [i for i in active if live[i].state.to_move == by_index[i].seat]
        theirs = [i for i in active if live[i].state.to_move != by_index[i].seat]
        if mine:
            calls, started = player.llm_calls, time.perf_counter()
            said = player.choose_batch(
                [TwentyOneTurn(live[i].state, by_index[i].seat, live[i].rng) for i in mine]
            )
            spent, used = time.perf_counter() - started, player.llm_calls - calls
            for i, choice in zip(mine, said, strict=True):
                game = live[i]
                game.speed += Speed(1, spent / len(mine), used / len(mine))
                game.log["moves"].append(f"agent:{choice}")
                game.state, _ = apply_action(game.state, choice)
        if theirs:
            said = opponent.choose_batch(
                [TwentyOneTurn(live[i].state, live[i].state.to_move, live[i].rng) for i in theirs]
            )
            for i, choice in zip(theirs, said, strict=True):
                live[i].log["moves"].append(f"opponent:{choice}")
                live[i].state, _ = apply_action(live[i].state, choice)
        for i in active:
            game, g = live[i], by_index[i]
            s = game.state
            if s.done:
                record = {
                    "index": i,
                    "seed": g.seed,
                    "seat": g.seat,
                    "result": s.result(g.seat).value,
                    "totals": [s.total(0), s.total(1)],
                    "illegal": s.illegal[g.seat],
                    "moves": game.log["moves"],
                    "speed": asdict(game.speed),
                }
                _finish(path, record, done, live, progress)
        window.fill()
        window.in_play.save(live)


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
