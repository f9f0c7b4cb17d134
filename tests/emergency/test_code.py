"""Pulling the code out of a model's reply."""

from __future__ import annotations

from logicdistill.emergency.code import code_numbers, extract_source, swap_reversed_ranges
from tests.emergency.sources import area_filter, chatty

SOURCE = area_filter(2, 3, 4, 5)


def test_a_bare_source_is_kept_as_is():
    assert extract_source(SOURCE) == SOURCE


def test_prose_and_fences_are_dropped():
    assert extract_source(chatty(SOURCE)) == SOURCE


def test_an_unclosed_fence_keeps_the_code():
    assert extract_source("Sure:\n```python\n" + SOURCE) == SOURCE


def test_prose_after_unfenced_code_is_dropped():
    assert extract_source("Answer:\n" + SOURCE + "\nThis function keeps the other moves.\n") == SOURCE


def test_constants_and_helpers_before_the_function_are_kept():
    source = "LOW = 2\n\n" + SOURCE
    assert extract_source(f"```\n{source}```") == source


def test_no_function_gives_an_empty_source():
    assert extract_source("I cannot help with that.") == ""
    assert extract_source("```python\nx = 1\n```") == ""


def test_code_numbers_are_the_literals_computed_with_not_indices_or_docstrings():
    source = (
        "def filter_moves(moves, state):\n"
        '    """Drop x 2..4 (99 cells)."""\n'
        "    return [m for m in moves if not (2 <= m[0] < 2 + 3 and 7 <= m[1] <= 9)]\n"
    )
    assert code_numbers(source) == {2: 2, 3: 1, 7: 1, 9: 1}
    assert code_numbers("def f(:\n") is None


def test_a_reversed_range_gets_its_bounds_swapped_and_nothing_else_changes():
    reversed_y = area_filter(5, 9, 13, 1).replace('"', "")  # 9 <= m[1] <= 1: an empty range
    assert swap_reversed_ranges(reversed_y) == area_filter(5, 1, 13, 9)
    both = '    """é: x 12..5"""\n    return [m for m in moves if not (12 <= m[0] < 5 or 19 <= m[1] <= 13)]\n'
    assert swap_reversed_ranges("def f(moves, state):\n" + both) == (
        'def f(moves, state):\n    """é: x 12..5"""\n'
        "    return [m for m in moves if not (5 <= m[0] < 12 or 13 <= m[1] <= 19)]\n"
    )  # byte offsets after a non-ASCII character, docstrings untouched


def test_ranges_in_order_or_not_plain_literals_are_left_alone():
    assert swap_reversed_ranges(SOURCE) is None
    assert swap_reversed_ranges(area_filter(2, 3, 4, 3)) is None  # a one-row range is not reversed
    assert (
        swap_reversed_ranges("def f(moves, state):\n    return [m for m in moves if 9 > m[0] > 1]\n") is None
    )
    assert (
        swap_reversed_ranges("def f(moves, state):\n    return [m for m in moves if 9 <= m[0] <= 1 + 0]\n")
        is None
    )
    assert swap_reversed_ranges("def f(moves, state) return") is None
