"""Rules of the pursuit game (SPEC §2): three blue pursuers chase one orange evader.

Pure rules only: immutable states, transition functions, seeded start
generation. Randomness comes solely from a ``numpy.random.Generator`` that
the caller passes in. What any agent (LLM, policy, oracle) decides lives
elsewhere; this module only says what is legal and what happens.

One step: the blue side picks three destinations -> :func:`apply_blue`
(moves applied together, illegal choices counted, capture checked) -> the
orange side picks a destination -> :func:`apply_orange` (capture checked,
step limit checked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np

Cell = tuple[int, int]

N_BLUE = 3
BLUE_REACH = 2
ORANGE_REACH = 1
CAPTURE_DISTANCE = 2  # captured when every blue dot is at Manhattan distance < 2
DEFAULT_SIZE = 21
DEFAULT_MAX_STEPS = 100
DEFAULT_MAX_ILLEGAL = 7  # more than this many illegal choices ends the game
AREA_SIDE = 5

# Documented seed lists (SPEC §2): disjoint ranges, one seed per start.
TEST_START_SEEDS: tuple[int, ...] = tuple(range(1_000, 1_200))  # 200 test starts
KD_START_SEEDS: tuple[int, ...] = tuple(range(5_000, 5_221))  # 221 KD training starts
AREA_SEEDS: tuple[int, ...] = tuple(range(9_000, 9_200))  # one 5x5 area per test start


class Outcome(StrEnum):
    """How a pursuit game ended, from the blue side's point of view."""

    SUCCESS = "success"
    FAIL_NO_VIOLATION = "fail_no_violation"
    FAIL_VIOLATION = "fail_violation"


def manhattan(a: Cell, b: Cell) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def offsets(reach: int) -> tuple[Cell, ...]:
    """All (dx, dy) with |dx| + |dy| <= reach, staying included, in a fixed order."""
    return tuple(
        (dx, dy)
        for dx in range(-reach, reach + 1)
        for dy in range(-reach, reach + 1)
        if abs(dx) + abs(dy) <= reach
    )


BLUE_OFFSETS = offsets(BLUE_REACH)  # 13 offsets
ORANGE_OFFSETS = offsets(ORANGE_REACH)  # 5 offsets


def rectangle(x0: int, y0: int, x1: int, y1: int) -> frozenset[Cell]:
    """The cells of an axis-aligned rectangle given by two inclusive corners."""
    xa, xb = sorted((x0, x1))
    ya, yb = sorted((y0, y1))
    return frozenset((x, y) for x in range(xa, xb + 1) for y in range(ya, yb + 1))


@dataclass(frozen=True)
class PursuitConfig:
    """The board: its size, the restricted cells and the game's limits."""

    size: int = DEFAULT_SIZE
    restricted: frozenset[Cell] = field(default_factory=frozenset)
    max_steps: int = DEFAULT_MAX_STEPS
    max_illegal: int = DEFAULT_MAX_ILLEGAL

    def __post_init__(self) -> None:
        if not isinstance(self.size, int) or self.size < 3:
            raise ValueError(f"board size must be an integer >= 3, got {self.size!r}")
        object.__setattr__(self, "restricted", frozenset(tuple(c) for c in self.restricted))
        outside = sorted(c for c in self.restricted if not self.on_board(c))
        if outside:
            raise ValueError(f"restricted cell {outside[0]} is off the {self.size}x{self.size} board")
        if self.max_steps < 1 or self.max_illegal < 0:
            raise ValueError("max_steps must be >= 1 and max_illegal >= 0")

    def on_board(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.size and 0 <= cell[1] < self.size

    def is_free(self, cell: Cell) -> bool:
        """On the board and not restricted."""
        return self.on_board(cell) and cell not in self.restricted

    def cells(self) -> list[Cell]:
        return [(x, y) for x in range(self.size) for y in range(self.size)]


@dataclass(frozen=True)
class PursuitState:
    """Positions and counters after ``step`` completed steps."""

    blues: tuple[Cell, Cell, Cell]
    orange: Cell
    step: int = 0
    illegal: int = 0
    outcome: Outcome | None = None

    @property
    def done(self) -> bool:
        return self.outcome is not None


def is_captured(blues: Iterable[Cell], orange: Cell) -> bool:
    return all(manhattan(b, orange) < CAPTURE_DISTANCE for b in blues)


def blue_candidates(config: PursuitConfig, blue: Cell, orange: Cell) -> list[Cell]:
    """Destinations legal under the base movement rules, restricted cells NOT removed.

    This is the per-dot candidate list shown to prompted and KD agents
    (SPEC §2): obeying a restriction is the agent's job.
    """
    out = []
    for dx, dy in BLUE_OFFSETS:
        d = (blue[0] + dx, blue[1] + dy)
        if config.on_board(d) and d != orange:
            out.append(d)
    return out


def blue_legal(config: PursuitConfig, blue: Cell, orange: Cell) -> list[Cell]:
    """Destinations a blue dot may actually move to (restricted cells removed)."""
    return [d for d in blue_candidates(config, blue, orange) if d not in config.restricted]


def is_legal_blue(config: PursuitConfig, blue: Cell, dest: Cell, orange: Cell) -> bool:
    return manhattan(blue, dest) <= BLUE_REACH and config.is_free(dest) and dest != orange


class IllegalBlue(StrEnum):
    """Why a blue choice was illegal (the first reason that applies, in this order)."""

    NO_MOVE = "no move"  # no destination: nothing readable, or the agent's chain failed
    OFF_BOARD = "off board"
    RESTRICTED = "restricted"
    TOO_FAR = "too far"
    ONTO_EVADER = "onto evader"


def why_illegal_blue(config: PursuitConfig, blue: Cell, choice: object, orange: Cell) -> IllegalBlue | None:
    """The reason :func:`apply_blue` rejects ``choice`` for the dot at ``blue``; None when it is legal."""
    dest = as_cell(choice)
    if dest is None:
        return IllegalBlue.NO_MOVE
    if not config.on_board(dest):
        return IllegalBlue.OFF_BOARD
    if dest in config.restricted:
        return IllegalBlue.RESTRICTED
    if manhattan(blue, dest) > BLUE_REACH:
        return IllegalBlue.TOO_FAR
    if dest == orange:
        return IllegalBlue.ONTO_EVADER
    return None


def orange_legal(config: PursuitConfig, orange: Cell, blues: Iterable[Cell]) -> list[Cell]:
    """Destinations the evader may move to: reach 1, on the board, not onto blue, not restricted."""
    taken = set(blues)
    out = []
    for dx, dy in ORANGE_OFFSETS:
        d = (orange[0] + dx, orange[1] + dy)
        if config.is_free(d) and d not in taken:
            out.append(d)
    return out


def is_legal_orange(config: PursuitConfig, orange: Cell, dest: Cell, blues: Iterable[Cell]) -> bool:
    return manhattan(orange, dest) <= ORANGE_REACH and config.is_free(dest) and dest not in set(blues)


def apply_blue(
    config: PursuitConfig, state: PursuitState, choices: Sequence[Cell | None]
) -> tuple[PursuitState, tuple[bool, ...]]:
    """Apply the blue side's three destinations together; return the new state and which were illegal.

    A missing (``None``), malformed or illegal choice leaves that dot in place
    and raises the illegal counter by one. More than ``max_illegal`` illegal
    choices ends the game at once with a violation; this is checked before
    capture, so a move that both captures and crosses the limit is a violation.
    """
    if state.done:
        raise ValueError("the game is over")
    if len(choices) != N_BLUE:
        raise ValueError(f"expected {N_BLUE} blue choices, got {len(choices)}")
    blues, flags = [], []
    for blue, choice in zip(state.blues, choices, strict=True):
        dest = as_cell(choice)
        ok = dest is not None and is_legal_blue(config, blue, dest, state.orange)
        blues.append(dest if ok else blue)
        flags.append(not ok)
    new = replace(state, blues=tuple(blues), step=state.step + 1, illegal=state.illegal + sum(flags))
    if new.illegal > config.max_illegal:
        new = replace(new, outcome=Outcome.FAIL_VIOLATION)
    elif is_captured(new.blues, new.orange):
        new = replace(new, outcome=Outcome.SUCCESS)
    return new, tuple(flags)


def apply_orange(
    config: PursuitConfig, state: PursuitState, choice: Cell | None
) -> tuple[PursuitState, bool]:
    """Apply the evader's move after the blue move of the same step; return the state and whether it erred.

    An unparseable or illegal evader choice leaves it in place; it is never
    charged to the blue side. Then capture and the step limit are checked.
    """
    if state.done:
        raise ValueError("the game is over")
    dest = as_cell(choice)
    ok = dest is not None and is_legal_orange(config, state.orange, dest, state.blues)
    new = replace(state, orange=dest if ok else state.orange)
    if is_captured(new.blues, new.orange):
        new = replace(new, outcome=Outcome.SUCCESS)
    elif new.step >= config.max_steps:
        new = replace(new, outcome=Outcome.FAIL_NO_VIOLATION)
    return new, not ok


def as_cell(value: object) -> Cell | None:
    """Accept a pair of ints (tuple or list); anything else is not a cell."""
    if not isinstance(value, tuple | list) or len(value) != 2:
        return None
    if all(isinstance(v, int | np.integer) and not isinstance(v, bool) for v in value):
        return (int(value[0]), int(value[1]))
    return None


def validate_start(config: PursuitConfig, state: PursuitState) -> None:
    """Raise ValueError naming the problem if ``state`` is not a valid start on ``config``."""
    pieces = [*state.blues, state.orange]
    if len(state.blues) != N_BLUE:
        raise ValueError(f"need exactly {N_BLUE} blue dots, got {len(state.blues)}")
    for cell in pieces:
        if not config.on_board(cell):
            raise ValueError(f"cell {cell} is off the {config.size}x{config.size} board")
        if cell in config.restricted:
            raise ValueError(f"cell {cell} is inside the restricted area")
    if len(set(pieces)) != len(pieces):
        raise ValueError("pieces must start on distinct cells")
    if is_captured(state.blues, state.orange):
        raise ValueError("the start is already a capture")


def random_start(config: PursuitConfig, rng: np.random.Generator) -> PursuitState:
    """Four distinct free cells, not already a capture."""
    free = [c for c in config.cells() if c not in config.restricted]
    if len(free) < N_BLUE + 1:
        raise ValueError("the board has too few free cells for a start")
    while True:
        idx = rng.choice(len(free), size=N_BLUE + 1, replace=False)
        cells = [free[i] for i in idx]
        state = PursuitState(blues=tuple(cells[:N_BLUE]), orange=cells[N_BLUE])
        if not is_captured(state.blues, state.orange):
            return state


def start_from_seed(seed: int, config: PursuitConfig | None = None) -> PursuitState:
    return random_start(config or PursuitConfig(), np.random.default_rng(seed))


def random_square(
    size: int, rng: np.random.Generator, avoid: Iterable[Cell] = (), side: int = AREA_SIDE
) -> frozenset[Cell]:
    """A ``side`` x ``side`` axis-aligned square on the board covering none of ``avoid``."""
    if side > size:
        raise ValueError(f"a {side}x{side} area does not fit on a {size}x{size} board")
    avoid = set(avoid)
    corners = [
        (x, y)
        for x in range(size - side + 1)
        for y in range(size - side + 1)
        if not any(x <= a < x + side and y <= b < y + side for a, b in avoid)
    ]
    if not corners:
        raise ValueError("no place for the restricted area avoids the given cells")
    x, y = corners[int(rng.integers(len(corners)))]
    return rectangle(x, y, x + side - 1, y + side - 1)


def test_starts(config: PursuitConfig | None = None) -> list[PursuitState]:
    """The 200 documented test starts (seeds ``TEST_START_SEEDS``)."""
    return [start_from_seed(s, config) for s in TEST_START_SEEDS]


def kd_starts(config: PursuitConfig | None = None) -> list[PursuitState]:
    """The 221 documented KD-training starts (seeds ``KD_START_SEEDS``), disjoint from the test starts."""
    return [start_from_seed(s, config) for s in KD_START_SEEDS]


def restricted_test_games(size: int = DEFAULT_SIZE) -> list[tuple[PursuitConfig, PursuitState]]:
    """The 200 emergency-variant games: test start i with its own seeded 5x5 area.

    The start comes from ``TEST_START_SEEDS[i]`` on the open board; the area
    from ``AREA_SEEDS[i]``, placed so that it covers none of the start's cells.
    """
    games = []
    for start_seed, area_seed in zip(TEST_START_SEEDS, AREA_SEEDS, strict=True):
        start = start_from_seed(start_seed, PursuitConfig(size=size))
        area = random_square(size, np.random.default_rng(area_seed), avoid=[*start.blues, start.orange])
        games.append((PursuitConfig(size=size, restricted=area), start))
    return games


# These are data builders, not tests: keep pytest from collecting them where tests import them by name.
test_starts.__test__ = False  # type: ignore[attr-defined]
restricted_test_games.__test__ = False  # type: ignore[attr-defined]
