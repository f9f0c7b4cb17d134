"""Pulling the code out of a model's reply."""

from __future__ import annotations

from logicdistill.emergency.code import code_numbers, extract_source
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
