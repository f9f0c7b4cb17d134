"""Exact optima for the pursuit game (SPEC §4): one-pursuer capture times T1, T*, and a joint brute force.

The one-pursuer game: state (p, e) with blue to move. Blue moves to a free
p' with manhattan(p, p') <= 2, p' != e; it captures if manhattan(p', e) < 2
(that move counts 1). Otherwise the evader moves to a free e' with
manhattan(e, e') <= 1, e' != p' (staying allowed) and play goes on::

    T1(p, e) = min_p' (1 if captured else 1 + max_e' T1(p', e'))

The whole table over all (p, e) is solved by value iteration, vectorised with
numpy: the max over evader moves and the min over blue moves are reductions
over shifted copies of the table, never Python loops over states. It is
cached on disk (``cache_dir("oracles")``, name = sha256 of a canonical key)
and memoised in-process. T* = max_i T1(p_i, e) upper-bounds the value of the
three-pursuer game; the lower bound is the number of moves each dot needs to
reach the evader if it stood still.

:func:`joint_capture_table` solves the real three-pursuer game exactly, for
small boards only (its table has size**8 entries). Policies that use these
tables live in ``pursuit_policies.py``; this module decides nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from logicdistill.games.pursuit import (
    BLUE_OFFSETS,
    ORANGE_OFFSETS,
    Cell,
    PursuitConfig,
)
from logicdistill.paths import cache_dir

FORMAT_VERSION = 1
UNREACHABLE = np.int32(2**30)  # sentinel for "capture impossible" inside the int32 tables
JOINT_MAX_SIZE = 7  # the joint table has size**8 entries: 7x7 is 5.8 M states
ORACLE_CACHE_FOLDER = "oracles"
_NO_MOVE = np.int32(-1)  # neutral element of the evader's max (an illegal evader move)


@dataclass(frozen=True)
class PursuitOracle:
    """T1 and the standing-evader distance for every (p, e) of one board.

    ``t1[px, py, ex, ey]`` is T1; ``reach[px, py, ex, ey]`` is the number of
    blue moves needed to get within distance 1 of e if e never moved. Both
    hold ``UNREACHABLE`` for impossible captures and for invalid states
    (p or e restricted, p == e).
    """

    config: PursuitConfig
    t1_table: np.ndarray
    reach_table: np.ndarray

    def _check(self, cell: Cell) -> None:
        if not self.config.is_free(cell):
            raise ValueError(f"cell {cell} is off the board or restricted")

    def _lookup(self, table: np.ndarray, p: Cell, e: Cell) -> int | None:
        self._check(p)
        self._check(e)
        if tuple(p) == tuple(e):
            raise ValueError(f"pursuer and evader share the cell {e}")
        value = int(table[p[0], p[1], e[0], e[1]])
        return None if value >= UNREACHABLE else value

    def t1(self, p: Cell, e: Cell) -> int | None:
        """Blue moves one pursuer at ``p`` needs to capture an evader at ``e`` (None: never)."""
        return self._lookup(self.t1_table, p, e)

    def after_move(self, p: Cell, e: Cell) -> int | None:
        """The pursuer's remaining T1 after it moved to ``p`` and the evader at ``e`` replies at best.

        0 if ``p`` is within distance 1 of ``e`` (captured), else max over the
        evader's replies e' of T1(p, e'). Minimising this over the pursuer's
        destinations is exactly optimal play of the one-pursuer game.
        """
        self._check(p)
        self._check(e)
        if tuple(p) == tuple(e):
            raise ValueError(f"pursuer and evader share the cell {e}")
        if abs(p[0] - e[0]) + abs(p[1] - e[1]) <= 1:
            return 0
        best = -1
        for dx, dy in ORANGE_OFFSETS:
            d = (e[0] + dx, e[1] + dy)
            if self.config.is_free(d) and d != tuple(p):
                best = max(best, int(self.t1_table[p[0], p[1], d[0], d[1]]))
        return None if best >= UNREACHABLE else best

    def capture_time(self, blues: Sequence[Cell], orange: Cell) -> int | None:
        """T* = max_i T1(p_i, e): the decoupled capture time (an upper bound on the joint game)."""
        values = [self.t1(b, orange) for b in blues]
        return None if any(v is None for v in values) else max(values)

    def lower_bound(self, blues: Sequence[Cell], orange: Cell) -> int | None:
        """max_i of the blue moves dot i needs to reach a standing evader (None: unreachable).

        Equals max_i ceil((d_i - 1) / 2), d_i the shortest free path from
        p_i to e, whenever a blue move cannot jump over a restricted cell
        (the open board, one rectangle at least 2 cells thick). SPEC §2 only
        checks a blue move's destination, so a move can jump a 1-cell-thick
        wall; then this count stays a valid bound while the path formula
        would not.
        """
        values = [self._lookup(self.reach_table, b, orange) for b in blues]
        return None if any(v is None for v in values) else max(values)


# ---------------------------------------------------------------- solving


def _free_mask(config: PursuitConfig) -> np.ndarray:
    free = np.ones((config.size, config.size), dtype=bool)
    for x, y in config.restricted:
        free[x, y] = False
    return free


def _cell_masks(size: int) -> tuple[np.ndarray, np.ndarray]:
    """(same, adjacent) over (ax, ay, bx, by): a == b, and manhattan(a, b) <= 1."""
    x = np.arange(size)
    dx = np.abs(x[:, None, None, None] - x[None, None, :, None])
    dy = np.abs(x[None, :, None, None] - x[None, None, None, :])
    dist = dx + dy
    return dist == 0, dist <= 1


def _shift_reduce(
    table: np.ndarray, axes: tuple[int, int], moves: Sequence[Cell], fill: np.int32, reduce: np.ufunc
) -> np.ndarray:
    """out[.., c, ..] = reduce over moves d of table[.., c + d, ..] on the two ``axes``; off-board: fill."""
    reach = max(max(abs(dx), abs(dy)) for dx, dy in moves)
    size = table.shape[axes[0]]
    pad = [(0, 0)] * table.ndim
    pad[axes[0]] = pad[axes[1]] = (reach, reach)
    padded = np.pad(table, pad, constant_values=fill)
    out = None
    for dx, dy in moves:
        index = [slice(None)] * table.ndim
        index[axes[0]] = slice(reach + dx, reach + dx + size)
        index[axes[1]] = slice(reach + dy, reach + dy + size)
        view = padded[tuple(index)]
        out = view.copy() if out is None else reduce(out, view, out=out)
    return out


def solve_one_pursuer(config: PursuitConfig, evader_moves: bool = True) -> np.ndarray:
    """The T1 table (or, with ``evader_moves=False``, the standing-evader table) by value iteration."""
    free = _free_mask(config)
    same, adjacent = _cell_masks(config.size)
    free_pair = free[:, :, None, None] & free[None, None, :, :]
    valid = free_pair & ~same  # blue-to-move states, and legal blue destinations p' for evader at e
    evader_ok = valid  # a legal evader destination e' given the pursuer at p'
    table = np.full(valid.shape, UNREACHABLE, dtype=np.int32)
    while True:
        if evader_moves:
            reply = _shift_reduce(
                np.where(evader_ok, table, _NO_MOVE), (2, 3), ORANGE_OFFSETS, _NO_MOVE, np.maximum
            )
        else:
            reply = table
        after = np.where(valid, np.where(adjacent, 0, reply), UNREACHABLE)
        best = _shift_reduce(after, (0, 1), BLUE_OFFSETS, UNREACHABLE, np.minimum)
        new = np.where(valid, np.minimum(best + 1, UNREACHABLE), UNREACHABLE).astype(np.int32)
        if np.array_equal(new, table):
            return table
        table = new


def _cache_key(config: PursuitConfig) -> str:
    canonical = {
        "format": FORMAT_VERSION,
        "game": "pursuit-one-pursuer",
        "size": config.size,
        "restricted": sorted([list(c) for c in config.restricted]),
    }
    return json.dumps(canonical, sort_keys=True, separators=(",", ":"))


def cache_path(config: PursuitConfig) -> Path:
    """Where the tables for ``config``'s board are cached (sha256 of the canonical key)."""
    digest = hashlib.sha256(_cache_key(config).encode()).hexdigest()
    return cache_dir(ORACLE_CACHE_FOLDER) / f"pursuit-t1-{digest[:24]}.npz"


def _load(path: Path, key: str) -> tuple[np.ndarray, np.ndarray] | None:
    try:
        with np.load(path) as data:
            if str(data["key"]) != key:
                return None
            return data["t1"], data["reach"]
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        return None


def _save(path: Path, key: str, t1: np.ndarray, reach: np.ndarray) -> None:
    """Write to a temp file in the same folder, then rename: a crash leaves no half-written table."""
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, key=np.array(key), t1=t1, reach=reach)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def build_oracle(config: PursuitConfig, use_disk_cache: bool = True) -> PursuitOracle:
    """Load the tables from the disk cache, or solve them (and cache them)."""
    board = PursuitConfig(size=config.size, restricted=config.restricted)
    key = _cache_key(board)
    path = cache_path(board) if use_disk_cache else None
    loaded = _load(path, key) if path is not None and os.path.exists(path) else None
    if loaded is None:
        t1, reach = solve_one_pursuer(board), solve_one_pursuer(board, evader_moves=False)
        if path is not None:
            _save(path, key, t1, reach)
    else:
        t1, reach = loaded
    t1.setflags(write=False)
    reach.setflags(write=False)
    return PursuitOracle(config=board, t1_table=t1, reach_table=reach)


@functools.lru_cache(maxsize=64)
def _memo(size: int, restricted: frozenset[Cell]) -> PursuitOracle:
    return build_oracle(PursuitConfig(size=size, restricted=restricted))


def oracle_for(config: PursuitConfig) -> PursuitOracle:
    """The oracle for ``config``'s board (memoised per size and restricted cells)."""
    return _memo(config.size, config.restricted)


def clear_memo() -> None:
    """Forget the in-process oracles (the disk cache stays)."""
    _memo.cache_clear()


# ---------------------------------------------------------------- joint brute force


def joint_capture_table(config: PursuitConfig) -> np.ndarray:
    """Exact value J of the three-pursuer game, indexed [p1x, p1y, p2x, p2y, p3x, p3y, ex, ey].

    Blue moves all three dots together (each <= 2, free, not onto e; dots
    may share cells); capture when all three are within distance 1 of e;
    then the evader moves <= 1, free, not onto any dot. Invalid states and
    impossible captures hold ``UNREACHABLE``. W(a, b, c, e) = 0 if captured
    else max_e' J(a, b, c, e'); J = 1 + min over a, b, c of W, done as three
    successive per-axis min-reductions. Small boards only.
    """
    n = config.size
    if n > JOINT_MAX_SIZE:
        raise ValueError(
            f"joint brute force is limited to boards up to {JOINT_MAX_SIZE}x{JOINT_MAX_SIZE} "
            f"(size**8 states), got {n}x{n}"
        )
    free = _free_mask(config)
    same, adjacent = _cell_masks(n)

    def pair(mask: np.ndarray, dot: int) -> np.ndarray:
        """Broadcast a 4-d (dot cell, evader cell) mask onto the 8-d joint axes."""
        shape = [1] * 8
        shape[2 * dot] = shape[2 * dot + 1] = shape[6] = shape[7] = n
        return mask.reshape(shape)

    ok = [pair(free[:, :, None, None] & free[None, None, :, :] & ~same, dot) for dot in range(3)]
    valid = ok[0] & ok[1] & ok[2]  # also: an evader destination e' legal against dots a, b, c
    captured = pair(adjacent, 0) & pair(adjacent, 1) & pair(adjacent, 2)
    table = np.full([n] * 8, UNREACHABLE, dtype=np.int32)
    while True:
        reply = _shift_reduce(np.where(valid, table, _NO_MOVE), (6, 7), ORANGE_OFFSETS, _NO_MOVE, np.maximum)
        best = np.where(valid, np.where(captured, 0, reply), UNREACHABLE)
        for dot in range(3):
            best = _shift_reduce(best, (2 * dot, 2 * dot + 1), BLUE_OFFSETS, UNREACHABLE, np.minimum)
        new = np.where(valid, np.minimum(best + 1, UNREACHABLE), UNREACHABLE).astype(np.int32)
        if np.array_equal(new, table):
            return table
        table = new
