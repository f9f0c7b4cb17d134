"""Small valid function bases (pursuit and 21 points) for tests; not the shipped reference bases."""

from __future__ import annotations

from logicdistill.functions.schema import (
    FORMAT_VERSION,
    FunctionBase,
    FunctionSpec,
    Manual,
    Origin,
    Provenance,
    StageGuide,
    UsageExample,
    ValidationReport,
)
from logicdistill.tasks.base import TaskName

GENERATE = '''\
def generate_moves(state):
    """Every cell within Manhattan distance 2 of the dot, staying included."""
    x, y = state["position"]
    return [(x + dx, y + dy) for dx in range(-2, 3) for dy in range(-2, 3) if abs(dx) + abs(dy) <= 2]
'''

FILTER_LEGAL = '''\
def filter_legal(moves, state):
    """Keep moves on the board, not onto the orange dot and not restricted."""
    size = state["size"]
    blocked = set(state["restricted"])
    on_board = [m for m in moves if 0 <= m[0] < size and 0 <= m[1] < size]
    return [m for m in on_board if m != state["orange"] and m not in blocked]
'''

SELECT_CLOSEST = '''\
def select_closest(moves, state):
    """The move closest (Manhattan) to the orange dot; ties broken by the move itself."""
    ox, oy = state["orange"]
    return min(moves, key=lambda m: (abs(m[0] - ox) + abs(m[1] - oy), m))
'''

EVALUATE = '''\
def evaluate_total(state):
    """The best total of the own hand."""
    return state["total"]
'''

RISK = '''\
def bust_probability(value, state):
    """Share of the remaining deck that would bust a hand worth `value`."""
    left = state["cards_left"]
    if left == 0:
        return 0.0
    worth = {"A": 1, "J": 10, "Q": 10, "K": 10}
    busting = 0
    for rank, count in state["deck"].items():
        card = worth[rank] if rank in worth else int(rank)
        if value + card > 21:
            busting += count
    return busting / left
'''

DECIDE = '''\
def decide_by_risk(risk, state):
    """Hit while the bust risk is below one half, and always when behind a stood opponent."""
    if state["opponent_stood"] and state["total"] < state["opponent_total"]:
        return "hit"
    return "hit" if risk < 0.5 else "stand"
'''


def _provenance() -> Provenance:
    return Provenance(
        origin=Origin.REFERENCE,
        model=None,
        endpoint=None,
        prompt_sha256=None,
        created="2025-01-01",
        teacher_calls=0,
        prompt_tokens=None,
        completion_tokens=None,
        report=ValidationReport(verdicts=(), rejected=(), rounds=0),
    )


def pursuit_base() -> FunctionBase:
    functions = (
        FunctionSpec(
            "generate_moves", "generate_moves", "generate_moves(state)", GENERATE, "All moves in reach."
        ),
        FunctionSpec(
            "filter_legal", "filter_moves", "filter_legal(moves, state)", FILTER_LEGAL, "Legal moves."
        ),
        FunctionSpec(
            "select_closest", "select_move", "select_closest(moves, state)", SELECT_CLOSEST, "Closest."
        ),
    )
    manual = Manual(
        overview="Decide one blue dot: generate its moves, keep the legal ones, pick the closest to orange.",
        stages=(
            StageGuide("generate_moves", ("generate_moves",), "Always first."),
            StageGuide("filter_moves", ("filter_legal",), "After generating; before selecting."),
            StageGuide("select_move", ("select_closest",), "Last, on the filtered moves."),
        ),
        examples=(
            UsageExample(
                "select_closest",
                "dot at (0, 0), orange at (3, 0)",
                "select_closest([(0, 0), (2, 0)], state)",
                "(2, 0)",
                "(2, 0) is at distance 1 from the orange dot.",
            ),
        ),
        rules=("Blue moves at most 2 cells (Manhattan) per step.",),
    )
    return FunctionBase(FORMAT_VERSION, TaskName.PURSUIT, functions, manual, _provenance())


def twentyone_base() -> FunctionBase:
    functions = (
        FunctionSpec("evaluate_total", "evaluate_hand", "evaluate_total(state)", EVALUATE, "Own total."),
        FunctionSpec(
            "bust_probability", "estimate_risk", "bust_probability(value, state)", RISK, "Bust odds."
        ),
        FunctionSpec("decide_by_risk", "decide", "decide_by_risk(risk, state)", DECIDE, "Hit below 1/2."),
    )
    manual = Manual(
        overview="Evaluate the hand, estimate the bust risk, hit while it is low.",
        stages=(
            StageGuide("evaluate_hand", ("evaluate_total",), "First."),
            StageGuide("estimate_risk", ("bust_probability",), "Second."),
            StageGuide("decide", ("decide_by_risk",), "Last."),
        ),
        examples=(),
        rules=("Over 21 loses at once.",),
    )
    return FunctionBase(FORMAT_VERSION, TaskName.TWENTYONE, functions, manual, _provenance())
