"""``logicdistill play``: play one seeded game between reference policies and show it as text.

::

    logicdistill play pursuit [--blue oracle] [--evader optimal] [--seed N] [--size N] \
        [--restricted X0,Y0,X1,Y1 ...] [--max-steps N] [--every K]
    logicdistill play twentyone [--seat1 optimal] [--seat2 threshold] [--seed N]

The start (or deal) comes from the seed exactly as the benchmark draws it
(``start_from_seed`` / ``deal_from_seed``, so ``--seed 1000`` is test start 0
and ``--seed 20000`` deal 0); the policies' own randomness comes from
``np.random.default_rng(seed)``. The game loop is ``games/runner.py``, the
pictures ``games/render.py``. LLM agents and batches of games are left out
on purpose: the evaluation commands run those.
"""

from __future__ import annotations

from typing import Annotated

import typer

from logicdistill.cli.parsing import RestrictedOption, parse_rectangles
from logicdistill.errors import UserError
from logicdistill.games.pursuit import DEFAULT_MAX_STEPS, DEFAULT_SIZE, TEST_START_SEEDS
from logicdistill.games.twentyone import DEAL_SEEDS

MAX_PLAY_SIZE = 50  # a bigger text board does not fit a terminal, and the oracles grow as size**4
DEFAULT_EVERY = 5
DEFAULT_BLUE, DEFAULT_EVADER = "oracle", "optimal"
DEFAULT_SEAT1, DEFAULT_SEAT2 = "optimal", "threshold"


def pursuit(
    blue: Annotated[
        str, typer.Option(metavar="NAME", help="Blue side: random, greedy or oracle.")
    ] = DEFAULT_BLUE,
    evader: Annotated[
        str, typer.Option(metavar="NAME", help="Evader: random, greedy or optimal.")
    ] = DEFAULT_EVADER,
    seed: Annotated[
        int, typer.Option(metavar="N", help="Seed of the start (1000..1199 are the test starts).")
    ] = TEST_START_SEEDS[0],
    size: Annotated[
        int, typer.Option(metavar="N", min=3, max=MAX_PLAY_SIZE, help="Board side length (cells 0..size-1).")
    ] = DEFAULT_SIZE,
    restricted: RestrictedOption = None,
    max_steps: Annotated[
        int, typer.Option(metavar="N", min=1, help="Steps without capture before the game fails.")
    ] = DEFAULT_MAX_STEPS,
    every: Annotated[
        int, typer.Option(metavar="K", min=1, help="Show the board every K steps (and at the end).")
    ] = DEFAULT_EVERY,
) -> None:
    """Play one seeded pursuit game and draw the board every K steps."""
    import numpy as np

    from logicdistill.games.pursuit import PursuitConfig, start_from_seed
    from logicdistill.games.pursuit_policies import make_evader, make_pursuer
    from logicdistill.games.render import PURSUIT_LEGEND, render_pursuit
    from logicdistill.games.runner import run_pursuit

    cells = parse_rectangles(restricted)
    try:
        config = PursuitConfig(size=size, restricted=cells, max_steps=max_steps)
        start = start_from_seed(seed, config)
    except ValueError as err:
        raise UserError(str(err)) from None
    pursuer, evader_policy = make_pursuer(blue, config), make_evader(evader, config)

    episode = run_pursuit(config, start, pursuer, evader_policy, np.random.default_rng(seed))
    typer.echo(
        f"pursuit: blue {blue} vs evader {evader} | seed {seed} | {size}x{size} board,"
        f" {len(cells)} restricted cells | at most {max_steps} steps"
    )
    typer.echo(f"legend: {PURSUIT_LEGEND}")
    shown = list(range(0, episode.steps + 1, every))
    if shown[-1] != episode.steps:
        shown.append(episode.steps)
    for k in shown:
        typer.echo(f"\n-- after step {k} --" if k else "\n-- start --")
        typer.echo(render_pursuit(config, episode.states[k]))
    typer.echo(
        f"\noutcome: {episode.outcome.value} after {episode.steps} steps"
        f" (illegal blue choices {episode.illegal}, evader errors {episode.orange_error_count})"
    )


def twentyone(
    seat1: Annotated[
        str, typer.Option(metavar="NAME", help="Seat 1 (moves first): threshold, random or optimal.")
    ] = DEFAULT_SEAT1,
    seat2: Annotated[
        str, typer.Option(metavar="NAME", help="Seat 2: threshold, random or optimal.")
    ] = DEFAULT_SEAT2,
    seed: Annotated[
        int, typer.Option(metavar="N", help="Seed of the deal (20000..20999 are the benchmark deals).")
    ] = DEAL_SEEDS[0],
) -> None:
    """Play one seeded 21-points deal and show each move and the result."""
    import numpy as np

    from logicdistill.games.render import describe_move, render_twentyone
    from logicdistill.games.runner import run_twentyone
    from logicdistill.games.twentyone import deal_from_seed
    from logicdistill.games.twentyone_policies import make_opponent

    players = (make_opponent(seat1), make_opponent(seat2))
    labels = (f"seat 1 ({seat1})", f"seat 2 ({seat2})")
    start = deal_from_seed(seed)
    episode = run_twentyone(start, players, np.random.default_rng(seed))
    typer.echo(f"21 points: {labels[0]} vs {labels[1]} | deal seed {seed}")
    typer.echo(render_twentyone(start, labels))
    typer.echo("")
    for i, move in enumerate(episode.moves, start=1):
        typer.echo(f"{i:>2}. {describe_move(move, labels)}")
    typer.echo("")
    typer.echo(render_twentyone(episode.final, labels))


def register(app: typer.Typer) -> None:
    """Add the ``play`` group with one subcommand per game."""
    group = typer.Typer(
        help="Play one seeded game between reference policies, shown as text.", no_args_is_help=True
    )
    group.command("pursuit")(pursuit)
    group.command("twentyone")(twentyone)
    app.add_typer(group, name="play")
