"""Parsing of the small text values commands take (cells, rectangles) into game values.

Every malformed value becomes a :class:`~logicdistill.errors.UserError`
naming it, so commands never show a traceback for a typo. Checking that a
position is legal on a board is the games' job, not this module's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer

from logicdistill.errors import UserError
from logicdistill.games.pursuit import Cell, rectangle

CELL_FIELDS = ("X", "Y")
RECTANGLE_FIELDS = ("X0", "Y0", "X1", "Y1")

# The ``--restricted`` option, as every pursuit command takes it (parse with :func:`parse_rectangles`).
RestrictedOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="X0,Y0,X1,Y1", help="A restricted rectangle X0,Y0,X1,Y1 (inclusive corners); repeatable."
    ),
]


def parse_ints(text: str, fields: tuple[str, ...], what: str) -> tuple[int, ...]:
    """Comma-separated integers, one per field name; UserError naming the value otherwise."""
    try:
        values = tuple(int(part.strip()) for part in text.split(","))
    except ValueError:
        values = ()
    if len(values) != len(fields):
        raise UserError(f"{what} {text!r} is not {','.join(fields)} (integers)")
    return values


def parse_cell(text: str, what: str) -> Cell:
    x, y = parse_ints(text, CELL_FIELDS, what)
    return (x, y)


def parse_rectangles(texts: Iterable[str] | None) -> frozenset[Cell]:
    """The union of the cells of rectangles given as inclusive corners ``X0,Y0,X1,Y1``."""
    cells: frozenset[Cell] = frozenset()
    for text in texts or ():
        cells |= rectangle(*parse_ints(text, RECTANGLE_FIELDS, "restricted rectangle"))
    return cells
