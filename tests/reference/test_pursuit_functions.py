"""The pursuit reference functions against the rules and the exact one-pursuer oracle (known answers)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from logicdistill.functions.guard import GuardedFunction, Ok
from logicdistill.games import pursuit as pg
from logicdistill.games.pursuit_oracle import build_oracle
from logicdistill.reference import load_reference
from logicdistill.reference.build import ExampleRuns
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName
from logicdistill.tasks.pursuit import state_dict

BASE = load_reference(TaskName.PURSUIT)
RUNS = ExampleRuns(TaskName.PURSUIT, BASE.functions)
TASK = get_task(TaskName.PURSUIT)


def guarded(name: str) -> GuardedFunction:
    spec = BASE.function(name)
    return GuardedFunction(name, spec.source, TASK.stage(spec.stage).contract, entry=name)


GENERATE, VALID, RESTRICTED, SELECT = (
    guarded(n)
    for n in ("candidate_moves", "filter_valid_moves", "filter_restricted_area", "select_best_move")
)


def capture_time(p, e, size):
    return RUNS.helper("select_best_move", "capture_time", p, e, size)


def test_capture_time_equals_the_oracle_on_every_pair_of_a_small_board():
    size = 7
    table = build_oracle(pg.PursuitConfig(size=size), use_disk_cache=False).t1_table
    cells = [(x, y) for x in range(size) for y in range(size)]
    wrong = [(p, e) for p in cells for e in cells if p != e and capture_time(p, e, size) != table[(*p, *e)]]
    assert wrong == []


def test_capture_time_equals_the_oracle_on_sampled_pairs_of_the_default_board():
    size = pg.DEFAULT_SIZE
    table = build_oracle(pg.PursuitConfig(size=size)).t1_table
    rng = np.random.default_rng(7)
    for _ in range(3_000):
        p, e = (tuple(int(v) for v in rng.integers(size, size=2)) for _ in range(2))
        if p != e:
            assert capture_time(p, e, size) == table[(*p, *e)], (p, e)


positions = st.builds(
    lambda cells, area_seed, dot: (cells, area_seed, dot),
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), min_size=4, max_size=4, unique=True),
    st.one_of(st.none(), st.integers(0, 10_000)),
    st.integers(0, 2),
)


def _position(drawn):
    cells, area_seed, dot = drawn
    config = pg.PursuitConfig()
    if area_seed is not None:
        area = pg.random_square(config.size, np.random.default_rng(area_seed), avoid=cells)
        config = pg.PursuitConfig(restricted=area)
    return config, pg.PursuitState(blues=tuple(cells[:3]), orange=cells[3]), dot


@settings(max_examples=60, deadline=None)
@given(positions)
def test_the_filters_leave_exactly_the_legal_moves(drawn):
    config, state, dot = _position(drawn)
    view = state_dict(config, state, dot)
    moves = GENERATE(view).value
    assert sorted(moves) == sorted(
        (state.blues[dot][0] + dx, state.blues[dot][1] + dy) for dx, dy in pg.BLUE_OFFSETS
    )
    base_only = VALID(moves, view).value
    assert base_only == pg.blue_candidates(config, state.blues[dot], state.orange)
    composed = VALID(RESTRICTED(moves, view).value, view).value
    assert composed == pg.blue_legal(config, state.blues[dot], state.orange)


@settings(max_examples=60, deadline=None)
@given(positions)
def test_the_composed_choice_is_always_legal_and_one_of_the_moves(drawn):
    config, state, dot = _position(drawn)
    view = state_dict(config, state, dot)
    moves = VALID(RESTRICTED(GENERATE(view).value, view).value, view).value
    result = SELECT(moves, view)
    assert isinstance(result, Ok)
    assert pg.is_legal_blue(config, state.blues[dot], result.value, state.orange)


def test_selector_steps_next_to_the_orange_dot_when_it_can():
    config = pg.PursuitConfig()
    state = pg.PursuitState(blues=((9, 9), (12, 10), (10, 14)), orange=(10, 11))
    view = state_dict(config, state, 2)
    choice = SELECT(VALID(GENERATE(view).value, view).value, view).value
    assert pg.manhattan(choice, state.orange) <= 1
