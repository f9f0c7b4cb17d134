"""Play one whole game, step by step, and keep everything that happened (SPEC §2, §3).

``run_pursuit`` alternates the blue side and the evader through
:func:`~logicdistill.games.pursuit.apply_blue` / ``apply_orange``;
``run_twentyone`` alternates two players through ``apply_action``. Each
returns a frozen episode record: the start, every state, every choice as it
was made and what the rules did with it.

The deciders are anything with a ``choose`` method (the protocols below ask
for nothing more), so scripted policies, oracles and LLM agents all fit.
Left out on purpose: building the deciders (the ``*_policies`` modules and
the agents do that), batching many episodes in lock-step (the evaluation
harness does that) and any language model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from logicdistill.games.pursuit import (
    Cell,
    Outcome,
    PursuitConfig,
    PursuitState,
    apply_blue,
    apply_orange,
)
from logicdistill.games.twentyone import Action, Card, Result, TwentyOneState, apply_action

# ---------------------------------------------------------------- pursuit


class Pursuer(Protocol):
    """The blue side: three destinations in the order of ``state.blues`` (None = no answer)."""

    def choose(
        self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator
    ) -> Sequence[Cell | None]: ...


class Evader(Protocol):
    """The orange side, asked after the blue move of the same step (None = no answer)."""

    def choose(self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator) -> Cell | None: ...


@dataclass(frozen=True)
class PursuitEpisode:
    """One pursuit game. Per-step tuples are indexed by step - 1.

    ``states[0]`` is the start and ``states[k]`` the state at the end of step
    k. ``orange_choices[k-1]`` is None (and ``orange_errors[k-1]`` False)
    when the game ended in the blue half of step k, before the evader moved.
    """

    config: PursuitConfig
    start: PursuitState
    states: tuple[PursuitState, ...]
    blue_choices: tuple[tuple[Cell | None, ...], ...]
    illegal_flags: tuple[tuple[bool, ...], ...]
    orange_choices: tuple[Cell | None, ...]
    orange_errors: tuple[bool, ...]

    @property
    def final(self) -> PursuitState:
        return self.states[-1]

    @property
    def outcome(self) -> Outcome:
        if self.final.outcome is None:
            raise ValueError("the episode did not finish")
        return self.final.outcome

    @property
    def steps(self) -> int:
        """Steps played; for a success, the step in which the capture happened."""
        return self.final.step - self.start.step

    @property
    def illegal(self) -> int:
        """Illegal blue choices in this episode."""
        return self.final.illegal - self.start.illegal

    @property
    def orange_error_count(self) -> int:
        return sum(self.orange_errors)


def run_pursuit(
    config: PursuitConfig,
    start: PursuitState,
    pursuer: Pursuer,
    evader: Evader,
    rng: np.random.Generator,
) -> PursuitEpisode:
    """Play from ``start`` until the game ends (capture, violation or the step limit)."""
    if start.done:
        raise ValueError("the start is already a finished game")
    state = start
    states = [start]
    blue_choices, illegal_flags, orange_choices, orange_errors = [], [], [], []
    while not state.done:
        choices = tuple(pursuer.choose(config, state, rng))
        state, flags = apply_blue(config, state, choices)
        blue_choices.append(choices)
        illegal_flags.append(flags)
        if state.done:
            orange_choices.append(None)
            orange_errors.append(False)
        else:
            choice = evader.choose(config, state, rng)
            state, erred = apply_orange(config, state, choice)
            orange_choices.append(choice)
            orange_errors.append(erred)
        states.append(state)
    return PursuitEpisode(
        config=config,
        start=start,
        states=tuple(states),
        blue_choices=tuple(blue_choices),
        illegal_flags=tuple(illegal_flags),
        orange_choices=tuple(orange_choices),
        orange_errors=tuple(orange_errors),
    )


# ---------------------------------------------------------------- 21 points


class Player(Protocol):
    """One seat of 21 points: ``hit`` or ``stand`` (any other answer is illegal and played as stand)."""

    def choose(self, state: TwentyOneState, seat: int, rng: np.random.Generator) -> Action | str | None: ...


@dataclass(frozen=True)
class TwentyOneMove:
    """One turn: who moved, what they said, what the rules played, and the card drawn if any."""

    seat: int
    said: str
    played: Action
    illegal: bool
    card: Card | None
    total: int  # the mover's total after the move


@dataclass(frozen=True)
class TwentyOneEpisode:
    """One deal played to the end. ``states[0]`` is the deal, ``states[i]`` the table after move i."""

    start: TwentyOneState
    states: tuple[TwentyOneState, ...]
    moves: tuple[TwentyOneMove, ...]

    @property
    def final(self) -> TwentyOneState:
        return self.states[-1]

    @property
    def results(self) -> tuple[Result, Result]:
        return (self.final.result(0), self.final.result(1))

    @property
    def illegal(self) -> tuple[int, int]:
        """Illegal choices per seat in this episode."""
        return (
            self.final.illegal[0] - self.start.illegal[0],
            self.final.illegal[1] - self.start.illegal[1],
        )


def run_twentyone(
    state: TwentyOneState, players: tuple[Player, Player], rng: np.random.Generator
) -> TwentyOneEpisode:
    """Play the deal ``state`` to the end; ``players[i]`` decides for seat i (seat 1 is index 0)."""
    if state.done:
        raise ValueError("the deal is already a finished game")
    start = state
    states, moves = [state], []
    while not state.done:
        seat = state.to_move
        choice = players[seat].choose(state, seat, rng)
        before = len(state.hands[seat])
        state, illegal = apply_action(state, choice)
        drew = len(state.hands[seat]) > before
        moves.append(
            TwentyOneMove(
                seat=seat,
                said=str(choice),
                played=Action.HIT if drew else Action.STAND,
                illegal=illegal,
                card=state.hands[seat][-1] if drew else None,
                total=state.total(seat),
            )
        )
        states.append(state)
    return TwentyOneEpisode(start=start, states=tuple(states), moves=tuple(moves))
