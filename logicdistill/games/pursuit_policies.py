"""Reference pursuit policies (SPEC §2, §4): scripted evaders and pursuers, no language model.

Evaders (``random``, ``greedy``, ``optimal``) move the orange dot after the
blue move of a step; pursuers (``random``, ``greedy``, ``oracle``) choose the
three blue destinations. Every choice is legal under the board's rules
(restricted cells included); ties are broken by the fixed offset orders of
``pursuit.py`` so that, for a given rng, play is deterministic. The LLM
evader and the LLM-driven blue agents live elsewhere; so does the game loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from logicdistill.errors import UserError
from logicdistill.games.pursuit import (
    Cell,
    PursuitConfig,
    PursuitState,
    blue_legal,
    manhattan,
    orange_legal,
)
from logicdistill.games.pursuit_oracle import PursuitOracle, oracle_for

_NEVER = 10**9  # "capture impossible" in a comparison key: worse than any finite time


class Evader(Protocol):
    name: str

    def choose(self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator) -> Cell:
        """The orange destination; ``state.blues`` are already the blues' new positions."""
        ...


class Pursuer(Protocol):
    name: str

    def choose(
        self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator
    ) -> tuple[Cell, Cell, Cell]:
        """The three blue destinations, in the order of ``state.blues``."""
        ...


def _or_never(value: int | None) -> int:
    return _NEVER if value is None else value


def _best(options: list[Cell], key) -> Cell:
    """The first option with the largest key: ``max`` keeps the earliest of equal keys (fixed order)."""
    return max(options, key=key)


# ---------------------------------------------------------------- evaders


@dataclass(frozen=True)
class RandomEvader:
    name: str = "random"

    def choose(self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator) -> Cell:
        options = orange_legal(config, state.orange, state.blues)
        if not options:
            return state.orange
        return options[int(rng.integers(len(options)))]


@dataclass(frozen=True)
class GreedyEvader:
    """Maximise the distance to the nearest blue; ties: larger sum of distances, then fixed order."""

    name: str = "greedy"

    def choose(self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator) -> Cell:
        options = orange_legal(config, state.orange, state.blues)
        if not options:
            return state.orange

        def key(cell: Cell) -> tuple[int, int]:
            dists = [manhattan(b, cell) for b in state.blues]
            return (min(dists), sum(dists))

        return _best(options, key)


@dataclass(frozen=True)
class OptimalEvader:
    """Maximise T* after the move (SPEC §4); ties: larger sum of T1, larger nearest distance, fixed order."""

    oracle: PursuitOracle = field(repr=False)
    name: str = "optimal"

    def choose(self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator) -> Cell:
        oracle = _oracle_matching(self.oracle, config)
        options = orange_legal(config, state.orange, state.blues)
        if not options:
            return state.orange

        def key(cell: Cell) -> tuple[int, int, int]:
            times = [_or_never(oracle.t1(b, cell)) for b in state.blues]
            return (max(times), sum(times), min(manhattan(b, cell) for b in state.blues))

        return _best(options, key)


# ---------------------------------------------------------------- pursuers


def _each_blue(
    config: PursuitConfig, state: PursuitState, pick: Callable[[list[Cell]], Cell]
) -> tuple[Cell, Cell, Cell]:
    """One cell per blue dot: ``pick`` among its legal moves (a dot with none stays put)."""
    out = []
    for blue in state.blues:
        options = blue_legal(config, blue, state.orange)
        out.append(pick(options) if options else blue)
    return tuple(out)


@dataclass(frozen=True)
class RandomPursuer:
    name: str = "random"

    def choose(
        self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator
    ) -> tuple[Cell, Cell, Cell]:
        return _each_blue(config, state, lambda options: options[int(rng.integers(len(options)))])


@dataclass(frozen=True)
class GreedyPursuer:
    """Each dot to the legal cell closest (Manhattan) to orange; ties: fixed order."""

    name: str = "greedy"

    def choose(
        self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator
    ) -> tuple[Cell, Cell, Cell]:
        def closest(options: list[Cell]) -> Cell:
            return min(options, key=lambda c: manhattan(c, state.orange))

        return _each_blue(config, state, closest)


@dataclass(frozen=True)
class OraclePursuer:
    """Each dot plays its one-pursuer game optimally: the decoupled T* strategy.

    A dot moves to the legal cell minimising its T1 after the evader's best
    reply (:meth:`PursuitOracle.after_move`; 0 when the move captures): exact
    one-pursuer play, a refinement of "minimise T1(p', e)" that accounts for
    the reply. Ties: smaller T1(p', e), smaller distance to orange, fixed order.

    It captures within T* against any evader: each dot is next to the evader
    after at most T1 of its moves (the evader's replies are a subset of
    those in its one-pursuer game), and a dot next to the evader stays next
    to it, since the cell the evader just left is free, within reach, and
    next to its new cell.
    """

    oracle: PursuitOracle = field(repr=False)
    name: str = "oracle"

    def choose(
        self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator
    ) -> tuple[Cell, Cell, Cell]:
        oracle = _oracle_matching(self.oracle, config)
        e = state.orange
        out = []
        for blue in state.blues:
            options = blue_legal(config, blue, e)
            if not options:
                out.append(blue)
                continue

            def key(cell: Cell) -> tuple[int, int, int]:
                return (
                    _or_never(oracle.after_move(cell, e)),
                    _or_never(oracle.t1(cell, e)),
                    manhattan(cell, e),
                )

            out.append(min(options, key=key))
        return tuple(out)


def _oracle_matching(oracle: PursuitOracle, config: PursuitConfig) -> PursuitOracle:
    """The policy's oracle, or the right one if it is asked to play on another board."""
    same = oracle.config.size == config.size and oracle.config.restricted == config.restricted
    return oracle if same else oracle_for(config)


# ---------------------------------------------------------------- factories

EVADER_NAMES: tuple[str, ...] = ("random", "greedy", "optimal")
PURSUER_NAMES: tuple[str, ...] = ("random", "greedy", "oracle")


def make_evader(name: str, config: PursuitConfig) -> Evader:
    """The scripted evader called ``name`` for ``config``'s board (UserError for an unknown name)."""
    if name == "random":
        return RandomEvader()
    if name == "greedy":
        return GreedyEvader()
    if name == "optimal":
        return OptimalEvader(oracle=oracle_for(config))
    raise UserError(f"unknown evader {name!r}; known: {', '.join(EVADER_NAMES)}")


def make_pursuer(name: str, config: PursuitConfig) -> Pursuer:
    """The scripted pursuer called ``name`` for ``config``'s board (UserError for an unknown name)."""
    if name == "random":
        return RandomPursuer()
    if name == "greedy":
        return GreedyPursuer()
    if name == "oracle":
        return OraclePursuer(oracle=oracle_for(config))
    raise UserError(f"unknown pursuer {name!r}; known: {', '.join(PURSUER_NAMES)}")
