"""Rules of the 21-points card game (SPEC §3), two players, all cards face up.

Pure rules only: immutable states, one transition function, seeded deals.
Randomness comes solely from a ``numpy.random.Generator`` passed in. Who
decides (opponent policies, oracles, LLM agents) lives elsewhere.

Deal order: the shuffled deck's cards 0 and 2 go to seat 1, cards 1 and 3
to seat 2 (alternating, as at a table); the rest is the hidden-order deck,
drawn from the front.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

RANKS: tuple[str, ...] = ("A", "2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K")
SUITS: tuple[str, ...] = ("S", "H")
N_SEATS = 2
BUST_ABOVE = 21

# Documented deal seeds (SPEC §3): 1,000 deals, each played twice with seats swapped.
DEAL_SEEDS: tuple[int, ...] = tuple(range(20_000, 21_000))


class Action(StrEnum):
    HIT = "hit"
    STAND = "stand"


class Result(StrEnum):
    """How a game ended, from one seat's point of view."""

    VICTORY = "victory"
    LOSS = "loss"
    DRAW = "draw"


@dataclass(frozen=True, order=True)
class Card:
    rank: str
    suit: str

    def __str__(self) -> str:
        return f"{self.rank}{self.suit}"


FULL_DECK: tuple[Card, ...] = tuple(Card(r, s) for s in SUITS for r in RANKS)  # 26 cards


def rank_value(rank: str) -> int:
    """Face value with the ace as 1; J, Q, K count 10."""
    if rank == "A":
        return 1
    if rank in ("J", "Q", "K"):
        return 10
    if rank in RANKS:
        return int(rank)
    raise ValueError(f"unknown card rank {rank!r} (expected one of {', '.join(RANKS)})")


def hand_total(ranks: Iterable[str]) -> int:
    """Best total: one ace counts 11 unless that takes the hand over 21."""
    ranks = list(ranks)
    total = sum(rank_value(r) for r in ranks)
    if "A" in ranks and total + 10 <= BUST_ABOVE:
        total += 10
    return total


def ranks_of(cards: Iterable[Card]) -> list[str]:
    return [c.rank for c in cards]


@dataclass(frozen=True)
class TwentyOneState:
    """The table: both hands, the remaining deck (front = top), whose turn, who stood."""

    hands: tuple[tuple[Card, ...], tuple[Card, ...]]
    deck: tuple[Card, ...]
    to_move: int = 0
    stood: tuple[bool, bool] = (False, False)
    illegal: tuple[int, int] = (0, 0)
    winner: int | None = None  # seat index, or None
    done: bool = False

    def total(self, seat: int) -> int:
        return hand_total(ranks_of(self.hands[seat]))

    def result(self, seat: int) -> Result:
        if not self.done:
            raise ValueError("the game is not over")
        if self.winner is None:
            return Result.DRAW
        return Result.VICTORY if self.winner == seat else Result.LOSS

    def remaining_ranks(self) -> Counter[str]:
        """The known composition of the deck (its order is hidden)."""
        return Counter(c.rank for c in self.deck)


def deal(rng: np.random.Generator) -> TwentyOneState:
    order = rng.permutation(len(FULL_DECK))
    cards = [FULL_DECK[i] for i in order]
    return TwentyOneState(hands=((cards[0], cards[2]), (cards[1], cards[3])), deck=tuple(cards[4:]))


def deal_from_seed(seed: int) -> TwentyOneState:
    return deal(np.random.default_rng(seed))


def parse_action(value: object) -> Action | None:
    """``hit``/``stand`` (any case, surrounding space ignored); anything else is None."""
    if isinstance(value, Action):
        return value
    if isinstance(value, str):
        try:
            return Action(value.strip().lower())
        except ValueError:
            return None
    return None


def apply_action(state: TwentyOneState, choice: object) -> tuple[TwentyOneState, bool]:
    """Play the mover's choice; return the new state and whether the choice was illegal.

    An illegal choice is played as ``stand``. ``hit`` on an empty deck is
    played as ``stand`` (not illegal). A bust ends the game at once; when
    both players have stood the higher total wins, equal totals draw.
    """
    if state.done:
        raise ValueError("the game is over")
    seat = state.to_move
    action = parse_action(choice)
    illegal = action is None
    if illegal:
        state = replace(state, illegal=_bump(state.illegal, seat))
        action = Action.STAND
    if action is Action.HIT and state.deck:
        hand = (*state.hands[seat], state.deck[0])
        state = replace(state, hands=_set(state.hands, seat, hand), deck=state.deck[1:])
        if hand_total(ranks_of(hand)) > BUST_ABOVE:
            return replace(state, winner=1 - seat, done=True), illegal
    else:
        state = replace(state, stood=_set(state.stood, seat, True))
    if all(state.stood):
        a, b = state.total(0), state.total(1)
        return replace(state, winner=None if a == b else (0 if a > b else 1), done=True), illegal
    other = 1 - seat
    return replace(state, to_move=other if not state.stood[other] else seat), illegal


def benchmark_games() -> list[tuple[int, int]]:
    """The 2,000 benchmark games as (deal seed, seat of the agent under test)."""
    return [(seed, seat) for seed in DEAL_SEEDS for seat in range(N_SEATS)]


def _bump(pair: tuple[int, int], seat: int) -> tuple[int, int]:
    return _set(pair, seat, pair[seat] + 1)


def _set(pair: Sequence, seat: int, value: object) -> tuple:
    return tuple(value if i == seat else v for i, v in enumerate(pair))
