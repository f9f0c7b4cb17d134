"""``logicdistill oracle pursuit``: the exact decoupled capture time T* of one pursuit position.

Stable interface for other tools::

    logicdistill oracle pursuit --blue X,Y X,Y X,Y --orange X,Y [--size N] \
        [--restricted X0,Y0,X1,Y1 ...] --json

Parsing and checking the position happen here; the numbers come from
``games/pursuit_oracle.py``. It does not play games or solve the joint
three-pursuer game (too large for the default board).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from logicdistill.cli.parsing import RestrictedOption, parse_cell, parse_rectangles
from logicdistill.errors import UserError
from logicdistill.games.pursuit import DEFAULT_SIZE


def pursuit(
    blue: Annotated[
        tuple[str, str, str],
        typer.Option(metavar="X,Y X,Y X,Y", help="The three blue dots, each X,Y (three values)."),
    ],
    orange: Annotated[str, typer.Option(metavar="X,Y", help="The orange dot, X,Y.")],
    size: Annotated[
        int, typer.Option(metavar="N", help="Board side length (cells 0..size-1).")
    ] = DEFAULT_SIZE,
    restricted: RestrictedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """T* = max over the blue dots of the one-pursuer capture time T1 (an upper bound; SPEC §4)."""
    from logicdistill.games.pursuit import PursuitConfig, PursuitState, validate_start
    from logicdistill.games.pursuit_oracle import oracle_for

    blues = tuple(parse_cell(b, "blue position") for b in blue)
    target = parse_cell(orange, "orange position")
    cells = parse_rectangles(restricted)
    try:
        config = PursuitConfig(size=size, restricted=cells)
        state = PursuitState(blues=blues, orange=target)
        validate_start(config, state)
    except ValueError as err:
        raise UserError(str(err)) from None

    oracle = oracle_for(config)
    per_blue = [oracle.t1(b, target) for b in blues]
    result = {
        "capture_time": oracle.capture_time(blues, target),
        "per_blue": per_blue,
        "lower_bound": oracle.lower_bound(blues, target),
        "size": size,
        "restricted_cells": len(cells),
        "blues": [list(b) for b in blues],
        "orange": list(target),
    }
    if as_json:
        typer.echo(json.dumps(result))
        return
    shown = "impossible" if result["capture_time"] is None else f"{result['capture_time']} blue moves"
    typer.echo(f"T* (decoupled capture time): {shown}")
    typer.echo(f"per blue dot T1: {', '.join('never' if t is None else str(t) for t in per_blue)}")
    bound = result["lower_bound"]
    typer.echo(f"lower bound: {'none (unreachable)' if bound is None else bound}")
    typer.echo(f"board: {size}x{size}, {len(cells)} restricted cells")


def register(group: typer.Typer) -> None:
    """Add the ``pursuit`` subcommand to the ``oracle`` group."""
    group.command("pursuit")(pursuit)
