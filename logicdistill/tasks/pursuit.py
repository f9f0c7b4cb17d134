"""What an LLM sees of the pursuit game: rules text, state text, stages and the state dict.

One decision step decides the destination of ONE blue dot (the caller runs
it once per dot, all three decided on the same position, then applied
together by :func:`logicdistill.games.pursuit.apply_blue`). Stages, after
the paper's Fig. 4: candidate moves -> filter -> select. An emergency rule
(a restricted area) is one more ``filter_moves`` composed before the base
filter. The rules themselves live in :mod:`logicdistill.games.pursuit`;
nothing here decides a move.
"""

from __future__ import annotations

from logicdistill.games.pursuit import (
    BLUE_REACH,
    CAPTURE_DISTANCE,
    DEFAULT_MAX_ILLEGAL,
    DEFAULT_MAX_STEPS,
    ORANGE_REACH,
    Cell,
    PursuitConfig,
    PursuitState,
)
from logicdistill.tasks.base import Contract, Stage, StateField, TaskName, TaskSpec

RULES = f"""\
Pursuit game on a square grid of integer cells (x, y), 0 <= x, y < size (size 21 by default).
Three blue dots B1, B2, B3 (you, the pursuers) chase one orange dot O (the evader).
Each step: the blue side chooses a destination for every blue dot; the three moves are applied
together; then the orange dot moves.
- A blue dot moves to a cell at Manhattan distance <= {BLUE_REACH} from where it stands (staying is
  allowed). The destination must be on the board, must not be the orange dot's cell, and must not be
  a restricted cell. Blue dots may share a cell with each other.
- The orange dot moves to a cell at Manhattan distance <= {ORANGE_REACH} (staying allowed), on the
  board, not onto a blue dot and not into a restricted cell.
- Capture (blue wins): every blue dot is at Manhattan distance < {CAPTURE_DISTANCE} from the orange
  dot. The goal is to capture in as few steps as possible.
- An illegal or missing destination leaves that blue dot in place and counts as an illegal choice;
  more than {DEFAULT_MAX_ILLEGAL} illegal choices lose the game. After {DEFAULT_MAX_STEPS} steps without
  capture the game is lost.
Manhattan distance between (x1, y1) and (x2, y2) is |x1 - x2| + |y1 - y2|."""

DECISION = (
    "One decision step chooses the destination of one blue dot (the state's 'dot'), "
    "given the current position of all pieces."
)

STAGES: tuple[Stage, ...] = (
    Stage(
        name="generate_moves",
        contract=Contract.MOVE_GENERATOR,
        params=("state",),
        returns=(
            "a non-empty list of candidate destinations (x, y) for the deciding dot, each at Manhattan "
            f"distance <= {BLUE_REACH} from state['position'], without duplicates"
        ),
        purpose="First stage: list the cells the deciding blue dot could move to this step.",
    ),
    Stage(
        name="filter_moves",
        contract=Contract.MOVE_FILTER,
        params=("moves", "state"),
        returns="the moves to keep: a list holding only elements of `moves` (a subset, inputs not mutated)",
        purpose=(
            "Second stage: drop candidates that are illegal or unwanted (off the board, onto the orange dot, "
            "restricted). Several filters may be applied one after another; an emergency filter for a new "
            "rule is applied before the base filter."
        ),
    ),
    Stage(
        name="select_move",
        contract=Contract.MOVE_SELECTOR,
        params=("moves", "state"),
        returns="one element of `moves` (called only with a non-empty list): the chosen destination",
        purpose="Last stage: choose the destination of the deciding blue dot among the filtered moves.",
    ),
)

STATE_FIELDS: tuple[StateField, ...] = (
    StateField("size", "int", "board side length; cells are (x, y) with 0 <= x, y < size"),
    StateField("blues", "list of (x, y) tuples", "the three blue dots' cells, B1 first"),
    StateField("orange", "(x, y) tuple", "the orange dot's cell"),
    StateField("dot", "int", "index (0, 1 or 2) into 'blues' of the blue dot being decided"),
    StateField("position", "(x, y) tuple", "the deciding dot's cell, equal to blues[dot]"),
    StateField("restricted", "list of (x, y) tuples", "cells nobody may enter (empty without an emergency)"),
    StateField("step", "int", "number of completed steps (0 at the start)"),
)

TASK = TaskSpec(
    name=TaskName.PURSUIT,
    title="Pursuit game (three blue pursuers, one orange evader)",
    rules=RULES,
    decision=DECISION,
    stages=STAGES,
    state_fields=STATE_FIELDS,
)


def rules_text(config: PursuitConfig) -> str:
    """The rules for this board: the base rules, the size, and the restricted area when there is one."""
    text = RULES + f"\nThis board has size {config.size}."
    if config.restricted:
        text += f"\nEmergency rule: no dot may enter the restricted cells {_areas(config.restricted)}."
    return text


def state_dict(config: PursuitConfig, state: PursuitState, dot: int) -> dict:
    """A fresh plain-data view of the position for deciding blue dot ``dot`` (see docs/function-base.md)."""
    if not 0 <= dot < len(state.blues):
        raise ValueError(f"dot must be 0, 1 or 2, got {dot}")
    return {
        "size": int(config.size),
        "blues": [_cell(b) for b in state.blues],
        "orange": _cell(state.orange),
        "dot": int(dot),
        "position": _cell(state.blues[dot]),
        "restricted": sorted(_cell(c) for c in config.restricted),
        "step": int(state.step),
    }


def state_text(config: PursuitConfig, state: PursuitState, dot: int | None = None) -> str:
    """The position in words, for prompts; names the deciding dot when ``dot`` is given."""
    blues = ", ".join(f"B{i + 1} at {_fmt(b)}" for i, b in enumerate(state.blues))
    lines = [f"Step {state.step}. Orange dot O at {_fmt(state.orange)}. {blues}."]
    # Always written, "none" on an open board: a small student tells the two apart by one slot.
    lines.append(f"Restricted cells: {_areas(config.restricted) if config.restricted else 'none'}.")
    if dot is not None:
        lines.append(f"Decide the destination of B{dot + 1} (now at {_fmt(state.blues[dot])}).")
    return "\n".join(lines)


def _cell(c: Cell) -> tuple[int, int]:
    return (int(c[0]), int(c[1]))


def _fmt(c: Cell) -> str:
    return f"({c[0]}, {c[1]})"


def _areas(cells) -> str:
    """The cells as rectangles ("x 8..12, y 8..12"), a single cell as "(x, y)": short, for prompts."""
    return "; ".join(
        _fmt((x0, y0)) if (x0, y0) == (x1, y1) else f"x {x0}..{x1}, y {y0}..{y1}"
        for x0, y0, x1, y1 in rectangles(cells)
    )


def rectangles(cells) -> list[tuple[int, int, int, int]]:
    """A cover of ``cells`` by disjoint inclusive rectangles (x0, y0, x1, y1), greedily from the lowest cell.

    A rectangle area comes back as itself; any other set as a few rectangles that hold
    exactly its cells.
    """
    left = {_cell(c) for c in cells}
    out = []
    while left:
        x0, y0 = min(left)
        y1 = y0
        while (x0, y1 + 1) in left:
            y1 += 1
        x1 = x0
        while all((x1 + 1, y) in left for y in range(y0, y1 + 1)):
            x1 += 1
        out.append((x0, y0, x1, y1))
        left -= {(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)}
    return out
