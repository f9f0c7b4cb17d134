"""The CLI's shared error handling: user mistakes are one line and exit status 2."""

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
