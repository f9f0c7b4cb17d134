"""What an LLM sees of 21 points: rules text, state text, stages and the state dict.

One decision step is one turn of the deciding player: evaluate the own hand
-> estimate the risk of hitting -> decide ``hit`` or ``stand``. The rules
themselves live in :mod:`logicdistill.games.twentyone`; nothing here plays
a card.
"""

from __future__ import annotations

from logicdistill.games.twentyone import BUST_ABOVE, RANKS, SUITS, TwentyOneState, ranks_of
from logicdistill.tasks.base import Contract, Stage, StateField, TaskName, TaskSpec

RULES = f"""\
21 points, two players, one deck of {len(RANKS) * len(SUITS)} cards: A, 2-10, J, Q, K in {len(SUITS)} suits.
Cards 2-10 count their face value, J/Q/K count 10, an ace counts 11 unless that takes the hand over
{BUST_ABOVE}, then 1. Each player starts with two cards face up; all cards on the table are visible
to both players. The order of the remaining deck is hidden but its composition is known.
Players alternate turns, seat 1 first. On its turn a player who has not stood chooses "hit" (take the
top card of the deck) or "stand" (take no more cards). A player who has stood is skipped.
A total over {BUST_ABOVE} busts: that player loses at once. When both have stood, the higher total wins
and equal totals draw. An empty deck makes "hit" unavailable (played as "stand"). Any answer other
than "hit" or "stand" is an illegal choice and is played as "stand"."""

DECISION = "One decision step is one turn of the deciding player: answer 'hit' or 'stand'."

STAGES: tuple[Stage, ...] = (
    Stage(
        name="evaluate_hand",
        contract=Contract.HAND_EVALUATOR,
        params=("state",),
        returns="a number (int or float) scoring the own hand, usually its best total",
        purpose="First stage: evaluate the deciding player's hand.",
    ),
    Stage(
        name="estimate_risk",
        contract=Contract.RISK_ESTIMATOR,
        params=("value", "state"),
        returns="a number in [0, 1]: the estimated risk of hitting (e.g. the probability of busting)",
        purpose="Second stage: estimate how risky one more card is, from the hand value and the deck.",
    ),
    Stage(
        name="decide",
        contract=Contract.TWENTYONE_DECISION,
        params=("risk", "state"),
        returns='the string "hit" or "stand"',
        purpose="Last stage: decide the turn from the risk and the table.",
    ),
)

STATE_FIELDS: tuple[StateField, ...] = (
    StateField("hand", "list of str", "the deciding player's card ranks, e.g. ['A', '7']"),
    StateField("total", "int", "best total of 'hand' (an ace counts 11 unless that busts)"),
    StateField("opponent_hand", "list of str", "the opponent's card ranks"),
    StateField("opponent_total", "int", "best total of 'opponent_hand'"),
    StateField("opponent_stood", "bool", "whether the opponent has stood (it takes no more cards)"),
    StateField(
        "deck", "dict str -> int", "remaining deck composition: rank -> count, every rank present (0 if none)"
    ),
    StateField("cards_left", "int", "number of cards left in the deck"),
    StateField("seat", "int", "0 if the deciding player moved first, 1 otherwise"),
)

TASK = TaskSpec(
    name=TaskName.TWENTYONE,
    title="21 points (two players, all cards face up)",
    rules=RULES,
    decision=DECISION,
    stages=STAGES,
    state_fields=STATE_FIELDS,
)


def rules_text() -> str:
    return RULES


def state_dict(state: TwentyOneState, seat: int) -> dict:
    """A fresh plain-data view of the table for the player in ``seat`` (see docs/function-base.md)."""
    if seat not in (0, 1):
        raise ValueError(f"seat must be 0 or 1, got {seat}")
    remaining = state.remaining_ranks()
    return {
        "hand": list(ranks_of(state.hands[seat])),
        "total": int(state.total(seat)),
        "opponent_hand": list(ranks_of(state.hands[1 - seat])),
        "opponent_total": int(state.total(1 - seat)),
        "opponent_stood": bool(state.stood[1 - seat]),
        "deck": {rank: int(remaining.get(rank, 0)) for rank in RANKS},
        "cards_left": len(state.deck),
        "seat": int(seat),
    }


def state_text(state: TwentyOneState, seat: int) -> str:
    """The table in words, from the point of view of ``seat`` (the prompted and KD students' view)."""
    remaining = state.remaining_ranks()
    deck = ", ".join(f"{rank} x{remaining[rank]}" for rank in RANKS if remaining.get(rank))
    return f"{_hands_text(state, seat)}\nDeck: {len(state.deck)} cards left: {deck or 'none'}."


def selection_text(state: TwentyOneState, seat: int) -> str:
    """The table as the LD student and its retriever see it: the hands and the deck's size only.

    The deck's composition is left out: the functions read it from the state dict, and
    which function runs at a stage does not depend on it (its listing would be about 60%
    of every selection's tokens).
    """
    return f"{_hands_text(state, seat)}\nDeck: {len(state.deck)} cards left."


def _hands_text(state: TwentyOneState, seat: int) -> str:
    own, other = state.hands[seat], state.hands[1 - seat]
    stood = " (has stood)" if state.stood[1 - seat] else ""
    return (
        f"Your hand: {' '.join(map(str, own))} (total {state.total(seat)}).\n"
        f"Opponent's hand: {' '.join(map(str, other))} (total {state.total(1 - seat)}){stood}."
    )
