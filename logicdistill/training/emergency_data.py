"""Function-writing examples for emergencies (Eq. 6): restricted rectangles in words -> a filter's source.

Rectangles vary in position and size (1 to 7 cells a side: squares,
non-squares, one-cell-thick segments and single cells) on the default board;
about one area in seven is a wall (one cell thick, 2 to 12 long), which is
described as a wall half of the time, by its two ends or by its first cell and
its length.
Each is described by a small grammar, so that a small model learns to read
the numbers by what they mean rather than by where they stand: an optional
lead-in ("Alert: "), a way to give the area (two corners in either order; an
x range and a y range in either order, in one of several notations such as
``x from 3 to 5``, ``3 <= x <= 5``, ``columns 3 through 5``, ``x = 3-5``; the
first cell plus a width and a height; a row or column segment; one cell; the
corners with the size said too, "a 5x5 area with corners ..."; the corners of the
other diagonal, by number or by where they sit; a corner pair written ``(a, b)-(c, d)``;
the four edges by side; ``[a, b] x [c, d]``; the height before the width), a
noun ("zone", "block"...) and a rule ("is off limits", "no dot may enter").
About one example in three has two rectangles, apart (at least one free cell
between them), joined by a two-area sentence.

The target source is one short ``filter_moves(moves, state)`` with the bounds
written in. Where the area was given by its first cell and its size, the code
writes the sum instead of doing it (``5 <= m[0] < 5 + 3``): the student copies
numbers and never adds them. A lone area given so names its sizes first, one line
each in the description's order (``height = 7`` then ``width = 3`` where the height
came first), and then tests ``5 <= m[0] < 5 + width and 2 <= m[1] < 2 + height``,
always the same line: the student only has to tell a height from a width by its
words, never to put the numbers on axes in an order other than the one it reads.
A wall given by its first cell and its length is summed likewise
(``5 <= m[0] < 5 + 9 and m[1] == 4``). Every source removes exactly the rectangles' cells
and keeps the rest in order (the tests run each through the run-time guard).
The prompt is :func:`logicdistill.training.prompts.emergency_chat`. Left out:
unions of more than two areas, shapes other than rectangles, boards other than
the default size, and the sentences of ``benchmarks/emergency_writing.py`` (its
test phrasings must stay unseen).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from logicdistill.games.pursuit import DEFAULT_SIZE
from logicdistill.training.prompts import emergency_chat
from logicdistill.training.records import Area, WritingExample

MAX_SIDE = 7
MAX_WALL = 12  # walls are longer than rectangles are wide: 2 to 12 cells
WALL_SHARE = 0.15  # the share of areas drawn as walls
TWO_AREA_SHARE = 0.3  # the share of examples with two restricted areas


# how an area was given, so how its source reads
BOUNDS, SIZE, HEIGHT_FIRST, LENGTH = "bounds", "size", "height-first", "length"
SIZED = (SIZE, HEIGHT_FIRST)  # the forms of an area given by its first cell and its size


@dataclass(frozen=True)
class Phrase:
    """An area in words (a noun phrase: "the zone with corners ...") and how it was given.

    ``form``: :data:`BOUNDS` (its ranges or corners), :data:`SIZE` (its first cell, width
    and height: the source writes ``x0 + width``), :data:`HEIGHT_FIRST` (the same with the
    height said first: a lone area's source names it first too) or :data:`LENGTH` (a wall
    by its first cell and its length: ``x0 <= m[0] < x0 + n and m[1] == y``).
    """

    text: str
    form: str = BOUNDS


def _pick(rng: np.random.Generator, options: Sequence):
    return options[int(rng.integers(len(options)))]


NOUNS = ("area", "zone", "region", "block", "rectangle", "patch", "section")
LEADS = ("", "", "", "Emergency: ", "New rule: ", "Alert: ", "Warning: ", "Attention: ", "Notice: ",
         "Update: ", "From now on, ", "Danger: ", "Flood: ", "Construction: ")  # fmt: skip
AFTERS = ("", "", "", " No dot may enter it.", " Dots must not move there.",
          " Moves onto those cells are illegal.", " Every dot has to avoid it.",
          " It stays closed for the rest of the game.")  # fmt: skip


# ---------------------------------------------------------------- the area as a noun phrase


def _axis_range(axis: str, line: str, a: int, b: int, rng: np.random.Generator) -> str:
    """``axis`` ("x" or "y") from ``a`` to ``b`` in one notation; ``line``: "column" or "row"."""
    if a == b:
        return _pick(rng, (f"{axis} = {a}", f"{line} {a}", f"{axis} equal to {a}", f"only {line} {a}"))
    return _pick(rng, (f"{axis} from {a} to {b}", f"{axis} in {a}..{b}", f"{a} <= {axis} <= {b}",
                       f"{axis} = {a}-{b}", f"{line}s {a} to {b}", f"{line}s {a} through {b}",
                       f"{axis} values {a} to {b}", f"{axis} in [{a}, {b}]", f"{axis} = {a}..{b}",
                       f"{axis} from {a} up to {b} inclusive", f"{line} {a} to {line} {b}",
                       f"{axis} between {a} and {b}", f"{line}s {a}-{b}",
                       f"{axis} at least {a} and at most {b}",
                       f"{axis} no less than {a} and no more than {b}",
                       f"{axis} of {a} or more and {b} or less"))  # fmt: skip


def _by_ranges(a: Area, rng: np.random.Generator) -> Phrase:
    parts = [_axis_range("x", "column", a[0], a[2], rng), _axis_range("y", "row", a[1], a[3], rng)]
    if rng.random() < 0.5:
        parts.reverse()
    axes = _pick(rng, (" and ", ", ", "; ", " with ")).join(parts)
    noun = _pick(rng, NOUNS)
    return Phrase(_pick(rng, (f"the {noun} with {axes}", f"every cell with {axes}",
                              f"the {noun} where {axes}", f"the cells at {axes}",
                              f"the {noun} covering {axes}")))  # fmt: skip


def _by_corners(a: Area, rng: np.random.Generator) -> Phrase:
    p, q = f"({a[0]}, {a[1]})", f"({a[2]}, {a[3]})"
    if rng.random() < 0.1:  # the other diagonal named by where its corners sit
        noun, tl, br = _pick(rng, NOUNS), f"({a[0]}, {a[3]})", f"({a[2]}, {a[1]})"
        return Phrase(_pick(rng, (f"the {noun} with top-left corner {tl} and bottom-right corner {br}",
                                  f"the {noun} whose upper-left cell is {tl} and lower-right cell {br}",
                                  f"the {noun} from its bottom-right cell {br} to its top-left cell {tl}",
                                  f"the {noun} with bottom-right cell {br} and top-left cell {tl}",
                                  )))  # fmt: skip
    if rng.random() < 0.25:  # corners named by where they sit: the low one is always (x0, y0)
        noun = _pick(rng, NOUNS)
        return Phrase(_pick(rng, (f"the {noun} whose bottom-left cell is {p} and whose top-right cell is {q}",
                                  f"the {noun} with top-right corner {q} and bottom-left corner {p}",
                                  f"the {noun} with lowest corner {p} and highest corner {q}",
                                  f"the {noun} from its top-right cell {q} to its bottom-left cell {p}",
                                  f"the {noun} reaching from {q} at the top right to {p} at the bottom left",
                                  f"the {noun} whose upper-right cell is {q} and lower-left cell {p}",
                                  )))  # fmt: skip
    if rng.random() < 0.2:  # the other diagonal, (x1, y0) and (x0, y1), in the forms that do not name sides
        p, q = f"({a[2]}, {a[1]})", f"({a[0]}, {a[3]})"
    if rng.random() < 0.4:
        p, q = q, p
    noun, size = _pick(rng, NOUNS), f"{a[2] - a[0] + 1}x{a[3] - a[1] + 1}"
    if rng.random() < 0.15:  # a corner pair with a dash, the shorthand of lists of areas
        return Phrase(_pick(rng, (f"the {noun} {p}-{q}", f"the cells {p} - {q}", f"{p}-{q}")))
    return Phrase(_pick(rng, (f"the {noun} with corners {p} and {q}", f"the {noun} from {p} to {q}",
                              f"the {noun} between {p} and {q}, both included",
                              f"the {noun} with opposite corners {p} and {q}", f"the cells from {p} to {q}",
                              f"the {noun} spanned by the cells {p} and {q}",
                              f"a {size} {noun} with corners {p} and {q}",
                              f"the {size} {noun} from {p} to {q}")))  # fmt: skip


def _by_product(a: Area, rng: np.random.Generator) -> Phrase:
    """The x interval times the y interval, ``[x0, x1] x [y0, y1]``."""
    product, noun = f"[{a[0]}, {a[2]}] x [{a[1]}, {a[3]}]", _pick(rng, NOUNS)
    return Phrase(_pick(rng, (f"the {noun} {product}", f"the cells in {product}", f"the set {product}",
                              f"the {noun} {product} (x, then y)")))  # fmt: skip


EDGE_FORMS = (  # one edge: (side, compass point, line word, axis, value index in the area)
    ("left", "west", "column", "x", 0), ("right", "east", "column", "x", 2),
    ("bottom", "south", "row", "y", 1), ("top", "north", "row", "y", 3),
)  # fmt: skip


def _by_edges(a: Area, rng: np.random.Generator) -> Phrase:
    """The four edges, each named by its side, in a random order (the edges belong to the area)."""
    style = int(rng.integers(3))
    parts = []
    for i in rng.permutation(len(EDGE_FORMS)):
        side, compass, line, axis, index = EDGE_FORMS[int(i)]
        value = a[index]
        parts.append((f"{side} edge {line} {value}", f"{compass} side {axis} = {value}",
                      f"{line} {value} as its {side} edge")[style])  # fmt: skip
    edges = ", ".join(parts[:-1]) + " and " + parts[-1]
    noun = _pick(rng, NOUNS)
    return Phrase(_pick(rng, (f"the {noun} with {edges}", f"the {noun} that has {edges}",
                              f"the {noun} with {edges}, edges included")))  # fmt: skip


def _by_size(a: Area, rng: np.random.Generator) -> Phrase:
    x, y, w, h = a[0], a[1], a[2] - a[0] + 1, a[3] - a[1] + 1
    start, noun = f"({x}, {y})", _pick(rng, NOUNS)
    width_first = [f"a {w} x {h} {noun} starting at {start}",
                   f"the {noun} of width {w} and height {h} whose first cell is {start}",
                   f"the {noun} {w} cells along x and {h} cells along y from {start}",
                   f"a {noun} {w} cells wide and {h} cells high with its corner nearest the origin "
                   f"at {start}", f"a {noun} {w} wide and {h} high whose bottom-left cell is {start}",
                   f"a {w}-by-{h} {noun} anchored at {start}",
                   f"the {noun} of {w} columns and {h} rows beginning at {start}"]  # fmt: skip
    height_first = [f"a {noun} {h} rows high and {w} columns wide with {start} as its first cell",
                    f"the {noun} of height {h} and width {w} whose bottom-left cell is {start}",
                    f"a {noun} {h} cells high and {w} cells wide starting at {start}",
                    f"a {noun} {h} high and {w} wide whose bottom-left cell is {start}",
                    f"the {noun} of {h} rows and {w} columns beginning at {start}",
                    f"the {noun} {h} cells along y and {w} cells along x from {start}"]  # fmt: skip
    if w == h:
        width_first += [f"the {w}x{w} square whose corner nearest the origin is {start}",
                        f"a square of side {w} starting at {start}"]  # fmt: skip
    options = [(t, SIZE) for t in width_first] + [(t, HEIGHT_FIRST) for t in height_first]
    text, form = _pick(rng, options)
    return Phrase(text, form=form)


WALLS = ("wall", "fence", "barrier", "trench", "line of rocks", "row of crates", "cordon")


def _segment(a: Area, rng: np.random.Generator) -> Phrase:
    wall = _pick(rng, WALLS)
    if rng.random() < 0.4:
        return _by_length(a, wall, rng)
    if a[0] == a[2]:
        k, lo, hi = a[0], a[1], a[3]
        return Phrase(_pick(rng, (f"the cells of column {k} from row {lo} to row {hi}",
                                  f"column {k} from y = {lo} to y = {hi}",
                                  f"the cells of column {k} with y from {lo} to {hi}",
                                  f"a {wall} on column {k} between y = {lo} and y = {hi}",
                                  f"a vertical {wall} at x = {k} over rows {lo} to {hi}",
                                  f"a vertical {wall} on x = {k} for the y from {lo} to {hi}",
                                  f"the line x = {k}, y from {lo} to {hi}",
                                  f"a barrier on x = {k} covering y = {lo}..{hi}",
                                  f"the vertical segment from ({k}, {lo}) to ({k}, {hi})",
                                  f"a {wall} along column {k} from row {lo} to row {hi}",
                                  f"the {wall} in column {k}, rows {lo} through {hi}",
                                  f"a {wall} down column {k} over rows {lo} to {hi}")))  # fmt: skip
    k, lo, hi = a[1], a[0], a[2]
    return Phrase(_pick(rng, (f"the cells of row {k} from column {lo} to column {hi}",
                              f"row {k} from x = {lo} to x = {hi}",
                              f"the cells of row {k} with x from {lo} to {hi}",
                              f"a {wall} on row {k} between x = {lo} and x = {hi}",
                              f"a horizontal {wall} at y = {k} over columns {lo} to {hi}",
                              f"a horizontal {wall} on y = {k} for the x from {lo} to {hi}",
                              f"the line y = {k}, x from {lo} to {hi}",
                              f"a barrier on y = {k} covering x = {lo}..{hi}",
                              f"the horizontal segment from ({lo}, {k}) to ({hi}, {k})",
                              f"a {wall} along row {k} from column {lo} to column {hi}",
                              f"the {wall} in row {k}, columns {lo} through {hi}",
                              f"a {wall} across row {k} over columns {lo} to {hi}")))  # fmt: skip


def _by_length(a: Area, wall: str, rng: np.random.Generator) -> Phrase:
    """A wall by its first cell (lowest or leftmost) and its length in cells."""
    if a[0] == a[2]:
        k, lo, n, start = a[0], a[1], a[3] - a[1] + 1, f"({a[0]}, {a[1]})"
        options = (f"a {wall} {n} cells long on column {k}, starting at y = {lo}",
                   f"a vertical {wall} of length {n} that begins at {start}",
                   f"a {wall} of {n} cells running up from {start}",
                   f"the {n} cells on column {k} beginning at row {lo}",
                   f"a {n}-cell {wall} along x = {k} from y = {lo}",
                   f"a {wall} starting at {start} and extending {n} cells upward")  # fmt: skip
    else:
        k, lo, n, start = a[1], a[0], a[2] - a[0] + 1, f"({a[0]}, {a[1]})"
        options = (f"a {wall} {n} cells long on row {k}, starting at x = {lo}",
                   f"a horizontal {wall} of length {n} that begins at {start}",
                   f"a {wall} of {n} cells running right from {start}",
                   f"the {n} cells on row {k} beginning at column {lo}",
                   f"a {n}-cell {wall} along y = {k} from x = {lo}",
                   f"a {wall} starting at {start} and extending {n} cells to the right")  # fmt: skip
    return Phrase(_pick(rng, options), form=LENGTH)


def _cell(a: Area, rng: np.random.Generator) -> Phrase:
    return Phrase(_pick(rng, (f"the single cell ({a[0]}, {a[1]})", f"the cell ({a[0]}, {a[1]})",
                              f"the one cell at x = {a[0]}, y = {a[1]}")))  # fmt: skip


def area_phrase(area: Area, rng: np.random.Generator) -> Phrase:
    """One noun phrase for ``area`` (a wall as a wall half of the time), chosen by ``rng``."""
    width, height = area[2] - area[0] + 1, area[3] - area[1] + 1
    if min(width, height) == 1 and max(width, height) > 1 and rng.random() < 0.5:
        return _segment(area, rng)
    options: list[Callable[[Area, np.random.Generator], Phrase]] = [
        _by_ranges,
        _by_corners,
        _by_size,
        _by_size,  # twice: the sizes' words (high, wide, rows...) are the hardest to read right
        _by_edges,
        _by_product,
    ]
    if width == height == 1:
        options.append(_cell)
    return _pick(rng, options)(area, rng)


# ---------------------------------------------------------------- sentences


def _one_rule(np_: str, rng: np.random.Generator) -> str:
    return _pick(rng, (f"{np_} is restricted.", f"{np_} is off limits.", f"{np_} is now forbidden.",
                       f"{np_} has been closed.", f"no dot may enter {np_}.", f"dots must avoid {np_}.",
                       f"stay out of {np_}.", f"a restricted area has appeared: {np_}.",
                       f"moving into {np_} is not allowed."))  # fmt: skip


def _two_rule(first: str, second: str, rng: np.random.Generator) -> str:
    return _pick(rng, (f"two restricted areas have appeared: {first} and {second}. No dot may enter either.",
                       f"{first} and {second} are both off limits.",
                       f"dots must avoid two areas: {first}, and {second}.",
                       f"there are two emergencies at once. {_cap(_one_rule(first, rng))} "
                       f"Also, {_one_rule(second, rng)}",
                       f"two separate zones are now closed. One: {first}. The other: {second}.",
                       f"keep out of {first} and of {second}.",
                       f"{first} and {second} are closed."))  # fmt: skip


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def describe_areas(areas: Sequence[Area], rng: np.random.Generator) -> tuple[str, tuple[str, ...]]:
    """A description of one or two areas and, per area, how it was given (its ``Phrase.form``)."""
    phrases = [area_phrase(area, rng) for area in areas]
    if len(phrases) == 1:
        rule = _one_rule(phrases[0].text, rng) + _pick(rng, AFTERS)
    else:
        rule = _two_rule(phrases[0].text, phrases[1].text, rng)
    lead = _pick(rng, LEADS)
    sentence = rule if lead.endswith(", ") else _cap(rule)  # "From now on, no dot..." / "Alert: No dot..."
    return lead + sentence, tuple(p.form for p in phrases)


def describe_area(area: Area, rng: np.random.Generator) -> str:
    """One description of ``area`` alone."""
    return describe_areas((area,), rng)[0]


# ---------------------------------------------------------------- sources


def _test(area: Area, form: str, named_sizes: bool = False) -> str:
    x0, y0, x1, y1 = area
    if form == LENGTH and y0 == y1:
        return f"{x0} <= m[0] < {x0} + {x1 - x0 + 1} and m[1] == {y0}"
    if form == LENGTH:
        return f"m[0] == {x0} and {y0} <= m[1] < {y0} + {y1 - y0 + 1}"
    if form in SIZED and named_sizes:
        return f"{x0} <= m[0] < {x0} + width and {y0} <= m[1] < {y0} + height"
    if form in SIZED:
        return f"{x0} <= m[0] < {x0} + {x1 - x0 + 1} and {y0} <= m[1] < {y0} + {y1 - y0 + 1}"
    return f"{x0} <= m[0] <= {x1} and {y0} <= m[1] <= {y1}"


def _named(area: Area, form: str, named_sizes: bool = False) -> str:
    x0, y0, x1, y1 = area
    if form == LENGTH and y0 == y1:
        return f"{x1 - x0 + 1} cells of row {y0} from x {x0}"
    if form == LENGTH:
        return f"{y1 - y0 + 1} cells of column {x0} from y {y0}"
    if form in SIZED and named_sizes:
        return f"from ({x0}, {y0}), of the sizes below"
    if form in SIZED:
        return f"{x1 - x0 + 1} x {y1 - y0 + 1} cells from ({x0}, {y0})"
    return f"x {x0}..{x1}, y {y0}..{y1}"


def _size_lines(area: Area, form: str) -> str:
    """A lone sized area's sizes, one assignment per line, in the order the description said them."""
    lines = [f"    width = {area[2] - area[0] + 1}\n", f"    height = {area[3] - area[1] + 1}\n"]
    return "".join(reversed(lines) if form == HEIGHT_FIRST else lines)


def filter_source(areas: Sequence[Area], forms: Sequence[str] | None = None) -> str:
    """The canonical emergency filter for ``areas``: drop moves inside any of them, keep the rest in order.

    ``forms[i]``: how area ``i`` was described (:data:`SIZE`, :data:`HEIGHT_FIRST`: the test
    adds the sizes in code, named on lines of their own when the area is alone; :data:`LENGTH`:
    a wall's length likewise); default: every area by its bounds.
    """
    if not areas:
        raise ValueError("a filter needs at least one restricted area")
    forms = tuple(forms) if forms is not None else (BOUNDS,) * len(areas)
    named_sizes = len(areas) == 1 and forms[0] in SIZED
    ranges = " and ".join(_named(a, f, named_sizes) for a, f in zip(areas, forms, strict=True))
    tests = " or ".join(_test(a, f, named_sizes) for a, f in zip(areas, forms, strict=True))
    noun = "area" if len(areas) == 1 else "areas"
    return (
        "def filter_moves(moves, state):\n"
        f'    """Drop the moves inside the restricted {noun} {ranges}; keep the rest."""\n'
        + (_size_lines(areas[0], forms[0]) if named_sizes else "")
        + f"    return [m for m in moves if not ({tests})]\n"
    )


# ---------------------------------------------------------------- areas


def random_area(rng: np.random.Generator, size: int = DEFAULT_SIZE) -> Area:
    """A rectangle of 1 to :data:`MAX_SIDE` cells a side, or (share :data:`WALL_SHARE`) a wall."""
    if rng.random() < WALL_SHARE:
        length = int(rng.integers(2, MAX_WALL + 1))
        width, height = (1, length) if rng.random() < 0.5 else (length, 1)
    else:
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
    """``count`` emergency examples: random rectangles (one or two), described by the grammar."""
    out = []
    for _ in range(count):
        areas = random_areas(rng)
        description, forms = describe_areas(areas, rng)
        out.append(
            WritingExample(description, areas, filter_source(areas, forms), emergency_chat(description))
        )
    return out
