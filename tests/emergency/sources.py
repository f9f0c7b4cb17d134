"""Canned replies a student might give when asked for a filter: right, wrong, looping, escaping, malicious.

Test data only; the right ones are built from an area so that tests compare
what a filter forbids with the cells of that area (``games.pursuit.rectangle``),
never with numbers typed in.
"""

from __future__ import annotations

from logicdistill.games.pursuit import Cell


def area_filter(x0: int, y0: int, x1: int, y1: int, name: str = "filter_moves") -> str:
    """A correct filter for the inclusive rectangle (x0, y0)-(x1, y1)."""
    return (
        f"def {name}(moves, state):\n"
        f"    return [m for m in moves if not ({x0} <= m[0] <= {x1} and {y0} <= m[1] <= {y1})]\n"
    )


def cells_filter(cells: list[Cell]) -> str:
    """A correct filter for any set of cells, written as a set literal."""
    listed = ", ".join(f"({x}, {y})" for x, y in sorted(cells))
    return (
        "def filter_moves(moves, state):\n"
        f"    blocked = {{{listed}}}\n"
        "    return [m for m in moves if (m[0], m[1]) not in blocked]\n"
    )


def chatty(source: str) -> str:
    """The source wrapped the way an untuned chat model answers: prose, a fence, more prose."""
    return f"Here is the function you asked for:\n\n```python\n{source}```\n\nIt keeps every other move."


LOOPING = "def filter_moves(moves, state):\n    while True:\n        pass\n    return moves\n"
ESCAPING_IMPORT = "import os\n\ndef filter_moves(moves, state):\n    os.system('echo hi')\n    return moves\n"
ESCAPING_DUNDER = (
    "def filter_moves(moves, state):\n    leak = ().__class__.__base__.__subclasses__()\n    return moves\n"
)
MALICIOUS_MEMORY = "def filter_moves(moves, state):\n    hog = [0] * (10 ** 10)\n    return moves\n"
RAISING = "def filter_moves(moves, state):\n    return [m for m in moves if m[2] > 0]\n"
NOT_A_SUBSET = "def filter_moves(moves, state):\n    return moves + [(99, 99)]\n"
NO_CODE = "I am sorry, I cannot write that function."
USES_GAME_STATE = (
    "def filter_moves(moves, state):\n"
    "    blocked = [tuple(c) for c in state['restricted']]\n"
    "    return [m for m in moves if tuple(m) not in blocked]\n"
)
NEAR_ORANGE = (
    "def filter_moves(moves, state):\n"
    "    o = state['orange']\n"
    "    return [m for m in moves if abs(m[0] - o[0]) + abs(m[1] - o[1]) > 3]\n"
)
WHOLE_BOARD = "def filter_moves(moves, state):\n    return []\n"
