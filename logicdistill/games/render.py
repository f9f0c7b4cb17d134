"""Plain-text pictures of both games, for the terminal and for logs.

Pursuit: the board as a grid, y growing upwards (row y = size - 1 on top)
with axis labels, plus one status line. 21 points: both hands with their
totals, the deck size, whose turn or the result, and one line per move.
Every function returns a string; printing is the caller's job.

Left out on purpose: images and animations (plots live with the
evaluation reports) and the text an LLM sees of a game (that is part of
each task's prompt, not a display).
"""

from __future__ import annotations

from collections.abc import Sequence

from logicdistill.games.pursuit import Cell, PursuitConfig, PursuitState
from logicdistill.games.runner import TwentyOneMove
from logicdistill.games.twentyone import BUST_ABOVE, Action, TwentyOneState, parse_action

EMPTY, RESTRICTED, ORANGE, SHARED = ".", "#", "O", "*"
PURSUIT_LEGEND = (
    f"B1..B3 blue dots, {SHARED}n n blue dots sharing a cell, {ORANGE} orange,"
    f" {RESTRICTED} restricted, {EMPTY} empty"
)
SEAT_LABELS: tuple[str, str] = ("seat 1", "seat 2")


def _cell_token(cell: Cell, config: PursuitConfig, state: PursuitState) -> str:
    dots = [i + 1 for i, b in enumerate(state.blues) if b == cell]
    if len(dots) == 1:
        return f"B{dots[0]}"
    if dots:
        return f"{SHARED}{len(dots)}"
    if cell == state.orange:
        return ORANGE
    return RESTRICTED if cell in config.restricted else EMPTY


def pursuit_board(config: PursuitConfig, state: PursuitState) -> str:
    """The grid, one row per y (top row = largest y), each cell two characters wide."""
    width = len(str(config.size - 1))
    rows = []
    for y in range(config.size - 1, -1, -1):
        tokens = " ".join(f"{_cell_token((x, y), config, state):<2}" for x in range(config.size))
        rows.append(f"{y:>{width}} | {tokens}".rstrip())
    rows.append(" " * width + " +-" + "-" * (3 * config.size - 1))
    rows.append(" " * (width + 3) + " ".join(f"{x:<2}" for x in range(config.size)).rstrip())
    return "\n".join(rows)


def pursuit_status(config: PursuitConfig, state: PursuitState) -> str:
    """One line: step, illegal count, positions and how the game stands."""
    pieces = [*(f"B{i + 1}" for i in range(len(state.blues))), ORANGE]
    positions = " ".join(
        f"{name}({x},{y})" for name, (x, y) in zip(pieces, [*state.blues, state.orange], strict=True)
    )
    stands = f"outcome: {state.outcome.value}" if state.done else "in play"
    return (
        f"step {state.step}/{config.max_steps} | illegal {state.illegal} (ends above {config.max_illegal})"
        f" | {positions} | {stands}"
    )


def render_pursuit(config: PursuitConfig, state: PursuitState) -> str:
    """Board and status line."""
    return f"{pursuit_board(config, state)}\n{pursuit_status(config, state)}"


def _seat_line(state: TwentyOneState, seat: int, labels: Sequence[str]) -> str:
    hand = " ".join(str(c) for c in state.hands[seat])
    total = state.total(seat)
    notes = [n for n, on in (("stood", state.stood[seat]), ("bust", total > BUST_ABOVE)) if on]
    return f"{labels[seat]}: {hand} = {total}" + (f" ({', '.join(notes)})" if notes else "")


def render_twentyone(state: TwentyOneState, labels: Sequence[str] = SEAT_LABELS) -> str:
    """Both hands with totals, the deck size, and whose turn it is or how the game ended."""
    lines = [_seat_line(state, 0, labels), _seat_line(state, 1, labels)]
    left = len(state.deck)
    lines.append(f"deck: {left} card{'' if left == 1 else 's'} left (order hidden)")
    if state.done:
        lines.append(f"result: {labels[0]} {state.result(0).value}, {labels[1]} {state.result(1).value}")
    else:
        lines.append(f"to move: {labels[state.to_move]}")
    return "\n".join(lines)


def describe_move(move: TwentyOneMove, labels: Sequence[str] = SEAT_LABELS) -> str:
    """One line for one turn, e.g. ``seat 1 hits: draws 5H, total 21``."""
    who = labels[move.seat]
    if move.illegal:
        return f"{who} said {move.said!r}: illegal, played as stand at {move.total}"
    if move.played is Action.HIT:
        bust = " - bust" if move.total > BUST_ABOVE else ""
        return f"{who} hits: draws {move.card}, total {move.total}{bust}"
    if parse_action(move.said) is Action.HIT:
        return f"{who} hits on an empty deck: played as stand at {move.total}"
    return f"{who} stands at {move.total}"
