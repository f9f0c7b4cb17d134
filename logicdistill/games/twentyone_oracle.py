"""Exact odds for 21 points against a known opponent policy (SPEC §4): expectimax over deck composition.

The player "me" maximises its win probability; ties are broken by the larger
win − loss, then by preferring ``stand`` (floats within ``TIE_TOLERANCE`` count
as equal). A ``hit`` is a chance node that draws uniformly from the remaining
cards: the deck's composition is known (the 26 cards minus both hands), its
order is not. The rules are those of :mod:`logicdistill.games.twentyone`.

Positions are memoised under a canonical key: each hand as counts per value
class (A, 2..9, ten-valued), whose turn and who stood. The deck follows from
the hands, so the key determines the position up to suits and which
ten-valued rank was drawn. A known policy is therefore shown a representative
table (``me`` always at seat 0) and must decide by card values only, never by
suit, by which of 10/J/Q/K it holds, or by the hidden deck order.

Left out on purpose: who the policies are (``twentyone_policies``), sampling
(every average here is exact), and printing.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from logicdistill.games.twentyone import (
    BUST_ABOVE,
    FULL_DECK,
    RANKS,
    SUITS,
    Action,
    Card,
    TwentyOneState,
    deal_from_seed,
    rank_value,
    ranks_of,
)

# Value classes: index 0 is the ace (counted 1 here, soft 11 when it fits), 1..8 are 2..9, 9 is ten-valued.
CLASS_VALUES: tuple[int, ...] = tuple(range(1, 11))
N_CLASSES = len(CLASS_VALUES)
SOFT_ACE_BONUS = 10
TIE_TOLERANCE = 1e-12
CARDS_DEALT = 2  # per player at the start (SPEC §3)

Counts = tuple[int, ...]  # cards per value class


class Turn(StrEnum):
    """Whose turn it is, from the point of view of the solved player."""

    ME = "me"
    OPPONENT = "opponent"


class KnownPolicy(Protocol):
    """A policy whose (possibly mixed) decision is known; it must be hashable (it keys the memo)."""

    def action_probabilities(self, state: TwentyOneState, seat: int) -> dict[Action, float]: ...


@dataclass(frozen=True)
class Odds:
    """Probabilities of the game's end, from "me"'s point of view; they sum to 1."""

    win: float
    draw: float
    loss: float


@dataclass(frozen=True)
class Solution:
    """Optimal odds and the best action (None when the game is over or it is not "me" to decide)."""

    odds: Odds
    action: Action | None


def _class_of(rank: str) -> int:
    return rank_value(rank) - 1


FULL_COUNTS: Counts = tuple(Counter(_class_of(c.rank) for c in FULL_DECK)[i] for i in range(N_CLASSES))
# The cards of each class in a fixed order, to lay out representative tables.
_CLASS_CARDS: tuple[tuple[Card, ...], ...] = tuple(
    tuple(c for c in FULL_DECK if _class_of(c.rank) == i) for i in range(N_CLASSES)
)


def _hard(counts: Counts) -> int:
    return sum(n * v for n, v in zip(counts, CLASS_VALUES, strict=True))


def _soft(hard: int, aces: int) -> int:
    """The hand's total from its hard total (aces as 1) and its number of aces."""
    return hard + SOFT_ACE_BONUS if aces and hard + SOFT_ACE_BONUS <= BUST_ABOVE else hard


def _total(counts: Counts) -> int:
    return _soft(_hard(counts), counts[0])


def _compare(a: int, b: int) -> tuple[float, float, float]:
    """(win, draw, loss) for "me" when both stood, "me" on total ``a`` and the opponent on ``b``."""
    return (1.0, 0.0, 0.0) if a > b else (0.0, 1.0, 0.0) if a == b else (0.0, 0.0, 1.0)


def _better(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    """Whether odds ``a`` are strictly better than ``b``: more wins, then more (wins − losses)."""
    if abs(a[0] - b[0]) > TIE_TOLERANCE:
        return a[0] > b[0]
    return (a[0] - a[2]) - (b[0] - b[2]) > TIE_TOLERANCE


# For class i and counts (a, b) in the two hands: (first a cards, next b cards, the rest) of that class.
_SPLITS: tuple[dict[tuple[int, int], tuple[tuple[Card, ...], ...]], ...] = tuple(
    {(a, b): (cards[:a], cards[a : a + b], cards[a + b :]) for a in range(n + 1) for b in range(n + 1 - a)}
    for cards, n in zip(_CLASS_CARDS, FULL_COUNTS, strict=True)
)


def representative_state(
    me: Counts, opp: Counts, turn: Turn, me_stood: bool, opp_stood: bool
) -> TwentyOneState:
    """A legal table with these hands (``me`` at seat 0): fixed suits and ten-valued ranks, deck by class."""
    me_cards: tuple[Card, ...] = ()
    opp_cards: tuple[Card, ...] = ()
    deck: tuple[Card, ...] = ()
    for splits, a, b in zip(_SPLITS, me, opp, strict=True):
        mine, theirs, rest = splits[a, b]
        me_cards += mine
        opp_cards += theirs
        deck += rest
    return TwentyOneState(
        hands=(me_cards, opp_cards),
        deck=deck,
        to_move=0 if turn is Turn.ME else 1,
        stood=(me_stood, opp_stood),
    )


# Mixed-radix weights: a hand's counts per class as one int (the memo key is a single int).
_WEIGHTS: tuple[int, ...] = tuple(
    functools.reduce(lambda acc, n: acc * (n + 1), FULL_COUNTS[:i], 1) for i in range(N_CLASSES)
)
_RADIX = _WEIGHTS[-1] * (FULL_COUNTS[-1] + 1)
_Value = tuple[float, float, float, Action | None]


class _Search:
    """Memoised expectimax for one (me policy or None = optimal, opponent policy) pair.

    The hands and the deck live in mutable per-class count lists that a hit
    updates before descending and restores after; the memo key is an int
    built from both hands' codes, whose turn and who stood.
    """

    def __init__(self, opponent_policy: KnownPolicy, me_policy: KnownPolicy | None) -> None:
        self.opponent_policy = opponent_policy
        self.me_policy = me_policy
        self.memo: dict[int, _Value] = {}
        self.hands: tuple[list[int], list[int]] = ([0] * N_CLASSES, [0] * N_CLASSES)
        self.left: list[int] = list(FULL_COUNTS)

    def solve(self, me: Counts, opp: Counts, turn: Turn, me_stood: bool, opp_stood: bool) -> _Value:
        """Odds (and best action for an optimal "me") at a live position where the mover has not stood."""
        saved = self.hands, self.left  # re-entrant: a policy may consult this very search
        self.hands = (list(me), list(opp))
        self.left = [f - a - b for f, a, b in zip(FULL_COUNTS, me, opp, strict=True)]
        codes = [sum(n * w for n, w in zip(h, _WEIGHTS, strict=True)) for h in (me, opp)]
        try:
            return self._node(codes[0], codes[1], _hard(me), _hard(opp), turn is Turn.ME, me_stood, opp_stood)
        finally:
            self.hands, self.left = saved

    def _node(
        self, me: int, opp: int, me_hard: int, opp_hard: int, mine: bool, me_stood: bool, opp_stood: bool
    ) -> _Value:
        key = (((me * _RADIX + opp) * 2 + mine) * 2 + me_stood) * 2 + opp_stood
        found = self.memo.get(key)
        if found is not None:
            return found
        args = (me, opp, me_hard, opp_hard, mine, me_stood, opp_stood)
        can_hit = any(self.left)  # an empty deck makes hit a stand
        policy = self.me_policy if mine else self.opponent_policy
        if policy is None:
            stand = self._after_stand(*args)
            hit = self._after_hit(*args) if can_hit else stand
            result: _Value = (*hit, Action.HIT) if _better(hit, stand) else (*stand, Action.STAND)
        else:
            turn = Turn.ME if mine else Turn.OPPONENT
            state = representative_state(
                tuple(self.hands[0]), tuple(self.hands[1]), turn, me_stood, opp_stood
            )
            probs = policy.action_probabilities(state, 0 if mine else 1)
            p_hit, p_stand = probs.get(Action.HIT, 0.0), probs.get(Action.STAND, 0.0)
            if not can_hit:
                p_hit, p_stand = 0.0, p_hit + p_stand
            w = d = lo = 0.0
            # A branch the policy never takes is not searched: a deterministic policy's tree stays small.
            for p, branch in ((p_hit, self._after_hit), (p_stand, self._after_stand)):
                if p > 0.0:
                    bw, bd, bl = branch(*args)
                    w, d, lo = w + p * bw, d + p * bd, lo + p * bl
            result = (w, d, lo, None)
        self.memo[key] = result
        return result

    def _after_stand(
        self, me: int, opp: int, me_hard: int, opp_hard: int, mine: bool, me_stood: bool, opp_stood: bool
    ) -> tuple[float, float, float]:
        me_stood, opp_stood = (True, opp_stood) if mine else (me_stood, True)
        if me_stood and opp_stood:
            return _compare(_soft(me_hard, self.hands[0][0]), _soft(opp_hard, self.hands[1][0]))
        return self._node(me, opp, me_hard, opp_hard, not me_stood, me_stood, opp_stood)[:3]

    def _after_hit(
        self, me: int, opp: int, me_hard: int, opp_hard: int, mine: bool, me_stood: bool, opp_stood: bool
    ) -> tuple[float, float, float]:
        left = self.left
        hand = self.hands[0 if mine else 1]
        n_left = sum(left)
        next_mine = mine if (opp_stood if mine else me_stood) else not mine
        base = me_hard if mine else opp_hard
        win = draw = loss = 0.0
        for cls in range(N_CLASSES):
            n = left[cls]
            if not n:
                continue
            p = n / n_left
            hard = base + CLASS_VALUES[cls]
            if hard > BUST_ABOVE:
                if mine:
                    loss += p
                else:
                    win += p
                continue
            left[cls] -= 1
            hand[cls] += 1
            if mine:
                w, d, lo, _ = self._node(
                    me + _WEIGHTS[cls], opp, hard, opp_hard, next_mine, me_stood, opp_stood
                )
            else:
                w, d, lo, _ = self._node(
                    me, opp + _WEIGHTS[cls], me_hard, hard, next_mine, me_stood, opp_stood
                )
            left[cls] += 1
            hand[cls] -= 1
            win += p * w
            draw += p * d
            loss += p * lo
        return (win, draw, loss)


@functools.cache
def _search_for(opponent_policy: KnownPolicy, me_policy: KnownPolicy | None) -> _Search:
    return _Search(opponent_policy, me_policy)


def clear_cache() -> None:
    """Forget every memoised position (for cold timings)."""
    _search_for.cache_clear()


def hand_counts(ranks: Iterable[str]) -> Counts:
    """Cards per value class; a rank outside RANKS is a ValueError."""
    counts = [0] * N_CLASSES
    for rank in ranks:
        if rank not in RANKS:
            raise ValueError(f"unknown card rank {rank!r} (expected one of {', '.join(RANKS)})")
        counts[_class_of(rank)] += 1
    return tuple(counts)


def _validate_ranks(me: Sequence[str], opponent: Sequence[str]) -> tuple[Counts, Counts]:
    me_counts, opp_counts = hand_counts(me), hand_counts(opponent)
    for rank, n in Counter([*me, *opponent]).items():
        if n > len(SUITS):
            raise ValueError(f"rank {rank!r} is used {n} times; the deck has only {len(SUITS)} of each rank")
    return me_counts, opp_counts


def _odds(
    me: Sequence[str],
    opponent: Sequence[str],
    to_move: Turn | str,
    me_stood: bool,
    opponent_stood: bool,
    opponent_policy: KnownPolicy,
    me_policy: KnownPolicy | None,
) -> Solution:
    me_counts, opp_counts = _validate_ranks(me, opponent)
    try:
        turn = Turn(to_move)
    except ValueError:
        raise ValueError(f"to_move must be 'me' or 'opponent', not {to_move!r}") from None
    me_bust, opp_bust = _hard(me_counts) > BUST_ABOVE, _hard(opp_counts) > BUST_ABOVE
    if me_bust and opp_bust:
        raise ValueError("both hands are over 21; a game ends at the first bust")
    if me_bust or opp_bust:
        return Solution(Odds(0.0, 0.0, 1.0) if me_bust else Odds(1.0, 0.0, 0.0), None)
    if me_stood and opponent_stood:
        return Solution(Odds(*_compare(_total(me_counts), _total(opp_counts))), None)
    if me_stood if turn is Turn.ME else opponent_stood:
        raise ValueError(f"{turn.value!r} has stood and so cannot be to move (a stood player is skipped)")
    search = _search_for(opponent_policy, me_policy)
    win, draw, loss, action = search.solve(me_counts, opp_counts, turn, me_stood, opponent_stood)
    return Solution(Odds(win, draw, loss), action if turn is Turn.ME else None)


def solve(
    me: Sequence[str],
    opponent: Sequence[str],
    to_move: Turn | str,
    me_stood: bool,
    opponent_stood: bool,
    opponent_policy: KnownPolicy,
) -> Solution:
    """Optimal odds for "me" (ranks as in RANKS) and its best action when it is to decide."""
    return _odds(me, opponent, to_move, me_stood, opponent_stood, opponent_policy, None)


def evaluate(
    me: Sequence[str],
    opponent: Sequence[str],
    to_move: Turn | str,
    me_stood: bool,
    opponent_stood: bool,
    me_policy: KnownPolicy,
    opponent_policy: KnownPolicy,
) -> Odds:
    """Exact odds for "me" playing the fixed known ``me_policy`` (policy evaluation)."""
    return _odds(me, opponent, to_move, me_stood, opponent_stood, opponent_policy, me_policy).odds


def _state_args(state: TwentyOneState, seat: int) -> tuple[list[str], list[str], Turn, bool, bool]:
    other = 1 - seat
    me, opp = ranks_of(state.hands[seat]), ranks_of(state.hands[other])
    if Counter(ranks_of(state.deck)) + Counter(me) + Counter(opp) != Counter(ranks_of(FULL_DECK)):
        raise ValueError("the table does not hold exactly the 26-card deck (hands + deck)")
    turn = Turn.ME if state.to_move == seat else Turn.OPPONENT
    return me, opp, turn, state.stood[seat], state.stood[other]


def solve_state(state: TwentyOneState, seat: int, opponent_policy: KnownPolicy) -> Solution:
    """:func:`solve` for the player at ``seat`` of a live (or finished) table."""
    if state.done:
        return Solution(_finished_odds(state, seat), None)
    return solve(*_state_args(state, seat), opponent_policy)


def evaluate_state(
    state: TwentyOneState, seat: int, me_policy: KnownPolicy, opponent_policy: KnownPolicy
) -> Odds:
    """:func:`evaluate` for the player at ``seat`` of a live (or finished) table."""
    if state.done:
        return _finished_odds(state, seat)
    return evaluate(*_state_args(state, seat), me_policy, opponent_policy)


def _finished_odds(state: TwentyOneState, seat: int) -> Odds:
    if state.winner is None:
        return Odds(0.0, 1.0, 0.0)
    return Odds(1.0, 0.0, 0.0) if state.winner == seat else Odds(0.0, 0.0, 1.0)


def _weighted(pairs: Iterable[tuple[float, Odds]]) -> Odds:
    pairs = list(pairs)
    weight = sum(w for w, _ in pairs)
    return Odds(
        sum(w * o.win for w, o in pairs) / weight,
        sum(w * o.draw for w, o in pairs) / weight,
        sum(w * o.loss for w, o in pairs) / weight,
    )


def opening_deals() -> dict[tuple[Counts, Counts], float]:
    """Every opening (seat-1 hand, seat-2 hand) by value class, with its exact probability.

    The shuffled deck's cards 0 and 2 go to seat 1, cards 1 and 3 to seat 2.
    """
    deals: dict[tuple[Counts, Counts], float] = {}
    for order in itertools.product(range(N_CLASSES), repeat=2 * CARDS_DEALT):
        left, p = list(FULL_COUNTS), 1.0
        for i, cls in enumerate(order):
            p *= left[cls] / (sum(FULL_COUNTS) - i)
            left[cls] -= 1
        if p <= 0.0:
            continue
        hands = [[0] * N_CLASSES, [0] * N_CLASSES]
        for i, cls in enumerate(order):
            hands[i % 2][cls] += 1
        key = (tuple(hands[0]), tuple(hands[1]))
        deals[key] = deals.get(key, 0.0) + p
    return deals


def shuffle_average(opponent_policy: KnownPolicy, seat: int, me_policy: KnownPolicy | None = None) -> Odds:
    """Exact odds at ``seat`` averaged over the random deal (optimal play, or ``me_policy`` when given)."""
    search = _search_for(opponent_policy, me_policy)
    turn = Turn.ME if seat == 0 else Turn.OPPONENT
    pairs = []
    for (first, second), p in opening_deals().items():
        me, opp = (first, second) if seat == 0 else (second, first)
        win, draw, loss, _ = search.solve(me, opp, turn, False, False)
        pairs.append((p, Odds(win, draw, loss)))
    return _weighted(pairs)


def deals_average(
    seeds: Iterable[int], opponent_policy: KnownPolicy, seat: int, me_policy: KnownPolicy | None = None
) -> Odds:
    """Exact odds at ``seat`` averaged (equally) over the deals of ``seeds``."""

    def one(seed: int) -> Odds:
        state = deal_from_seed(seed)
        if me_policy is None:
            return solve_state(state, seat, opponent_policy).odds
        return evaluate_state(state, seat, me_policy, opponent_policy)

    return _weighted((1.0, one(seed)) for seed in seeds)
