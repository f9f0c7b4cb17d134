"""The prompted / KD agents' prompts and answer formats (SPEC §1 item 6, §2 candidate lists).

One builder per game, used to make the KD data (the teacher answers these
prompts) and by the KD and prompted agents at test time, so that the student
sees the same text in both:

- pursuit: one prompt per step for all three blue dots: the rules (with the
  restricted area when there is one), the position, and per dot the destinations
  legal under the base movement rules (``blue_candidates``: restricted cells are
  NOT removed, obeying them is the agent's job). Answer: ``B1: (x, y)`` per line.
- 21 points: the rules and the table from the mover's seat. Answer: ``hit`` or ``stand``.

The parsers read an answer back leniently (``None`` for a dot or turn they cannot
read, which the game then counts as an illegal choice). Playing games is left to
:mod:`.kd_data` and the agents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from logicdistill.games.pursuit import N_BLUE, Cell, PursuitConfig, PursuitState, blue_candidates
from logicdistill.games.twentyone import Action, TwentyOneState, parse_action
from logicdistill.llm.base import Chat, Message
from logicdistill.tasks import pursuit as pt
from logicdistill.tasks import twentyone as tt

PURSUIT_FORMAT = (
    "Answer with exactly three lines, one per blue dot, in this form:\nB1: (x, y)\nB2: (x, y)\nB3: (x, y)"
)
TWENTYONE_FORMAT = "Answer with one word: hit or stand."
KD_MAX_NEW_TOKENS = 40  # enough for the three pursuit lines or one 21-points word
_DOT_LINE = re.compile(r"B\s*([1-3])\s*[:=\-]*\s*(?:->|to|at)?\s*\(?\s*(-?\d+)\s*,\s*(-?\d+)\s*\)?", re.I)


def _cell(c: Cell) -> str:
    return f"({c[0]}, {c[1]})"


def pursuit_chat(config: PursuitConfig, state: PursuitState) -> Chat:
    """The prompt for the whole blue side at ``state``, with each dot's candidate destinations."""
    lines = [pt.state_text(config, state)]
    for i, blue in enumerate(state.blues):
        options = ", ".join(_cell(c) for c in blue_candidates(config, blue, state.orange))
        lines.append(f"B{i + 1} at {_cell(blue)} may move to: {options}.")
    lines.append("Choose the destination of every blue dot.")
    system = f"{pt.rules_text(config)}\n\n{PURSUIT_FORMAT}"
    return (Message("system", system), Message("user", "\n".join(lines)))


def pursuit_answer(choices: Sequence[Cell]) -> str:
    """The answer text for three destinations, as the prompt asks for it."""
    if len(choices) != N_BLUE:
        raise ValueError(f"expected {N_BLUE} destinations, got {len(choices)}")
    return "\n".join(f"B{i + 1}: {_cell(c)}" for i, c in enumerate(choices))


def parse_pursuit_answer(text: str) -> tuple[Cell | None, Cell | None, Cell | None]:
    """The destination of each dot named in ``text`` (the first mention of each dot counts)."""
    found: dict[int, Cell] = {}
    for match in _DOT_LINE.finditer(text):
        dot = int(match.group(1)) - 1
        found.setdefault(dot, (int(match.group(2)), int(match.group(3))))
    return tuple(found.get(i) for i in range(N_BLUE))  # type: ignore[return-value]


def twentyone_chat(state: TwentyOneState, seat: int) -> Chat:
    """The prompt for the player in ``seat`` to move at ``state``."""
    system = f"{tt.rules_text()}\n\n{TWENTYONE_FORMAT}"
    user = f"{tt.state_text(state, seat)}\nYour turn: hit or stand?"
    return (Message("system", system), Message("user", user))


def twentyone_answer(action: Action) -> str:
    return action.value


def parse_twentyone_answer(text: str) -> Action | None:
    """``hit`` or ``stand`` from the first word of ``text`` (None when it is neither)."""
    words = re.findall(r"[A-Za-z]+", text)
    return parse_action(words[0]) if words else None
