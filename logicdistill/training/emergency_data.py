"""Function-writing examples for emergencies (Eq. 6): restricted rectangles in words -> a filter's source.

Rectangles vary in position and size (1 to 7 cells a side, squares and
non-squares, single cells) on the default board, and each is described in one of
several phrasings (corners in either order, bounds, origin plus extent, rows and
columns). About one example in four has two rectangles, apart (at least one free
cell between them), described by a two-area lead-in joining one phrasing of
each. The target source is always the same short, canonical
``filter_moves(moves, state)`` with the bounds written in, so a small model has
one form to learn; it removes exactly the rectangles' cells and keeps the rest in
order (the tests run every example's source through the run-time guard to check
this). The prompt is :func:`logicdistill.training.prompts.emergency_chat`.
Other shapes (walls given as lines, unions of more than two areas, boards other
than the default size) are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from logicdistill.games.pursuit import DEFAULT_SIZE
from logicdistill.training.prompts import emergency_chat
from logicdistill.training.records import Area, WritingExample

MAX_SIDE = 7
TWO_AREA_SHARE = 0.25  # the share of examples with two restricted areas


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


def _two_restricted(first: str, second: str) -> str:
    return f"two restricted areas have appeared. First, {first} Second, {second}"


def _two_emergencies(first: str, second: str) -> str:
    return f"there are two emergencies at once. {first[0].upper()}{first[1:]} Also, {second}"


def _two_zones(first: str, second: str) -> str:
    return f"two separate zones are now closed. One: {first} The other: {second}"


TWO_AREA_PHRASINGS: tuple[Callable[[str, str], str], ...] = (_two_restricted, _two_emergencies, _two_zones)


def filter_source(areas: Sequence[Area]) -> str:
    """The canonical emergency filter for ``areas``: drop moves inside any of them, keep the rest in order."""
    if not areas:
        raise ValueError("a filter needs at least one restricted area")
    ranges = " and ".join(f"x {x0}..{x1}, y {y0}..{y1}" for x0, y0, x1, y1 in areas)
    tests = " or ".join(f"{x0} <= m[0] <= {x1} and {y0} <= m[1] <= {y1}" for x0, y0, x1, y1 in areas)
    noun = "area" if len(areas) == 1 else "areas"
    return (
        "def filter_moves(moves, state):\n"
        f'    """Drop the moves inside the restricted {noun} {ranges}; keep the rest."""\n'
        f"    return [m for m in moves if not ({tests})]\n"
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


def describe_areas(areas: Sequence[Area], rng: np.random.Generator) -> str:
    """One phrasing of one area (:func:`describe_area`), or of two joined by a two-area lead-in."""
    if len(areas) == 1:
        return describe_area(areas[0], rng)
    first, second = (describe_area(area, rng) for area in areas)
    return TWO_AREA_PHRASINGS[int(rng.integers(len(TWO_AREA_PHRASINGS)))](first, second)


def random_area(rng: np.random.Generator, size: int = DEFAULT_SIZE) -> Area:
    width, height = (int(v) for v in rng.integers(1, MAX_SIDE + 1, size=2))
    x0 = int(rng.integers(0, size - width + 1))
    y0 = int(rng.integers(0, size - height + 1))
    return (x0, y0, x0 + width - 1, y0 + height - 1)


def apart(a: Area, b: Area) -> bool:
    """Whether ``a`` and ``b`` neither overlap nor touch (at least one free cell between them)."""
    return a[2] + 1 < b[0] or b[2] + 1 < a[0] or a[3] + 1 < b[1] or b[3] + 1 < a[1]


def random_two_areas(rng: np.random.Generator, size: int = DEFAULT_SIZE) -> tuple[Area, Area]:
    """Two random rectangles that are apart (drawn again until they are)."""
    while True:
        first, second = random_area(rng, size), random_area(rng, size)
        if apart(first, second):
            return (first, second)


def random_areas(rng: np.random.Generator) -> tuple[Area, ...]:
    """Two areas with probability :data:`TWO_AREA_SHARE`, else one."""
    return random_two_areas(rng) if rng.random() < TWO_AREA_SHARE else (random_area(rng),)


def writing_examples(count: int, rng: np.random.Generator) -> list[WritingExample]:
    """``count`` emergency examples: random rectangles (one or two), random phrasings, canonical sources."""
    out = []
    for _ in range(count):
        areas = random_areas(rng)
        description = describe_areas(areas, rng)
        description = description[0].upper() + description[1:]
        out.append(WritingExample(description, areas, filter_source(areas), emergency_chat(description)))
    return out
