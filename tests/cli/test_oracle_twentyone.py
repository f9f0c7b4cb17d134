"""``logicdistill oracle twentyone``: the JSON interface, the human line, one-line errors."""

from __future__ import annotations

import json

import pytest

from logicdistill.cli import main
from logicdistill.games.twentyone_oracle import solve
from logicdistill.games.twentyone_policies import make_opponent


def _run(capsys, state: dict | str, *extra: str) -> tuple[int, str, str]:
    text = state if isinstance(state, str) else json.dumps(state)
    code = main(["oracle", "twentyone", "--state", text, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_matches_the_library(capsys):
    state = {
        "me": ["A", "10"],
        "opponent": ["5", "7"],
        "to_move": "me",
        "me_stood": False,
        "opponent_stood": False,
    }
    code, out, _ = _run(capsys, state, "--opponent", "threshold", "--json")
    assert code == 0
    got = json.loads(out)
    assert set(got) == {"win", "draw", "loss", "action"}
    expected = solve(["A", "10"], ["5", "7"], "me", False, False, make_opponent("threshold"))
    assert (got["win"], got["draw"], got["loss"]) == (
        expected.odds.win,
        expected.odds.draw,
        expected.odds.loss,
    )
    assert got["action"] == "stand"


def test_stood_on_20_against_16_counted_by_hand(capsys):
    state = {"me": ["10", "K"], "opponent": ["9", "7"], "to_move": "opponent", "me_stood": True}
    code, out, _ = _run(capsys, state, "--json")
    got = json.loads(out)
    assert code == 0 and got["action"] is None
    assert got["win"] == pytest.approx(18 / 22) and got["draw"] == pytest.approx(2 / 22)


def test_defaults_and_human_line(capsys):
    code, out, _ = _run(capsys, {"me": ["10", "6"], "opponent": ["9", "8"]}, "--opponent", "random")
    assert code == 0
    assert out.startswith("against random: win ") and "best action: " in out
    assert out.count("\n") == 1


def test_optimal_opponent_is_known_too(capsys):
    code, out, _ = _run(
        capsys, {"me": ["10", "6"], "opponent": ["9", "8"]}, "--opponent", "optimal", "--json"
    )
    got = json.loads(out)
    assert code == 0 and got["action"] in ("hit", "stand")
    assert got["win"] + got["draw"] + got["loss"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("state", "extra", "needle"),
    [
        ("{not json", (), "not valid JSON"),
        ("[1, 2]", (), "JSON object"),
        ({"me": ["A"], "opponent": ["5"], "dealer": []}, (), "unknown state key(s) 'dealer'"),
        ({"me": ["A", "Z"], "opponent": ["5"]}, (), "unknown card rank 'Z'"),
        ({"me": ["7", "7"], "opponent": ["7"]}, (), "rank '7' is used 3 times"),
        ({"me": ["A"], "opponent": ["5"]}, ("--opponent", "dealer"), "unknown opponent 'dealer'"),
        ({"me": ["A"], "opponent": ["5"], "to_move": "dealer"}, (), "to_move must be"),
        ({"me": ["A"]}, (), "missing 'opponent'"),
        ({"me": "A", "opponent": ["5"]}, (), "list of card ranks"),
        ({"me": ["A"], "opponent": ["5"], "me_stood": "yes"}, (), "true or false"),
        ({"me": ["A"], "opponent": ["5"], "me_stood": True}, (), "has stood"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, state, extra, needle):
    code, out, err = _run(capsys, state, *extra)
    assert code == 2 and out == ""
    assert err.startswith("logicdistill: error:") and err.strip().count("\n") == 0
    assert needle in err
