"""Rule tests for 21 points (SPEC §3): deck, ace rule, turn order, endings, bad output, seeded deals."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from logicdistill.games.twentyone import (
    DEAL_SEEDS,
    FULL_DECK,
    RANKS,
    SUITS,
    Action,
    Card,
    Result,
    TwentyOneState,
    apply_action,
    benchmark_games,
    deal,
    deal_from_seed,
    hand_total,
    parse_action,
    rank_value,
)


def hand(*ranks: str, suit: str = "S") -> tuple[Card, ...]:
    return tuple(Card(r, suit) for r in ranks)


def table(seat1, seat2, deck=(), **kw) -> TwentyOneState:
    return TwentyOneState(hands=(hand(*seat1), hand(*seat2, suit="H")), deck=hand(*deck, suit="H"), **kw)


# --- deck and totals --------------------------------------------------------------


def test_deck_has_26_cards_13_ranks_in_two_suits():
    assert len(FULL_DECK) == 26 and len(set(FULL_DECK)) == 26
    assert RANKS == ("A", "2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K")
    assert len(SUITS) == 2
    assert Counter(c.rank for c in FULL_DECK) == dict.fromkeys(RANKS, 2)


def test_rank_values():
    assert [rank_value(r) for r in RANKS] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10]
    with pytest.raises(ValueError):
        rank_value("1")


@pytest.mark.parametrize(
    ("ranks", "total"),
    [
        (("A", "10"), 21),
        (("A", "K"), 21),
        (("A", "A"), 12),
        (("A", "A", "10"), 12),
        (("A", "5", "10"), 16),
        (("A", "5"), 16),
        (("10", "Q"), 20),
        (("K", "Q", "2"), 22),
        (("A", "A", "9"), 21),
        (("A", "A", "A", "A", "7"), 21),
    ],
)
def test_ace_rule_known_answers(ranks, total):
    assert hand_total(ranks) == total


@given(st.lists(st.sampled_from(RANKS), min_size=1, max_size=8))
def test_ace_counts_eleven_unless_that_busts(ranks):
    aces = ranks.count("A")
    base = sum(rank_value(r) for r in ranks)  # every ace as 1
    totals = [base + 10 * k for k in range(aces + 1)]  # k aces counted as 11
    not_bust = [t for t in totals if t <= 21]
    assert hand_total(ranks) == (max(not_bust) if not_bust else base)


# --- turns and endings -------------------------------------------------------------


def test_seat_1_moves_first_and_turns_alternate():
    state = table(("2", "3"), ("4", "5"), deck=("2", "3", "4", "5"))
    assert state.to_move == 0
    state, illegal = apply_action(state, Action.HIT)
    assert not illegal and state.to_move == 1 and [c.rank for c in state.hands[0]] == ["2", "3", "2"]
    state, _ = apply_action(state, Action.HIT)
    assert state.to_move == 0 and [c.rank for c in state.hands[1]] == ["4", "5", "3"]
    assert len(state.deck) == 2


def test_a_stood_player_is_skipped():
    state = table(("10", "8"), ("2", "3"), deck=("2", "3", "4", "5"))
    state, _ = apply_action(state, Action.STAND)
    assert state.stood == (True, False) and state.to_move == 1
    state, _ = apply_action(state, Action.HIT)
    assert state.to_move == 1 and not state.done  # seat 1 stood, so seat 2 moves again
    state, _ = apply_action(state, Action.HIT)
    assert state.to_move == 1 and state.total(1) == 2 + 3 + 2 + 3
    state, _ = apply_action(state, Action.STAND)
    assert state.done


def test_bust_ends_at_once_and_the_buster_loses():
    state = table(("10", "9"), ("2", "3"), deck=("K", "2"))
    state, illegal = apply_action(state, "hit")
    assert not illegal and state.done and state.total(0) == 29
    assert state.winner == 1
    assert state.result(0) is Result.LOSS and state.result(1) is Result.VICTORY
    with pytest.raises(ValueError):
        apply_action(state, "stand")


def test_bust_by_the_second_seat_after_the_first_stood():
    state = table(("2", "3"), ("10", "9"), deck=("K",), stood=(True, False), to_move=1)
    state, _ = apply_action(state, Action.HIT)
    assert state.done and state.result(0) is Result.VICTORY and state.result(1) is Result.LOSS


@pytest.mark.parametrize(
    ("seat1", "seat2", "results"),
    [
        (("10", "9"), ("10", "8"), (Result.VICTORY, Result.LOSS)),
        (("10", "7"), ("A", "K"), (Result.LOSS, Result.VICTORY)),
        (("10", "8"), ("9", "9"), (Result.DRAW, Result.DRAW)),
        (("A", "A"), ("2", "10"), (Result.DRAW, Result.DRAW)),
    ],
)
def test_compare_when_both_stood(seat1, seat2, results):
    state = table(seat1, seat2, deck=("5",))
    state, _ = apply_action(state, Action.STAND)
    assert not state.done
    state, _ = apply_action(state, Action.STAND)
    assert state.done and (state.result(0), state.result(1)) == results
    assert state.winner is None if results[0] is Result.DRAW else state.winner in (0, 1)


def test_result_before_the_end_is_an_error():
    with pytest.raises(ValueError):
        table(("2", "3"), ("4", "5")).result(0)


def test_empty_deck_makes_hit_a_stand_without_counting_it():
    state = table(("2", "3"), ("4", "5"), deck=())
    state, illegal = apply_action(state, Action.HIT)
    assert not illegal and state.stood == (True, False) and len(state.hands[0]) == 2
    assert state.illegal == (0, 0)


@pytest.mark.parametrize("bad", ["fold", "", "hit me", None, 1, Action, ["hit"]])
def test_illegal_output_is_played_as_stand_and_counted(bad):
    state = table(("2", "3"), ("4", "5"), deck=("6", "7"))
    state, illegal = apply_action(state, bad)
    assert illegal and state.illegal == (1, 0) and state.stood == (True, False)
    assert len(state.hands[0]) == 2 and len(state.deck) == 2
    state, illegal = apply_action(state, "nonsense")
    assert illegal and state.illegal == (1, 1) and state.done


def test_parse_action_accepts_only_hit_and_stand():
    assert parse_action(" HIT ") is Action.HIT and parse_action("Stand") is Action.STAND
    assert parse_action(Action.HIT) is Action.HIT
    assert parse_action("hold") is None and parse_action(0) is None


# --- seeded deals and the benchmark -------------------------------------------------


def test_deal_gives_two_cards_each_and_keeps_all_26():
    state = deal_from_seed(DEAL_SEEDS[0])
    assert [len(h) for h in state.hands] == [2, 2] and len(state.deck) == 22
    assert sorted([*state.hands[0], *state.hands[1], *state.deck]) == sorted(FULL_DECK)
    assert state.to_move == 0 and state.stood == (False, False) and not state.done


def test_deal_order_alternates_between_seats():
    rng = np.random.default_rng(7)
    order = np.random.default_rng(7).permutation(26)
    cards = [FULL_DECK[i] for i in order]
    state = deal(rng)
    assert state.hands == ((cards[0], cards[2]), (cards[1], cards[3]))
    assert state.deck == tuple(cards[4:])


def test_same_seed_same_deal_and_seeds_differ():
    deals = [deal_from_seed(s) for s in DEAL_SEEDS[:50]]
    assert deals == [deal_from_seed(s) for s in DEAL_SEEDS[:50]]
    assert len({(d.hands, d.deck) for d in deals}) == 50


def test_benchmark_is_1000_deals_times_two_seats():
    games = benchmark_games()
    assert len(DEAL_SEEDS) == 1000 and len(set(DEAL_SEEDS)) == 1000
    assert len(games) == 2000 and len(set(games)) == 2000
    assert {seat for _, seat in games} == {0, 1}
    assert Counter(seed for seed, _ in games) == dict.fromkeys(DEAL_SEEDS, 2)


@given(
    st.sampled_from(DEAL_SEEDS),
    st.lists(st.sampled_from(["hit", "stand", "HIT", "junk"]), min_size=30, max_size=30),
)
def test_any_play_conserves_cards_and_ends(seed, choices):
    state = deal_from_seed(seed)
    for choice in choices:
        if state.done:
            break
        before = state
        state, illegal = apply_action(state, choice)
        assert illegal == (choice == "junk")
        assert sorted(itertools.chain(*state.hands, state.deck)) == sorted(FULL_DECK)
        if not state.done:
            assert not state.stood[state.to_move]
            assert state.to_move == 1 - before.to_move or state.stood[1 - state.to_move]
    assert state.done, "every game ends within 30 moves (each move hits or stands; 22 cards)"
    results = {state.result(0), state.result(1)}
    assert results in ({Result.DRAW}, {Result.VICTORY, Result.LOSS})
    bust = [s for s in (0, 1) if state.total(s) > 21]
    if bust:
        assert len(bust) == 1 and state.result(bust[0]) is Result.LOSS
    else:
        assert all(state.stood)
