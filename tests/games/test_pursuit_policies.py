"""Scripted pursuit policies: every choice legal, deterministic per seed, the optimal ones really optimal."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicdistill.errors import UserError
from logicdistill.games.pursuit import (
    Outcome,
    PursuitConfig,
    PursuitState,
    apply_blue,
    apply_orange,
    is_captured,
    is_legal_blue,
    is_legal_orange,
    manhattan,
    orange_legal,
    rectangle,
    restricted_test_games,
)
from logicdistill.games.pursuit import test_starts as pursuit_test_starts
from logicdistill.games.pursuit_oracle import oracle_for
from logicdistill.games.pursuit_policies import (
    EVADER_NAMES,
    PURSUER_NAMES,
    make_evader,
    make_pursuer,
)
from logicdistill.paths import CACHE_ENV

SIZE = 9
BOARDS = (PursuitConfig(size=SIZE), PursuitConfig(size=SIZE, restricted=rectangle(3, 3, 5, 4)))


@pytest.fixture(autouse=True, scope="module")
def _private_cache(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("cache")))
        yield


cells = st.tuples(st.integers(0, SIZE - 1), st.integers(0, SIZE - 1))


def _position(board, blues, orange):
    """A state with free, not-captured pieces off the evader's cell (blues may share), or None."""
    pieces = [*blues, orange]
    if any(not board.is_free(c) for c in pieces) or orange in blues or is_captured(blues, orange):
        return None
    return PursuitState(blues=tuple(blues), orange=orange)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(BOARDS), st.lists(cells, min_size=3, max_size=3), cells, st.integers(0, 2**32 - 1))
def test_every_choice_is_legal(board, blues, orange, seed):
    state = _position(board, blues, orange)
    if state is None:
        return
    for name in PURSUER_NAMES:
        dests = make_pursuer(name, board).choose(board, state, np.random.default_rng(seed))
        assert len(dests) == 3
        assert all(is_legal_blue(board, b, d, orange) for b, d in zip(state.blues, dests, strict=True)), name
    for name in EVADER_NAMES:
        dest = make_evader(name, board).choose(board, state, np.random.default_rng(seed))
        assert is_legal_orange(board, orange, dest, state.blues), name


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(BOARDS), st.lists(cells, min_size=3, max_size=3), cells)
def test_optimal_evader_maximises_t_star(board, blues, orange):
    state = _position(board, blues, orange)
    if state is None:
        return
    oracle = oracle_for(board)
    dest = make_evader("optimal", board).choose(board, state, np.random.default_rng(0))
    never = 10**9

    def t_star(cell):
        value = oracle.capture_time(state.blues, cell)
        return never if value is None else value

    assert t_star(dest) == max(t_star(c) for c in orange_legal(board, orange, state.blues))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(BOARDS), st.lists(cells, min_size=3, max_size=3), cells)
def test_greedy_evader_maximises_the_nearest_distance(board, blues, orange):
    state = _position(board, blues, orange)
    if state is None:
        return
    dest = make_evader("greedy", board).choose(board, state, np.random.default_rng(0))

    def nearest(cell):
        return min(manhattan(b, cell) for b in state.blues)

    assert nearest(dest) == max(nearest(c) for c in orange_legal(board, orange, state.blues))


def test_tie_breaks_follow_the_fixed_order():
    board = PursuitConfig(size=SIZE)
    state = PursuitState(blues=((4, 1), (4, 1), (4, 1)), orange=(4, 4))
    # Greedy evader: (3, 4), (4, 5), (5, 4) all end 4 away from every blue; ORANGE_OFFSETS lists dx=-1 first.
    assert make_evader("greedy", board).choose(board, state, np.random.default_rng(0)) == (3, 4)
    # Greedy pursuer: (2, 4), (3, 3), (4, 2) all end 4 away from orange; BLUE_OFFSETS lists (0, 2) first.
    state = PursuitState(blues=((2, 2), (2, 2), (2, 2)), orange=(5, 5))
    assert make_pursuer("greedy", board).choose(board, state, np.random.default_rng(0)) == ((2, 4),) * 3


@pytest.mark.parametrize("name", PURSUER_NAMES)
def test_pursuers_are_deterministic_for_a_seed(name):
    board = PursuitConfig()
    state = pursuit_test_starts()[0]
    pursuer = make_pursuer(name, board)
    first = [pursuer.choose(board, state, np.random.default_rng(s)) for s in range(5)]
    again = [pursuer.choose(board, state, np.random.default_rng(s)) for s in range(5)]
    assert first == again


@pytest.mark.parametrize("name", EVADER_NAMES)
def test_evaders_are_deterministic_for_a_seed(name):
    board = PursuitConfig()
    state = pursuit_test_starts()[1]
    evader = make_evader(name, board)
    first = [evader.choose(board, state, np.random.default_rng(s)) for s in range(5)]
    assert first == [evader.choose(board, state, np.random.default_rng(s)) for s in range(5)]


def test_random_policies_use_the_rng():
    board = PursuitConfig()
    state = pursuit_test_starts()[2]
    picks = {make_pursuer("random", board).choose(board, state, np.random.default_rng(s)) for s in range(20)}
    assert len(picks) > 1
    moves = {make_evader("random", board).choose(board, state, np.random.default_rng(s)) for s in range(20)}
    assert len(moves) > 1


def _play(board, state, pursuer, evader, seed=0):
    rng = np.random.default_rng(seed)
    while not state.done:
        state, _ = apply_blue(board, state, pursuer.choose(board, state, rng))
        if not state.done:
            state, erred = apply_orange(board, state, evader.choose(board, state, rng))
            assert not erred
    return state


@pytest.mark.parametrize("restricted", [False, True], ids=["open", "restricted"])
def test_oracle_pursuer_captures_within_t_star(restricted):
    games = (
        restricted_test_games()[:8]
        if restricted
        else [(PursuitConfig(), s) for s in pursuit_test_starts()[:8]]
    )
    for board, start in games:
        bound = oracle_for(board).capture_time(start.blues, start.orange)
        for evader in EVADER_NAMES:
            end = _play(board, start, make_pursuer("oracle", board), make_evader(evader, board))
            assert end.outcome is Outcome.SUCCESS and end.step <= bound, (start, evader)


def test_unknown_names_are_user_errors():
    board = PursuitConfig()
    with pytest.raises(UserError, match="optimal"):
        make_evader("smart", board)
    with pytest.raises(UserError, match="oracle"):
        make_pursuer("smart", board)
