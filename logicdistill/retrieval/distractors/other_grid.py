"""Distractors from other grid and board games: plausible stage functions of tasks that are not built in.

Several of these tasks reuse the pursuit stage names (``generate_moves``,
``filter_moves``, ``select_move``) on purpose: a retriever must tell them
apart from the pursuit functions by what they do, not by the stage name.
Each task carries one example position, on which :mod:`.entries` runs its
functions to write the usage examples. Left out on purpose: the rules of
these games beyond what the functions need.
"""

from __future__ import annotations

from logicdistill.retrieval.distractors.entries import Distractor, OtherTask, Setting

SNAKE = OtherTask(
    "Snake",
    Setting.of(
        "Snake on a 10x10 board. Head at (4, 4), body (4, 4), (3, 4), (2, 4). Food at (7, 2).",
        {"size": 10, "head": (4, 4), "body": [(4, 4), (3, 4), (2, 4)], "food": (7, 2)},
    ),
    (
        Distractor(
            "snake_moves",
            "generate_moves",
            "Snake: always first; lists where the head can go this tick.",
            '''def snake_moves(state):
    """The four cells next to the snake's head (up, down, left, right); the snake cannot stay."""
    x, y = state["head"]
    return [(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)]
''',
        ),
        Distractor(
            "filter_snake_collisions",
            "filter_moves",
            "Snake: after snake_moves, drop moves that crash the snake.",
            '''def filter_snake_collisions(moves, state):
    """Keep the head moves that stay inside the walls and do not bite the body (the tail moves away)."""
    size = state["size"]
    body = set(tuple(c) for c in state["body"][:-1])
    return [m for m in moves if 0 <= m[0] < size and 0 <= m[1] < size and tuple(m) not in body]
''',
        ),
        Distractor(
            "select_toward_food",
            "select_move",
            "Snake: last; steer the head to the food.",
            '''def select_toward_food(moves, state):
    """The safe head move closest (Manhattan) to the food; ties keep the earlier move."""
    fx, fy = state["food"]
    return min(moves, key=lambda m: abs(m[0] - fx) + abs(m[1] - fy))
''',
        ),
    ),
)

CAT_AND_MOUSE = OtherTask(
    "Cat and mouse",
    Setting.of(
        "Cat and mouse on a 9x9 board. Cat at (1, 1), mouse at (6, 4). Mouse holes at (8, 8), (0, 5).",
        {"size": 9, "cat": (1, 1), "mouse": (6, 4), "holes": [(8, 8), (0, 5)]},
    ),
    (
        Distractor(
            "king_moves",
            "generate_moves",
            "Cat and mouse: first; the cat moves like a chess king.",
            '''def king_moves(state):
    """The cat's nine options: stay, or step to one of the eight surrounding cells (diagonals too)."""
    x, y = state["cat"]
    return [(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
''',
        ),
        Distractor(
            "filter_cat_moves",
            "filter_moves",
            "Cat and mouse: drop cat moves that leave the board or enter a mouse hole.",
            '''def filter_cat_moves(moves, state):
    """Keep the cat's moves that are on the board and not into a mouse hole (the cat does not fit)."""
    size = state["size"]
    holes = set(tuple(h) for h in state["holes"])
    return [m for m in moves if 0 <= m[0] < size and 0 <= m[1] < size and tuple(m) not in holes]
''',
        ),
        Distractor(
            "select_chebyshev_chase",
            "select_move",
            "Cat and mouse: last; the cat closes in on the mouse.",
            '''def select_chebyshev_chase(moves, state):
    """The move that brings the cat closest to the mouse in king steps (Chebyshev distance)."""
    mx, my = state["mouse"]
    return min(moves, key=lambda m: (max(abs(m[0] - mx), abs(m[1] - my)), abs(m[0] - mx) + abs(m[1] - my)))
''',
        ),
    ),
)

MAZE = OtherTask(
    "Maze escape",
    Setting.of(
        "Maze of 6x6 cells. You are at (0, 0), the exit is at (5, 5). "
        "Walls at (1, 0), (1, 1), (1, 2), (3, 3), (3, 4), (3, 5).",
        {
            "size": 6,
            "position": (0, 0),
            "exit": (5, 5),
            "walls": [(1, 0), (1, 1), (1, 2), (3, 3), (3, 4), (3, 5)],
        },
    ),
    (
        Distractor(
            "maze_neighbours",
            "generate_moves",
            "Maze escape: first; one step in the four directions.",
            '''def maze_neighbours(state):
    """The cells one step away (no diagonals) from the walker's position."""
    x, y = state["position"]
    return [(x + 1, y), (x, y + 1), (x - 1, y), (x, y - 1)]
''',
        ),
        Distractor(
            "filter_walls",
            "filter_moves",
            "Maze escape: drop steps into walls or out of the maze.",
            '''def filter_walls(moves, state):
    """Keep the steps that stay in the maze and do not walk into a wall cell."""
    size = state["size"]
    walls = set(tuple(w) for w in state["walls"])
    return [m for m in moves if 0 <= m[0] < size and 0 <= m[1] < size and tuple(m) not in walls]
''',
        ),
        Distractor(
            "select_shortest_path",
            "select_move",
            "Maze escape: last; take the step on a shortest path to the exit.",
            '''def select_shortest_path(moves, state):
    """The step with the shortest walking distance to the exit (breadth-first search around walls)."""
    from collections import deque

    size = state["size"]
    walls = set(tuple(w) for w in state["walls"])
    goal = tuple(state["exit"])
    dist = {goal: 0}
    queue = deque([goal])
    while queue:
        x, y = queue.popleft()
        for nxt in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if 0 <= nxt[0] < size and 0 <= nxt[1] < size and nxt not in walls and nxt not in dist:
                dist[nxt] = dist[(x, y)] + 1
                queue.append(nxt)
    return min(moves, key=lambda m: dist.get(tuple(m), size * size))
''',
        ),
    ),
)

KNIGHT_TOUR = OtherTask(
    "Knight's tour",
    Setting.of(
        "Knight's tour on an 8x8 board. The knight is at (0, 0); visited squares (0, 0), (1, 2).",
        {"size": 8, "position": (0, 0), "visited": [(0, 0), (1, 2)]},
    ),
    (
        Distractor(
            "knight_moves",
            "generate_moves",
            "Knight's tour: first; the knight's L-shaped jumps.",
            '''def knight_moves(state):
    """The eight L-shaped knight jumps from the current square (two one way, one the other)."""
    x, y = state["position"]
    jumps = ((1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2))
    return [(x + dx, y + dy) for dx, dy in jumps]
''',
        ),
        Distractor(
            "filter_unvisited_on_board",
            "filter_moves",
            "Knight's tour: keep jumps that land on a new square of the board.",
            '''def filter_unvisited_on_board(moves, state):
    """Keep the jumps that land on the board on a square the knight has not visited yet."""
    size = state["size"]
    seen = set(tuple(c) for c in state["visited"])
    return [m for m in moves if 0 <= m[0] < size and 0 <= m[1] < size and tuple(m) not in seen]
''',
        ),
        Distractor(
            "select_warnsdorff",
            "select_move",
            "Knight's tour: last; Warnsdorff's rule.",
            '''def select_warnsdorff(moves, state):
    """Warnsdorff's rule: jump to the square with the fewest onward jumps to unvisited squares."""
    size = state["size"]
    seen = set(tuple(c) for c in state["visited"])
    jumps = ((1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2))

    def onward(m):
        count = 0
        for dx, dy in jumps:
            n = (m[0] + dx, m[1] + dy)
            if 0 <= n[0] < size and 0 <= n[1] < size and n not in seen and n != tuple(m):
                count += 1
        return count

    return min(moves, key=onward)
''',
        ),
    ),
)

TIC_TAC_TOE = OtherTask(
    "Tic-tac-toe",
    Setting.of(
        "Tic-tac-toe, you play X. Board (squares 0-8, row by row): X O . / . X . / . . O.",
        {"board": ["X", "O", "", "", "X", "", "", "", "O"], "player": "X"},
    ),
    (
        Distractor(
            "empty_squares",
            "generate_moves",
            "Tic-tac-toe: first; the squares one may still mark.",
            '''def empty_squares(state):
    """Indices 0-8 of the squares that are still empty."""
    return [i for i, mark in enumerate(state["board"]) if not mark]
''',
        ),
        Distractor(
            "select_winning_square",
            "select_move",
            "Tic-tac-toe: last; win, else block, else the best free square.",
            '''def select_winning_square(moves, state):
    """A square that wins now, else one that blocks the opponent's win, else centre, corners, edges."""
    board = state["board"]
    me = state["player"]
    other = "O" if me == "X" else "X"
    lines = ((0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6))

    def completes(square, mark):
        for line in lines:
            if square in line and all(board[i] == mark for i in line if i != square):
                return True
        return False

    for mark in (me, other):
        for square in moves:
            if completes(square, mark):
                return square
    for square in (4, 0, 2, 6, 8, 1, 3, 5, 7):
        if square in moves:
            return square
    return moves[0]
''',
        ),
    ),
)

CONNECT_FOUR = OtherTask(
    "Connect four",
    Setting.of(
        "Connect four, 7 columns of 6 rows. Discs per column: 0, 2, 6, 1, 0, 0, 3.",
        {"rows": 6, "heights": [0, 2, 6, 1, 0, 0, 3]},
    ),
    (
        Distractor(
            "open_columns",
            "generate_moves",
            "Connect four: first; the columns a disc can still be dropped into.",
            '''def open_columns(state):
    """Indices of the columns that are not full yet."""
    return [c for c, height in enumerate(state["heights"]) if height < state["rows"]]
''',
        ),
        Distractor(
            "select_center_column",
            "select_move",
            "Connect four: last; prefer the centre.",
            '''def select_center_column(moves, state):
    """The open column nearest the centre column (centre columns take part in the most lines)."""
    centre = (len(state["heights"]) - 1) / 2
    return min(moves, key=lambda c: (abs(c - centre), c))
''',
        ),
    ),
)

BATTLESHIP = OtherTask(
    "Battleship",
    Setting.of(
        "Battleship on a 6x6 grid. Hits at (2, 3). Misses at (0, 0), (5, 5), (2, 2).",
        {"size": 6, "hits": [(2, 3)], "misses": [(0, 0), (5, 5), (2, 2)]},
    ),
    (
        Distractor(
            "all_targets",
            "generate_moves",
            "Battleship: first; every square of the grid.",
            '''def all_targets(state):
    """Every square of the opponent's grid, row by row."""
    size = state["size"]
    return [(x, y) for y in range(size) for x in range(size)]
''',
        ),
        Distractor(
            "filter_unfired",
            "filter_moves",
            "Battleship: drop the squares already shot at.",
            '''def filter_unfired(moves, state):
    """Keep the squares that have not been fired at (neither a hit nor a miss)."""
    fired = set(tuple(c) for c in state["hits"]) | set(tuple(c) for c in state["misses"])
    return [m for m in moves if tuple(m) not in fired]
''',
        ),
        Distractor(
            "select_hunt_target",
            "select_move",
            "Battleship: last; hunt around hits, else search on a checkerboard.",
            '''def select_hunt_target(moves, state):
    """A square next to an earlier hit if there is one, else the first square of checkerboard parity."""
    hits = [tuple(c) for c in state["hits"]]
    for m in moves:
        if any(abs(m[0] - h[0]) + abs(m[1] - h[1]) == 1 for h in hits):
            return m
    for m in moves:
        if (m[0] + m[1]) % 2 == 0:
            return m
    return moves[0]
''',
        ),
    ),
)

NIM = OtherTask(
    "Nim",
    Setting.of("Nim with heaps of 3, 4 and 5 stones; take any number from one heap.", {"heaps": [3, 4, 5]}),
    (
        Distractor(
            "nim_moves",
            "generate_moves",
            "Nim: first; every legal take.",
            '''def nim_moves(state):
    """Every move (heap index, stones taken): one or more stones from a single heap."""
    return [(i, take) for i, heap in enumerate(state["heaps"]) for take in range(1, heap + 1)]
''',
        ),
        Distractor(
            "select_nim_sum_zero",
            "select_move",
            "Nim: last; leave a nim-sum of zero when possible.",
            '''def select_nim_sum_zero(moves, state):
    """The move after which the xor of the heaps is 0 (a winning move), else take one stone."""
    heaps = state["heaps"]
    for i, take in moves:
        total = 0
        for j, heap in enumerate(heaps):
            total ^= heap - take if j == i else heap
        if total == 0:
            return (i, take)
    return min(moves, key=lambda m: (m[1], -heaps[m[0]]))
''',
        ),
    ),
)

GAME_2048 = OtherTask(
    "2048",
    Setting.of(
        "2048 on a 4x4 grid, rows top to bottom: 2 2 . . / . 4 . . / . . . . / . . . 2.",
        {"grid": [[2, 2, 0, 0], [0, 4, 0, 0], [0, 0, 0, 0], [0, 0, 0, 2]]},
    ),
    (
        Distractor(
            "slide_directions",
            "generate_moves",
            "2048: first; the four slides.",
            '''def slide_directions(state):
    """The four slide directions of 2048."""
    return ["up", "down", "left", "right"]
''',
        ),
        Distractor(
            "filter_changing_slides",
            "filter_moves",
            "2048: drop slides that would not move any tile.",
            '''def filter_changing_slides(moves, state):
    """Keep the slides that change the grid (a slide that moves nothing is not allowed)."""
    grid = state["grid"]
    n = len(grid)

    def lines(direction):
        if direction in ("left", "right"):
            rows = [list(r) for r in grid]
        else:
            rows = [[grid[y][x] for y in range(n)] for x in range(n)]
        return [r[::-1] if direction in ("right", "down") else r for r in rows]

    def slide(line):
        tiles = [t for t in line if t]
        out = []
        while tiles:
            if len(tiles) > 1 and tiles[0] == tiles[1]:
                out.append(tiles[0] * 2)
                tiles = tiles[2:]
            else:
                out.append(tiles[0])
                tiles = tiles[1:]
        return out + [0] * (len(line) - len(out))

    return [d for d in moves if any(slide(line) != line for line in lines(d))]
''',
        ),
        Distractor(
            "select_most_empty",
            "select_move",
            "2048: last; keep the grid as empty as possible.",
            '''def select_most_empty(moves, state):
    """The slide that merges the most tiles (most empty cells afterwards); ties keep the earlier one."""
    grid = state["grid"]
    n = len(grid)

    def merges(direction):
        if direction in ("left", "right"):
            rows = [[t for t in r if t] for r in grid]
        else:
            rows = [[grid[y][x] for y in range(n) if grid[y][x]] for x in range(n)]
        count = 0
        for tiles in rows:
            if direction in ("right", "down"):
                tiles = tiles[::-1]
            i = 0
            while i + 1 < len(tiles):
                if tiles[i] == tiles[i + 1]:
                    count += 1
                    i += 2
                else:
                    i += 1
        return count

    return max(moves, key=merges)
''',
        ),
    ),
)

GRID_TASKS: tuple[OtherTask, ...] = (
    SNAKE,
    CAT_AND_MOUSE,
    MAZE,
    KNIGHT_TOUR,
    TIC_TAC_TOE,
    CONNECT_FOUR,
    BATTLESHIP,
    NIM,
    GAME_2048,
)
