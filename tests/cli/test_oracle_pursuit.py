"""``logicdistill oracle pursuit``: the JSON interface, the summary, and one-line errors for bad input."""

from __future__ import annotations

import json

import pytest

from logicdistill.cli import main
from logicdistill.paths import CACHE_ENV

SPEC_EXAMPLE = ["--blue", "0,9", "0,11", "20,10", "--orange", "0,10"]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))


def _run_json(capsys, args):
    assert main(["oracle", "pursuit", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_spec_example_json(capsys):
    out = _run_json(capsys, SPEC_EXAMPLE)
    assert out["capture_time"] == 15
    assert out["per_blue"] == [1, 1, 15]
    assert out["lower_bound"] == 10
    assert out["size"] == 21 and out["restricted_cells"] == 0


def test_restricted_rectangles_are_repeatable_and_counted(capsys):
    out = _run_json(capsys, [*SPEC_EXAMPLE, "--restricted", "5,5,9,9", "--restricted", "14,3,12,4"])
    assert out["restricted_cells"] == 25 + 6
    assert out["capture_time"] >= out["lower_bound"] >= 1


def test_small_board(capsys):
    """Each corner is 4 away from the centre: T1 = 2 (one move to distance 2, evader steps, capture)."""
    out = _run_json(capsys, ["--blue", "0,0", "4,0", "4,4", "--orange", "2,2", "--size", "5"])
    assert out["size"] == 5 and out["per_blue"] == [2, 2, 2] and out["capture_time"] == 2


def test_unreachable_capture_is_null(capsys):
    walls = ["--restricted", "2,0,3,3", "--restricted", "0,2,3,3"]
    out = _run_json(capsys, ["--blue", "5,5", "6,6", "1,0", "--orange", "0,0", "--size", "7", *walls])
    assert out["capture_time"] is None and out["per_blue"][2] == 1 and out["lower_bound"] is None


def test_human_summary(capsys):
    assert main(["oracle", "pursuit", *SPEC_EXAMPLE]) == 0
    out = capsys.readouterr().out
    assert "15 blue moves" in out and "lower bound: 10" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--blue", "0,9", "0,11", "20", "--orange", "0,10"], "'20' is not X,Y"),
        (["--blue", "0,9", "0,11", "20,10", "--orange", "a,b"], "'a,b' is not X,Y"),
        (["--blue", "0,9", "0,11", "20,10,1", "--orange", "0,10"], "is not X,Y"),
        (["--blue", "0,9", "0,11", "20,10", "--orange", "0,21"], "off the 21x21 board"),
        (["--blue", "0,9", "0,11", "20,10", "--orange", "0,10", "--size", "2"], "size must be"),
        (["--blue", "0,9", "0,11", "0,11", "--orange", "0,10"], "distinct"),
        (["--blue", "0,9", "0,11", "20,10", "--orange", "0,9"], "distinct"),
        (["--blue", "0,9", "0,11", "20,10", "--orange", "0,10", "--restricted", "19,9,20,11"], "restricted"),
        (["--blue", "0,9", "0,11", "1,10", "--orange", "0,10"], "already a capture"),
        (["--blue", "0,9", "0,11", "20,10", "--orange", "0,10", "--restricted", "1,2,3"], "X0,Y0,X1,Y1"),
        (["--blue", "0,9", "0,11", "20,10", "--orange", "0,10", "--restricted", "0,0,30,1"], "off the"),
        (["--blue", "0,9", "0,11", "--orange", "0,10"], "orange"),
        (["--blue", "0,9", "0,11", "20,10", "--orange", "0,10", "--size", "big"], "--size"),
    ],
    ids=[
        "short-blue",
        "letters",
        "three-numbers",
        "off-board",
        "tiny-board",
        "blues-overlap",
        "orange-on-blue",
        "inside-restricted",
        "captured",
        "bad-rectangle",
        "rectangle-off-board",
        "two-blues",
        "size-not-int",
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, args, needle):
    assert main(["oracle", "pursuit", *args, "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert err.startswith("logicdistill: error:") and "\n" not in err
    assert needle in err
