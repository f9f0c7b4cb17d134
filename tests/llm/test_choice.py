"""Numbered-option selection over HTTP: the question, the logprob read and the written-answer check."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from logicdistill.llm import Message, chat
from logicdistill.llm.choice import ABSENT, choice_chat, label_scores, parse_choice, reminder_chat


def test_options_join_the_last_user_turn():
    asked = choice_chat(chat(("system", "rules"), ("user", "state")), ["f", "g"])
    assert asked[0] == Message("system", "rules")
    assert asked[1].content.startswith("state\n\nOptions:\n1. f\n2. g\n")
    assert len(asked) == 2


def test_options_open_a_user_turn_when_the_chat_does_not_end_with_one():
    asked = choice_chat(chat(("system", "rules")), ["f"])
    assert asked[-1].role == "user" and "1. f" in asked[-1].content


def test_reminder_keeps_the_bad_answer():
    asked = choice_chat(chat(("user", "q")), ["f", "g"])
    again = reminder_chat(asked, "dunno", 2)
    assert again[-2] == Message("assistant", "dunno") and "from 1 to 2" in again[-1].content


def test_label_scores_merge_spelling_variants_and_mark_absent_labels():
    scores = label_scores([("1", math.log(0.5)), (" 1", math.log(0.25)), ("3", -2.0), ("x", -0.1)], 3)
    assert scores is not None
    assert scores[0] == math.log(0.75) or abs(scores[0] - math.log(0.75)) < 1e-12
    assert scores[1] == ABSENT and scores[2] == -2.0


def test_label_scores_is_none_when_no_label_is_listed():
    assert label_scores([("The", -0.1), ("9", -1.0)], 3) is None


@given(st.integers(1, 30), st.data())
def test_a_written_number_selects_that_option(count, data):
    k = data.draw(st.integers(1, count))
    options = [f"option_{i}" for i in range(count)]
    assert parse_choice(f"{k}", options) == k - 1
    assert parse_choice(f"I pick option {k}.", options) == k - 1
    assert parse_choice(f"{count + 1}", options) is None


def test_a_quoted_option_name_selects_it_only_when_unambiguous():
    assert parse_choice("I would call go_north here", ["go_north", "go_south"]) == 0
    assert parse_choice("go_north or go_south", ["go_north", "go_south"]) is None
    assert parse_choice("no idea", ["a_b", "c_d"]) is None
