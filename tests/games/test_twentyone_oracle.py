"""The 21-points oracle: hand-counted positions, an independent card-level brute force, properties."""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logicdistill.games.twentyone import (
    FULL_DECK,
    Action,
    Card,
    TwentyOneState,
    apply_action,
    deal_from_seed,
    hand_total,
    rank_value,
    ranks_of,
)
from logicdistill.games.twentyone_oracle import (
    Odds,
    Solution,
    Turn,
    deals_average,
    evaluate,
    evaluate_state,
    hand_counts,
    opening_deals,
    representative_state,
    shuffle_average,
    solve,
    solve_state,
)
from logicdistill.games.twentyone_policies import RandomOpponent, ThresholdOpponent

THRESHOLD = ThresholdOpponent()
RANDOM = RandomOpponent()
TOL = 1e-9


def _close(odds: Odds, win: float, draw: float, loss: float) -> bool:
    return all(abs(a - b) < TOL for a, b in ((odds.win, win), (odds.draw, draw), (odds.loss, loss)))


def _table(me: list[str], opp: list[str], me_seat: int = 0, to_move: int = 0, stood=(False, False)):
    """A real table holding these ranks (first free suit), the rest as the deck."""
    free = list(FULL_DECK)

    def take(rank: str) -> Card:
        card = next(c for c in free if c.rank == rank)
        free.remove(card)
        return card

    mine, theirs = tuple(take(r) for r in me), tuple(take(r) for r in opp)
    hands = (mine, theirs) if me_seat == 0 else (theirs, mine)
    return TwentyOneState(hands=hands, deck=tuple(free), to_move=to_move, stood=stood)


def _brute_force(state: TwentyOneState, seat: int, opponent, me_policy=None) -> tuple[float, float, float]:
    """Card by card through ``apply_action``: every remaining card equally likely on top."""
    memo: dict = {}

    def value(s: TwentyOneState) -> tuple[float, float, float]:
        if s.done:
            r = s.result(seat).value
            return (r == "victory", r == "draw", r == "loss")
        key = (tuple(sorted(s.hands[0])), tuple(sorted(s.hands[1])), s.to_move, s.stood)
        if key not in memo:
            stand = value(apply_action(s, Action.STAND)[0])
            if s.deck:
                tops = [replace(s, deck=(c, *s.deck[:i], *s.deck[i + 1 :])) for i, c in enumerate(s.deck)]
                outs = [value(apply_action(t, Action.HIT)[0]) for t in tops]
                hit = tuple(sum(o[k] for o in outs) / len(outs) for k in range(3))
            else:
                hit = stand
            policy = me_policy if s.to_move == seat else opponent
            if policy is None:
                better = hit[0] > stand[0] + 1e-12 or (
                    abs(hit[0] - stand[0]) <= 1e-12 and hit[0] - hit[2] > stand[0] - stand[2] + 1e-12
                )
                memo[key] = hit if better else stand
            else:
                p = policy.action_probabilities(s, s.to_move)
                memo[key] = tuple(
                    p[Action.HIT] * h + p[Action.STAND] * t for h, t in zip(hit, stand, strict=True)
                )
        return memo[key]

    return value(state)


# --- known answers, counted by hand -------------------------------------------------------------


def test_standing_on_21_against_an_opponent_who_must_stand_wins():
    sol = solve(["A", "K"], ["10", "8"], Turn.OPPONENT, True, False, THRESHOLD)
    assert sol == Solution(Odds(1.0, 0.0, 0.0), None)


def test_stood_on_20_against_threshold_on_16_by_counting_the_deck():
    # Left: A A 2 2 3 3 4 4 5 5 6 6 7 8 8 9 10 J J Q Q K (22 cards). On 16 the opponent hits once:
    # A,2,3 -> 17,18,19 (it stands, I win); 4 -> 20 (draw); 5 -> 21 (I lose); 6 or more -> bust (I win).
    sol = solve(["10", "K"], ["9", "7"], "opponent", True, False, THRESHOLD)
    assert sol.action is None
    assert _close(sol.odds, 18 / 22, 2 / 22, 2 / 22)


def test_win_probability_comes_first_even_at_a_sure_draw():
    # 19 against a stood 20; left: A A 2 2 3..8 (pairs) 9 J J Q Q K. Standing loses. A 2 makes 21 (win);
    # an ace makes 20, and at 20 v 20 hitting (win 1/21 with the last ace) beats a sure draw on wins.
    sol = solve(["10", "9"], ["10", "K"], "me", False, True, THRESHOLD)
    assert sol.action is Action.HIT
    win = Fraction(2, 22) + Fraction(2, 22) * Fraction(1, 21)
    assert _close(sol.odds, float(win), 0.0, float(1 - win))
    after_ace = solve(["10", "9", "A"], ["10", "K"], "me", False, True, THRESHOLD)
    assert after_ace.action is Action.HIT and _close(after_ace.odds, 1 / 21, 0.0, 20 / 21)


def test_without_a_winning_chance_fewer_losses_decide():
    # 16 against a stood 21: no way to win, but hitting can still draw, standing surely loses.
    sol = solve(["10", "6"], ["A", "K"], "me", False, True, THRESHOLD)
    assert sol.action is Action.HIT
    assert sol.odds.win == 0.0 and 0.0 < sol.odds.draw < 1.0


def test_equal_odds_prefer_stand():
    # 21 v a stood 21 (no ace left): standing draws; hitting cannot win and risks a loss.
    sol = solve(["A", "K"], ["A", "Q"], "me", False, True, THRESHOLD)
    assert sol == Solution(Odds(0.0, 1.0, 0.0), Action.STAND)


def test_finished_positions():
    assert solve(["10", "9", "5"], ["2", "3"], "opponent", False, False, THRESHOLD).odds == Odds(
        0.0, 0.0, 1.0
    )
    assert solve(["10", "9"], ["10", "9"], "me", True, True, THRESHOLD) == Solution(Odds(0.0, 1.0, 0.0), None)
    assert solve(["A", "9"], ["10", "8"], "me", True, True, THRESHOLD).odds == Odds(1.0, 0.0, 0.0)


def test_soft_hand_matches_brute_force():
    state = _table(["A", "5"], ["10", "8"], to_move=0, stood=(False, True))
    sol = solve_state(state, 0, THRESHOLD)
    assert _close(sol.odds, *_brute_force(state, 0, THRESHOLD))


# --- input validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("me", "opp", "to_move", "me_stood", "message"),
    [
        (["A", "X"], ["5"], "me", False, "unknown card rank 'X'"),
        (["7", "7"], ["7"], "me", False, "used 3 times"),
        (["10", "5"], ["5"], "nobody", False, "to_move"),
        (["10", "5"], ["5"], "me", True, "has stood"),
        (["10", "9", "5"], ["10", "8", "6"], "me", False, "both hands are over 21"),
    ],
)
def test_bad_positions_are_value_errors(me, opp, to_move, me_stood, message):
    with pytest.raises(ValueError, match=message):
        solve(me, opp, to_move, me_stood, False, THRESHOLD)


def test_a_table_that_is_not_the_deck_is_rejected():
    state = deal_from_seed(3)
    with pytest.raises(ValueError, match="26-card deck"):
        solve_state(replace(state, deck=state.deck[1:]), 0, THRESHOLD)


# --- averages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlwaysStand:
    def action_probabilities(self, state: TwentyOneState, seat: int) -> dict[Action, float]:
        return {Action.STAND: 1.0}


@functools.cache
def _every_ordered_deal() -> Counter:
    """(seat-1 classes, seat-2 classes) of all 26·25·24·23 ordered openings, counted."""
    cls = [rank_value(c.rank) - 1 for c in FULL_DECK]
    return Counter(
        (tuple(sorted((cls[a], cls[c]))), tuple(sorted((cls[b], cls[d]))))
        for a, b, c, d in itertools.permutations(range(len(FULL_DECK)), 4)
    )


def test_opening_deals_match_counting_every_ordered_deal():
    deals, counts = opening_deals(), _every_ordered_deal()
    assert abs(sum(deals.values()) - 1.0) < 1e-12
    assert len(deals) == len(counts)
    for (first, second), p in deals.items():
        key = tuple(tuple(i for i in range(10) for _ in range(h[i])) for h in (first, second))
        assert abs(p - counts[key] / counts.total()) < 1e-12


def test_shuffle_average_when_both_stand_at_once_is_comparing_the_openings():
    def total(classes: tuple[int, ...]) -> int:
        return hand_total("A" if c == 0 else str(c + 1) for c in classes)

    counts = _every_ordered_deal()
    first_wins = sum(n for (a, b), n in counts.items() if total(a) > total(b)) / counts.total()
    draws = sum(n for (a, b), n in counts.items() if total(a) == total(b)) / counts.total()
    odds = shuffle_average(AlwaysStand(), 0, me_policy=AlwaysStand())
    assert _close(odds, first_wins, draws, 1.0 - first_wins - draws)
    other = shuffle_average(AlwaysStand(), 1, me_policy=AlwaysStand())
    assert _close(other, odds.loss, odds.draw, odds.win)


def test_optimal_beats_threshold_deal_by_deal():
    seeds = range(20_000, 20_020)
    for seat in (0, 1):
        for seed in seeds:
            state = deal_from_seed(seed)
            assert solve_state(state, seat, THRESHOLD).odds.win >= (
                evaluate_state(state, seat, THRESHOLD, THRESHOLD).win - TOL
            )
        best = deals_average(seeds, THRESHOLD, seat)
        assert best.win > deals_average(seeds, THRESHOLD, seat, me_policy=THRESHOLD).win
        assert abs(best.win + best.draw + best.loss - 1.0) < TOL


def test_deals_average_is_the_mean_over_the_deals():
    seeds = [11, 12, 13]
    avg = deals_average(seeds, THRESHOLD, 1)
    each = [solve_state(deal_from_seed(s), 1, THRESHOLD).odds for s in seeds]
    assert _close(avg, *(float(np.mean([getattr(o, f) for o in each])) for f in ("win", "draw", "loss")))


# --- properties over random legal positions ------------------------------------------------------


@st.composite
def late_positions(draw, min_hard: int = 15):
    """A real table whose hands (hard totals >= min_hard) keep the brute force small."""
    deck = draw(st.permutations(FULL_DECK))
    hands: list[list[Card]] = [[], []]
    rest = list(deck)
    for hand in hands:
        while sum(rank_value(c.rank) for c in hand) < min_hard:
            hand.append(rest.pop())
    to_move = draw(st.integers(0, 1))
    stood = draw(st.sampled_from([(False, False), (True, False), (False, True)]))
    if stood[to_move]:
        to_move = 1 - to_move
    state = TwentyOneState(
        hands=(tuple(hands[0]), tuple(hands[1])), deck=tuple(rest), to_move=to_move, stood=stood
    )
    if any(hand_total(ranks_of(h)) > 21 for h in hands):
        state = replace(state, done=True, winner=0 if hand_total(ranks_of(hands[1])) > 21 else 1)
    return state, draw(st.integers(0, 1))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(late_positions())
def test_matches_the_card_level_brute_force(position):
    state, seat = position
    if state.done and all(hand_total(ranks_of(h)) > 21 for h in state.hands):
        return
    sol = solve_state(state, seat, THRESHOLD)
    assert _close(sol.odds, *_brute_force(state, seat, THRESHOLD))
    fixed = evaluate_state(state, seat, RANDOM, THRESHOLD)
    assert _close(fixed, *_brute_force(state, seat, THRESHOLD, me_policy=RANDOM))


@settings(max_examples=60, deadline=None)
@given(late_positions(min_hard=10), st.sampled_from([THRESHOLD, RANDOM]))
def test_optimal_is_at_least_any_fixed_policy_and_odds_sum_to_one(position, opponent):
    state, seat = position
    sol = solve_state(state, seat, opponent)
    odds = sol.odds
    assert abs(odds.win + odds.draw + odds.loss - 1.0) < TOL
    assert min(odds.win, odds.draw, odds.loss) >= -TOL
    for fixed in (THRESHOLD, RANDOM):
        other = evaluate_state(state, seat, fixed, opponent)
        assert odds.win >= other.win - TOL
        assert abs(other.win + other.draw + other.loss - 1.0) < TOL
    deciding = not state.done and state.to_move == seat and not state.stood[seat]
    assert (sol.action is not None) == deciding


@settings(max_examples=60, deadline=None)
@given(late_positions(min_hard=10))
def test_policy_evaluation_is_the_same_from_either_seat(position):
    state, seat = position
    mine = evaluate_state(state, seat, THRESHOLD, RANDOM)
    theirs = evaluate_state(state, 1 - seat, RANDOM, THRESHOLD)
    assert _close(theirs, mine.loss, mine.draw, mine.win)


@settings(max_examples=40, deadline=None)
@given(late_positions(min_hard=10))
def test_representative_tables_are_legal_and_keep_the_totals(position):
    state, seat = position
    me, opp = ranks_of(state.hands[seat]), ranks_of(state.hands[1 - seat])
    rep = representative_state(hand_counts(me), hand_counts(opp), Turn.ME, False, False)
    assert sorted((*rep.hands[0], *rep.hands[1], *rep.deck)) == sorted(FULL_DECK)
    assert rep.total(0) == hand_total(me) and rep.total(1) == hand_total(opp)


def test_the_solution_does_not_depend_on_suits_or_seats():
    a = solve_state(_table(["A", "5"], ["Q", "3"], me_seat=0, to_move=0), 0, THRESHOLD)
    b = solve_state(_table(["A", "5"], ["K", "3"], me_seat=1, to_move=1), 1, THRESHOLD)
    assert a == b
    assert a == solve(["A", "5"], ["10", "3"], "me", False, False, THRESHOLD)
    assert evaluate(["A", "5"], ["10", "3"], "me", False, False, THRESHOLD, THRESHOLD).win <= a.odds.win
