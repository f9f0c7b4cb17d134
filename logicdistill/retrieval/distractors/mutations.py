"""Mutated variants of the reference functions: same stage, similar code and words, wrong for the task.

Each variant changes one thing a careless teacher might get wrong (a reach
of 1, the orange dot's cell kept, aces always 11, the opponent's rule as
the own strategy...) and its docstring says honestly what it does. They are
listed per reference function; :mod:`.assemble` runs each on the output of
the reference chain before its stage to write its usage example.
"""

from __future__ import annotations

from logicdistill.reference.catalog import (
    BUST_RISK,
    CANDIDATE_MOVES,
    DECIDE_EXACT,
    FILTER_RESTRICTED_AREA,
    FILTER_VALID_MOVES,
    HAND_VALUE,
    SELECT_BEST_MOVE,
)
from logicdistill.retrieval.distractors.entries import Distractor


def _d(name: str, stage: str, when: str, source: str) -> Distractor:
    return Distractor(name, stage, when, source)


_GEN = "generate_moves"
_FILTER = "filter_moves"
_SELECT = "select_move"

PURSUIT_MUTATIONS: dict[str, tuple[Distractor, ...]] = {
    CANDIDATE_MOVES: (
        _d(
            "candidate_moves_reach_one",
            _GEN,
            "Lists the cells one step away, the reach of an evader.",
            '''\
def candidate_moves_reach_one(state):
    """Every cell within Manhattan distance 1 of the deciding dot, staying included (5 cells)."""
    x, y = state["position"]
    return [(x, y), (x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)]
''',
        ),
        _d(
            "candidate_moves_square",
            _GEN,
            "Lists the 5x5 square around the dot.",
            '''\
def candidate_moves_square(state):
    """Every cell of the 5x5 square centred on the deciding dot (Chebyshev distance 2, 25 cells)."""
    x, y = state["position"]
    return [(x + dx, y + dy) for dx in range(-2, 3) for dy in range(-2, 3)]
''',
        ),
        _d(
            "candidate_moves_no_stay",
            _GEN,
            "Lists moves that leave the current cell.",
            '''\
def candidate_moves_no_stay(state):
    """Every cell at Manhattan distance 1 or 2 from the deciding dot; staying put is not listed."""
    x, y = state["position"]
    moves = []
    for dx in range(-2, 3):
        for dy in range(-2, 3):
            if 0 < abs(dx) + abs(dy) <= 2:
                moves.append((x + dx, y + dy))
    return moves
''',
        ),
    ),
    FILTER_VALID_MOVES: (
        _d(
            "filter_on_board",
            _FILTER,
            "Keeps the moves that stay on the board.",
            '''\
def filter_on_board(moves, state):
    """Keep the moves that are on the board (the orange dot's cell is kept: blue may land on it)."""
    size = state["size"]
    return [m for m in moves if 0 <= m[0] < size and 0 <= m[1] < size]
''',
        ),
        _d(
            "filter_unoccupied_moves",
            _FILTER,
            "Keeps moves onto free cells only.",
            '''\
def filter_unoccupied_moves(moves, state):
    """Keep the moves on the board onto cells no piece stands on: not the orange dot, not another blue dot."""
    size = state["size"]
    taken = {tuple(b) for i, b in enumerate(state["blues"]) if i != state["dot"]}
    taken.add(tuple(state["orange"]))
    return [m for m in moves if 0 <= m[0] < size and 0 <= m[1] < size and tuple(m) not in taken]
''',
        ),
        _d(
            "filter_inside_border",
            _FILTER,
            "Keeps the moves that are not on the board's edge.",
            '''\
def filter_inside_border(moves, state):
    """Keep the moves strictly inside the board (edge cells dropped) and not onto the orange dot."""
    size = state["size"]
    orange = tuple(state["orange"])
    return [m for m in moves if 0 < m[0] < size - 1 and 0 < m[1] < size - 1 and tuple(m) != orange]
''',
        ),
    ),
    FILTER_RESTRICTED_AREA: (
        _d(
            "filter_restricted_margin",
            _FILTER,
            "With a restricted area, keeps a safety margin around it.",
            '''\
def filter_restricted_margin(moves, state):
    """Drop the moves into a restricted cell or next to one (a one-cell safety margin around the area)."""
    blocked = {(c[0], c[1]) for c in state["restricted"]}
    near = {(x + dx, y + dy) for x, y in blocked for dx, dy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1))}
    return [m for m in moves if (m[0], m[1]) not in near]
''',
        ),
        _d(
            "filter_only_restricted",
            _FILTER,
            "Keeps the moves inside the restricted area.",
            '''\
def filter_only_restricted(moves, state):
    """Keep only the moves that enter a restricted cell (state["restricted"]), in order."""
    blocked = {(c[0], c[1]) for c in state["restricted"]}
    return [m for m in moves if (m[0], m[1]) in blocked]
''',
        ),
        _d(
            "filter_restricted_rows",
            _FILTER,
            "With a restricted area, avoids its rows.",
            '''\
def filter_restricted_rows(moves, state):
    """Drop the moves onto any row (y) that holds a restricted cell; keep the rest in order."""
    rows = {c[1] for c in state["restricted"]}
    return [m for m in moves if m[1] not in rows]
''',
        ),
    ),
    SELECT_BEST_MOVE: (
        _d(
            "select_nearest_move",
            _SELECT,
            "Picks the move nearest the orange dot.",
            '''\
def select_nearest_move(moves, state):
    """The move with the smallest Manhattan distance to the orange dot; ties keep the earlier move."""
    ox, oy = state["orange"]
    return min(moves, key=lambda m: abs(m[0] - ox) + abs(m[1] - oy))
''',
        ),
        _d(
            "select_farthest_move",
            _SELECT,
            "Picks the move farthest from the orange dot.",
            '''\
def select_farthest_move(moves, state):
    """The move with the largest Manhattan distance to the orange dot: keeps the dot away from it."""
    ox, oy = state["orange"]
    return max(moves, key=lambda m: abs(m[0] - ox) + abs(m[1] - oy))
''',
        ),
        _d(
            "select_first_move",
            _SELECT,
            "Picks the first filtered move.",
            '''\
def select_first_move(moves, state):
    """The first move of the filtered list (the generator's order decides)."""
    return moves[0]
''',
        ),
        _d(
            "select_centre_move",
            _SELECT,
            "Picks the move nearest the board's centre.",
            '''\
def select_centre_move(moves, state):
    """The move closest to the centre of the board, from where every cell is near."""
    c = (state["size"] - 1) / 2
    return min(moves, key=lambda m: abs(m[0] - c) + abs(m[1] - c))
''',
        ),
    ),
}

_EVAL = "evaluate_hand"
_RISK = "estimate_risk"
_DECIDE = "decide"

TWENTYONE_MUTATIONS: dict[str, tuple[Distractor, ...]] = {
    HAND_VALUE: (
        _d(
            "hand_value_aces_high",
            _EVAL,
            "Counts the own hand with aces high.",
            '''\
def hand_value_aces_high(state):
    """Total of the own hand with every ace counted 11, J/Q/K 10, 2-10 face value."""
    values = {"A": 11, "J": 10, "Q": 10, "K": 10}
    return sum(values[r] if r in values else int(r) for r in state["hand"])
''',
        ),
        _d(
            "hand_value_aces_low",
            _EVAL,
            "Counts the own hand with aces low.",
            '''\
def hand_value_aces_low(state):
    """Hard total of the own hand: every ace counted 1, J/Q/K 10, 2-10 face value."""
    values = {"A": 1, "J": 10, "Q": 10, "K": 10}
    return sum(values[r] if r in values else int(r) for r in state["hand"])
''',
        ),
        _d(
            "hand_value_face_ranks",
            _EVAL,
            "Counts the own hand by rank order.",
            '''\
def hand_value_face_ranks(state):
    """Sum of the own cards' rank numbers: A=1, 2-10 face value, J=11, Q=12, K=13."""
    values = {"A": 1, "J": 11, "Q": 12, "K": 13}
    return sum(values[r] if r in values else int(r) for r in state["hand"])
''',
        ),
        _d(
            "opponent_hand_value",
            _EVAL,
            "Counts the opponent's hand.",
            '''\
def opponent_hand_value(state):
    """Best total of the opponent's hand: one ace 11 unless that goes over 21."""
    values = {"A": 1, "J": 10, "Q": 10, "K": 10}
    hard = sum(values[r] if r in values else int(r) for r in state["opponent_hand"])
    return hard + 10 if "A" in state["opponent_hand"] and hard + 10 <= 21 else hard
''',
        ),
    ),
    BUST_RISK: (
        _d(
            "bust_risk_hard",
            _RISK,
            "Bust chance without soft-ace handling.",
            '''\
def bust_risk_hard(value, state):
    """Share of the remaining deck that takes `value` over 21, every card at face value (aces 1)."""
    left = state["cards_left"]
    if left == 0:
        return 0.0
    values = {"A": 1, "J": 10, "Q": 10, "K": 10}
    busting = sum(n for r, n in state["deck"].items() if value + (values[r] if r in values else int(r)) > 21)
    return busting / left
''',
        ),
        _d(
            "bust_risk_full_deck",
            _RISK,
            "Bust chance from a fresh deck.",
            '''\
def bust_risk_full_deck(value, state):
    """Chance that a card from a full fresh 26-card deck takes `value` over 21 (table cards ignored)."""
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10]
    return sum(1 for v in values if value + v > 21) / len(values)
''',
        ),
        _d(
            "exact_twenty_one_chance",
            _RISK,
            "Chance to hit 21 exactly.",
            '''\
def exact_twenty_one_chance(value, state):
    """Share of the remaining deck that brings a hand worth `value` to exactly 21."""
    left = state["cards_left"]
    if left == 0:
        return 0.0
    values = {"A": 1, "J": 10, "Q": 10, "K": 10}
    hits = sum(n for r, n in state["deck"].items() if value + (values[r] if r in values else int(r)) == 21)
    return hits / left
''',
        ),
    ),
    DECIDE_EXACT: (
        _d(
            "decide_threshold",
            _DECIDE,
            "The fixed rule hit below 17.",
            '''\
def decide_threshold(risk, state):
    """ "hit" while the own total is below 17, else "stand" (the dealer's fixed rule)."""
    return "hit" if state["total"] < 17 else "stand"
''',
        ),
        _d(
            "decide_by_half_risk",
            _DECIDE,
            "Hit while the bust risk is below one half.",
            '''\
def decide_by_half_risk(risk, state):
    """ "hit" when the bust risk is below 0.5, else "stand"."""
    return "hit" if risk < 0.5 else "stand"
''',
        ),
        _d(
            "decide_always_stand",
            _DECIDE,
            "Never takes a card.",
            '''\
def decide_always_stand(risk, state):
    """Always "stand": never risks a bust."""
    return "stand"
''',
        ),
        _d(
            "decide_chase_opponent",
            _DECIDE,
            "Hits while behind the opponent.",
            '''\
def decide_chase_opponent(risk, state):
    """ "hit" while the own total is below the opponent's, else "stand"."""
    return "hit" if state["total"] < state["opponent_total"] else "stand"
''',
        ),
    ),
}
