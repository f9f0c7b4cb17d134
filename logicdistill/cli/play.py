"""``logicdistill play``: placeholder, filled in by the foundation work."""

import typer


def register(app: typer.Typer) -> None:
    """Add the ``play`` command(s) to ``app``."""
