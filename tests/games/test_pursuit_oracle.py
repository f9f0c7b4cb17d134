"""Known answers and brute force for the pursuit oracle (T1, T*, lower bound, joint value J).

What the joint brute force found (measured with ``joint_capture_table`` over
ALL valid states: blues free and off the evader, blues may share cells):

=================  =========  ==========  =======  ================================================
board              states     J < T*      max gap  example of the largest gap (p1, p2, p3, e)
=================  =========  ==========  =======  ================================================
5x5 open             345,600      52,488        1  (0,0) (0,0) (0,4) e=(1,0): J 2, T* 3, bound 2
5x5, 2x2 block       168,000      64,511        2  (0,0) (0,0) (2,4) e=(3,4): J 3, T* 5, bound 3
5x5, thin wall       203,742      43,572        1  (0,0) (0,0) (0,3) e=(3,1): J 3, T* 4, bound 2
6x6 open           1,543,500     382,836        2  (0,0) (0,0) (1,5) e=(2,5): J 3, T* 5, bound 3
6x6, 2x2 block       953,312     402,392        2  (0,0) (0,0) (1,5) e=(2,5): J 3, T* 5, bound 3
6x6, thin ring       837,000     222,322        3  (counted over the 736,957 states with finite T*)
7x7, 3x3 block     2,372,760   1,573,164        3  (0,0) (0,0) (4,6) e=(1,0): J 4, T* 7, bound 4
=================  =========  ==========  =======  ================================================

2x2 block = cells (2..3, 2..3); thin wall = x 2, y 1..3; 3x3 block =
(2..4, 2..4); thin ring = a 1-thick wall around the 2x2 corner pocket.
T* >= J >= lower bound held in every state, as it must: a dot next to the
evader can always stay next to it (the cell the evader just left is free
and in reach). The gap is blocking: two dots stand where the evader would
flee (it may not step onto a blue dot) while the third closes in. On the
thin ring, T* is None (one dot never catches the evader in the pocket) in
100,043 states that three dots do capture (e.g. all three at (5, 5) vs
(0, 0): J = 7); the other boards had no impossible capture. The 7x7 row
takes 2.4 s alone and is not asserted here.

The path formula ceil((d - 1) / 2) is NOT a lower bound once a blue move can
jump a 1-cell-thick wall (SPEC §2 checks only the destination): on 5x5 with
the wall x 2, y 0..3, blue (3, 0) vs orange (0, 0) has d = 11, formula 5, yet
the jump to (1, 0) captures at once. ``lower_bound`` counts blue moves to a
standing evader instead, which equals the formula whenever no jump helps.
"""

from __future__ import annotations

import functools
import math
from collections import deque

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicdistill.games.pursuit import (
    BLUE_OFFSETS,
    ORANGE_OFFSETS,
    PursuitConfig,
    blue_legal,
    manhattan,
    rectangle,
)
from logicdistill.games.pursuit_oracle import (
    UNREACHABLE,
    build_oracle,
    cache_path,
    joint_capture_table,
    solve_one_pursuer,
)
from logicdistill.paths import CACHE_ENV

OPEN21 = PursuitConfig()
THIN_WALL_5 = PursuitConfig(size=5, restricted=rectangle(2, 0, 2, 3))
# A 1-thick wall around the 2x2 corner pocket: blue can jump it. A 2-thick one it cannot.
THIN_RING_6 = PursuitConfig(size=6, restricted=frozenset({(2, 0), (2, 1), (2, 2), (1, 2), (0, 2)}))
THICK_RING_6 = PursuitConfig(size=6, restricted=rectangle(2, 0, 3, 3) | rectangle(0, 2, 3, 3))


@functools.cache
def _open21():
    return build_oracle(OPEN21, use_disk_cache=False)


@functools.cache
def _joint(config):
    return joint_capture_table(config)


@pytest.fixture
def open21():
    return _open21()


def _free_cells(config):
    return [c for c in config.cells() if config.is_free(c)]


def _reference_t1(config):
    """Plain-Python fixed point of T1 over explicit states: an independent check of the numpy solver."""
    free = _free_cells(config)
    states = [(p, e) for p in free for e in free if p != e]
    t1 = dict.fromkeys(states, math.inf)
    changed = True
    while changed:
        changed = False
        for p, e in states:
            best = math.inf
            for dx, dy in BLUE_OFFSETS:
                q = (p[0] + dx, p[1] + dy)
                if not config.is_free(q) or q == e:
                    continue
                if manhattan(q, e) < 2:
                    best = 1
                    break
                replies = [(e[0] + ox, e[1] + oy) for ox, oy in ORANGE_OFFSETS]
                worst = max(t1[(q, r)] for r in replies if config.is_free(r) and r != q)
                best = min(best, 1 + worst)
            if best < t1[(p, e)]:
                t1[(p, e)] = best
                changed = True
    return t1


def _path_distances(config, source):
    """4-neighbour shortest paths through free cells (the d_i of SPEC §4)."""
    dist, queue = {source: 0}, deque([source])
    while queue:
        c = queue.popleft()
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nb = (c[0] + dx, c[1] + dy)
            if config.is_free(nb) and nb not in dist:
                dist[nb] = dist[c] + 1
                queue.append(nb)
    return dist


def test_spec_example_on_21x21(open21):
    blues, orange = [(0, 9), (0, 11), (20, 10)], (0, 10)
    assert [open21.t1(b, orange) for b in blues] == [1, 1, 15]
    assert open21.capture_time(blues, orange) == 15
    assert open21.lower_bound(blues, orange) == 10


@pytest.mark.parametrize(
    "config",
    [
        PursuitConfig(size=5),
        PursuitConfig(size=5, restricted=rectangle(1, 1, 2, 3)),
        THIN_WALL_5,
        THIN_RING_6,
    ],
    ids=["5-open", "5-block", "5-thin-wall", "6-thin-ring"],
)
def test_table_matches_plain_python_fixed_point(config):
    oracle = build_oracle(config, use_disk_cache=False)
    for (p, e), value in _reference_t1(config).items():
        assert oracle.t1(p, e) == (None if value == math.inf else value), (p, e)


@pytest.mark.parametrize("size", [3, 4, 5, 21])
def test_open_board_closed_forms(size):
    """T1 = 1 iff manhattan <= 3, and ceil((d-1)/2) <= T1 <= max(1, d-2) (the infinite-board value)."""
    t1 = (_open21() if size == 21 else build_oracle(PursuitConfig(size=size), use_disk_cache=False)).t1_table
    x = np.arange(size)
    d = np.abs(x[:, None, None, None] - x[None, None, :, None]) + np.abs(
        x[None, :, None, None] - x[None, None, None, :]
    )
    valid = d > 0
    assert (t1[~valid] == UNREACHABLE).all()
    assert ((t1 == 1) == (d <= 3))[valid].all()
    assert (t1 <= np.maximum(1, d - 2))[valid].all()
    assert (t1 >= np.ceil((d - 1) / 2))[valid].all()


def test_longest_single_chase_on_21x21(open21):
    t1 = open21.t1_table
    assert int(t1[t1 < UNREACHABLE].max()) == 20  # measured; the corner-to-corner start (d = 40)
    assert open21.t1((0, 0), (20, 20)) == 20


def test_open_board_is_symmetric(open21):
    t1 = open21.t1_table
    assert np.array_equal(t1, t1.transpose(1, 0, 3, 2))  # swap x and y
    assert np.array_equal(t1, t1[::-1, :, ::-1, :])  # mirror x
    assert np.array_equal(t1, t1[:, ::-1, :, ::-1])  # mirror y


def test_symmetric_restriction_keeps_the_symmetry():
    config = PursuitConfig(size=9, restricted=rectangle(3, 3, 5, 5))
    t1 = build_oracle(config, use_disk_cache=False).t1_table
    assert np.array_equal(t1, t1.transpose(1, 0, 3, 2))
    assert np.array_equal(t1, t1[::-1, ::-1, ::-1, ::-1])


def test_capture_in_one_needs_a_free_cell_next_to_the_evader():
    config = PursuitConfig(size=7, restricted=rectangle(2, 0, 2, 5))
    oracle = build_oracle(config, use_disk_cache=False)
    for e in _free_cells(config):
        for p in _free_cells(config):
            if p == e:
                continue
            direct = any(manhattan(q, e) < 2 for q in blue_legal(config, p, e))
            assert (oracle.t1(p, e) == 1) == direct


@pytest.mark.parametrize(
    "config",
    [OPEN21, PursuitConfig(size=21, restricted=rectangle(6, 8, 10, 12)), PursuitConfig(size=6)],
    ids=["21-open", "21-square", "6-open"],
)
def test_lower_bound_is_the_path_formula_when_no_jump_helps(config):
    oracle = build_oracle(config, use_disk_cache=False)
    rng = np.random.default_rng(7)
    free = _free_cells(config)
    for i in rng.choice(len(free), size=min(40, len(free)), replace=False):
        e = free[i]
        dist = _path_distances(config, e)
        for p in free:
            if p != e:
                assert oracle.lower_bound([p], e) == max(1, math.ceil((dist[p] - 1) / 2))


def test_path_formula_fails_across_a_jumpable_wall():
    oracle = build_oracle(THIN_WALL_5, use_disk_cache=False)
    d = _path_distances(THIN_WALL_5, (0, 0))[(3, 0)]
    assert d == 11 and math.ceil((d - 1) / 2) == 5
    assert oracle.lower_bound([(3, 0)], (0, 0)) == 1 == oracle.t1((3, 0), (0, 0))
    joint = joint_capture_table(THIN_WALL_5)
    assert joint[3, 0, 3, 0, 3, 0, 0, 0] == 1


def test_unreachable_captures_are_none():
    oracle = build_oracle(THICK_RING_6, use_disk_cache=False)
    assert oracle.t1((5, 5), (0, 0)) is None
    assert oracle.capture_time([(5, 5), (1, 0), (0, 1)], (0, 0)) is None
    assert oracle.lower_bound([(5, 5), (1, 0), (0, 1)], (0, 0)) is None
    assert oracle.t1((1, 1), (0, 0)) == 1  # inside the pocket
    jumpable = build_oracle(THIN_RING_6, use_disk_cache=False)
    assert jumpable.lower_bound([(3, 0)], (0, 0)) == 1 and jumpable.t1((3, 0), (0, 0)) == 1


def test_invalid_cells_are_refused(open21):
    with pytest.raises(ValueError, match="off the board"):
        open21.t1((21, 0), (0, 0))
    with pytest.raises(ValueError, match="share"):
        open21.t1((3, 3), (3, 3))


@settings(max_examples=60, deadline=None)
@given(st.tuples(st.integers(0, 20), st.integers(0, 20)), st.tuples(st.integers(0, 20), st.integers(0, 20)))
def test_t1_is_one_plus_the_best_after_move(p, e):
    oracle = _open21()
    if p == e:
        return
    best = min(oracle.after_move(q, e) for q in blue_legal(OPEN21, p, e))
    assert oracle.t1(p, e) == 1 + best


def _broadcast(table4, dot, n):
    shape = [1] * 8
    shape[2 * dot] = shape[2 * dot + 1] = shape[6] = shape[7] = n
    return table4.reshape(shape)


JOINT_CASES = {
    # id: (config, valid states (all jointly capturable), states with T* None, with J < T*, largest T* - J)
    "5-open": (PursuitConfig(size=5), 345_600, 0, 52_488, 1),
    "5-block": (PursuitConfig(size=5, restricted=rectangle(2, 2, 3, 3)), 168_000, 0, 64_511, 2),
    "5-thin-wall": (PursuitConfig(size=5, restricted=rectangle(2, 1, 2, 3)), 203_742, 0, 43_572, 1),
    "6-open": (PursuitConfig(size=6), 1_543_500, 0, 382_836, 2),
    "6-block": (PursuitConfig(size=6, restricted=rectangle(2, 2, 3, 3)), 953_312, 0, 402_392, 2),
    "6-thin-ring": (THIN_RING_6, 837_000, 100_043, 222_322, 3),
}


def _max_over_dots(table4, n):
    return np.maximum(
        np.maximum(_broadcast(table4, 0, n), _broadcast(table4, 1, n)), _broadcast(table4, 2, n)
    )


@pytest.mark.parametrize("case", list(JOINT_CASES))
def test_decoupled_time_bounds_the_joint_value(case):
    config, n_valid, n_never, n_gap, max_gap = JOINT_CASES[case]
    n = config.size
    oracle = build_oracle(config, use_disk_cache=False)
    joint = _joint(config)
    t_star = np.broadcast_to(_max_over_dots(oracle.t1_table, n), joint.shape)
    bound = np.broadcast_to(_max_over_dots(oracle.reach_table, n), joint.shape)
    valid = joint < UNREACHABLE
    assert int(valid.sum()) == n_valid
    assert (t_star[valid] >= joint[valid]).all()
    assert (joint[valid] >= bound[valid]).all()
    finite = valid & (t_star < UNREACHABLE)
    assert int((valid & ~finite).sum()) == n_never
    gap = t_star[finite] - joint[finite]
    assert int((gap > 0).sum()) == n_gap
    assert int(gap.max()) == max_gap


def test_three_dots_catch_what_one_never_can():
    """6x6 thin ring: one dot cannot catch the evader in the 2x2 pocket, three starting together can."""
    oracle = build_oracle(THIN_RING_6, use_disk_cache=False)
    assert oracle.capture_time([(5, 5)] * 3, (0, 0)) is None
    assert _joint(THIN_RING_6)[5, 5, 5, 5, 5, 5, 0, 0] == 7


def test_walled_off_evader_is_never_captured_jointly():
    joint = joint_capture_table(THICK_RING_6)
    assert joint[5, 5, 4, 4, 5, 4, 0, 0] == UNREACHABLE
    assert joint[1, 1, 5, 5, 4, 4, 0, 0] == UNREACHABLE  # one dot inside is not enough


def test_joint_refuses_large_boards():
    with pytest.raises(ValueError, match="7x7"):
        joint_capture_table(PursuitConfig(size=8))


def test_one_blocked_exit_makes_the_joint_value_smaller():
    """5x5: blues (0,0), (0,0), (0,4) vs orange (1,0): the corner dots pin it, J = 2 < T* = 3."""
    config = PursuitConfig(size=5)
    oracle = build_oracle(config, use_disk_cache=False)
    joint = _joint(config)
    assert oracle.capture_time([(0, 0), (0, 0), (0, 4)], (1, 0)) == 3
    assert joint[0, 0, 0, 0, 0, 4, 1, 0] == 2


def test_disk_cache_round_trip_and_atomic_write(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    config = PursuitConfig(size=7, restricted=rectangle(1, 1, 2, 2))
    built = build_oracle(config)
    path = cache_path(config)
    assert path.exists() and path.parent == tmp_path / "oracles"
    assert [f.name for f in path.parent.iterdir()] == [path.name]  # no temp file left behind
    loaded = build_oracle(config)
    assert np.array_equal(loaded.t1_table, built.t1_table)
    assert np.array_equal(loaded.reach_table, built.reach_table)
    assert cache_path(PursuitConfig(size=7)) != path
    assert cache_path(PursuitConfig(size=7, restricted=rectangle(2, 2, 1, 1), max_steps=5)) == path


def test_corrupt_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    config = PursuitConfig(size=6)
    path = cache_path(config)
    path.write_bytes(b"not a table")
    oracle = build_oracle(config)
    assert np.array_equal(oracle.t1_table, solve_one_pursuer(config))
    assert build_oracle(config).t1((0, 0), (5, 5)) == oracle.t1((0, 0), (5, 5))
