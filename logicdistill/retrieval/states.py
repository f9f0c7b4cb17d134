"""A position given as JSON (the ``retrieve`` command's ``--state``) turned into the task's state text.

Pursuit: ``{"blues": [[x, y], [x, y], [x, y]], "orange": [x, y], "dot": 0,
"size": 21, "restricted": [[x, y], ...], "step": 0}`` (``dot``: which blue
dot decides, 0-2; the last four keys optional). 21 points: the oracle
command's object, ``{"me": [ranks], "opponent": [ranks], "to_move": ...,
"me_stood": ..., "opponent_stood": ...}`` (the decision is ``me``'s; cards
get suits in deck order). No JSON: the task's first benchmark position
(test start 0 with B1 deciding; deal 0 from seat 1). The state text itself
is :mod:`logicdistill.tasks`'; anything wrong is a UserError. Left out on
purpose: positions a game could not reach (captured, finished, over 21
only where the rules forbid it).
"""

from __future__ import annotations

import json

from logicdistill.errors import UserError
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName

PURSUIT_KEYS = ("blues", "orange", "dot", "size", "restricted", "step")


def state_text_from_json(task: str | TaskName, text: str | None) -> str:
    """The state text of ``task`` for the JSON position ``text`` (None: the first benchmark position)."""
    name = get_task(task).name
    if name is TaskName.PURSUIT:
        return _pursuit(text)
    return _twentyone(text)


def _pursuit(text: str | None) -> str:
    from logicdistill.games import pursuit as pg
    from logicdistill.tasks import pursuit as pt

    if text is None:
        return pt.state_text(pg.PursuitConfig(), pg.test_starts()[0], 0)
    raw = _object(text)
    unknown = sorted(set(raw) - set(PURSUIT_KEYS))
    if unknown:
        raise UserError(
            f"unknown state key(s) {', '.join(map(repr, unknown))} (known: {', '.join(PURSUIT_KEYS)})"
        )
    missing = [key for key in ("blues", "orange") if key not in raw]
    if missing:
        raise UserError(f"state is missing {', '.join(map(repr, missing))}")
    blues = raw["blues"]
    if not isinstance(blues, list) or len(blues) != pg.N_BLUE:
        raise UserError(f'state key "blues" must list {pg.N_BLUE} cells [x, y]')
    cells = tuple(_cell(b, "blues") for b in blues)
    orange = _cell(raw["orange"], "orange")
    dot, size, step = (
        _int(raw, key, default) for key, default in (("dot", 0), ("size", pg.DEFAULT_SIZE), ("step", 0))
    )
    restricted = raw.get("restricted", [])
    if not isinstance(restricted, list):
        raise UserError('state key "restricted" must be a list of cells [x, y]')
    if not 0 <= dot < pg.N_BLUE:
        raise UserError(f'state key "dot" must be 0, 1 or 2, got {dot}')
    try:
        config = pg.PursuitConfig(size=size, restricted=frozenset(_cell(c, "restricted") for c in restricted))
        state = pg.PursuitState(blues=cells, orange=orange, step=step)  # type: ignore[arg-type]
        pg.validate_start(config, state)
    except ValueError as err:
        raise UserError(f"--state: {err}") from None
    return pt.state_text(config, state, dot)


def _twentyone(text: str | None) -> str:
    from logicdistill.cli.oracle_twentyone import parse_position
    from logicdistill.games import twentyone as tg
    from logicdistill.tasks import twentyone as tt

    if text is None:
        return tt.selection_text(tg.deal_from_seed(tg.DEAL_SEEDS[0]), 0)
    position = parse_position(text)
    free = list(tg.FULL_DECK)
    hands = []
    for ranks in (position.me, position.opponent):
        cards = []
        for rank in ranks:
            card = next((c for c in free if c.rank == rank), None)
            if card is None:
                known = ", ".join(tg.RANKS)
                raise UserError(f"--state: no card {rank!r} left in the 26-card deck (ranks: {known})")
            free.remove(card)
            cards.append(card)
        hands.append(tuple(cards))
    state = tg.TwentyOneState(
        hands=(hands[0], hands[1]),
        deck=tuple(free),
        to_move=0 if position.to_move == "me" else 1,
        stood=(position.me_stood, position.opponent_stood),
    )
    return tt.selection_text(state, 0)


def _object(text: str) -> dict:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise UserError(f"--state is not valid JSON: {err}") from None
    if not isinstance(raw, dict):
        raise UserError("--state must be a JSON object with keys " + ", ".join(PURSUIT_KEYS))
    return raw


def _cell(value: object, key: str) -> tuple[int, int]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise UserError(f"state key {key!r}: a cell is [x, y] with two integers, not {json.dumps(value)}")
    return (int(value[0]), int(value[1]))


def _int(raw: dict, key: str, default: int) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise UserError(f"state key {key!r} must be an integer, not {json.dumps(value)}")
    return value
