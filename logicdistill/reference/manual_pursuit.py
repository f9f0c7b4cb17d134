"""The user manual of the pursuit reference base: overview, stages, rule explanations, usage examples.

The text is written here; every example's result is computed by running the
reference functions (through the run-time guard, via the ``runs`` object the
build passes in), so the manual cannot claim an output the code does not
give. Assembling and validating the base is :mod:`.build`'s job.
"""

from __future__ import annotations

from typing import Any, Protocol

from logicdistill.functions.schema import Manual, StageGuide, UsageExample
from logicdistill.games.pursuit import PursuitConfig, PursuitState, rectangle, test_starts
from logicdistill.reference.catalog import (
    CANDIDATE_MOVES,
    FILTER_RESTRICTED_AREA,
    FILTER_VALID_MOVES,
    SELECT_BEST_MOVE,
)
from logicdistill.tasks.pursuit import state_dict, state_text


class Runs(Protocol):
    """Runs reference functions for the examples (the build supplies it)."""

    def call(self, name: str, *args: object) -> Any: ...

    def helper(self, name: str, helper: str, *args: object) -> Any: ...


OVERVIEW = f"""\
One decision step decides the destination of ONE blue dot: the dot state["dot"], standing at
state["position"]. Run the step for B1, B2 and B3 on the same position; the three destinations are
then applied together. The step is a chain of stages, the output of one feeding the next:

    moves = {CANDIDATE_MOVES}(state)
    moves = {FILTER_VALID_MOVES}(moves, state)
    destination = {SELECT_BEST_MOVE}(moves, state)

Emergency (a restricted area, state["restricted"] not empty): compose the emergency filter before the
base filter:

    moves = {CANDIDATE_MOVES}(state)
    moves = {FILTER_RESTRICTED_AREA}(moves, state)
    moves = {FILTER_VALID_MOVES}(moves, state)
    destination = {SELECT_BEST_MOVE}(moves, state)

Strategy: every dot chases the orange dot on its own, as well as one dot can. {SELECT_BEST_MOVE} moves
the dot to the cell from which, whatever the orange dot does next, the dot needs the fewest further
steps to catch it alone. Each dot's capture time then shrinks by one every step, so all three are
next to the orange dot (a capture) within the longest of their three lone capture times."""

STAGES = (
    StageGuide(
        "generate_moves",
        (CANDIDATE_MOVES,),
        f"Always first, once per blue dot: {CANDIDATE_MOVES}(state) lists the 13 cells within Manhattan "
        "distance 2 of the dot, staying put included and off-board cells too (the filters remove them).",
    ),
    StageGuide(
        "filter_moves",
        (FILTER_VALID_MOVES, FILTER_RESTRICTED_AREA),
        f"First run {FILTER_RESTRICTED_AREA}(moves, state) on the candidates: it drops the cells of "
        "state['restricted'] (the emergency rule of a restricted area) and returns the moves unchanged when "
        f"there are none. Then always run {FILTER_VALID_MOVES}(moves, state): it keeps the cells on the "
        "board that are not the orange dot's cell.",
    ),
    StageGuide(
        "select_move",
        (SELECT_BEST_MOVE,),
        f"Always last, on the filtered moves: {SELECT_BEST_MOVE}(moves, state) returns the destination of "
        "the deciding dot.",
    ),
)

RULES = (
    "A blue dot moves to a cell at Manhattan distance at most 2 (|dx| + |dy| <= 2, staying allowed): "
    "13 cells. The cell must be on the board (0 <= x, y < size), must not be the orange dot's cell and "
    "must not be restricted. Blue dots may share a cell.",
    "The orange dot moves after the blue dots, at most 1 cell (or stays), never onto a blue dot or a "
    "restricted cell. So a blue dot must judge its move by the orange dot's best reply.",
    "Capture: every blue dot at Manhattan distance at most 1 from the orange dot. A single dot that is "
    "next to the orange dot already does its part; the step count ends at the capture.",
    "An illegal destination leaves the dot where it is and counts as an illegal choice; more than 7 "
    "lose the game, and so do 100 steps without capture. The filters exist to make illegal "
    "choices impossible.",
    "Emergency rule: a restricted area (state['restricted'], e.g. a 5x5 square) may appear at test "
    f"time. Nobody may enter it. {FILTER_RESTRICTED_AREA} removes its cells from the candidates; it is "
    f"composed before {FILTER_VALID_MOVES}. The selector also routes around the area, because its "
    "distances follow the shortest path around restricted cells.",
    "Lone capture time (capture_time in the selector): on an open board the orange dot runs towards a "
    "board corner. While it runs away the chasing dot gains 1 per step; once it is pressed against the "
    "walls the dot gains 2 per step; running past the dot costs the orange dot 3 per step. The orange "
    "dot picks the corner that lasts longest. This closed form equals the exact one-pursuer capture "
    "time on every open square board the project checked (sizes 3 to 25).",
    f"{SELECT_BEST_MOVE} never waits: if staying put scores best while the dot is not next to the "
    "orange dot, it takes the best move that shortens its path to the orange dot instead, so a dot "
    "cannot stall behind a restricted area.",
)


def _cells(cells: Any) -> str:
    return "[" + ", ".join(_cell(c) for c in cells) + "]"


def _cell(cell: Any) -> str:
    x, y = cell
    return f"({x}, {y})"


def _situation(config: PursuitConfig, state: PursuitState, dot: int) -> str:
    return state_text(config, state, dot).replace("\n", " ")


def examples(runs: Runs) -> tuple[UsageExample, ...]:
    """Usage examples for every function, each result computed by ``runs``."""
    return (*_generate_and_filter(runs), *_emergency(runs), *_select(runs))


def _generate_and_filter(runs: Runs) -> list[UsageExample]:
    config = PursuitConfig()
    state = PursuitState(blues=((0, 1), (10, 12), (18, 3)), orange=(1, 2), step=4)
    view = state_dict(config, state, 0)
    moves = runs.call(CANDIDATE_MOVES, view)
    kept = runs.call(FILTER_VALID_MOVES, moves, view)
    dropped = [m for m in moves if m not in kept]
    situation = _situation(config, state, 0)
    return [
        UsageExample(
            CANDIDATE_MOVES,
            situation,
            f"{CANDIDATE_MOVES}(state)",
            _cells(moves),
            f"All {len(moves)} cells within distance 2 of B1 at (0, 1), staying included. Cells off the "
            "board are listed too; the next stage removes them.",
        ),
        UsageExample(
            FILTER_VALID_MOVES,
            situation,
            f"{FILTER_VALID_MOVES}({_cells(moves)}, state)",
            _cells(kept),
            f"Dropped {_cells(dropped)}: cells with x < 0 or y < 0 are off the board and (1, 2) is the "
            "orange dot's cell. What is left are B1's legal destinations.",
        ),
    ]


def _emergency(runs: Runs) -> list[UsageExample]:
    config = PursuitConfig(restricted=rectangle(2, 0, 6, 4))
    state = PursuitState(blues=((1, 1), (10, 12), (18, 3)), orange=(1, 7), step=6)
    view = state_dict(config, state, 0)
    moves = runs.call(CANDIDATE_MOVES, view)
    allowed = runs.call(FILTER_RESTRICTED_AREA, moves, view)
    kept = runs.call(FILTER_VALID_MOVES, allowed, view)
    removed = [m for m in moves if m not in allowed]
    situation = _situation(config, state, 0) + " The restricted area is the 5x5 square x 2..6, y 0..4."
    return [
        UsageExample(
            FILTER_RESTRICTED_AREA,
            situation,
            f"{FILTER_RESTRICTED_AREA}({_cells(moves)}, state)",
            _cells(allowed),
            f"Emergency rule: {_cells(removed)} lie inside the restricted square, so they are removed. "
            f"Compose it before the base filter: {FILTER_VALID_MOVES}(this result, state) gives "
            f"{_cells(kept)}.",
        ),
    ]


def _select(runs: Runs) -> list[UsageExample]:
    out = []
    config = PursuitConfig()
    start = test_starts(config)[0]
    for dot in range(len(start.blues)):
        out.append(_select_example(runs, config, start, dot))
    near = PursuitState(blues=((9, 9), (12, 10), (10, 14)), orange=(10, 11), step=9)
    out.append(_select_example(runs, config, near, 2))
    walled = PursuitConfig(restricted=rectangle(8, 8, 12, 12))
    behind = PursuitState(blues=((10, 6), (4, 4), (16, 3)), orange=(10, 14), step=3)
    out.append(_select_example(runs, walled, behind, 0, emergency=True))
    return out


def _select_example(
    runs: Runs, config: PursuitConfig, state: PursuitState, dot: int, emergency: bool = False
) -> UsageExample:
    view = state_dict(config, state, dot)
    moves = runs.call(CANDIDATE_MOVES, view)
    if emergency:
        moves = runs.call(FILTER_RESTRICTED_AREA, moves, view)
    moves = runs.call(FILTER_VALID_MOVES, moves, view)
    choice = runs.call(SELECT_BEST_MOVE, moves, view)
    size, orange, blocked = config.size, tuple(state.orange), set(config.restricted)
    replies = runs.helper(SELECT_BEST_MOVE, "orange_replies", orange, size, blocked)
    after = runs.helper(SELECT_BEST_MOVE, "worst_case_time", choice, orange, replies, size)
    stay = runs.helper(SELECT_BEST_MOVE, "worst_case_time", tuple(state.blues[dot]), orange, replies, size)
    best = min(runs.helper(SELECT_BEST_MOVE, "worst_case_time", m, orange, replies, size) for m in moves)
    if after != best:
        raise ValueError(
            f"example for B{dot + 1} at {state.blues[dot]}: the selector did not take a best move"
        )
    name = f"B{dot + 1}"
    if after == 0:
        why = (
            f"{_cell(choice)} is next to the orange dot at {_cell(orange)}, so {name} already does its part."
        )
    else:
        why = (
            f"After the orange dot's best reply, {name} at {_cell(choice)} can still catch it alone within "
            f"{after} steps; staying at {_cell(state.blues[dot])} would leave {stay}. No move leaves fewer."
        )
    situation = _situation(config, state, dot)
    if emergency:
        situation += " The restricted area is the 5x5 square x 8..12, y 8..12, between B1 and the orange dot."
        why += " The estimate counts the detour around the restricted square."
    return UsageExample(
        SELECT_BEST_MOVE, situation, f"{SELECT_BEST_MOVE}({_cells(moves)}, state)", _cell(choice), why
    )


def manual(runs: Runs) -> Manual:
    return Manual(overview=OVERVIEW, stages=STAGES, examples=examples(runs), rules=RULES)
