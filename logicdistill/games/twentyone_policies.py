"""Opponent policies for 21 points (SPEC §3): ``threshold``, ``random`` and ``optimal``, by name.

Every policy here is *known*: besides ``choose`` it states its decision as
probabilities (``action_probabilities``), which the oracle's expectimax uses.
Policies are frozen dataclasses so that they are hashable (they key the
oracle's memo) and compare equal by their settings. They decide by card
values only, never by suit or the hidden order of the deck.

Left out on purpose: the ``llm`` opponent (it needs a language model; it lives
with the agents) and the game loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from logicdistill.errors import UserError
from logicdistill.games.twentyone import Action, TwentyOneState

THRESHOLD_STAND_AT = 17  # the benchmark opponent hits while its total is below this (SPEC §3)
RANDOM_HIT_PROBABILITY = 0.5


class Opponent(Protocol):
    """Something that decides ``hit`` or ``stand`` for ``seat`` when it is that seat's turn."""

    @property
    def name(self) -> str: ...

    def choose(self, state: TwentyOneState, seat: int, rng: np.random.Generator) -> Action: ...


class KnownOpponent(Opponent, Protocol):
    """An opponent whose behaviour is known exactly, so that the oracle can plan against it."""

    def action_probabilities(self, state: TwentyOneState, seat: int) -> dict[Action, float]: ...


def _sample(probs: dict[Action, float], rng: np.random.Generator) -> Action:
    return Action.HIT if rng.random() < probs.get(Action.HIT, 0.0) else Action.STAND


@dataclass(frozen=True)
class ThresholdOpponent:
    """Hit while the own total is below ``stand_at``, then stand."""

    stand_at: int = THRESHOLD_STAND_AT

    @property
    def name(self) -> str:
        return "threshold"

    def action_probabilities(self, state: TwentyOneState, seat: int) -> dict[Action, float]:
        hit = state.total(seat) < self.stand_at
        return {Action.HIT: 1.0 if hit else 0.0, Action.STAND: 0.0 if hit else 1.0}

    def choose(self, state: TwentyOneState, seat: int, rng: np.random.Generator) -> Action:
        return Action.HIT if state.total(seat) < self.stand_at else Action.STAND


@dataclass(frozen=True)
class RandomOpponent:
    """Hit with probability ``hit_probability``, else stand, whatever the table shows."""

    hit_probability: float = RANDOM_HIT_PROBABILITY

    @property
    def name(self) -> str:
        return "random"

    def action_probabilities(self, state: TwentyOneState, seat: int) -> dict[Action, float]:
        return {Action.HIT: self.hit_probability, Action.STAND: 1.0 - self.hit_probability}

    def choose(self, state: TwentyOneState, seat: int, rng: np.random.Generator) -> Action:
        return _sample(self.action_probabilities(state, seat), rng)


@dataclass(frozen=True)
class OptimalOpponent:
    """Play the oracle's best action against a known policy ``against`` (default: threshold)."""

    against: KnownOpponent = field(default_factory=ThresholdOpponent)

    @property
    def name(self) -> str:
        return "optimal"

    def best_action(self, state: TwentyOneState, seat: int) -> Action:
        from logicdistill.games.twentyone_oracle import solve_state

        action = solve_state(state, seat, self.against).action
        if action is None:
            raise ValueError(f"seat {seat} has nothing to decide on this table")
        return action

    def action_probabilities(self, state: TwentyOneState, seat: int) -> dict[Action, float]:
        best = self.best_action(state, seat)
        return {a: 1.0 if a is best else 0.0 for a in Action}

    def choose(self, state: TwentyOneState, seat: int, rng: np.random.Generator) -> Action:
        return self.best_action(state, seat)


_FACTORIES: dict[str, type] = {
    "threshold": ThresholdOpponent,
    "random": RandomOpponent,
    "optimal": OptimalOpponent,
}
OPPONENT_NAMES: tuple[str, ...] = tuple(_FACTORIES)


def make_opponent(name: str) -> KnownOpponent:
    """The opponent called ``name`` with its default settings; an unknown name is a UserError."""
    try:
        return _FACTORIES[name]()
    except KeyError:
        raise UserError(f"unknown opponent {name!r} (known: {', '.join(OPPONENT_NAMES)})") from None
