"""``logicdistill emergency "DESCRIPTION"``: the student writes a filter for a new rule (Eq. 6).

::

    logicdistill emergency "DESCRIPTION" --task pursuit [--json] [--adapter DIR] [--samples N] [--seed S]
        [--retries N] [--size N] [--play] [--evaluate N] [--restricted X0,Y0,X1,Y1 ...] [--evader NAME]

Shows the model used, the function written, its verdict (or why nothing was
accepted, per candidate) and the board with the cells it forbids. With
``--json`` it prints one JSON object whose keys ``accepted``, ``code`` and
``forbidden_cells`` (``[[x, y], ...]``, the board cells the accepted function
removes when given every cell of the board) are a stable interface; the other
keys are detail. ``--play`` plays one rendered game and ``--evaluate N`` N games
(reference pursuers composing the written filter vs a scripted evader) on the
board whose restricted cells are ``--restricted`` when given (the true area),
else the cells the filter forbids. Exit status 0 when a filter was accepted,
1 when none was (the answer is printed either way), 2 for bad options.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from logicdistill.cli.parsing import RestrictedOption, parse_rectangles
from logicdistill.emergency.config import WritingConfig, help_text
from logicdistill.errors import UserError
from logicdistill.games.pursuit import DEFAULT_SIZE, TEST_START_SEEDS

MAX_SIZE = 50
DEFAULT_EVERY = 5
NOT_ACCEPTED = 1


def emergency(
    description: Annotated[str, typer.Argument(metavar="DESCRIPTION", help="The new rule, in words.")],
    task: Annotated[
        str, typer.Option(metavar="TASK", help="The task (emergencies exist for pursuit).")
    ] = "pursuit",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")] = False,
    adapter: Annotated[
        str | None,
        typer.Option(metavar="DIR", help="LoRA adapter folder (default: runs/demo/ld-adapter if present)."),
    ] = None,
    model: Annotated[
        str | None, typer.Option(metavar="SPEC", help="Student model spec (default: the bundled student).")
    ] = None,
    samples: Annotated[int, typer.Option(metavar="N", min=1, help=help_text("samples"))] = 4,
    seed: Annotated[int, typer.Option(metavar="S", help=help_text("seed"))] = 0,
    retries: Annotated[
        int, typer.Option(metavar="N", min=0, help=help_text("retries"))
    ] = WritingConfig().retries,
    size: Annotated[
        int, typer.Option(metavar="N", min=3, max=MAX_SIZE, help=help_text("board_size"))
    ] = DEFAULT_SIZE,
    play: Annotated[bool, typer.Option("--play", help="Play one rendered game with the filter.")] = False,
    evaluate: Annotated[int, typer.Option(metavar="N", min=0, help="Play N games and print outcomes.")] = 0,
    restricted: RestrictedOption = None,
    evader: Annotated[
        str, typer.Option(metavar="NAME", help="Evader: optimal, greedy or random.")
    ] = "optimal",
    every: Annotated[
        int, typer.Option(metavar="K", min=1, help="With --play: show the board every K steps.")
    ] = DEFAULT_EVERY,
) -> None:
    """Have the student write a filter for a new rule, check it like every function, and show or play it."""
    from logicdistill.emergency import model as writer_model
    from logicdistill.emergency.board import describe_cells, forbidden_board
    from logicdistill.emergency.description import description_problems
    from logicdistill.emergency.writer import refused_filter, write_filter
    from logicdistill.games.pursuit_policies import EVADER_NAMES
    from logicdistill.tasks import get_task
    from logicdistill.tasks.base import TaskName

    if get_task(task).name is not TaskName.PURSUIT:
        raise UserError(f"emergencies are defined for the pursuit task, not {task!r}")
    if evader not in EVADER_NAMES:
        raise UserError(f"unknown evader {evader!r}; known: {', '.join(EVADER_NAMES)}")
    true_area = parse_rectangles(restricted)
    config = WritingConfig(samples=samples, seed=seed, retries=retries, board_size=size)
    choice = writer_model.choose_writer(adapter, model)
    problems = description_problems(description, size)
    if problems:  # refused on its text: no need to load a model
        written = refused_filter(description, config, "; ".join(problems), choice.label)
    else:
        written = write_filter(writer_model.load_writer(choice).model, description, config)
    answer = written.to_json()
    answer["model"] = choice.label
    board_cells = frozenset(true_area) if true_area else frozenset(written.forbidden_cells)
    board_note = "the --restricted area" if true_area else "the cells the filter forbids"
    if not as_json:
        typer.echo(f"model: {choice.label}")
        typer.echo(f"rule: {description.strip()}")
        _show_verdict(written, describe_cells)
        if written.accepted:
            typer.echo(f"board ({size}x{size}, # = forbidden by the filter):")
            typer.echo(forbidden_board(size, written.forbidden_cells))
    if play or evaluate:
        answer.update(_games(written, size, board_cells, board_note, play, evaluate, evader, every, as_json))
    if as_json:
        typer.echo(json.dumps(answer))
    if not written.accepted:
        raise typer.Exit(NOT_ACCEPTED)


def _show_verdict(written, describe_cells) -> None:
    total = len(written.candidates)
    if written.accepted:
        typer.echo(
            f"verdict: accepted (candidate {written.chosen + 1} of {total}); "
            f"it forbids {describe_cells(written.forbidden_cells)}"
        )
        left_open = written.named_cells_left_open
        if left_open:
            cells = ", ".join(f"({x}, {y})" for x, y in left_open)
            typer.echo(f"warning: the rule names {cells}, which the filter leaves open: it misreads the rule")
        typer.echo("function:")
        typer.echo(written.code.rstrip())
    else:
        typer.echo(f"verdict: not accepted - {written.refusal}")
    for candidate in written.rejected:
        typer.echo(f"rejected candidate {candidate.index + 1}/{total}: {'; '.join(candidate.reasons)}")


def _games(written, size, cells, note, play, evaluate, evader, every, as_json) -> dict:
    """Play the games asked for; print them unless ``as_json``; return their JSON detail."""
    from logicdistill.emergency.extend import emergency_pursuer
    from logicdistill.emergency.games import games_on, illegal_kinds, play_game, summarize
    from logicdistill.games.pursuit import PursuitConfig
    from logicdistill.games.render import PURSUIT_LEGEND, render_pursuit
    from logicdistill.reports.tables import illegal_text

    try:
        config = PursuitConfig(size=size, restricted=cells)
        games = games_on(config, TEST_START_SEEDS[: max(evaluate, 1 if play else 0)])
    except ValueError as err:
        raise UserError(str(err)) from None
    setup = emergency_pursuer(written)
    echo = (lambda text: None) if as_json else typer.echo
    echo(f"\ngames on {size}x{size} with {len(cells)} restricted cells ({note}); {setup.note}")
    detail: dict = {"chain": list(setup.chain), "fallback": setup.fallback, "board": note}
    if play:
        episode = play_game(setup, games[0], evader)
        echo(f"game: seed {games[0].seed}, vs evader {evader}; legend: {PURSUIT_LEGEND}")
        shown = sorted({*range(0, episode.steps + 1, every), episode.steps})
        for k in shown:
            echo(f"\n-- after step {k} --" if k else "\n-- start --")
            echo(render_pursuit(config, episode.states[k]))
        echo(
            f"\noutcome: {episode.outcome.value} after {episode.steps} steps"
            f" (illegal blue choices {episode.illegal})"
        )
        detail["game"] = {"seed": games[0].seed, "outcome": episode.outcome.value, "steps": episode.steps,
                          "illegal": episode.illegal}  # fmt: skip
    if evaluate:
        episodes = [play_game(setup, g, evader) for g in games[:evaluate]]
        summary = summarize(setup.pursuer.name, evader, games[:evaluate], episodes)
        echo(f"\n{evaluate} games (seeds {games[0].seed}..{games[evaluate - 1].seed}) vs evader {evader}:")
        for name in ("success", "fail_no_violation", "fail_violation"):
            rate = getattr(summary, name)
            echo(
                f"  {name}: {rate.k}/{rate.n} = {100 * rate.value:.1f}%"
                f" (95% CI {100 * rate.low:.1f}-{100 * rate.high:.1f})"
            )
        steps = summary.mean_steps
        echo(f"  mean steps of successes: {'-' if steps.value is None else f'{steps.value:.2f}'}")
        kinds = illegal_kinds(episodes)
        echo(f"  {illegal_text(kinds)}")
        detail["evaluation"] = {
            "games": evaluate,
            "evader": evader,
            "success": summary.success.k,
            "fail_no_violation": summary.fail_no_violation.k,
            "fail_violation": summary.fail_violation.k,
            "mean_steps_success": steps.value,
            "illegal": sum(e.illegal for e in episodes),
            "illegal_kinds": kinds,
        }
    return detail


def register(app: typer.Typer) -> None:
    """Add the ``emergency`` command."""
    app.command("emergency")(emergency)
