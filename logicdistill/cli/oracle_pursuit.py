"""Placeholder for the ``oracle_pursuit`` subcommand (being written)."""

import typer


def register(group: typer.Typer) -> None:
    """Add this game's subcommand to the ``oracle`` group."""
