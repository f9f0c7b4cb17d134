"""JSON positions become the tasks' own state texts; mistakes are one-line user errors."""

from __future__ import annotations

import json

import pytest

from logicdistill.errors import UserError
from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.retrieval.states import state_text_from_json
from logicdistill.tasks import pursuit as pt
from logicdistill.tasks import twentyone as tt


def test_pursuit_position_matches_the_task_text():
    raw = {"blues": [[1, 1], [5, 5], [9, 9]], "orange": [3, 8], "dot": 2, "restricted": [[0, 5]], "step": 4}
    config = pg.PursuitConfig(restricted=frozenset({(0, 5)}))
    state = pg.PursuitState(blues=((1, 1), (5, 5), (9, 9)), orange=(3, 8), step=4)
    assert state_text_from_json("pursuit", json.dumps(raw)) == pt.state_text(config, state, 2)


def test_defaults_are_the_first_benchmark_positions():
    assert state_text_from_json("pursuit", None) == pt.state_text(pg.PursuitConfig(), pg.test_starts()[0], 0)
    first_deal = tg.deal_from_seed(tg.DEAL_SEEDS[0])
    assert state_text_from_json("twentyone", None) == tt.selection_text(first_deal, 0)


def test_twentyone_hands_and_the_deck_size_as_the_ld_student_sees_them():
    text = state_text_from_json("twentyone", json.dumps({"me": ["A", "7"], "opponent": ["K", "5"]}))
    assert "Your hand: AS 7S (total 18)" in text
    assert "Opponent's hand: KS 5S (total 15)" in text
    assert text.endswith("Deck: 22 cards left.")  # the composition is the functions' to read


@pytest.mark.parametrize(
    ("task", "state", "message"),
    [
        ("pursuit", "{", "not valid JSON"),
        ("pursuit", "[1]", "JSON object"),
        ("pursuit", '{"orange": [1, 1]}', "missing 'blues'"),
        ("pursuit", '{"blues": [[1, 1]], "orange": [3, 3]}', "3 cells"),
        ("pursuit", '{"blues": [[1, 1], [2, 2], [9, 9]], "orange": [1, 1]}', "distinct"),
        ("pursuit", '{"blues": [[1, 1], [5, 5], [9, 9]], "orange": [30, 1]}', "off the"),
        ("pursuit", '{"blues": [[1, 1], [5, 5], [9, 9]], "orange": [3, 8], "dot": 3}', "0, 1 or 2"),
        ("pursuit", '{"blues": [[1, 1], [5, 5], [9, 9]], "orange": "x"}', "two integers"),
        (
            "pursuit",
            '{"blues": [[1, 1], [5, 5], [9, 9]], "orange": [3, 8], "colour": 1}',
            "unknown state key",
        ),
        ("twentyone", '{"me": ["A", "A", "A"], "opponent": ["2"]}', "no card 'A' left"),
        ("twentyone", '{"me": ["A"]}', "missing 'opponent'"),
    ],
)
def test_bad_positions_are_user_errors(task, state, message):
    with pytest.raises(UserError, match=message):
        state_text_from_json(task, state)
