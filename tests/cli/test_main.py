"""The CLI's shared error handling: user mistakes are one line and exit status 2, interruptions 130."""

import os
import signal
import time

import typer

from logicdistill import cli
from logicdistill.cli import main


def test_help_exits_zero(capsys):
    assert main(["--help"]) == 0
    assert "Logic Distillation" in capsys.readouterr().out


def test_unknown_command_is_one_line_exit_2(capsys):
    assert main(["no-such-command"]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0
    assert "no-such-command" in err


def test_unknown_option_is_one_line_exit_2(capsys):
    assert main(["--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("logicdistill: error:") and err.strip().count("\n") == 0


def test_a_terminate_signal_interrupts_a_command_as_ctrl_c_does(monkeypatch, capsys):
    app = typer.Typer()

    @app.command()
    def wait() -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)  # the handler raises before this returns

    monkeypatch.setattr(cli, "build_app", lambda: app)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        cli.interrupt_on_terminate()
        started = time.monotonic()
        assert main([]) == 130
        assert time.monotonic() - started < 10
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert "logicdistill: interrupted" in capsys.readouterr().err
