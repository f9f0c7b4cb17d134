"""Placeholder for ``logicdistill teach`` (being written)."""

import typer


def register(app: typer.Typer) -> None:
    """Add the ``teach`` command(s) to ``app``."""
