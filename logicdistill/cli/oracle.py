"""``logicdistill oracle``: exact answers for a game position (a stable interface for other tools)."""

import importlib

import typer

SUBCOMMAND_MODULES = ("oracle_pursuit", "oracle_twentyone")


def register(app: typer.Typer) -> None:
    """Add the ``oracle`` group; each game's module adds its own subcommand to it."""
    group = typer.Typer(
        help="Exact optima for a position: pursuit capture time, 21-points odds.", no_args_is_help=True
    )
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(f"logicdistill.cli.{name}").register(group)
    app.add_typer(group, name="oracle")
