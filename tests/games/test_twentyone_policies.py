"""21-points opponents: the factory, each policy's decisions, and agreement with the oracle."""

from __future__ import annotations

import numpy as np
import pytest

from logicdistill.errors import UserError
from logicdistill.games.twentyone import FULL_DECK, Action, Card, TwentyOneState, apply_action, deal_from_seed
from logicdistill.games.twentyone_oracle import evaluate_state, solve_state
from logicdistill.games.twentyone_policies import (
    OPPONENT_NAMES,
    THRESHOLD_STAND_AT,
    OptimalOpponent,
    RandomOpponent,
    ThresholdOpponent,
    make_opponent,
)


def _table(mine: list[str], theirs: list[str], to_move: int = 0) -> TwentyOneState:
    free = list(FULL_DECK)

    def take(rank: str) -> Card:
        card = next(c for c in free if c.rank == rank)
        free.remove(card)
        return card

    hands = (tuple(take(r) for r in mine), tuple(take(r) for r in theirs))
    return TwentyOneState(hands=hands, deck=tuple(free), to_move=to_move)


def test_factory_knows_every_name_and_rejects_others():
    assert OPPONENT_NAMES == ("threshold", "random", "optimal")
    for name in OPPONENT_NAMES:
        assert make_opponent(name).name == name
    with pytest.raises(UserError, match=r"unknown opponent 'dealer'.*threshold, random, optimal"):
        make_opponent("dealer")


def test_factory_policies_are_hashable_and_equal_by_settings():
    assert make_opponent("threshold") == ThresholdOpponent(stand_at=THRESHOLD_STAND_AT)
    assert hash(make_opponent("optimal")) == hash(OptimalOpponent(ThresholdOpponent()))


@pytest.mark.parametrize(
    ("hand", "action"),
    [
        (["10", "6"], Action.HIT),
        (["10", "7"], Action.STAND),
        (["A", "6"], Action.STAND),
        (["A", "5"], Action.HIT),
    ],
)
def test_threshold_hits_below_17(hand, action):
    state = _table(["9", "9"], hand, to_move=1)
    policy = make_opponent("threshold")
    assert policy.choose(state, 1, np.random.default_rng(0)) is action
    assert policy.action_probabilities(state, 1)[action] == 1.0


def test_random_is_a_fair_coin_with_its_generator():
    policy = make_opponent("random")
    state = deal_from_seed(1)
    assert policy.action_probabilities(state, 0) == {Action.HIT: 0.5, Action.STAND: 0.5}
    rng = np.random.default_rng(7)
    hits = sum(policy.choose(state, 0, rng) is Action.HIT for _ in range(2_000))
    assert 900 < hits < 1_100
    first = [policy.choose(state, 0, np.random.default_rng(3)) for _ in range(5)]
    assert len(set(first)) == 1  # same seed, same choice
    assert RandomOpponent(hit_probability=0.0).choose(state, 0, rng) is Action.STAND


def test_optimal_plays_the_oracles_action_and_is_a_point_mass():
    policy = make_opponent("optimal")
    for seed in range(5):
        state = deal_from_seed(seed)
        best = solve_state(state, 0, ThresholdOpponent()).action
        assert policy.choose(state, 0, np.random.default_rng(0)) is best
        assert policy.action_probabilities(state, 0)[best] == 1.0
    with pytest.raises(ValueError, match="nothing to decide"):
        policy.best_action(deal_from_seed(0), 1)


def test_evaluating_the_optimal_policy_gives_the_optimal_odds():
    threshold, optimal = ThresholdOpponent(), OptimalOpponent()
    for seed in (20_000, 20_001):
        state = deal_from_seed(seed)
        for seat in (0, 1):
            exact = solve_state(state, seat, threshold).odds
            played = evaluate_state(state, seat, optimal, threshold)
            assert abs(exact.win - played.win) < 1e-9 and abs(exact.loss - played.loss) < 1e-9


def test_every_opponent_finishes_games_through_the_rules():
    rng = np.random.default_rng(5)
    for first in OPPONENT_NAMES:
        for second in OPPONENT_NAMES:
            players = (make_opponent(first), make_opponent(second))
            state = deal_from_seed(int(rng.integers(1_000)))
            while not state.done:
                seat = state.to_move
                state, illegal = apply_action(state, players[seat].choose(state, seat, rng))
                assert not illegal
