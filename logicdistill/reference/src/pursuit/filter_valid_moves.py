"""Reference function for the pursuit stage ``filter_moves``: the base rules (shipped as data).

Checks only the base movement rules. Restricted cells are left out on
purpose: an emergency rule is composed as its own filter
(``filter_restricted_area``), applied before this one.
"""


def filter_valid_moves(moves, state):
    """Keep the moves that are on the board and not onto the orange dot (base movement rules)."""
    size = state["size"]
    orange = (state["orange"][0], state["orange"][1])
    kept = []
    for move in moves:
        x, y = move[0], move[1]
        if 0 <= x < size and 0 <= y < size and (x, y) != orange:
            kept.append(move)
    return kept
