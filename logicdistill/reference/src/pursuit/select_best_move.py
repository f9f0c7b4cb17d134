"""Reference function for the pursuit stage ``select_move`` (shipped as data by ``reference.build``).

Each dot plays its own one-pursuer game well: it moves where the orange dot's
best reply leaves it the shortest capture time. The capture time of one blue
dot against the orange dot on an open board has an exact closed form
(``capture_time``, checked against the retrograde table of
``games.pursuit_oracle`` on boards of size 3 to 25); restricted cells add the
detour of the shortest path around them. Left out on purpose: checking that
a move is legal (the filters do that) and coordination between the dots.
"""

from collections import deque

STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))
ORANGE_REPLIES = ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1))
FAR = 10_000


def capture_time(blue, orange, size):
    """Steps a lone blue dot at `blue` needs to catch the orange dot at `orange` (exact on an open board).

    The orange dot runs towards one of the four board corners. Running away
    along an axis lets the blue dot close in by 1 per step; once it reaches
    the walls it has `room` steps left, after which the blue dot closes in by 2
    per step. Running past the blue dot on an axis costs 3 per step. The
    orange dot picks the corner that lasts longest.
    """
    dx = orange[0] - blue[0]
    dy = orange[1] - blue[1]
    distance = abs(dx) + abs(dy)
    if distance <= 3:
        return 1
    longest = 1
    for sx in (1, -1):
        room_x = size - 1 - orange[0] if sx > 0 else orange[0]
        cross_x = abs(dx) if sx * dx < 0 else 0
        for sy in (1, -1):
            room_y = size - 1 - orange[1] if sy > 0 else orange[1]
            cross_y = abs(dy) if sy * dy < 0 else 0
            cross = cross_x + cross_y
            left = distance - 3 * cross
            if left >= 4:
                room = max(room_x + room_y - cross, 0)
                run = left - 2 if left - 3 <= room else room + 1 + (left - 2 - room) // 2
                steps = cross + max(run, 1)
            else:  # caught while running past the blue dot
                steps = distance // 3
            longest = max(longest, steps)
    return longest


def path_lengths(start, size, blocked):
    """Length of the shortest 4-neighbour path from `start` to every free cell it can reach."""
    lengths = {start: 0}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        for sx, sy in STEPS:
            nxt = (cell[0] + sx, cell[1] + sy)
            if 0 <= nxt[0] < size and 0 <= nxt[1] < size and nxt not in blocked and nxt not in lengths:
                lengths[nxt] = lengths[cell] + 1
                queue.append(nxt)
    return lengths


def estimated_time(blue, orange, size, lengths):
    """capture_time plus the detour that restricted cells force on the path from `blue` to `orange`."""
    steps = capture_time(blue, orange, size)
    if lengths is None:
        return steps
    path = lengths.get(blue)
    if path is None:  # `blue` itself is blocked: go through its best neighbour
        path = min([lengths.get((blue[0] + sx, blue[1] + sy), FAR) for sx, sy in STEPS]) + 1
    return steps + path - (abs(blue[0] - orange[0]) + abs(blue[1] - orange[1]))


def orange_replies(orange, size, blocked):
    """The orange dot's possible next cells (stay or one step, free), each with its path lengths.

    The path lengths are None on an open board (no restricted cells), where
    the Manhattan distance is the path length.
    """
    replies = []
    for sx, sy in ORANGE_REPLIES:
        reply = (orange[0] + sx, orange[1] + sy)
        if 0 <= reply[0] < size and 0 <= reply[1] < size and reply not in blocked:
            replies.append((reply, path_lengths(reply, size, blocked) if blocked else None))
    return replies


def worst_case_time(cell, orange, replies, size):
    """The dot's estimated capture time from `cell` after the orange dot's best reply (0 next to it)."""
    if abs(cell[0] - orange[0]) + abs(cell[1] - orange[1]) <= 1:
        return 0
    worst = 0
    for reply, lengths in replies:
        if reply != cell:
            worst = max(worst, estimated_time(cell, reply, size, lengths))
    return worst


def select_best_move(moves, state):
    """The move after which the orange dot's best reply leaves this dot the shortest capture time.

    Score of a move m: worst_case_time (0 if m is next to the orange dot,
    else the largest estimated capture time over the orange dot's replies:
    stay or one step, on the board, not restricted, not onto m). Ties: the
    smaller estimated time to the orange dot where it stands, then the
    smaller distance, then the earlier move. If the best move is to stay
    put away from the orange dot, the dot instead takes the best move that
    shortens its path to the orange dot, so that it never waits forever.
    """
    size = state["size"]
    orange = (state["orange"][0], state["orange"][1])
    blocked = {(cell[0], cell[1]) for cell in state["restricted"]}
    replies = orange_replies(orange, size, blocked)
    here = path_lengths(orange, size, blocked) if blocked else None

    def path_to_orange(move):
        if here is None:
            return abs(move[0] - orange[0]) + abs(move[1] - orange[1])
        return here.get((move[0], move[1]), FAR)

    def score(move):
        cell = (move[0], move[1])
        return (
            worst_case_time(cell, orange, replies, size),
            estimated_time(cell, orange, size, here),
            abs(cell[0] - orange[0]) + abs(cell[1] - orange[1]),
        )

    best = min(moves, key=score)
    position = (state["position"][0], state["position"][1])
    if (best[0], best[1]) == position and path_to_orange(position) > 1:
        closer = [m for m in moves if path_to_orange(m) < path_to_orange(position)]
        if closer:
            best = min(closer, key=lambda m: (score(m), path_to_orange(m)))
    return best
