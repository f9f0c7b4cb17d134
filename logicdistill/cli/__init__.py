"""The ``logicdistill`` command: one Typer app, one module per command group.

``main(argv) -> int`` never lets a user mistake escape as a traceback:
:class:`~logicdistill.errors.UserError` and Click usage errors become one
line on stderr and exit status 2; Ctrl-C, and under the console script a
SIGTERM too, end a command as "interrupted" with status 130 (what it wrote so far
stays, to be resumed). Each command module keeps its heavy
imports inside the command bodies so that ``--help`` stays fast.
"""

from __future__ import annotations

import signal
import sys

import typer

# Typer 0.29 vendors Click; its exception classes live here (typer is pinned in pyproject.toml).
from typer._click import exceptions as click_errors

from logicdistill.errors import UserError

INTERRUPTED = 130  # the exit status of an interrupted command (128 + SIGINT)

COMMAND_MODULES = (
    "demo",
    "play",
    "oracle",
    "functions",
    "teach",
    "retrieve",
    "emergency",
    "benchmark",
    "train",
)


def build_app() -> typer.Typer:
    import importlib

    app = typer.Typer(
        name="logicdistill",
        help="Logic Distillation: small models that decide like large ones by selecting code functions.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    for name in COMMAND_MODULES:
        importlib.import_module(f"logicdistill.cli.{name}").register(app)
    return app


def main(argv: list[str] | None = None) -> int:
    """Run the CLI on ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    command = typer.main.get_command(build_app())
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        obj = {"argv": argv}  # the command line as given, for reports that name their command
        result = command.main(args=argv, prog_name="logicdistill", standalone_mode=False, obj=obj)
    except UserError as err:
        print(f"logicdistill: error: {err}", file=sys.stderr)
        return 2
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        print("logicdistill: interrupted", file=sys.stderr)
        return INTERRUPTED
    except click_errors.NoArgsIsHelpError as shown:
        print(shown.format_message())
        return 0
    except click_errors.UsageError as err:
        print(f"logicdistill: error: {err.format_message()}", file=sys.stderr)
        return 2
    except click_errors.ClickException as err:
        print(f"logicdistill: error: {err.format_message()}", file=sys.stderr)
        return err.exit_code
    if result == INTERRUPTED:  # Typer's answer to Ctrl-C when not in standalone mode
        print("logicdistill: interrupted", file=sys.stderr)
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    interrupt_on_terminate()
    sys.exit(main())


def interrupt_on_terminate() -> None:
    """Let SIGTERM (``kill``, a scheduler stopping a job) interrupt a command as Ctrl-C does."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
