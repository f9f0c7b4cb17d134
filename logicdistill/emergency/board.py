"""The board with the cells a filter forbids, as text (``#`` forbidden, ``.`` free), y growing upwards.

Same layout as :func:`logicdistill.games.render.pursuit_board` (axis labels,
two characters per cell) but without pieces, so it can show a filter before
any game exists. Printing is the caller's job.
"""

from __future__ import annotations

from collections.abc import Iterable

from logicdistill.games.pursuit import Cell
from logicdistill.games.render import EMPTY, RESTRICTED


def forbidden_board(size: int, forbidden: Iterable[Cell]) -> str:
    """The grid, one row per y (top row = largest y)."""
    blocked = set(forbidden)
    width = len(str(size - 1))
    rows = []
    for y in range(size - 1, -1, -1):
        tokens = " ".join(f"{RESTRICTED if (x, y) in blocked else EMPTY:<2}" for x in range(size))
        rows.append(f"{y:>{width}} | {tokens}".rstrip())
    rows.append(" " * width + " +-" + "-" * (3 * size - 1))
    rows.append(" " * (width + 3) + " ".join(f"{x:<2}" for x in range(size)).rstrip())
    return "\n".join(rows)


def describe_cells(forbidden: Iterable[Cell]) -> str:
    """The forbidden cells in words: their count and bounding box, and whether they fill it."""
    cells = sorted(set(forbidden))
    if not cells:
        return "no cell"
    xs, ys = [c[0] for c in cells], [c[1] for c in cells]
    box = (max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1)
    shape = "a full rectangle" if box == len(cells) else "not a single rectangle"
    return (
        f"{len(cells)} cell{'s' if len(cells) != 1 else ''} within x {min(xs)}..{max(xs)}, "
        f"y {min(ys)}..{max(ys)} ({shape})"
    )
