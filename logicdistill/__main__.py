"""``python -m logicdistill`` runs the command-line interface."""

from logicdistill.cli import run

run()
