"""``logicdistill play``: seeded games shown as text, and one-line errors for bad input.

Also checks the text pictures of ``games/render.py`` that the command prints.
"""

from __future__ import annotations

import pytest

from logicdistill.cli import main
from logicdistill.games.pursuit import PursuitConfig, PursuitState, rectangle
from logicdistill.games.render import describe_move, render_pursuit, render_twentyone
from logicdistill.games.runner import TwentyOneMove
from logicdistill.games.twentyone import Action, Card, TwentyOneState


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def boards(out: str) -> list[str]:
    """The board pictures in the output, one string per board."""
    return [chunk.split("\n\n")[0] for chunk in out.split("\n-- ")[1:]]


# --- pursuit ----------------------------------------------------------------------


def test_pursuit_defaults_play_a_whole_game(capsys):
    code, out, err = run(capsys, "play", "pursuit")
    assert code == 0, err
    assert "blue oracle vs evader optimal | seed 1000 | 21x21 board" in out
    assert "-- start --" in out and "B1" in out and " O " in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("outcome: success after ") and "illegal blue choices 0" in last


def test_pursuit_is_seeded_and_every_k_controls_the_boards(capsys):
    args = ("play", "pursuit", "--blue", "greedy", "--evader", "random", "--size", "9", "--seed", "3")
    _, once, _ = run(capsys, *args, "--every", "1")
    _, again, _ = run(capsys, *args, "--every", "1")
    assert once == again
    steps = int(once.strip().splitlines()[-1].split(" after ")[1].split()[0])
    assert len(boards(once)) == steps + 1  # the start and every step
    _, sparse, _ = run(capsys, *args, "--every", "4")
    expected = sorted({*range(0, steps + 1, 4), steps})
    assert [b.splitlines()[0] for b in boards(sparse)] == [
        "start --" if k == 0 else f"after step {k} --" for k in expected
    ]
    _, other, _ = run(capsys, *args[:-1], "4", "--every", "1")
    assert other != once


def test_pursuit_step_limit_and_restricted_area(capsys):
    code, out, _ = run(
        capsys,
        *("play", "pursuit", "--blue", "random", "--evader", "greedy", "--size", "12"),
        *("--restricted", "0,0,2,2", "--restricted", "9,9,11,10", "--max-steps", "3", "--every", "10"),
    )
    assert code == 0
    first = boards(out)[0]
    assert first.count("#") == 9 + 6
    assert "12x12 board, 15 restricted cells | at most 3 steps" in out
    assert out.strip().splitlines()[-1].startswith("outcome: fail_no_violation after 3 steps")


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--blue", "nobody"], "nobody"),
        (["--evader", "ghost"], "ghost"),
        (["--restricted", "1,2,3"], "1,2,3"),
        (["--restricted", "a,b,c,d"], "a,b,c,d"),
        (["--restricted", "0,0,30,30"], "off the"),
        (["--size", "5", "--restricted", "0,0,4,4"], "free cells"),
        (["--size", "2"], "--size"),
        (["--size", "1000"], "--size"),
        (["--every", "0"], "--every"),
        (["--max-steps", "0"], "--max-steps"),
        (["--seed", "x"], "--seed"),
    ],
)
def test_pursuit_bad_input_is_one_line_exit_2(capsys, argv, named):
    code, out, err = run(capsys, "play", "pursuit", *argv)
    assert code == 2
    assert err.startswith("logicdistill: error:") and err.strip().count("\n") == 0
    assert named in err
    assert "outcome" not in out


# --- 21 points --------------------------------------------------------------------


def test_twentyone_known_deal(capsys):
    code, out, err = run(capsys, "play", "twentyone", "--seat1", "threshold", "--seat2", "threshold")
    assert code == 0, err
    assert "seat 1 (threshold): 2H 5H = 7" in out and "seat 2 (threshold): 10S 4S = 14" in out
    assert " 1. seat 1 (threshold) hits: draws 3S, total 10" in out
    assert " 2. seat 2 (threshold) hits: draws QS, total 24 - bust" in out
    assert out.strip().splitlines()[-1] == "result: seat 1 (threshold) victory, seat 2 (threshold) loss"


def test_twentyone_defaults_and_seeds(capsys):
    code, out, _ = run(capsys, "play", "twentyone", "--seed", "20001")
    assert code == 0 and "seat 1 (optimal) vs seat 2 (threshold) | deal seed 20001" in out
    assert out.strip().splitlines()[-1].startswith("result: ")
    _, again, _ = run(capsys, "play", "twentyone", "--seed", "20001")
    assert again == out
    _, rand, _ = run(capsys, "play", "twentyone", "--seat1", "random", "--seat2", "random", "--seed", "5")
    assert "seat 1 (random)" in rand and "result: " in rand


@pytest.mark.parametrize("argv", [["--seat1", "shark"], ["--seat2", "llm"], ["--seed", "1.5"]])
def test_twentyone_bad_input_is_one_line_exit_2(capsys, argv):
    code, _, err = run(capsys, "play", "twentyone", *argv)
    assert code == 2 and err.startswith("logicdistill: error:") and err.strip().count("\n") == 0
    assert argv[1] in err or argv[0] in err


def test_play_without_a_game_shows_help(capsys):
    code, out, _ = run(capsys, "play")
    assert code == 0 and "pursuit" in out and "twentyone" in out


# --- the pictures -------------------------------------------------------------------


def test_pursuit_board_marks_each_piece_and_shared_cells():
    config = PursuitConfig(size=5, restricted=rectangle(3, 0, 4, 1))
    state = PursuitState(blues=((0, 4), (2, 2), (2, 2)), orange=(4, 4), step=7, illegal=2)
    lines = render_pursuit(config, state).splitlines()
    assert lines[0] == "4 | B1 .  .  .  O"  # top row is y = 4
    assert lines[2] == "2 | .  .  *2 .  ."
    assert lines[4] == "0 | .  .  .  #  #"
    assert lines[6] == "    0  1  2  3  4"
    assert lines[7] == "step 7/100 | illegal 2 (ends above 7) | B1(0,4) B2(2,2) B3(2,2) O(4,4) | in play"


def test_twentyone_pictures():
    state = TwentyOneState(
        hands=((Card("A", "S"), Card("K", "H")), (Card("9", "S"), Card("9", "H"))),
        deck=(Card("2", "S"),),
        stood=(True, False),
        to_move=1,
    )
    text = render_twentyone(state)
    assert text.splitlines() == [
        "seat 1: AS KH = 21 (stood)",
        "seat 2: 9S 9H = 18",
        "deck: 1 card left (order hidden)",
        "to move: seat 2",
    ]
    said = TwentyOneMove(seat=1, said="fold", played=Action.STAND, illegal=True, card=None, total=18)
    assert describe_move(said) == "seat 2 said 'fold': illegal, played as stand at 18"
    empty = TwentyOneMove(seat=0, said="hit", played=Action.STAND, illegal=False, card=None, total=12)
    assert describe_move(empty) == "seat 1 hits on an empty deck: played as stand at 12"
