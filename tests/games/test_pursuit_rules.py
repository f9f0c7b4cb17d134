"""Rule tests for the pursuit game (SPEC §2): legality, capture, counters, limits, seeded starts.

The expected answers are written from the SPEC's wording (brute force over
the board), not by calling the function under test a second time.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from logicdistill.games.pursuit import (
    AREA_SEEDS,
    BLUE_OFFSETS,
    KD_START_SEEDS,
    ORANGE_OFFSETS,
    TEST_START_SEEDS,
    IllegalBlue,
    Outcome,
    PursuitConfig,
    PursuitState,
    apply_blue,
    apply_orange,
    blue_candidates,
    blue_legal,
    is_captured,
    is_legal_blue,
    is_legal_orange,
    kd_starts,
    manhattan,
    orange_legal,
    random_start,
    restricted_test_games,
    start_from_seed,
    validate_start,
    why_illegal_blue,
)
from logicdistill.games.pursuit import (
    test_starts as make_test_starts,
)

# --- strategies -------------------------------------------------------------


@st.composite
def boards(draw) -> PursuitConfig:
    size = draw(st.integers(3, 9))
    cells = [(x, y) for x in range(size) for y in range(size)]
    restricted = draw(st.sets(st.sampled_from(cells), max_size=size * size - 4))
    return PursuitConfig(size=size, restricted=frozenset(restricted))


@st.composite
def games(draw) -> tuple[PursuitConfig, PursuitState]:
    """A board and a position reachable in play: pieces on free cells, orange not on a blue."""
    config = draw(boards())
    free = [c for c in config.cells() if c not in config.restricted]
    orange = draw(st.sampled_from(free))
    others = [c for c in free if c != orange]
    blues = tuple(draw(st.sampled_from(others)) for _ in range(3))  # blues may share a cell
    illegal = draw(st.integers(0, 7))
    return config, PursuitState(blues=blues, orange=orange, step=draw(st.integers(0, 98)), illegal=illegal)


def near(cell, reach: int = 3):
    """Any cell around ``cell`` (possibly off the board), a little beyond the reach of a move."""
    return st.tuples(st.integers(-reach, reach), st.integers(-reach, reach)).map(
        lambda d: (cell[0] + d[0], cell[1] + d[1])
    )


MALFORMED = st.sampled_from([None, "up", (1,), (1, 2, 3), (1.0, 2.0), (True, False), "3,4", {"x": 1}])


def spec_blue_ok(config: PursuitConfig, blue, dest, orange) -> bool:
    x, y = dest
    on_board = 0 <= x < config.size and 0 <= y < config.size
    return (
        abs(blue[0] - x) + abs(blue[1] - y) <= 2
        and on_board
        and dest != orange
        and dest not in config.restricted
    )


def spec_orange_ok(config: PursuitConfig, orange, dest, blues) -> bool:
    x, y = dest
    on_board = 0 <= x < config.size and 0 <= y < config.size
    return (
        abs(orange[0] - x) + abs(orange[1] - y) <= 1
        and on_board
        and dest not in blues
        and dest not in config.restricted
    )


# --- movement -----------------------------------------------------------------


def test_offsets_are_the_manhattan_balls():
    assert len(BLUE_OFFSETS) == 13 and len(set(BLUE_OFFSETS)) == 13
    assert len(ORANGE_OFFSETS) == 5 and len(set(ORANGE_OFFSETS)) == 5
    assert (0, 0) in BLUE_OFFSETS and (0, 0) in ORANGE_OFFSETS
    assert all(abs(dx) + abs(dy) <= 2 for dx, dy in BLUE_OFFSETS)
    assert all(abs(dx) + abs(dy) <= 1 for dx, dy in ORANGE_OFFSETS)


@given(games(), st.data())
def test_blue_move_legal_iff_spec(game, data):
    config, state = game
    choices = [data.draw(near(b)) for b in state.blues]
    new, flags = apply_blue(config, state, choices)
    expected_ok = [
        spec_blue_ok(config, b, d, state.orange) for b, d in zip(state.blues, choices, strict=True)
    ]
    assert flags == tuple(not ok for ok in expected_ok)
    for blue, dest, ok, moved in zip(state.blues, choices, expected_ok, new.blues, strict=True):
        assert moved == (dest if ok else blue)
        assert is_legal_blue(config, blue, dest, state.orange) == ok
        assert (why_illegal_blue(config, blue, dest, state.orange) is None) == ok
    assert new.illegal == state.illegal + sum(flags)
    assert new.step == state.step + 1
    assert new.orange == state.orange


def test_why_a_blue_choice_is_illegal():
    config = PursuitConfig(size=5, restricted=frozenset({(2, 2)}))
    blue, orange = (0, 0), (1, 1)
    cases = [(None, IllegalBlue.NO_MOVE), ("(1, 0)", IllegalBlue.NO_MOVE), ((0, -1), IllegalBlue.OFF_BOARD),
             ((2, 2), IllegalBlue.RESTRICTED), ((3, 0), IllegalBlue.TOO_FAR),
             ((1, 1), IllegalBlue.ONTO_EVADER), ((0, 0), None), ([1, 0], None)]  # fmt: skip
    for choice, kind in cases:
        assert why_illegal_blue(config, blue, choice, orange) is kind, choice


@given(games())
def test_candidates_keep_restricted_cells_legal_removes_them(game):
    config, state = game
    for blue in state.blues:
        ball = {
            c
            for c in config.cells()
            if manhattan(blue, c) <= 2 and c != state.orange  # cells() is exactly the board
        }
        candidates = blue_candidates(config, blue, state.orange)
        legal = blue_legal(config, blue, state.orange)
        assert len(candidates) == len(set(candidates))
        assert set(candidates) == ball
        assert set(legal) == ball - config.restricted
        assert set(candidates) - set(legal) == ball & config.restricted
        assert all(spec_blue_ok(config, blue, d, state.orange) for d in legal)


@given(games())
def test_orange_legal_is_the_spec_ball(game):
    config, state = game
    expected = {c for c in config.cells() if spec_orange_ok(config, state.orange, c, state.blues)}
    legal = orange_legal(config, state.orange, state.blues)
    assert set(legal) == expected and len(legal) == len(expected)
    assert state.orange in legal  # staying is always possible: no blue stands on the orange dot


@given(games(), st.data())
def test_orange_move_and_errors_never_charged_to_blue(game, data):
    config, state = game
    assume(not is_captured(state.blues, state.orange))
    choice = data.draw(st.one_of(near(state.orange, 2), MALFORMED))
    new, erred = apply_orange(config, state, choice)
    well_formed = isinstance(choice, tuple) and len(choice) == 2 and all(type(v) is int for v in choice)
    ok = well_formed and spec_orange_ok(config, state.orange, choice, state.blues)
    assert erred == (not ok)
    if well_formed:
        assert is_legal_orange(config, state.orange, choice, state.blues) == ok
    assert new.orange == (choice if ok else state.orange)
    assert new.illegal == state.illegal  # orange errors are logged, never charged to blue
    assert new.blues == state.blues and new.step == state.step


def test_blue_dots_may_share_a_cell_and_step_onto_each_other():
    config = PursuitConfig(size=7)
    state = PursuitState(blues=((1, 1), (1, 3), (3, 1)), orange=(6, 6))
    new, flags = apply_blue(config, state, [(1, 2), (1, 2), (1, 1)])
    assert flags == (False, False, False)
    assert new.blues == ((1, 2), (1, 2), (1, 1))


def test_blue_may_not_step_onto_orange_and_orange_may_not_step_onto_blue():
    config = PursuitConfig(size=7)
    state = PursuitState(blues=((0, 0), (6, 0), (0, 6)), orange=(1, 1))
    new, flags = apply_blue(config, state, [(1, 1), (6, 0), (0, 6)])
    assert flags == (True, False, False) and new.blues[0] == (0, 0) and new.illegal == 1
    new, erred = apply_orange(config, new, (1, 0))
    assert not erred and new.orange == (1, 0)
    new, flags = apply_blue(config, new, [(0, 0), (6, 0), (0, 6)])
    new, erred = apply_orange(config, new, (0, 0))  # onto blue 1
    assert erred and new.orange == (1, 0) and new.illegal == 1


def test_restricted_cells_forbid_both_sides():
    config = PursuitConfig(size=7, restricted=frozenset({(2, 2), (3, 3)}))
    state = PursuitState(blues=((2, 0), (6, 6), (0, 6)), orange=(3, 2))
    new, flags = apply_blue(config, state, [(2, 2), (6, 6), (0, 6)])
    assert flags == (True, False, False) and new.blues[0] == (2, 0)
    new, erred = apply_orange(config, new, (3, 3))
    assert erred and new.orange == (3, 2)
    assert (2, 2) in blue_candidates(config, (2, 0), (3, 2))
    assert (2, 2) not in blue_legal(config, (2, 0), (3, 2))


# --- capture ------------------------------------------------------------------


@given(games(), st.data())
def test_capture_iff_all_three_within_distance_one(game, data):
    config, state = game
    choices = [data.draw(near(b)) for b in state.blues]
    new, _ = apply_blue(config, state, choices)
    spec_captured = all(manhattan(b, new.orange) < 2 for b in new.blues)
    assert is_captured(new.blues, new.orange) == spec_captured
    if new.illegal > 7:
        assert new.outcome is Outcome.FAIL_VIOLATION
    else:
        assert (new.outcome is Outcome.SUCCESS) == spec_captured


def test_capture_needs_every_blue_dot():
    orange = (5, 5)
    assert is_captured([(5, 4), (4, 5), (5, 6)], orange)
    assert is_captured([(5, 4), (5, 4), (5, 4)], orange)
    assert not is_captured([(5, 4), (4, 5), (5, 7)], orange)  # one at distance 2
    assert not is_captured([(4, 4), (5, 4), (5, 6)], orange)  # a diagonal neighbour is at distance 2


def test_capture_on_the_orange_move_ends_with_success():
    config = PursuitConfig(size=9)
    state = PursuitState(blues=((4, 3), (3, 4), (5, 4)), orange=(4, 5), step=4)
    assert not is_captured(state.blues, state.orange)
    new, erred = apply_orange(config, state, (4, 4))
    assert not erred and new.outcome is Outcome.SUCCESS and new.step == 4


# --- illegal counting and the step limit --------------------------------------


@given(games(), st.lists(st.tuples(MALFORMED, MALFORMED, MALFORMED), min_size=1, max_size=4))
def test_malformed_or_missing_choices_leave_dots_and_count(game, rounds):
    config, state = game
    state = PursuitState(blues=state.blues, orange=state.orange)  # fresh counters
    assume(not is_captured(state.blues, state.orange))
    for choices in rounds:
        before = state
        state, flags = apply_blue(config, state, list(choices))
        assert flags == (True, True, True)
        assert state.blues == before.blues
        assert state.illegal == before.illegal + 3
        assert (state.outcome is Outcome.FAIL_VIOLATION) == (state.illegal > 7)
        if state.done:
            break
        state, _ = apply_orange(config, state, state.orange)
    assert state.illegal <= 9


def test_eighth_illegal_choice_ends_the_game_at_once():
    config = PursuitConfig(size=11)
    state = PursuitState(blues=((0, 0), (10, 0), (0, 10)), orange=(10, 10))
    for k in range(1, 9):
        state, flags = apply_blue(config, state, [(9, 9), (10, 0), (0, 10)])  # dot 1 jumps too far
        assert flags == (True, False, False)
        assert state.illegal == k and state.step == k
        if k < 8:
            assert not state.done
            state, _ = apply_orange(config, state, (10, 10))
    assert state.outcome is Outcome.FAIL_VIOLATION
    with pytest.raises(ValueError):
        apply_orange(config, state, (10, 10))
    with pytest.raises(ValueError):
        apply_blue(config, state, [None, None, None])


def test_violation_beats_a_simultaneous_capture():
    config = PursuitConfig(size=9)
    state = PursuitState(blues=((4, 2), (2, 4), (4, 7)), orange=(4, 4), illegal=7)
    new, flags = apply_blue(config, state, [(4, 3), (3, 4), (8, 8)])  # third illegal; others would capture
    assert flags == (False, False, True) and new.outcome is Outcome.FAIL_VIOLATION


def test_wrong_number_of_choices_is_a_caller_bug():
    config = PursuitConfig(size=5)
    state = PursuitState(blues=((0, 0), (4, 0), (0, 4)), orange=(4, 4))
    with pytest.raises(ValueError):
        apply_blue(config, state, [(0, 0), (4, 0)])


def test_step_limit_is_failure_without_violation_after_step_100():
    config = PursuitConfig(size=11)
    state = PursuitState(blues=((0, 0), (10, 0), (0, 10)), orange=(10, 10))
    for k in range(1, 101):
        state, flags = apply_blue(config, state, list(state.blues))  # everybody stays
        assert not any(flags) and state.step == k
        state, _ = apply_orange(config, state, state.orange)
        if k < 100:
            assert not state.done
    assert state.outcome is Outcome.FAIL_NO_VIOLATION and state.step == 100 and state.illegal == 0


def test_capture_in_the_last_step_is_still_success():
    config = PursuitConfig(size=9, max_steps=100)
    state = PursuitState(blues=((4, 2), (2, 4), (6, 4)), orange=(4, 4), step=99)
    new, _ = apply_blue(config, state, [(4, 3), (3, 4), (5, 4)])
    assert new.outcome is Outcome.SUCCESS and new.step == 100


def _chase(config: PursuitConfig, state: PursuitState) -> list[tuple[int, int]]:
    """A simple legal pursuer for step counting: each dot steps to the legal cell nearest the evader."""
    return [
        min(blue_legal(config, b, state.orange), key=lambda d: (manhattan(d, state.orange), d))
        for b in state.blues
    ]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 11))
def test_step_count_is_the_step_of_capture(seed, size):
    config = PursuitConfig(size=size)
    rng = np.random.default_rng(seed)
    state = random_start(config, rng)
    blue_moves = 0
    while not state.done:
        state, flags = apply_blue(config, state, _chase(config, state))
        blue_moves += 1
        assert not any(flags)
        assert state.step == blue_moves
        if state.done:
            break
        legal = orange_legal(config, state.orange, state.blues)
        state, erred = apply_orange(config, state, legal[int(rng.integers(len(legal)))])
        assert not erred
    assert state.step == blue_moves <= config.max_steps
    if state.outcome is Outcome.SUCCESS:
        assert is_captured(state.blues, state.orange)
    else:
        assert state.outcome is Outcome.FAIL_NO_VIOLATION and state.step == config.max_steps


# --- seeded starts ------------------------------------------------------------


@settings(max_examples=50)
@given(boards(), st.integers(0, 2**32 - 1))
def test_random_start_is_valid_and_seeded(config, seed):
    free = [c for c in config.cells() if c not in config.restricted]
    assume(len(free) >= 8)
    a = random_start(config, np.random.default_rng(seed))
    b = random_start(config, np.random.default_rng(seed))
    assert a == b
    validate_start(config, a)
    assert a.step == 0 and a.illegal == 0 and a.outcome is None


def test_seed_lists_are_documented_and_disjoint():
    assert len(TEST_START_SEEDS) == 200 and len(set(TEST_START_SEEDS)) == 200
    assert len(KD_START_SEEDS) == 221 and len(set(KD_START_SEEDS)) == 221
    assert len(AREA_SEEDS) == 200 and len(set(AREA_SEEDS)) == 200
    assert not set(TEST_START_SEEDS) & set(KD_START_SEEDS)
    assert not (set(TEST_START_SEEDS) | set(KD_START_SEEDS)) & set(AREA_SEEDS)


def test_test_and_kd_starts_are_valid_distinct_and_reproducible():
    config = PursuitConfig()
    tests, kds = make_test_starts(), kd_starts()
    assert len(tests) == 200 and len(kds) == 221
    assert tests == make_test_starts() and kds == kd_starts()
    assert len(set(tests)) == 200 and len(set(kds)) == 221
    assert not set(tests) & set(kds)
    for start in [*tests, *kds]:
        validate_start(config, start)
    assert tests[0] == start_from_seed(TEST_START_SEEDS[0])
    assert kds[-1] == start_from_seed(KD_START_SEEDS[-1])


def test_restricted_test_games_are_5x5_squares_covering_no_start():
    games_ = restricted_test_games()
    assert len(games_) == 200
    assert games_ == restricted_test_games()
    assert [start for _, start in games_] == make_test_starts()
    areas = set()
    for config, start in games_:
        cells = config.restricted
        xs, ys = {x for x, _ in cells}, {y for _, y in cells}
        assert len(cells) == 25 and len(xs) == 5 and len(ys) == 5
        assert max(xs) - min(xs) == 4 and max(ys) - min(ys) == 4
        assert all(config.on_board(c) for c in cells)
        assert not cells & {*start.blues, start.orange}
        validate_start(config, start)
        areas.add(cells)
    assert len(areas) > 100  # placed by seed, not one fixed square


def test_validate_start_names_the_problem():
    config = PursuitConfig(size=5, restricted=frozenset({(2, 2)}))
    with pytest.raises(ValueError, match="off the"):
        validate_start(config, PursuitState(blues=((0, 0), (0, 1), (5, 0)), orange=(4, 4)))
    with pytest.raises(ValueError, match="restricted"):
        validate_start(config, PursuitState(blues=((0, 0), (0, 1), (2, 2)), orange=(4, 4)))
    with pytest.raises(ValueError, match="distinct"):
        validate_start(config, PursuitState(blues=((0, 0), (0, 0), (1, 0)), orange=(4, 4)))
    with pytest.raises(ValueError, match="capture"):
        validate_start(config, PursuitState(blues=((3, 2), (2, 3), (3, 4)), orange=(3, 3)))


def test_config_rejects_bad_boards():
    with pytest.raises(ValueError):
        PursuitConfig(size=2)
    with pytest.raises(ValueError):
        PursuitConfig(size=5, restricted=frozenset({(5, 5)}))
    with pytest.raises(ValueError):
        PursuitConfig(size=5, max_steps=0)
