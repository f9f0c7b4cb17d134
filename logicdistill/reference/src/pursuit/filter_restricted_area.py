"""Reference emergency function for the pursuit stage ``filter_moves``: a restricted area (shipped as data).

Drops restricted cells and nothing else; the base filter still runs after it.
Left out on purpose: any other rule, so that the composition shows exactly
what the emergency adds.
"""


def filter_restricted_area(moves, state):
    """Drop the moves that enter a restricted cell (state["restricted"]); keep the rest in order.

    Emergency rule: compose it before the base filter whenever state["restricted"] is not empty.
    """
    blocked = {(cell[0], cell[1]) for cell in state["restricted"]}
    return [move for move in moves if (move[0], move[1]) not in blocked]
