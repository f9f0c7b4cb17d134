"""The one interface the evaluation harness drives: batched agents for both games, and the scripted ones.

Every agent takes a *list* of positions and returns a list of decisions, so
that model-driven agents make one batched model call per round across all
episodes in lock-step. ``llm_calls`` counts the model calls (one per chat)
an agent made, for the cost columns. Scripted policies are wrapped as they
are (:class:`ScriptedPursuer`, :class:`ScriptedEvader`, :class:`ScriptedPlayer`).
Left out on purpose: model-driven agents (:mod:`.ld`, :mod:`.prompted`),
choosing agents by name (:mod:`.registry`) and the game loop (the harness).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from logicdistill.games.pursuit import Cell, PursuitConfig, PursuitState
from logicdistill.games.twentyone import Action, TwentyOneState


@dataclass(frozen=True)
class PursuitTurn:
    """One pursuit position to decide; ``rng`` is the episode's own generator."""

    config: PursuitConfig
    state: PursuitState
    rng: np.random.Generator


@dataclass(frozen=True)
class TwentyOneTurn:
    """One 21-points turn of ``seat``; ``rng`` is the episode's own generator."""

    state: TwentyOneState
    seat: int
    rng: np.random.Generator


class BatchPursuer(Protocol):
    name: str
    llm_calls: int

    def choose_batch(self, turns: Sequence[PursuitTurn]) -> list[tuple[Cell | None, ...]]: ...


class BatchEvader(Protocol):
    name: str
    llm_calls: int

    def choose_batch(self, turns: Sequence[PursuitTurn]) -> list[Cell | None]: ...


class BatchPlayer(Protocol):
    name: str
    llm_calls: int

    def choose_batch(self, turns: Sequence[TwentyOneTurn]) -> list[Action | str | None]: ...


class ScriptedPursuer:
    """A per-position pursuer policy (``choose(config, state, rng)``) behind the batched interface."""

    def __init__(self, policy: Any, name: str | None = None) -> None:
        self.policy = policy
        self.name = name or policy.name
        self.llm_calls = 0

    def choose_batch(self, turns: Sequence[PursuitTurn]) -> list[tuple[Cell | None, ...]]:
        return [tuple(self.policy.choose(t.config, t.state, t.rng)) for t in turns]


class ScriptedEvader:
    def __init__(self, policy: Any, name: str | None = None) -> None:
        self.policy = policy
        self.name = name or policy.name
        self.llm_calls = 0

    def choose_batch(self, turns: Sequence[PursuitTurn]) -> list[Cell | None]:
        return [self.policy.choose(t.config, t.state, t.rng) for t in turns]


class ScriptedPlayer:
    def __init__(self, policy: Any, name: str | None = None) -> None:
        self.policy = policy
        self.name = name or policy.name
        self.llm_calls = 0

    def choose_batch(self, turns: Sequence[TwentyOneTurn]) -> list[Action | str | None]:
        return [self.policy.choose(t.state, t.seat, t.rng) for t in turns]
