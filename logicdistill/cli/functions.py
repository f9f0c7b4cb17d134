"""Placeholder for ``logicdistill functions`` (being written)."""

import typer


def register(app: typer.Typer) -> None:
    """Add the ``functions`` command(s) to ``app``."""
