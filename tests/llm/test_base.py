"""The shared value types and checks of the model interface."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logicdistill.errors import UserError
from logicdistill.llm.base import (
    GenerationConfig,
    Message,
    Role,
    Selection,
    chat,
    check_chats,
    check_selection_inputs,
    selection_from_scores,
    truncate_at_stop,
)


def test_roles_are_the_three_players():
    assert [r.value for r in Role] == ["teacher", "student", "opponent"]
    assert Role("student") is Role.STUDENT


def test_chat_builds_messages_and_rejects_unknown_roles():
    assert chat(("system", "s"), ("user", "u")) == (Message("system", "s"), Message("user", "u"))
    with pytest.raises(UserError, match="role"):
        Message("robot", "hi")


@pytest.mark.parametrize(
    ("settings", "problem"),
    [({"max_new_tokens": 0}, "max_new_tokens"), ({"temperature": -0.1}, "temperature")],
)
def test_generation_config_rejects_bad_settings(settings, problem):
    with pytest.raises(UserError, match=problem):
        GenerationConfig(**settings)


def test_greedy_is_temperature_zero():
    assert GenerationConfig().greedy
    assert not GenerationConfig(temperature=0.5, seed=1).greedy


def test_selection_takes_the_first_of_equal_best_scores():
    assert selection_from_scores([-2.0, -1.0, -1.0]) == Selection(index=1, scores=(-2.0, -1.0, -1.0))


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=32), min_size=1, max_size=12))
def test_selection_index_is_an_argmax(scores):
    picked = selection_from_scores(scores)
    assert picked.scores[picked.index] == max(picked.scores)
    assert len(picked.scores) == len(scores)


@pytest.mark.parametrize(
    ("candidates", "problem"),
    [
        ([[]], "empty"),
        (["ab"], "not one string"),
        ([["a", ""]], "non-empty strings"),
        ([["a"], ["b"]], "2 candidate"),
    ],
)
def test_selection_inputs_are_checked(candidates, problem):
    with pytest.raises(UserError, match=problem):
        check_selection_inputs([chat(("user", "q"))], candidates)


def test_chats_must_hold_messages():
    with pytest.raises(UserError, match="no messages"):
        check_chats([()])
    with pytest.raises(UserError, match="tuple of Message"):
        check_chats([({"role": "user", "content": "x"},)])


@pytest.mark.parametrize(
    ("text", "stop", "expected"),
    [("a.b\nc", (".", "\n"), "a"), ("abc", (), "abc"), ("abc", ("x", ""), "abc"), ("ab\nc", ("\n",), "ab")],
)
def test_truncate_at_the_earliest_stop_string(text, stop, expected):
    assert truncate_at_stop(text, stop) == expected
