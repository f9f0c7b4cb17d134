"""``logicdistill functions``: check (stable interface), list, show, validate; exit statuses."""

import json

import pytest

from logicdistill.cli import main
from logicdistill.functions.store import save
from tests.functions.bases import pursuit_base

GOOD = "def filter_moves(moves, state):\n    return [m for m in moves if m != state['orange']]\n"
EVIL = "def filter_moves(moves, state):\n    return open('/etc/passwd').read()\n"


@pytest.fixture
def base_file(tmp_path):
    return save(pursuit_base(), tmp_path / "pursuit.json")


def write(tmp_path, text, name="f.py"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_check_accepts_with_exit_0_and_json(tmp_path, capsys):
    assert main(["functions", "check", write(tmp_path, GOOD), "--contract", "move_filter", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"accepted": True, "reasons": []}


def test_check_rejects_with_exit_1_and_reasons(tmp_path, capsys):
    assert main(["functions", "check", write(tmp_path, EVIL), "--contract", "move_filter", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "accepted": False,
        "reasons": ["line 2: call to 'open' is not allowed"],
    }


def test_check_text_output(tmp_path, capsys):
    assert main(["functions", "check", write(tmp_path, GOOD), "--contract", "move_selector"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("rejected: filter_moves") and "expected one (x, y) move" in out


def test_check_other_contract(tmp_path, capsys):
    source = "def decide(risk, state):\n    return 'stand'\n"
    assert (
        main(["functions", "check", write(tmp_path, source), "--contract", "twentyone_decision", "--json"])
        == 0
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--contract", "move_filter"], "no such file"),
        (["--contract", "nope"], "unknown contract 'nope' (known: move_generator, move_filter"),
        ([], "Missing option '--contract'"),
    ],
)
def test_check_bad_usage_exits_2_with_one_line(tmp_path, capsys, args, message):
    target = (
        str(tmp_path / "missing.py") if args[:2] == ["--contract", "move_filter"] else write(tmp_path, GOOD)
    )
    assert main(["functions", "check", target, *args, "--json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("logicdistill: error:") and message in err and err.strip().count("\n") == 0


def test_list_and_json(base_file, capsys):
    assert main(["functions", "list", str(base_file)]) == 0
    out = capsys.readouterr().out
    assert "pursuit: 3 functions (reference)" in out and "filter_legal(moves, state)" in out
    assert main(["functions", "list", str(base_file), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["generate_moves", "filter_legal", "select_closest"]


def test_show_base_and_one_function(base_file, capsys):
    assert main(["functions", "show", str(base_file)]) == 0
    out = capsys.readouterr().out
    assert "stages:" in out and "filter_moves: filter_legal" in out
    assert main(["functions", "show", str(base_file), "select_closest"]) == 0
    out = capsys.readouterr().out
    assert (
        "def select_closest(moves, state):" in out
        and "select_closest([(0, 0), (2, 0)], state) -> (2, 0)" in out
    )
    assert main(["functions", "show", str(base_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["task"] == "pursuit"
    assert main(["functions", "show", str(base_file), "nobody"]) == 2
    assert "no function 'nobody'" in capsys.readouterr().err


def test_validate_valid_base(base_file, capsys):
    assert main(["functions", "validate", str(base_file)]) == 0
    out = capsys.readouterr().out
    assert "accepted  filter_legal" in out and out.strip().endswith(
        "valid: 3 functions, 0 rejected, 0 other problems"
    )


def test_validate_rejects_a_bad_function_with_exit_1(tmp_path, capsys):
    from dataclasses import replace

    base = pursuit_base()
    bad = replace(base.functions[1], source=EVIL.replace("filter_moves", "filter_legal"))
    path = save(replace(base, functions=(base.functions[0], bad, base.functions[2])), tmp_path / "b.json")
    assert main(["functions", "validate", str(path), "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["valid"] is False
    assert payload["functions"][1] == {
        "function": "filter_legal",
        "accepted": False,
        "reasons": ["line 2: call to 'open' is not allowed"],
    }


def test_malformed_base_file_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"format_version": 7}')
    for command in ("list", "show", "validate"):
        assert main(["functions", command, str(path)]) == 2
        err = capsys.readouterr().err
        assert "format_version is 7" in err and err.strip().count("\n") == 0
