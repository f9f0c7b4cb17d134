"""Function-writing examples for emergencies (Eq. 6): a restricted rectangle in words -> a filter's source.

Rectangles vary in position and size (1 to 7 cells a side, squares and
non-squares, single cells) on the default board, and each is described in one of
several phrasings (corners in either order, bounds, origin plus extent, rows and
columns). The target source is always the same short, canonical
``filter_moves(moves, state)`` with the bounds written in, so a small model has
one form to learn; it removes exactly the rectangle's cells and keeps the rest in
order (the tests run every example's source through the run-time guard to check
this). The prompt is :func:`logicdistill.training.prompts.emergency_chat`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from logicdistill.games.pursuit import DEFAULT_SIZE
from logicdistill.training.prompts import emergency_chat
from logicdistill.training.records import WritingExample

MAX_SIDE = 7

Area = tuple[int, int, int, int]  # x0, y0, x1, y1 (inclusive, x0 <= x1, y0 <= y1)


def _corners(a: Area) -> str:
    return (
        f"a restricted area has appeared: the rectangle with corners ({a[0]}, {a[1]}) and ({a[2]}, {a[3]}). "
        "No dot may enter it."
    )


def _corners_reversed(a: Area) -> str:
    return f"the block of cells between ({a[2]}, {a[3]}) and ({a[0]}, {a[1]}), both included, is off limits."


def _bounds(a: Area) -> str:
    return f"cells with {a[0]} <= x <= {a[2]} and {a[1]} <= y <= {a[3]} are now forbidden."


def _ranges(a: Area) -> str:
    return (
        f"blue dots must stay out of the region x from {a[0]} to {a[2]}, y from {a[1]} to {a[3]} "
        "(bounds included)."
    )


def _extent(a: Area) -> str:
    width, height = a[2] - a[0] + 1, a[3] - a[1] + 1
    return (
        f"a zone of {width} x {height} cells is closed: it starts at ({a[0]}, {a[1]}) and extends {width} "
        f"cell{'s' if width > 1 else ''} along x and {height} cell{'s' if height > 1 else ''} along y."
    )


def _rows_columns(a: Area) -> str:
    return f"no dot may enter any cell in columns x = {a[0]}..{a[2]} of rows y = {a[1]}..{a[3]}."


def _square(a: Area) -> str:
    side = a[2] - a[0] + 1
    return f"the {side}x{side} square whose corner nearest the origin is ({a[0]}, {a[1]}) is restricted."


def _cell(a: Area) -> str:
    return f"the single cell ({a[0]}, {a[1]}) is restricted; no dot may move onto it."


PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _corners,
    _corners_reversed,
    _bounds,
    _ranges,
    _extent,
    _rows_columns,
)


def filter_source(area: Area) -> str:
    """The canonical emergency filter for ``area``: drop moves inside it, keep the rest in order."""
    x0, y0, x1, y1 = area
    return (
        "def filter_moves(moves, state):\n"
        f'    """Drop the moves inside the restricted area x {x0}..{x1}, y {y0}..{y1}; keep the rest."""\n'
        f"    return [m for m in moves if not ({x0} <= m[0] <= {x1} and {y0} <= m[1] <= {y1})]\n"
    )


def describe_area(area: Area, rng: np.random.Generator) -> str:
    """One phrasing of ``area``, chosen by ``rng`` (square and single-cell phrasings where they fit)."""
    options = list(PHRASINGS)
    width, height = area[2] - area[0] + 1, area[3] - area[1] + 1
    if width == height:
        options.append(_square)
    if width == height == 1:
        options.append(_cell)
    return options[int(rng.integers(len(options)))](area)


def random_area(rng: np.random.Generator, size: int = DEFAULT_SIZE) -> Area:
    width, height = (int(v) for v in rng.integers(1, MAX_SIDE + 1, size=2))
    x0 = int(rng.integers(0, size - width + 1))
    y0 = int(rng.integers(0, size - height + 1))
    return (x0, y0, x0 + width - 1, y0 + height - 1)


def writing_examples(count: int, rng: np.random.Generator) -> list[WritingExample]:
    """``count`` emergency examples: random rectangles, random phrasings, canonical sources."""
    out = []
    for _ in range(count):
        area = random_area(rng)
        description = describe_area(area, rng)
        description = description[0].upper() + description[1:]
        out.append(WritingExample(description, area, filter_source(area), emergency_chat(description)))
    return out
