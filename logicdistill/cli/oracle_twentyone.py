"""``logicdistill oracle twentyone``: exact optimal odds of one 21-points position against a known opponent.

Stable interface for other tools::

    logicdistill oracle twentyone --state '{"me": ["A","10"], "opponent": ["5","7"],
        "to_move": "me", "me_stood": false, "opponent_stood": false}' --opponent threshold --json

prints ``{"win": p, "draw": p, "loss": p, "action": "hit"|"stand"|null}`` for
the optimal policy of ``me``. Parsing and checking the position happen here;
the numbers come from ``games/twentyone_oracle.py``. It does not play games.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated

import typer

from logicdistill.errors import UserError

STATE_DEFAULTS: dict[str, object] = {"to_move": "me", "me_stood": False, "opponent_stood": False}
HAND_KEYS = ("me", "opponent")
STATE_KEYS = (*HAND_KEYS, *STATE_DEFAULTS)
DEFAULT_OPPONENT = "threshold"


@dataclass(frozen=True)
class Position:
    """A parsed ``--state``: both hands as ranks, whose turn, who stood."""

    me: tuple[str, ...]
    opponent: tuple[str, ...]
    to_move: str
    me_stood: bool
    opponent_stood: bool


def _hand(value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise UserError(f"state key {key!r} must be a list of card ranks, not {json.dumps(value)}")
    ranks = []
    for card in value:
        if isinstance(card, int) and not isinstance(card, bool):
            card = str(card)
        if not isinstance(card, str):
            raise UserError(f"state key {key!r}: a card rank must be a string, not {json.dumps(card)}")
        ranks.append(card.strip().upper())
    return tuple(ranks)


def parse_position(text: str) -> Position:
    """Read the ``--state`` JSON object; any mistake is a UserError naming it."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise UserError(f"--state is not valid JSON: {err}") from None
    if not isinstance(raw, dict):
        raise UserError("--state must be a JSON object with keys " + ", ".join(STATE_KEYS))
    unknown = sorted(set(raw) - set(STATE_KEYS))
    if unknown:
        raise UserError(
            f"unknown state key(s) {', '.join(map(repr, unknown))} (known: {', '.join(STATE_KEYS)})"
        )
    missing = [k for k in HAND_KEYS if k not in raw]
    if missing:
        raise UserError(f"state is missing {', '.join(map(repr, missing))}")
    values = {**STATE_DEFAULTS, **raw}
    if values["to_move"] not in ("me", "opponent"):
        raise UserError(f'to_move must be "me" or "opponent", not {json.dumps(values["to_move"])}')
    for key in ("me_stood", "opponent_stood"):
        if not isinstance(values[key], bool):
            raise UserError(f"state key {key!r} must be true or false, not {json.dumps(values[key])}")
    return Position(
        me=_hand(values["me"], "me"),
        opponent=_hand(values["opponent"], "opponent"),
        to_move=str(values["to_move"]),
        me_stood=bool(values["me_stood"]),
        opponent_stood=bool(values["opponent_stood"]),
    )


def twentyone(
    state: Annotated[
        str,
        typer.Option(
            metavar="JSON",
            help='The position: {"me": [ranks], "opponent": [ranks], "to_move": "me"|"opponent", '
            '"me_stood": bool, "opponent_stood": bool} (the last three optional).',
        ),
    ],
    opponent: Annotated[
        str, typer.Option(metavar="NAME", help="The opponent's known policy: threshold, random or optimal.")
    ] = DEFAULT_OPPONENT,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Exact win/draw/loss odds of optimal play for "me", and its best action (SPEC §4)."""
    from logicdistill.games.twentyone_oracle import solve
    from logicdistill.games.twentyone_policies import make_opponent

    position = parse_position(state)
    policy = make_opponent(opponent)
    try:
        solution = solve(
            position.me,
            position.opponent,
            position.to_move,
            position.me_stood,
            position.opponent_stood,
            policy,
        )
    except ValueError as err:
        raise UserError(str(err)) from None
    odds, action = solution.odds, solution.action
    if as_json:
        result = {"win": odds.win, "draw": odds.draw, "loss": odds.loss, "action": action and action.value}
        typer.echo(json.dumps(result))
        return
    advice = f"best action: {action.value}" if action else "no decision for me here"
    typer.echo(
        f"against {opponent}: win {odds.win:.4f}  draw {odds.draw:.4f}  loss {odds.loss:.4f}  ({advice})"
    )


def register(group: typer.Typer) -> None:
    """Add ``twentyone`` to the ``oracle`` group."""
    group.command("twentyone")(twentyone)
