"""The user manual of the 21-points reference base: overview, stages, rule explanations, usage examples.

The text is written here; every example's result is computed by running the
reference functions (through the run-time guard, via the ``runs`` object the
build passes in). Assembling and validating the base is :mod:`.build`'s job.
"""

from __future__ import annotations

from typing import Any, Protocol

from logicdistill.functions.schema import Manual, StageGuide, UsageExample
from logicdistill.games.twentyone import BUST_ABOVE, FULL_DECK, Card, TwentyOneState, rank_value
from logicdistill.games.twentyone_policies import THRESHOLD_STAND_AT
from logicdistill.reference.catalog import BUST_RISK, DECIDE_EXACT, HAND_VALUE
from logicdistill.tasks.twentyone import state_dict, state_text


class Runs(Protocol):
    """Runs reference functions for the examples (the build supplies it)."""

    def call(self, name: str, *args: object) -> Any: ...

    def helper(self, name: str, helper: str, *args: object) -> Any: ...


OVERVIEW = f"""\
One decision step is one turn of the deciding player: answer "hit" or "stand". The step is a chain of
stages, the output of one feeding the next:

    value = {HAND_VALUE}(state)
    risk = {BUST_RISK}(value, state)
    answer = {DECIDE_EXACT}(risk, state)

Strategy: everything but the order of the deck is visible - both hands and the deck's composition -
and the opponent is taken to play the fixed rule "hit while the total is below {THRESHOLD_STAND_AT}, then
stand". So {DECIDE_EXACT} can weigh every possible sequence of draws exactly and pick the move with the
higher chance to win. {BUST_RISK} gives the chance that the very next card busts; a certain bust
means stand without further thought."""

STAGES = (
    StageGuide(
        "evaluate_hand",
        (HAND_VALUE,),
        f"Always first: {HAND_VALUE}(state) returns the best total of the own hand.",
    ),
    StageGuide(
        "estimate_risk",
        (BUST_RISK,),
        f"Second, on the hand value: {BUST_RISK}(value, state) returns the probability (0 to 1) that one "
        "more card busts the hand.",
    ),
    StageGuide(
        "decide",
        (DECIDE_EXACT,),
        f'Last, on the risk: {DECIDE_EXACT}(risk, state) returns "hit" or "stand", the answer of the turn.',
    ),
)

RULES = (
    "Card values: 2-10 count their face value, J, Q and K count 10, an ace counts 11 unless that takes "
    "the hand over 21, then 1. A hand whose ace counts 11 is 'soft': one more card cannot bust it, the "
    "ace drops to 1 instead.",
    "The deck has 26 cards: every rank twice. Cards on the table are visible to both players, so the "
    "remaining deck's composition (state['deck']) is known; only its order is hidden, which makes every "
    "remaining card equally likely to come next.",
    "Players alternate turns, seat 1 first; a player who has stood is skipped. Going over 21 loses at "
    "once. When both have stood the higher total wins and equal totals draw. An empty deck makes 'hit' "
    "play as 'stand'; any answer other than 'hit' or 'stand' is an illegal choice played as 'stand'.",
    f"The opponent model: hit while the own total is below {THRESHOLD_STAND_AT}, then stand (the "
    f"benchmark's threshold opponent). {DECIDE_EXACT} relies on it; against another opponent its "
    "choices are still legal but no longer exact.",
    f"Exact lookahead ({DECIDE_EXACT}): the odds (win, draw, loss) of hitting and of standing are "
    "computed by weighing every possible card, then the opponent's fixed reply and my best next move, "
    "until the game ends. 'hit' wins when it gives a higher chance to win; on equal chances, a higher "
    "wins-minus-losses; otherwise 'stand'.",
)


def table(mine: list[str], theirs: list[str], opponent_stood: bool, seat: int = 0) -> TwentyOneState:
    """A legal table where ``seat`` holds ``mine``, the opponent ``theirs``, and it is ``seat``'s turn."""
    free = list(FULL_DECK)

    def take(rank: str) -> Card:
        card = next(c for c in free if c.rank == rank)
        free.remove(card)
        return card

    own, other = tuple(take(r) for r in mine), tuple(take(r) for r in theirs)
    hands = (own, other) if seat == 0 else (other, own)
    stood = (False, opponent_stood) if seat == 0 else (opponent_stood, False)
    return TwentyOneState(hands=hands, deck=tuple(free), to_move=seat, stood=stood)


def _situation(state: TwentyOneState, seat: int) -> str:
    return state_text(state, seat).replace("\n", " ")


def _odds(odds: Any) -> str:
    win, draw, loss = odds
    return f"win {win:.3f}, draw {draw:.3f}, loss {loss:.3f}"


def examples(runs: Runs) -> tuple[UsageExample, ...]:
    """Usage examples for every function, each result computed by ``runs``."""
    out = []
    for mine, theirs in ((["A", "7"], ["10", "6"]), (["A", "7", "9"], ["10", "6"]), (["K", "Q"], ["9", "2"])):
        state = table(mine, theirs, opponent_stood=False)
        view = state_dict(state, 0)
        value = runs.call(HAND_VALUE, view)
        out.append(
            UsageExample(
                HAND_VALUE,
                _situation(state, 0),
                f"{HAND_VALUE}(state)",
                repr(value),
                _value_reason(mine, value),
            )
        )
    for mine, theirs in ((["10", "5"], ["9", "8"]), (["A", "6"], ["9", "8"])):
        state = table(mine, theirs, opponent_stood=False)
        view = state_dict(state, 0)
        value = runs.call(HAND_VALUE, view)
        risk = runs.call(BUST_RISK, value, view)
        busting = [r for r, n in view["deck"].items() if n and value + rank_value(r) > BUST_ABOVE]
        reason = (
            f"The hand is soft (the ace counts 11), so no single card busts it: risk {risk}."
            if "A" in mine
            else f"Cards worth more than {BUST_ABOVE - value} bust {value}: {', '.join(busting)}; they are "
            f"{round(risk * view['cards_left'])} of the {view['cards_left']} cards left, risk {risk:.4f}."
        )
        out.append(
            UsageExample(BUST_RISK, _situation(state, 0), f"{BUST_RISK}({value}, state)", repr(risk), reason)
        )
    for mine, theirs, stood in (
        (["10", "2"], ["10", "Q"], True),
        (["9", "7"], ["8", "5"], False),
        (["10", "8"], ["7", "4"], False),
    ):
        out.append(_decide_example(runs, table(mine, theirs, opponent_stood=stood, seat=1)))
    return tuple(out)


def _value_reason(mine: list[str], value: int) -> str:
    if "A" in mine and value == sum(rank_value(r) for r in mine) + 10:
        return f"The ace counts 11 because the total stays at most 21: {value} (a soft hand)."
    if "A" in mine:
        return f"An ace as 11 would go over 21, so it counts 1: {value}."
    return f"Face values, J/Q/K as 10: {value}."


def _decide_example(runs: Runs, state: TwentyOneState) -> UsageExample:
    seat = state.to_move
    view = state_dict(state, seat)
    value = runs.call(HAND_VALUE, view)
    risk = runs.call(BUST_RISK, value, view)
    answer = runs.call(DECIDE_EXACT, risk, view)
    hit, stand = runs.helper(DECIDE_EXACT, "odds_of_moves", view)
    why = f"Exact odds: hitting {_odds(hit)}; standing {_odds(stand)}; so {answer!r}."
    if view["opponent_stood"]:
        why += " The opponent has stood, so only a higher total than theirs can win."
    return UsageExample(
        DECIDE_EXACT, _situation(state, seat), f"{DECIDE_EXACT}({risk!r}, state)", repr(answer), why
    )


def manual(runs: Runs) -> Manual:
    return Manual(overview=OVERVIEW, stages=STAGES, examples=examples(runs), rules=RULES)
