"""What an admitted filter forbids: its cells on the whole board, and whether that makes sense there.

``forbidden_cells`` = the board cells a filter removes when it is given every
cell of the board as moves (row by row), called through the run-time guard on
a probe position with no restricted cells listed in the state (the rule must
come from the description, not from the game). It is called on two probe
positions with the pieces elsewhere; a filter whose answer depends on where the
pieces stand is not a fixed area and is rejected. The sense checks then refuse
an area that forbids no cell, leaves too few free cells for a game, or covers a
piece whose cell is known. Admission must have passed first: this runs the code
in this process (behind the guard only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from logicdistill.functions.guard import GuardedFunction, StageFailure, UnsafeFunction
from logicdistill.games.pursuit import N_BLUE, Cell
from logicdistill.tasks.base import Contract


@dataclass(frozen=True)
class Probe:
    """The cells a filter forbids (sorted), or the reasons it cannot be used as an area rule."""

    forbidden: tuple[Cell, ...]
    reasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.reasons


def probe_states(size: int) -> tuple[dict, dict]:
    """Two positions on an open ``size`` board, the pieces in opposite corners (no restricted cells)."""
    last = size - 1
    first = [(0, 0), (0, 1), (1, 0)]
    second = [(last, last), (last, last - 1), (last - 1, last)]
    return (
        _state(size, first, (last, 0)),
        _state(size, second, (0, last)),
    )


def _state(size: int, blues: list[Cell], orange: Cell) -> dict:
    return {
        "size": size,
        "blues": list(blues),
        "orange": orange,
        "dot": 0,
        "position": blues[0],
        "restricted": [],
        "step": 0,
    }


def board_cells(size: int) -> list[Cell]:
    """Every cell of the board, row by row (y outer, x inner)."""
    return [(x, y) for y in range(size) for x in range(size)]


def forbidden_by(fn: GuardedFunction, size: int, state: dict) -> tuple[Cell, ...] | StageFailure:
    """The board cells ``fn`` drops from all of them on ``state``, sorted (StageFailure if the call fails)."""
    cells = board_cells(size)
    result = fn(cells, state)
    if isinstance(result, StageFailure):
        return result
    kept = set(result.value)
    return tuple(sorted(c for c in cells if c not in kept))


def probe_filter(
    source: str, size: int, *, pieces: Iterable[Cell] = (), budget_s: float = 1.0, entry: str | None = None
) -> Probe:
    """Run an admitted filter on the whole board; ``pieces``: occupied cells known (refused if covered)."""
    try:
        fn = GuardedFunction("written filter", source, Contract.MOVE_FILTER, entry=entry, budget_s=budget_s)
    except UnsafeFunction as err:
        return Probe((), err.reasons)
    answers = []
    for state in probe_states(size):
        answer = forbidden_by(fn, size, state)
        if isinstance(answer, StageFailure):
            return Probe((), (f"on every cell of the board it {answer.reason}",))
        answers.append(answer)
    forbidden = answers[0]
    if any(answer != forbidden for answer in answers[1:]):
        return Probe(
            forbidden, ("the cells it forbids depend on where the pieces stand, not on a fixed area",)
        )
    return Probe(forbidden, sense_problems(forbidden, size, pieces))


def sense_problems(forbidden: tuple[Cell, ...], size: int, pieces: Iterable[Cell] = ()) -> tuple[str, ...]:
    """Why an area does not make sense on the board (empty when it does)."""
    if not forbidden:
        return ("it forbids no cell of the board (an area outside the board, or no area at all)",)
    free = size * size - len(forbidden)
    if free < N_BLUE + 1:
        whole = "the whole board" if free == 0 else f"all but {free} cells"
        return (f"it forbids {whole}: no game can be played",)
    covered = sorted(set(forbidden) & {(int(c[0]), int(c[1])) for c in pieces})
    if covered:
        return (f"it forbids the cell {covered[0]}, where a piece stands",)
    return ()
