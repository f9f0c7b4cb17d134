"""Reference function for the pursuit stage ``generate_moves`` (shipped as data by ``reference.build``).

Lists every cell within reach of the deciding dot; it leaves out on purpose
any legality check (board edges, the orange dot, restricted cells): that is
the filters' job, so that each stage does one thing.
"""

REACH = 2


def candidate_moves(state):
    """Every cell within Manhattan distance 2 of the deciding dot, staying included (13 cells).

    Off-board cells are listed too; the filter stage removes them.
    """
    x, y = state["position"]
    moves = []
    for dx in range(-REACH, REACH + 1):
        for dy in range(-REACH, REACH + 1):
            if abs(dx) + abs(dy) <= REACH:
                moves.append((x + dx, y + dy))
    return moves
