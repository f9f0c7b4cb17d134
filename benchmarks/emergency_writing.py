"""How well the student writes emergency filters for rules phrased as in no training example (issue 7, Eq. 6).

Run: ``.venv/bin/python benchmarks/emergency_writing.py [--adapter DIR] [--per-kind 8] [--samples 4]
[--retries 4] [--games 2] [--phrasings original|fresh|third|...|fifteenth]
[--out runs/emergency_writing.json]``
(default model: the bundled student with the LD adapter at runs/demo/ld-adapter when present, else
the untuned student; the output names it).

Cases are drawn from a seeded generator, by kind: squares of sizes the training
data never has (8 to 10 cells a side), non-square rectangles (including long
thin ones), a wall segment (one cell thick), two separate areas (the training data
has pairs of rectangles too, in other phrasings), and rectangles on a smaller
board (11x11). Every description uses phrasings written here,
different from the training phrasings of ``training/emergency_data.py`` (the
script checks that none coincides with a training phrasing of the same area).
A filter counts as *exactly correct* when it was accepted and the set of board
cells it forbids equals the true set. Reported by kind: accepted, exactly
correct (the chosen candidate), exactly correct for the greedy candidate alone,
and correct for any candidate; then game outcomes on 21x21 boards whose
restricted cells are the true area: the reference pursuers composing the written
filter (the base chain when none was accepted) against the optimal evader, from
the documented test starts. Prints a Markdown table and writes the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from logicdistill.code_version import code_version
from logicdistill.emergency import WritingConfig, emergency_pursuer, write_filters
from logicdistill.emergency.games import games_on, play_game
from logicdistill.emergency.model import choose_writer, load_writer
from logicdistill.games.pursuit import DEFAULT_SIZE, TEST_START_SEEDS, Cell, Outcome, PursuitConfig, rectangle

CASE_SEED = 77_000  # seeds of the cases: CASE_SEED + kind index (disjoint from the training writing seed)
Area = tuple[int, int, int, int]


# ---------------------------------------------------------------- phrasings (not the training ones)


def _sides(a: Area) -> tuple[int, int]:
    """The width and the height of ``a`` in cells."""
    return a[2] - a[0] + 1, a[3] - a[1] + 1


def _columns_rows(a: Area) -> str:
    return (
        f"Storm warning: nobody may step on any square from column {a[0]} to column {a[2]} "
        f"between rows {a[1]} and {a[3]}."
    )


def _spanning(a: Area) -> str:
    return f"Keep out of the zone spanning x={a[0]}-{a[2]}, y={a[1]}-{a[3]}."


def _lower_left(a: Area) -> str:
    return (
        f"The region whose lower-left cell is ({a[0]}, {a[1]}) and whose upper-right cell is "
        f"({a[2]}, {a[3]}) is closed to all dots."
    )


def _lava(a: Area) -> str:
    w, h = _sides(a)
    return (
        f"A {w}-wide, {h}-tall block of lava sits with its bottom-left corner at ({a[0]}, {a[1]}); avoid it."
    )


def _between(a: Area) -> str:
    return (
        f"Forbidden: every cell (x, y) where x is between {a[0]} and {a[2]} and y is between {a[1]} and "
        f"{a[3]}, inclusive."
    )


AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (_columns_rows, _spanning, _lower_left, _lava, _between)


# The fresh set: written on 2026-12-02, before the adapter trained that day, after the
# training grammar had gained forms close to some phrasings above (docs/emergencies.md).
# Nothing in it was looked at while changing the grammar.


def _compass(a: Area) -> str:
    return (
        f"Quarantine: the rectangle whose south-west cell is ({a[0]}, {a[1]}) and whose north-east cell is "
        f"({a[2]}, {a[3]}) is out of bounds."
    )


def _unicode_bounds(a: Area) -> str:
    return (
        f"Mines cover every cell with {a[0]} ≤ x ≤ {a[2]} and {a[1]} ≤ y ≤ {a[3]}; "
        "stepping there is not permitted."
    )


def _across_deep(a: Area) -> str:
    w, h = _sides(a)
    return (
        f"A quarantine box {w} cells across and {h} cells deep begins at ({a[0]}, {a[1]}) and extends toward "
        f"larger x and y; keep clear."
    )


def _coordinate_lies(a: Area) -> str:
    return (
        f"Do not go where the x-coordinate lies in {a[0]}-{a[2]} and the y-coordinate lies in {a[1]}-{a[3]}."
    )


def _rows_of_columns(a: Area) -> str:
    return f"Evacuate rows {a[1]} to {a[3]} of columns {a[0]} to {a[2]}: no dot may set foot there."


FRESH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _compass, _unicode_bounds, _across_deep, _coordinate_lies, _rows_of_columns
)  # fmt: skip


# The third set: written on 2026-12-02 (early morning, UTC), after the fresh set's results were read and
# before any change was measured on it, so that the next grammar or training round has an
# unseen yardstick again.


def _brackets(a: Area) -> str:
    return f"Closed cells: all (x, y) with x in [{a[0]}, {a[2]}] and y in [{a[1]}, {a[3]}]."


def _edges(a: Area) -> str:
    return (
        f"The restricted field's left edge is column {a[0]}, its right edge column {a[2]}, its bottom edge "
        f"row {a[1]} and its top edge row {a[3]}; the edges belong to it."
    )


def _at_least(a: Area) -> str:
    return (
        f"No dot may occupy a square whose x is at least {a[0]} and at most {a[2]} while its y is at least "
        f"{a[1]} and at most {a[3]}."
    )


def _top_right_first(a: Area) -> str:
    return f"Flooded: the box from its top-right ({a[2]}, {a[3]}) down to its bottom-left ({a[0]}, {a[1]})."


def _enclosed(a: Area) -> str:
    return (
        f"Stay off the cells enclosed by the lines x = {a[0]}, x = {a[2]}, y = {a[1]} and y = {a[3]}, "
        "the lines themselves included."
    )


THIRD_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _brackets, _edges, _at_least, _top_right_first, _enclosed
)  # fmt: skip


def _third_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"A barrier fills column {a[0]} for rows {a[1]} to {a[3]}."
    return f"A ditch cuts across row {a[1]}, spanning columns {a[0]} to {a[2]}; it is impassable."


def _third_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Two patches are poisoned: x in [{a[0]}, {a[2]}] with y in [{a[1]}, {a[3]}], and x in "
        f"[{b[0]}, {b[2]}] with y in [{b[1]}, {b[3]}]."
    )


# The fourth set: written on 2026-12-02 (morning), before the grammar and the selection prompts
# changed for the next adapter and before any adapter was measured on it.


def _spans(a: Area) -> str:
    return f"Hazard: it spans x = {a[0]} to x = {a[2]} horizontally and y = {a[1]} to y = {a[3]} vertically."


def _other_diagonal(a: Area) -> str:
    return f"Off-limits zone. Corner A: ({a[2]}, {a[1]}); corner B: ({a[0]}, {a[3]})."


def _element_of(a: Area) -> str:
    return f"Restricted: x ∈ {a[0]}..{a[2]}, y ∈ {a[1]}..{a[3]}."


def _sealed(a: Area) -> str:
    return f"Columns {a[0]} through {a[2]} are sealed off between rows {a[1]} and {a[3]}."


def _wide_tall(a: Area) -> str:
    w, h = _sides(a)
    return f"A {w}-wide, {h}-tall exclusion zone has its lowest-left square at ({a[0]}, {a[1]})."


FOURTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _spans, _other_diagonal, _element_of, _sealed, _wide_tall
)  # fmt: skip


def _fourth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"Column {a[0]} is blocked from y = {a[1]} up to y = {a[3]}."
    return f"Row {a[1]} is blocked from x = {a[0]} across to x = {a[2]}."


def _fourth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return f"Keep out of ({a[0]}, {a[1]})–({a[2]}, {a[3]}) and of ({b[0]}, {b[1]})–({b[2]}, {b[3]})."


# The fifth set: written on 2026-12-02 (afternoon), before the grammar gained the forms that the
# fourth set's failures point at, and before any adapter was measured on it.


def _top_left_first(a: Area) -> str:
    return f"Forbidden rectangle: top-left cell ({a[0]}, {a[3]}), bottom-right cell ({a[2]}, {a[1]})."


def _cartesian(a: Area) -> str:
    return f"The closed set is [{a[0]}, {a[2]}] × [{a[1]}, {a[3]}], x first, then y."


def _en_dash(a: Area) -> str:
    return f"Out of bounds from now on: columns {a[0]}–{a[2]}, rows {a[1]}–{a[3]}."


def _rows_by_columns(a: Area) -> str:
    w, h = _sides(a)
    return f"A no-go block {h} rows high and {w} columns wide has ({a[0]}, {a[1]}) as its first cell."


def _thru(a: Area) -> str:
    return f"Avoid x {a[0]} thru {a[2]} / y {a[1]} thru {a[3]}."


FIFTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _top_left_first, _cartesian, _en_dash, _rows_by_columns, _thru
)  # fmt: skip


def _fifth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"A vertical wall occupies x = {a[0]} for every y from {a[1]} to {a[3]}."
    return f"A horizontal wall occupies y = {a[1]} for every x from {a[0]} to {a[2]}."


def _fifth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Two no-go rectangles: one covers x {a[0]}–{a[2]}, y {a[1]}–{a[3]}; the other covers "
        f"x {b[0]}–{b[2]}, y {b[1]}–{b[3]}."
    )


# The sixth set: written on 2026-12-02 (afternoon), after the fifth set was measured and before
# the grammar gained the forms that the fifth set's failures point at.


def _compass_abbreviations(a: Area) -> str:
    return f"Danger area, NW corner ({a[0]}, {a[3]}), SE corner ({a[2]}, {a[1]}). Do not enter."


def _bare_pairs(a: Area) -> str:
    return f"Closed until further notice: the block from {a[0]},{a[1]} to {a[2]},{a[3]}."


def _size_then_corner(a: Area) -> str:
    w, h = _sides(a)
    return f"Area: {w}×{h} cells, bottom-left at ({a[0]}, {a[1]}); it is forbidden ground."


def _four_inequalities(a: Area) -> str:
    return f"The danger zone is every cell with x ≥ {a[0]}, x ≤ {a[2]}, y ≥ {a[1]} and y ≤ {a[3]}."


def _tall_then_wide(a: Area) -> str:
    w, h = _sides(a)
    return f"A {h}-tall, {w}-wide crater opened with its bottom-left square at ({a[0]}, {a[1]})."


SIXTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _compass_abbreviations, _bare_pairs, _size_then_corner, _four_inequalities, _tall_then_wide
)  # fmt: skip


def _sixth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"A {a[3] - a[1] + 1}-cell wall stands on column {a[0]}, starting at row {a[1]} and going up."
    return f"A {a[2] - a[0] + 1}-cell wall lies on row {a[1]}, starting at column {a[0]} and going right."


def _sixth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Zones A and B are forbidden. A spans columns {a[0]}-{a[2]} and rows {a[1]}-{a[3]}; "
        f"B spans columns {b[0]}-{b[2]} and rows {b[1]}-{b[3]}."
    )


# The seventh set: written on 2026-12-02 (evening), after the sixth set was measured and before
# any change to the training data after it.


def _labelled_sides(a: Area) -> str:
    return f"Hazard box — left {a[0]}, right {a[2]}, bottom {a[1]}, top {a[3]}. Stay clear."


def _starts_ends(a: Area) -> str:
    return f"The forbidden rectangle starts at x={a[0]}, y={a[1]} and ends at x={a[2]}, y={a[3]}."


def _size_per_axis(a: Area) -> str:
    w, h = _sides(a)
    return f"Keep clear of the zone spanning {w} columns (from x {a[0]}) and {h} rows (from y {a[1]})."


def _rows_but_columns(a: Area) -> str:
    return f"Blocked: rows {a[1]}–{a[3]}, but only in columns {a[0]}–{a[2]}."


def _named_corners(a: Area) -> str:
    return f"Corner A = ({a[0]}, {a[1]}), corner B = ({a[2]}, {a[3]}); everything between them is sealed off."


SEVENTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _labelled_sides, _starts_ends, _size_per_axis, _rows_but_columns, _named_corners
)  # fmt: skip


def _seventh_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"Wall from ({a[0]}, {a[1]}) straight up to ({a[0]}, {a[3]}). Impassable."
    return f"Wall from ({a[0]}, {a[1]}) straight right to ({a[2]}, {a[1]}). Impassable."


def _seventh_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Two no-go boxes: the first covers x {a[0]} to {a[2]} by y {a[1]} to {a[3]}, "
        f"the second x {b[0]} to {b[2]} by y {b[1]} to {b[3]}."
    )


# The eighth set: written on 2026-12-02 (night), after the seventh set was measured and before
# any change to the training data after it (the next change: more writing examples).


def _axis_ranges(a: Area) -> str:
    return f"No entry: the area's x-range is {a[0]}–{a[2]} and its y-range is {a[1]}–{a[3]}."


def _column_row_corners(a: Area) -> str:
    return (
        f"Restricted zone: bottom-left at column {a[0]}, row {a[1]}; top-right at column {a[2]}, row {a[3]}."
    )


def _y_downwards(a: Area) -> str:
    return f"Flooded: the cells from x {a[0]} across to x {a[2]} and from y {a[3]} down to y {a[1]}."


def _origin_width_height(a: Area) -> str:
    w, h = _sides(a)
    return f"Exclusion zone: origin ({a[0]}, {a[1]}), width {w}, height {h}."


def _horizontally_vertically(a: Area) -> str:
    return f"Off limits — horizontally {a[0]} to {a[2]}, vertically {a[1]} to {a[3]}."


EIGHTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _axis_ranges, _column_row_corners, _y_downwards, _origin_width_height, _horizontally_vertically
)  # fmt: skip


def _eighth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"Barrier: column {a[0]}, cells {a[1]} up to {a[3]}."
    return f"Barrier: row {a[1]}, cells {a[0]} across to {a[2]}."


def _eighth_two(areas: tuple[Area, Area]) -> str:
    (a, b), sizes = areas, [f"{r[2] - r[0] + 1}x{r[3] - r[1] + 1}" for r in areas]
    return (
        f"Keep away from both the {sizes[0]} box at ({a[0]}, {a[1]}) and the {sizes[1]} box at "
        f"({b[0]}, {b[1]}), each given by its bottom-left cell."
    )


# The ninth set: written on 2026-12-02 (night), after the eighth set was measured and the
# reversed-range repair was written, before anything else changed (its fair test).


def _bounded_by(a: Area) -> str:
    return f"Do not step into the box bounded by x = {a[0]} and x = {a[2]}, and by y = {a[1]} and y = {a[3]}."


def _edges_top_first(a: Area) -> str:
    return (
        f"Quarantine: top edge y = {a[3]}, bottom edge y = {a[1]}, "
        f"left edge x = {a[0]}, right edge x = {a[2]}."
    )


def _back_to(a: Area) -> str:
    return f"Restricted: the area from ({a[2]}, {a[3]}) back to ({a[0]}, {a[1]})."


def _tall_wide_lowest(a: Area) -> str:
    w, h = _sides(a)
    return (
        f"The no-go region is {h} rows tall and {w} columns wide; "
        f"its lowest, leftmost cell is ({a[0]}, {a[1]})."
    )


def _column_row_numbers(a: Area) -> str:
    return (
        f"Avoid any cell with a column number from {a[0]} to {a[2]} and a row number from {a[1]} to {a[3]}."
    )


NINTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _bounded_by, _edges_top_first, _back_to, _tall_wide_lowest, _column_row_numbers
)  # fmt: skip


def _ninth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"Blocked line: x = {a[0]}, y running from {a[3]} down to {a[1]}."
    return f"Blocked line: y = {a[1]}, x running from {a[2]} back to {a[0]}."


def _ninth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"No-go: the area ({a[0]}..{a[2]}) × ({a[1]}..{a[3]}) "
        f"and the area ({b[0]}..{b[2]}) × ({b[1]}..{b[3]})."
    )


# The tenth set: written on 2026-12-03, with the ninth set measured and before any change to
# the writer, the grammar or the adapter since (its fair test).


def _occupies(a: Area) -> str:
    return f"A fire occupies columns {a[0]} to {a[2]} across rows {a[1]} to {a[3]}; keep every dot out of it."


def _southwest_northeast(a: Area) -> str:
    return f"Minefield: southwest corner at ({a[0]}, {a[1]}), northeast corner at ({a[2]}, {a[3]})."


def _wide_high_square(a: Area) -> str:
    w, h = _sides(a)
    return f"Closed: a block {w} wide and {h} high, whose bottom-left square is ({a[0]}, {a[1]})."


def _inclusive_words(a: Area) -> str:
    return (
        f"Nobody may enter where x is between {a[0]} and {a[2]} inclusive "
        f"and y is between {a[1]} and {a[3]} inclusive."
    )


def _four_corners(a: Area) -> str:
    return (
        f"Hazard zone with the four corners ({a[0]}, {a[1]}), ({a[2]}, {a[1]}), "
        f"({a[2]}, {a[3]}) and ({a[0]}, {a[3]})."
    )


TENTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _occupies, _southwest_northeast, _wide_high_square, _inclusive_words, _four_corners
)  # fmt: skip


def _tenth_wall(a: Area) -> str:
    return f"Roadblock: the cells ({a[0]}, {a[1]}) through ({a[2]}, {a[3]}) are impassable."


def _tenth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return f"Two closures: x {a[0]}-{a[2]} by y {a[1]}-{a[3]}, and x {b[0]}-{b[2]} by y {b[1]}-{b[3]}."


# The eleventh set: written on 2026-12-03 (morning), with the tenth set measured and before
# the grammar change aimed at its misses (sizes given as words), so it judges that change.


def _high_by_wide(a: Area) -> str:
    w, h = _sides(a)
    return (
        f"Sealed off: {h} cells high by {w} cells wide, "
        f"starting at ({a[0]}, {a[1]}) and reaching up and right."
    )


def _bracket_ranges(a: Area) -> str:
    return f"Forbidden: every (x, y) with x in [{a[0]}, {a[2]}] and y in [{a[1]}, {a[3]}]."


def _top_left_bottom_right(a: Area) -> str:
    return f"Exclusion zone: top-left corner ({a[0]}, {a[3]}), bottom-right corner ({a[2]}, {a[1]})."


def _first_last(a: Area) -> str:
    return (
        f"Out of play: the first column is {a[0]} and the last is {a[2]}; "
        f"the bottom row is {a[1]} and the top row is {a[3]}."
    )


def _across_up(a: Area) -> str:
    w, h = _sides(a)
    return (
        f"A construction site sits at ({a[0]}, {a[1]}), its bottom-left cell, and is {w} across and {h} up."
    )


ELEVENTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _high_by_wide, _bracket_ranges, _top_left_bottom_right, _first_last, _across_up
)  # fmt: skip


def _eleventh_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"Cliff: the {a[3] - a[1] + 1} cells of column {a[0]} starting at y = {a[1]} and going up."
    return f"Cliff: the {a[2] - a[0] + 1} cells of row {a[1]} starting at x = {a[0]} and going right."


def _eleventh_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return f"Stay out of [{a[0]}, {a[2]}] × [{a[1]}, {a[3]}] and out of [{b[0]}, {b[2]}] × [{b[1]}, {b[3]}]."


# The twelfth set: written on 2026-12-03 (midday), with the eleventh set measured and before
# the writer's preference for filters that stay on the board, so it judges that change.


def _tall_wide_box(a: Area) -> str:
    w, h = _sides(a)
    return f"Hazard: a {h}-tall, {w}-wide box whose lower-left cell is ({a[0]}, {a[1]})."


def _between_both_ends(a: Area) -> str:
    return f"No entry for x between {a[0]} and {a[2]} and y between {a[1]} and {a[3]} (both ends included)."


def _opposite_corners_top_first(a: Area) -> str:
    return f"Keep clear of the rectangle whose opposite corners are ({a[2]}, {a[3]}) and ({a[0]}, {a[1]})."


def _width_by_height(a: Area) -> str:
    w, h = _sides(a)
    return f"Closed for repairs: {w} by {h} cells (width by height), counted from ({a[0]}, {a[1]})."


def _deep_broad(a: Area) -> str:
    w, h = _sides(a)
    return f"The pit is {h} deep in y and {w} broad in x; ({a[0]}, {a[1]}) is its lowest, leftmost cell."


TWELFTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _tall_wide_box, _between_both_ends, _opposite_corners_top_first, _width_by_height, _deep_broad
)  # fmt: skip


def _twelfth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"Rubble: {a[3] - a[1] + 1} cells in a line up column {a[0]}, the lowest at y = {a[1]}."
    return f"Rubble: {a[2] - a[0] + 1} cells in a line along row {a[1]}, the leftmost at x = {a[0]}."


def _twelfth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Avoid both the box with corners ({a[0]}, {a[3]}) and ({a[2]}, {a[1]}) "
        f"and the box with corners ({b[0]}, {b[3]}) and ({b[2]}, {b[1]})."
    )


# The thirteenth set: written on 2026-12-03 (midday), while ld-w800l (walls by their length in
# the training grammar) trained and before any of its output was seen, so it judges that adapter.


def _spans(a: Area) -> str:
    return f"Lockdown: the block spans x = {a[0]} to {a[2]} and y = {a[1]} to {a[3]}."


def _height_then_width(a: Area) -> str:
    w, h = _sides(a)
    return (
        f"Restricted: a rectangle {h} cells in height and {w} cells in width, "
        f"its lower-left corner at ({a[0]}, {a[1]})."
    )


def _north_west_south_east(a: Area) -> str:
    return (
        f"Danger zone: from the north-west corner ({a[0]}, {a[3]}) to the south-east corner ({a[2]}, {a[1]})."
    )


def _origin_width_height_list(a: Area) -> str:
    w, h = _sides(a)
    return f"Closed area - origin ({a[0]}, {a[1]}), width {w}, height {h}."


def _rows_also_columns(a: Area) -> str:
    return f"Blocked: everything in rows {a[1]} to {a[3]} that is also in columns {a[0]} to {a[2]}."


THIRTEENTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _spans, _height_then_width, _north_west_south_east, _origin_width_height_list, _rows_also_columns
)  # fmt: skip


def _thirteenth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"Barricade of length {a[3] - a[1] + 1} on column {a[0]}: it starts at row {a[1]}."
    return f"Barricade of length {a[2] - a[0] + 1} on row {a[1]}: it starts at column {a[0]}."


def _thirteenth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Two exclusion boxes: lower-left ({a[0]}, {a[1]}) upper-right ({a[2]}, {a[3]}); "
        f"lower-left ({b[0]}, {b[1]}) upper-right ({b[2]}, {b[3]})."
    )


# The fourteenth set: written on 2026-12-03 (afternoon), with the twelfth and thirteenth sets
# measured and before the training sources that name a box's sides in the description's order
# (height first where the description says it first), so it judges that change. Two of its
# five box phrasings give the height first, one the width first.


def _squares_high_across(a: Area) -> str:
    w, h = _sides(a)
    return (
        f"Off limits: a zone {h} squares high by {w} squares across; "
        f"its south-west square is ({a[0]}, {a[1]})."
    )


def _extents(a: Area) -> str:
    w, h = _sides(a)
    return f"Quarantine: the y-extent is {h} and the x-extent is {w}, beginning at ({a[0]}, {a[1]})."


def _sealed_columns_rows(a: Area) -> str:
    return f"Sealed: columns {a[0]} thru {a[2]}, and rows {a[1]} thru {a[3]}."


def _along_up(a: Area) -> str:
    w, h = _sides(a)
    return f"Forbidden patch: {w} along, {h} up, bottom-left ({a[0]}, {a[1]})."


def _diagonal_ends(a: Area) -> str:
    return f"Exclusion region: ({a[0]}, {a[1]}) and ({a[2]}, {a[3]}) are the two ends of its diagonal."


FOURTEENTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _squares_high_across, _sealed_columns_rows, _extents, _along_up, _diagonal_ends
)  # fmt: skip


def _fourteenth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"A {a[3] - a[1] + 1}-cell barrier lies on the line x = {a[0]}, beginning at y = {a[1]}."
    return f"A {a[2] - a[0] + 1}-cell barrier lies on the line y = {a[1]}, beginning at x = {a[0]}."


def _fourteenth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Both of these are closed: the cells with {a[0]} ≤ x ≤ {a[2]}, {a[1]} ≤ y ≤ {a[3]}, "
        f"and the cells with {b[0]} ≤ x ≤ {b[2]}, {b[1]} ≤ y ≤ {b[3]}."
    )


# The fifteenth set: written on 2026-12-03 (afternoon), after the training sources that name a
# lone box's sizes on lines of their own (height = ..., width = ...) and before any output of the
# adapter trained on them, so it judges that change. Two of its five box phrasings give the
# height first, one the width first.


def _tall_wide_corner(a: Area) -> str:
    w, h = _sides(a)
    return f"No-go area: {h} cells tall, {w} cells wide, with ({a[0]}, {a[1]}) as its bottom-left corner."


def _vertical_horizontal_size(a: Area) -> str:
    w, h = _sides(a)
    return f"Blocked zone starting at ({a[0]}, {a[1]}): vertical size {h}, horizontal size {w}."


def _wide_high_lowest(a: Area) -> str:
    w, h = _sides(a)
    return f"Restricted: a {w}-cell-wide, {h}-cell-high block; its lowest-left cell is ({a[0]}, {a[1]})."


def _x_y_lie_between(a: Area) -> str:
    return (
        f"Keep away from the cells whose x lies between {a[0]} and {a[2]} and whose y lies between "
        f"{a[1]} and {a[3]}, inclusive."
    )


def _corner_back_to_corner(a: Area) -> str:
    return f"Evacuated: the rectangle from corner ({a[2]}, {a[3]}) back to corner ({a[0]}, {a[1]})."


FIFTEENTH_AREA_PHRASINGS: tuple[Callable[[Area], str], ...] = (
    _tall_wide_corner, _x_y_lie_between, _vertical_horizontal_size, _corner_back_to_corner, _wide_high_lowest
)  # fmt: skip


def _fifteenth_wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"A {a[3] - a[1] + 1}-square-long ditch runs north from ({a[0]}, {a[1]})."
    return f"A {a[2] - a[0] + 1}-square-long ditch runs east from ({a[0]}, {a[1]})."


def _fifteenth_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return f"Closed: x {a[0]}-{a[2]} with y {a[1]}-{a[3]}; also x {b[0]}-{b[2]} with y {b[1]}-{b[3]}."


def _wall(a: Area) -> str:
    if a[0] == a[2]:
        return f"A wall runs along x = {a[0]} from y = {a[1]} to y = {a[3]}; no dot can stand on it."
    return (
        f"A fence stretches along row y = {a[1]}, from x = {a[0]} to x = {a[2]}. Dots cannot cross onto it."
    )


def _fresh_wall(a: Area) -> str:
    if a[0] == a[2]:
        return (
            f"A hedge grows on column {a[0]}, over the y-coordinates {a[1]} through {a[3]}; "
            "it cannot be walked on."
        )
    return (
        f"Sandbags are piled along y = {a[1]} for x-coordinates {a[0]} through {a[2]}; treat them as solid."
    )


def _fresh_two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Both boxes are out of bounds: south-west ({a[0]}, {a[1]}) with north-east ({a[2]}, {a[3]}), "
        f"and south-west ({b[0]}, {b[1]}) with north-east ({b[2]}, {b[3]})."
    )


def _two(areas: tuple[Area, Area]) -> str:
    a, b = areas
    return (
        f"Two areas are now closed: the block from ({a[0]}, {a[1]}) to ({a[2]}, {a[3]}) and the block from "
        f"({b[0]}, {b[1]}) to ({b[2]}, {b[3]}). No dot may enter either."
    )


# ---------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    kind: str
    description: str
    areas: tuple[Area, ...]
    board_size: int

    def truth(self) -> tuple[Cell, ...]:
        cells: set[Cell] = set()
        for area in self.areas:
            cells |= rectangle(*area)
        return tuple(sorted(c for c in cells if 0 <= c[0] < self.board_size and 0 <= c[1] < self.board_size))


def _place(rng: np.random.Generator, w: int, h: int, size: int) -> Area:
    x0, y0 = int(rng.integers(0, size - w + 1)), int(rng.integers(0, size - h + 1))
    return (x0, y0, x0 + w - 1, y0 + h - 1)


def _big_square(rng, size):
    side = int(rng.integers(8, 11))
    return _place(rng, side, side, size)


def _rectangle(rng, size):
    while True:
        w, h = (int(v) for v in rng.integers(2, min(13, size), size=2))
        if w != h:
            return _place(rng, w, h, size)


def _wall_area(rng, size):
    length = int(rng.integers(5, 13))
    return _place(rng, 1, length, size) if rng.integers(2) else _place(rng, length, 1, size)


def _apart(a: Area, b: Area) -> bool:
    return a[2] + 1 < b[0] or b[2] + 1 < a[0] or a[3] + 1 < b[1] or b[3] + 1 < a[1]


def _two_areas(rng, size):
    while True:
        a = _place(rng, int(rng.integers(2, 6)), int(rng.integers(2, 6)), size)
        b = _place(rng, int(rng.integers(2, 6)), int(rng.integers(2, 6)), size)
        if _apart(a, b):
            return (a, b)


KINDS = ("square_8_to_10", "rectangle", "wall", "two_areas", "small_board_11")


@dataclass(frozen=True)
class PhrasingSet:
    areas: tuple[Callable[[Area], str], ...]
    wall: Callable[[Area], str]
    two: Callable[[tuple[Area, Area]], str]
    seed_offset: int  # each set's areas come from its own seeds too


PHRASINGS = {
    "original": PhrasingSet(AREA_PHRASINGS, _wall, _two, 0),
    "fresh": PhrasingSet(FRESH_AREA_PHRASINGS, _fresh_wall, _fresh_two, 100),
    "third": PhrasingSet(THIRD_AREA_PHRASINGS, _third_wall, _third_two, 200),
    "fourth": PhrasingSet(FOURTH_AREA_PHRASINGS, _fourth_wall, _fourth_two, 400),  # 300 drew a fresh area
    "fifth": PhrasingSet(FIFTH_AREA_PHRASINGS, _fifth_wall, _fifth_two, 900),  # 500-800 drew an earlier area
    "sixth": PhrasingSet(SIXTH_AREA_PHRASINGS, _sixth_wall, _sixth_two, 1000),
    "seventh": PhrasingSet(
        SEVENTH_AREA_PHRASINGS, _seventh_wall, _seventh_two, 1200
    ),  # 1100 drew a fresh area
    "eighth": PhrasingSet(
        EIGHTH_AREA_PHRASINGS, _eighth_wall, _eighth_two, 1400
    ),  # 1300 drew an earlier area
    "ninth": PhrasingSet(NINTH_AREA_PHRASINGS, _ninth_wall, _ninth_two, 1500),
    "tenth": PhrasingSet(
        TENTH_AREA_PHRASINGS, _tenth_wall, _tenth_two, 2400
    ),  # 1600-2300 drew earlier sets' areas
    "eleventh": PhrasingSet(
        ELEVENTH_AREA_PHRASINGS, _eleventh_wall, _eleventh_two, 3000
    ),  # 2500-2900 drew earlier sets' areas
    "twelfth": PhrasingSet(TWELFTH_AREA_PHRASINGS, _twelfth_wall, _twelfth_two, 3100),
    "thirteenth": PhrasingSet(THIRTEENTH_AREA_PHRASINGS, _thirteenth_wall, _thirteenth_two, 3200),
    "fourteenth": PhrasingSet(
        FOURTEENTH_AREA_PHRASINGS, _fourteenth_wall, _fourteenth_two, 7500
    ),  # 3300-7400 drew earlier sets' areas
    "fifteenth": PhrasingSet(
        FIFTEENTH_AREA_PHRASINGS, _fifteenth_wall, _fifteenth_two, 11800
    ),  # 7600-11700 drew earlier sets' areas
}


def make_cases(per_kind: int, phrasings: str = "original") -> list[Case]:
    chosen = PHRASINGS[phrasings]
    cases = []
    for k, kind in enumerate(KINDS):
        rng = np.random.default_rng(CASE_SEED + k + chosen.seed_offset)
        for i in range(per_kind):
            size = 11 if kind == "small_board_11" else DEFAULT_SIZE
            if kind == "wall":
                area = _wall_area(rng, size)
                cases.append(Case(kind, chosen.wall(area), (area,), size))
            elif kind == "two_areas":
                areas = _two_areas(rng, size)
                cases.append(Case(kind, chosen.two(areas), areas, size))
            else:
                area = (
                    _big_square(rng, size)
                    if kind == "square_8_to_10"
                    else _rectangle(rng, min(size, 11) if kind == "small_board_11" else size)
                )
                phrase = chosen.areas[i % len(chosen.areas)]
                cases.append(Case(kind, phrase(area), (area,), size))
    return cases


def check_unseen_phrasings(cases: list[Case]) -> None:
    """No description may contain a training phrasing of one of its areas (case-insensitive)."""
    from logicdistill.training.emergency_data import describe_area

    for case in cases:
        text = case.description.lower()
        for area in case.areas:
            seen = {describe_area(area, np.random.default_rng(k)).lower().rstrip(".") for k in range(64)}
            if any(phrase in text for phrase in seen):
                raise SystemExit(f"case phrasing coincides with a training phrasing: {case.description!r}")


# ---------------------------------------------------------------- run

HEADER = (
    "| kind | cases | accepted | exactly correct | greedy alone correct | any candidate correct "
    "| games | success | fail (no violation) | fail (violation) | mean steps of success |"
)


def write_all(model, cases: list[Case], args) -> list[tuple[Case, object]]:
    """Write every case's filter, batched per board size."""
    written = []
    for size in sorted({c.board_size for c in cases}):
        chosen = [c for c in cases if c.board_size == size]
        config = WritingConfig(
            samples=args.samples, seed=args.seed, retries=args.retries, board_size=size,
            max_new_tokens=args.max_new_tokens,
        )  # fmt: skip
        written += list(
            zip(chosen, write_filters(model, [c.description for c in chosen], config), strict=True)
        )
    return written


def score(case: Case, w, games: int) -> dict:
    """One case's record: correctness of the chosen, greedy and any candidate, and its games."""
    truth = case.truth()
    outcomes = []
    if case.board_size == DEFAULT_SIZE and games:
        setup = emergency_pursuer(w)
        config = PursuitConfig(size=case.board_size, restricted=frozenset(truth))
        for game in games_on(config, TEST_START_SEEDS[:games]):
            episode = play_game(setup, game, "optimal")
            outcomes.append(
                {"seed": game.seed, "outcome": episode.outcome.value, "steps": episode.steps,
                 "illegal": episode.illegal}
            )  # fmt: skip
    return {
        "kind": case.kind,
        "description": case.description,
        "areas": [list(a) for a in case.areas],
        "board_size": case.board_size,
        "accepted": w.accepted,
        "correct": w.accepted and w.forbidden_cells == truth,
        "greedy_correct": bool(w.candidates)
        and w.candidates[0].passed
        and w.candidates[0].forbidden == truth,
        "any_correct": any(c.passed and c.forbidden == truth for c in w.candidates),
        "code": w.code,
        "refusal": w.refusal,
        "forbidden_count": len(w.forbidden_cells),
        "true_count": len(truth),
        "candidates": [
            {
                "code": c.code,
                "reasons": list(c.reasons),
                "forbidden_count": len(c.forbidden),
                "repair_of": c.repair_of,
            }
            for c in w.candidates
        ],
        "games": outcomes,
    }


def tally(records: list[dict]) -> dict[str, dict[str, int]]:
    """Counts per kind and over all kinds."""
    rows: dict[str, dict[str, int]] = {kind: defaultdict(int) for kind in (*KINDS, "all")}
    for record in records:
        for key in (record["kind"], "all"):
            row = rows[key]
            row["cases"] += 1
            for flag in ("accepted", "correct", "greedy_correct", "any_correct"):
                row[flag] += int(record[flag])
            for game in record["games"]:
                row["games"] += 1
                row[game["outcome"]] += 1
                if game["outcome"] == Outcome.SUCCESS.value:
                    row["success_steps"] += game["steps"]
    return {kind: dict(row) for kind, row in rows.items() if row["cases"]}


def table(rows: dict[str, dict[str, int]]) -> str:
    lines = [HEADER, "|" + "---|" * (HEADER.count("|") - 1)]
    for kind, row in rows.items():
        n, g, won = row["cases"], row.get("games", 0), row.get("success", 0)
        steps = f"{row['success_steps'] / won:.2f}" if won else "-"
        games = (
            f"{g} | {won} | {row.get('fail_no_violation', 0)} | {row.get('fail_violation', 0)} | {steps}"
            if g
            else "- | - | - | - | -"
        )
        correct = f"{row['correct']}/{n} ({100 * row['correct'] / n:.0f}%)"
        lines.append(
            f"| {kind} | {n} | {row['accepted']}/{n} | {correct} | {row['greedy_correct']}/{n} "
            f"| {row['any_correct']}/{n} | {games} |"
        )
    return "\n".join(lines)


def command_line(argv: list[str] | None) -> str:
    return "python benchmarks/emergency_writing.py " + " ".join(sys.argv[1:] if argv is None else argv)


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores (shared with other jobs), {platform.system()}, no GPU"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--adapter", default=None, help="LoRA adapter folder (default: runs/demo/ld-adapter)")
    parser.add_argument("--per-kind", type=int, default=8, help="cases per kind")
    parser.add_argument("--samples", type=int, default=4, help="candidates per description")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sampled candidates")
    parser.add_argument(
        "--retries", type=int, default=WritingConfig().retries,
        help="hotter candidates for a rule whose candidates leave a named cell open or drop a number",
    )  # fmt: skip
    parser.add_argument(
        "--phrasings", choices=sorted(PHRASINGS), default="original",
        help="the test sentences: original, fresh, third, ..., fifteenth (sets written 2026-12-02 and 03)",
    )  # fmt: skip
    parser.add_argument("--max-new-tokens", type=int, default=WritingConfig().max_new_tokens)
    parser.add_argument(
        "--games", type=int, default=2, help="games per 21x21 case against the optimal evader"
    )
    parser.add_argument("--out", default="runs/emergency_writing.json", help="where to write the JSON")
    parser.add_argument(
        "--table2",
        type=int,
        default=0,
        metavar="N",
        help="instead: Table 2's written-filter row on the first N restricted test games",
    )
    args = parser.parse_args(argv)
    if args.table2:
        return table2_main(args, argv)

    cases = make_cases(args.per_kind, args.phrasings)
    check_unseen_phrasings(cases)
    choice = choose_writer(args.adapter)
    print(f"model: {choice.label}", flush=True)
    started = time.perf_counter()
    written = write_all(load_writer(choice).model, cases, args)
    writing_s = time.perf_counter() - started
    records = [score(case, w, args.games) for case, w in written]
    rows = tally(records)
    retried = sum(sum(c.repair_of is None for c in w.candidates) > args.samples for _, w in written)
    repaired = sum(any(c.repair_of is not None for c in w.candidates) for _, w in written)
    print(
        f"\nwriting {len(cases)} filters took {writing_s:.0f} s ({args.samples} candidates each, "
        f"{args.retries} more for the {retried} that looked misread; {repaired} with a reversed range "
        "repaired)\n"
    )
    print(table(rows))
    result = {
        "command": "python benchmarks/emergency_writing.py "
        + " ".join(sys.argv[1:] if argv is None else argv),
        "model": choice.label,
        "samples": args.samples,
        "retries": args.retries,
        "seed": args.seed,
        "per_kind": args.per_kind,
        "phrasings": args.phrasings,
        "games_per_case": args.games,
        "evader": "optimal",
        "writing_seconds": round(writing_s, 1),
        "retried_descriptions": retried,
        "repaired_descriptions": repaired,
        "machine": machine(),
        "code": code_version(),
        "by_kind": rows,
        "cases": records,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"\nwrote {out}")
    return 0


def table2_main(args, argv) -> int:
    """Table 2 with written filters in the fixed chain (logicdistill/emergency/table2.py); JSON + Markdown.

    The LD row, where the student also selects the chain, is the benchmark's:
    ``logicdistill benchmark --agents ld --tables pursuit-restricted``.
    """
    from logicdistill.emergency.table2 import ROW_LABEL, run_table2, seeds_used

    label, stem = ROW_LABEL, "table2"

    choice = choose_writer(args.adapter)
    print(f"model: {choice.label}", flush=True)
    config = WritingConfig(samples=args.samples, seed=args.seed, max_new_tokens=args.max_new_tokens)
    started = time.perf_counter()
    run = run_table2(
        load_writer(choice).model,
        config,
        n=args.table2,
        progress=lambda t: print(t, flush=True),
    )
    seconds = time.perf_counter() - started
    s = run.summary
    row = {
        "agent": label,
        "model": choice.label,
        "evader": s.opponent,
        "games": s.n,
        "success": [s.success.k, s.success.value, s.success.low, s.success.high],
        "fail_no_violation": [s.fail_no_violation.k, s.fail_no_violation.value],
        "fail_violation": [s.fail_violation.k, s.fail_violation.value],
        "mean_steps_success": [s.mean_steps.value, s.mean_steps.low, s.mean_steps.high],
        "steps_over_tstar": [s.steps_over_tstar.value, s.steps_over_tstar.low, s.steps_over_tstar.high],
        "filters_accepted": sum(w.accepted for w in run.written),
        "filters_exactly_correct": run.correct,
        "illegal_choices": sum(e.illegal for e in run.episodes),
    }
    paper = "paper (GLM4-9B LD): 100 / 0 / 0 / 14.65; L-LLM 90.0/7.5/2.5/18.98; KD 52.0/2.5/45.5/18.5"
    result = {
        "command": command_line(argv),
        "machine": machine(),
        "models": {
            "student": choice.label,
            "evader": "optimal (oracle, SPEC §4)",
            "base": "reference pursuit base (origin: reference)",
        },
        "writing": {"samples": args.samples, "seed": args.seed, "max_new_tokens": args.max_new_tokens},
        "seconds": round(seconds, 1),
        "seeds": seeds_used(run.games),
        "row": row,
        "paper": paper,
        "games": [
            {"seed": g.seed, "accepted": w.accepted,
             "correct": set(w.forbidden_cells) == set(g.config.restricted),
             "outcome": e.outcome.value, "steps": e.steps, "illegal": e.illegal, "code": w.code,
             "refusal": w.refusal}
            for g, w, e in zip(run.games, run.written, run.episodes, strict=True)
        ],
    }  # fmt: skip
    folder = Path(args.out).parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.json").write_text(json.dumps(result, indent=1) + "\n")
    pct = lambda rate: f"{100 * rate.value:.1f}"  # noqa: E731
    steps = "-" if s.mean_steps.value is None else f"{s.mean_steps.value:.2f}"
    lines = [
        "# Table 2: pursuit with a 5x5 restricted area (written filters)",
        "",
        f"Command: `{result['command']}`  ",
        f"Machine: {result['machine']}; {seconds:.0f} s in all.  ",
        f"Student: {choice.label}; evader: optimal; starts: test seeds "
        f"{run.games[0].seed}..{run.games[-1].seed} with area seeds from 9000.",
        "",
        "| agent | games | success % | fail (no violation) % | fail (violation) % | avg steps of success "
        "| filters accepted | filters exactly correct | illegal choices |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {label} | {s.n} | {pct(s.success)} | {pct(s.fail_no_violation)} | {pct(s.fail_violation)} "
        f"| {steps} | {row['filters_accepted']} | {run.correct} | {row['illegal_choices']} |",
        "",
        f"Wilson 95% interval of success: {100 * s.success.low:.1f}-{100 * s.success.high:.1f}%. {paper}.",
        "The prompted, KD and L-LLM rows come from the benchmark harness, not from this script.",
    ]
    (folder / f"{stem}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
