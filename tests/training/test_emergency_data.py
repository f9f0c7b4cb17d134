"""Emergency writing examples: one or two restricted areas, apart; sources drop exactly their cells."""

from __future__ import annotations

import re

import numpy as np

from logicdistill.emergency.description import description_problems
from logicdistill.functions.guard import GuardedFunction
from logicdistill.games.pursuit import DEFAULT_SIZE
from logicdistill.tasks.base import Contract
from logicdistill.training.emergency_data import (
    HEIGHT_FIRST,
    LENGTH,
    MAX_SIDE,
    SIZE,
    apart,
    filter_source,
    writing_examples,
)
from logicdistill.training.records import WritingExample

BOARD = [(x, y) for x in range(DEFAULT_SIZE) for y in range(DEFAULT_SIZE)]
STATE = {"size": DEFAULT_SIZE, "restricted": [], "orange": (0, 0), "position": (1, 1)}


def _inside(cell: tuple[int, int], areas) -> bool:
    return any(x0 <= cell[0] <= x1 and y0 <= cell[1] <= y1 for x0, y0, x1, y1 in areas)


def test_every_source_drops_exactly_the_cells_of_all_its_areas():
    examples = writing_examples(40, np.random.default_rng(11))
    for ex in examples:
        result = GuardedFunction("written", ex.source, Contract.MOVE_FILTER)(BOARD, STATE)
        assert result.ok, ex.source
        assert result.value == [c for c in BOARD if not _inside(c, ex.areas)]
    counts = [len(ex.areas) for ex in examples]
    assert set(counts) == {1, 2} and 4 <= counts.count(2) <= 20  # about one in four


def _near(a, b) -> bool:
    """Whether a cell of ``a`` is a cell of ``b`` or next to one (diagonals included)."""
    cells_b = [c for c in BOARD if _inside(c, (b,))]
    return any(
        max(abs(x - u), abs(y - v)) <= 1 for x, y in BOARD if _inside((x, y), (a,)) for u, v in cells_b
    )


def test_two_areas_never_overlap_or_touch_and_are_both_described():
    pairs = [ex for ex in writing_examples(200, np.random.default_rng(5)) if len(ex.areas) == 2]
    assert pairs
    for ex in pairs:
        first, second = ex.areas
        assert apart(first, second) and not _near(first, second)
        numbers = [int(n) for n in re.findall(r"\d+", ex.description)]
        assert all(v in numbers for area in ex.areas for v in (area[0], area[1]))  # each named by its start
        assert description_problems(ex.description, DEFAULT_SIZE) == ()


def test_apart_needs_a_free_cell_between():
    assert not apart((0, 0, 2, 2), (3, 0, 5, 2))  # side by side
    assert not apart((0, 0, 2, 2), (3, 3, 4, 4))  # corner to corner
    assert not apart((0, 0, 5, 5), (2, 2, 3, 3))  # one inside the other
    assert apart((0, 0, 2, 2), (4, 0, 5, 2)) and apart((0, 0, 2, 2), (0, 4, 2, 6))


def test_the_sources_are_canonical():
    assert filter_source([(2, 3, 4, 9)]) == (
        "def filter_moves(moves, state):\n"
        '    """Drop the moves inside the restricted area x 2..4, y 3..9; keep the rest."""\n'
        "    return [m for m in moves if not (2 <= m[0] <= 4 and 3 <= m[1] <= 9)]\n"
    )
    assert filter_source([(2, 3, 4, 9), (10, 0, 12, 0)]).splitlines()[1:] == [
        '    """Drop the moves inside the restricted areas x 2..4, y 3..9 and x 10..12, y 0..0; '
        'keep the rest."""',
        "    return [m for m in moves if not (2 <= m[0] <= 4 and 3 <= m[1] <= 9 "
        "or 10 <= m[0] <= 12 and 0 <= m[1] <= 0)]",
    ]


def test_an_area_given_by_its_size_is_summed_in_code_not_in_the_description():
    assert filter_source([(5, 2, 7, 8), (10, 10, 11, 10)], [SIZE, SIZE]).splitlines()[1:] == [
        '    """Drop the moves inside the restricted areas 3 x 7 cells from (5, 2) '
        'and 2 x 1 cells from (10, 10); keep the rest."""',
        "    return [m for m in moves if not (5 <= m[0] < 5 + 3 and 2 <= m[1] < 2 + 7 "
        "or 10 <= m[0] < 10 + 2 and 10 <= m[1] < 10 + 1)]",
    ]
    examples = writing_examples(200, np.random.default_rng(8))
    sized = [ex for ex in examples if "+" in ex.source and "==" not in ex.source]
    given_by_size = re.compile(
        r"\b(wide|width|side|along x|\d+ ?x ?\d+|\d+-by-\d+|\d+ columns and \d+ rows|\d+ rows and \d+ col)"
    )
    assert sized and all(given_by_size.search(ex.description) for ex in sized)


def test_a_lone_sized_area_names_its_sizes_in_the_description_order_then_tests_one_fixed_line():
    test = "    return [m for m in moves if not (5 <= m[0] < 5 + width and 2 <= m[1] < 2 + height)]"
    doc = (
        '    """Drop the moves inside the restricted area from (5, 2), of the sizes below; keep the rest."""'
    )
    assert filter_source([(5, 2, 7, 8)], [SIZE]).splitlines()[1:] == [
        doc,
        "    width = 3",
        "    height = 7",
        test,
    ]
    assert filter_source([(5, 2, 7, 8)], [HEIGHT_FIRST]).splitlines()[1:] == [
        doc,
        "    height = 7",
        "    width = 3",
        test,
    ]
    sized = [ex for ex in writing_examples(300, np.random.default_rng(8)) if "width =" in ex.source]
    for ex in sized:
        first = re.search(r"\b(wide|width|columns|along x|x|high|height|rows|along y)\b", ex.description)
        said_height_first = first is not None and first.group(1) in ("high", "height", "rows", "along y")
        assert ex.source.splitlines()[2].startswith("    height =") == said_height_first, ex.description
    assert 5 <= sum("height =" in ex.source.splitlines()[2] for ex in sized) < len(sized)


def test_the_grammar_gives_the_numbers_in_many_forms_and_orders():
    texts = [ex.description for ex in writing_examples(300, np.random.default_rng(4))]
    for form in ("corners", "<= x <=", "columns", "rows", "x = ", "width", "segment", "cell ("):
        assert any(form in t for t in texts), form
    y_first = [t for t in texts if re.search(r"\b(y|rows?)\b[^.]*\b(x|columns?)\b", t)]
    x_first = [t for t in texts if re.search(r"\b(x|columns?)\b[^.]*\b(y|rows?)\b", t)]
    assert y_first and x_first
    assert any(re.search(r"\d+x\d+ \w+ with corners", t) for t in texts)  # Table 2's shape of rule
    assert any(re.search(r"\(\d+, \d+\) ?- ?\(\d+, \d+\)", t) for t in texts)  # a corner pair with a dash
    assert any(re.search(r"\[\d+, \d+\] x \[\d+, \d+\]", t) for t in texts)  # intervals' product
    assert any(re.search(r"top-left (corner|cell) \(\d+, \d+\)", t) for t in texts)
    height_first = r"\d+ (rows|cells) high and \d+ (columns|cells) wide|height \d+ and width"
    assert any(re.search(height_first, t) for t in texts)
    assert len(set(texts)) == len(texts)


def test_writing_examples_round_trip_and_old_files_still_read():
    for ex in writing_examples(20, np.random.default_rng(2)):
        assert WritingExample.from_json(ex.to_json()) == ex
    one = next(ex for ex in writing_examples(20, np.random.default_rng(2)) if len(ex.areas) == 1)
    old = {k: v for k, v in one.to_json().items() if k != "areas"} | {"area": list(one.areas[0])}
    assert WritingExample.from_json(old) == one


def test_walls_longer_than_any_rectangle_side_and_the_other_diagonal_are_in_the_data():
    examples = writing_examples(300, np.random.default_rng(6))
    areas = [a for ex in examples for a in ex.areas]
    walls = [a for a in areas if min(a[2] - a[0], a[3] - a[1]) == 0 and max(a[2] - a[0], a[3] - a[1]) > 0]
    assert any(max(a[2] - a[0], a[3] - a[1]) + 1 > MAX_SIDE for a in walls)  # up to MAX_WALL cells
    assert any(a[0] == a[2] for a in walls) and any(a[1] == a[3] for a in walls)
    other_diagonal = [
        ex
        for ex in examples
        if len(ex.areas) == 1
        and ex.areas[0][0] != ex.areas[0][2]
        and ex.areas[0][1] != ex.areas[0][3]
        and f"({ex.areas[0][2]}, {ex.areas[0][1]})" in ex.description
        and f"({ex.areas[0][0]}, {ex.areas[0][3]})" in ex.description
    ]
    assert other_diagonal  # corners (x1, y0) and (x0, y1): the source still writes x0..x1, y0..y1


def test_corners_named_by_where_they_sit_are_those_corners():
    named = {"bottom-left": (0, 1), "top-right": (2, 3), "top-left": (0, 3), "bottom-right": (2, 1)}
    seen = set()
    for ex in writing_examples(2000, np.random.default_rng(1)):
        if len(ex.areas) != 1:
            continue
        area = ex.areas[0]
        for side, (i, j) in named.items():
            for x, y in re.findall(rf"{side} (?:cell|corner) (?:is )?\((\d+), (\d+)\)", ex.description):
                assert (int(x), int(y)) == (area[i], area[j]), ex.description
                seen.add(side)
    assert seen == set(named)


def test_a_wall_given_by_its_length_is_summed_on_its_axis_and_fixed_on_the_other():
    assert filter_source([(5, 4, 13, 4), (2, 10, 2, 15)], [LENGTH, LENGTH]).splitlines()[1:] == [
        '    """Drop the moves inside the restricted areas 9 cells of row 4 from x 5 and 6 cells of column 2 '
        'from y 10; keep the rest."""',
        "    return [m for m in moves if not (5 <= m[0] < 5 + 9 and m[1] == 4 "
        "or m[0] == 2 and 10 <= m[1] < 10 + 6)]",
    ]
    by_length = [ex for ex in writing_examples(600, np.random.default_rng(9)) if "==" in ex.source]
    assert len(by_length) >= 5
    for ex in by_length:
        for x0, y0, x1, y1 in ex.areas:
            if f"== {y0}" in ex.source and y0 == y1 and x1 > x0:  # a row wall: its length is named
                assert str(x1 - x0 + 1) in re.findall(r"\d+", ex.description)
