"""``logicdistill emergency``: the stable JSON answer, the text view, games, refusals and one-line errors.

The student is replaced by a scripted fake (``load_writer`` patched), so these
tests are fast; the real student is exercised in tests/emergency/test_student.py.
"""

from __future__ import annotations

import json

import pytest

from logicdistill.cli import main
from logicdistill.emergency import model as writer_model
from logicdistill.games.pursuit import rectangle
from logicdistill.llm.fake import FakeLanguageModel
from tests.emergency import sources

RULE = "the rectangle with corners (3, 3) and (5, 6) is restricted; no dot may enter it."
AREA = (3, 3, 5, 6)


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # no runs/demo/ld-adapter here


def use_replies(monkeypatch, *replies: str) -> FakeLanguageModel:
    fake = FakeLanguageModel(list(replies))
    choice = writer_model.WriterChoice("fake", None, "fake student")
    monkeypatch.setattr(
        writer_model, "load_writer", lambda adapter=None, student=None: writer_model.WriterModel(fake, choice)
    )
    return fake


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_answer_is_the_stable_object(capsys, monkeypatch):
    use_replies(monkeypatch, sources.chatty(sources.area_filter(*AREA)))
    code, out, err = run(capsys, "emergency", RULE, "--task", "pursuit", "--json", "--samples", "1")
    assert code == 0, err
    data = json.loads(out)
    assert data["accepted"] is True
    assert data["code"] == sources.area_filter(*AREA)
    assert data["forbidden_cells"] == [[x, y] for x, y in sorted(rectangle(*AREA))]
    assert "smollm2-135m (untuned" in data["model"]


def test_json_answer_when_nothing_is_accepted(capsys, monkeypatch):
    use_replies(monkeypatch, sources.LOOPING, sources.ESCAPING_IMPORT)
    code, out, _ = run(capsys, "emergency", RULE, "--json", "--samples", "2", "--retries", "0")
    data = json.loads(out)
    assert code == 1
    assert data["accepted"] is False and data["code"] == "" and data["forbidden_cells"] == []
    assert [c["passed"] for c in data["candidates"]] == [False, False] and "time budget" in data["refusal"]


def test_text_view_shows_model_function_verdict_and_board(capsys, monkeypatch):
    use_replies(monkeypatch, sources.NO_CODE, sources.area_filter(*AREA))
    code, out, _ = run(capsys, "emergency", RULE, "--samples", "2", "--size", "9")
    assert code == 0
    assert "model: smollm2-135m (untuned: no LD adapter at runs/demo/ld-adapter)" in out
    assert "verdict: accepted (candidate 2 of 2)" in out and "rejected candidate 1/2" in out
    assert sources.area_filter(*AREA).strip() in out
    rows = {line.split("|")[0].strip(): line.split("|")[1] for line in out.splitlines() if "|" in line}
    for y in range(9):
        marks = rows[str(y)].split()
        assert [x for x, mark in enumerate(marks) if mark == "#"] == (
            list(range(AREA[0], AREA[2] + 1)) if AREA[1] <= y <= AREA[3] else []
        )


def test_a_filter_that_leaves_a_named_corner_open_is_flagged(capsys, monkeypatch):
    use_replies(monkeypatch, sources.area_filter(3, 3, 4, 6), sources.area_filter(3, 3, 4, 6))
    code, out, _ = run(capsys, "emergency", RULE, "--samples", "1", "--retries", "0", "--size", "9")
    assert code == 0 and "warning: the rule names (5, 6), which the filter leaves open" in out
    code, out, _ = run(capsys, "emergency", RULE, "--samples", "1", "--retries", "0", "--size", "9", "--json")
    assert json.loads(out)["named_cells_left_open"] == [[5, 6]]


def test_evaluate_plays_the_games_on_the_true_area(capsys, monkeypatch):
    use_replies(monkeypatch, sources.area_filter(*AREA))
    code, out, _ = run(
        capsys, "emergency", RULE, "--json", "--samples", "1", "--size", "11", "--evaluate", "3",
        "--restricted", "3,3,5,6", "--evader", "greedy",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0
    evaluation = data["evaluation"]
    total = evaluation["success"] + evaluation["fail_no_violation"] + evaluation["fail_violation"]
    assert total == evaluation["games"] == 3 and evaluation["illegal"] == 0
    assert data["named_cells_left_open"] == []
    assert data["chain"][1] == "filter_emergency_area" and data["fallback"] is False


def test_play_renders_a_game_and_evaluate_prints_outcomes(capsys, monkeypatch):
    use_replies(monkeypatch, sources.area_filter(*AREA))
    code, out, _ = run(
        capsys, "emergency", RULE, "--samples", "1", "--size", "11", "--play", "--evaluate", "2",
        "--evader", "greedy", "--every", "50",
    )  # fmt: skip
    assert code == 0
    assert "-- start --" in out and "\noutcome: " in out and "2 games (seeds 1000..1001)" in out
    assert "success: " in out and "fail_violation: " in out


def test_without_a_filter_play_falls_back_and_says_so(capsys, monkeypatch):
    use_replies(monkeypatch, sources.LOOPING)
    code, out, _ = run(capsys, "emergency", RULE, "--samples", "1", "--retries", "0", "--size", "11",
                       "--evaluate", "1", "--restricted", "3,3,5,6", "--evader", "greedy")  # fmt: skip
    assert code == 1
    assert "verdict: not accepted" in out and "falling back to the base chain" in out and "success: " in out
    assert "illegal blue choices: " in out


def test_the_fallback_chain_sends_dots_into_the_area_and_the_evaluation_says_so(capsys, monkeypatch):
    use_replies(monkeypatch, sources.LOOPING)
    code, out, _ = run(
        capsys, "emergency", RULE, "--json", "--samples", "1", "--retries", "0", "--size", "11",
        "--evaluate", "4", "--restricted", "3,3,5,6", "--evader", "greedy",
    )  # fmt: skip
    evaluation = json.loads(out)["evaluation"]
    assert code == 1 and evaluation["illegal"] > 0
    assert evaluation["illegal_kinds"] == {"no move": 0, "off board": 0, "restricted": evaluation["illegal"],
                                           "too far": 0, "onto evader": 0}  # fmt: skip


def test_a_refused_description_loads_no_model(capsys, monkeypatch):
    def boom(choice):
        raise AssertionError("the model must not be loaded for a refused description")

    monkeypatch.setattr(writer_model, "load_writer", boom)
    code, out, _ = run(capsys, "emergency", "please delete all files in the home folder at (1, 1)", "--json")
    data = json.loads(out)
    assert code == 1 and data["accepted"] is False and "harmful" in data["refusal"]
    assert "untuned" in data["model"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--task", "twentyone"], "pursuit task"),
        (["--task", "chess"], "unknown task"),
        (["--adapter", "no/such/folder"], "does not exist"),
        (["--restricted", "1,2,3"], "restricted rectangle"),
        (["--samples", "0"], "samples"),
        (["--evaluate", "1", "--evader", "nobody"], "unknown evader"),
    ],
)
def test_bad_options_are_one_line_errors(capsys, monkeypatch, argv, message):
    use_replies(monkeypatch, sources.area_filter(*AREA))
    code, _, err = run(capsys, "emergency", RULE, *argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
