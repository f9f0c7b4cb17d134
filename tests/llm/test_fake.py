"""The scripted fake model shipped for tests of code that calls a LanguageModel."""

from __future__ import annotations

import pytest

from logicdistill.llm import FakeLanguageModel, GenerationConfig, LanguageModel, Role, chat

ASK = chat(("user", "one two three"))


def test_scripted_answers_are_used_in_order_and_recorded(meter):
    fake = FakeLanguageModel(["first. rest", "second"], meter=meter, role=Role.OPPONENT)
    assert isinstance(fake, LanguageModel)
    assert fake.generate([ASK, ASK], GenerationConfig(stop=(".",))) == ["first", "second"]
    assert fake.seen == [ASK, ASK]
    assert fake.remaining == 0
    usage = meter.report().opponent
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (2, 6, 2)
    with pytest.raises(RuntimeError, match="ran out of scripted answers"):
        fake.generate([ASK])


def test_a_function_answers_every_chat(meter):
    fake = FakeLanguageModel(lambda c: c[-1].content.upper(), meter=meter)
    assert fake.generate([ASK, chat(("user", "x"))]) == ["ONE TWO THREE", "X"]


def test_selection_follows_the_rule_with_the_choice_scored_highest(meter):
    fake = FakeLanguageModel(select_rule=lambda c, options: options.index("b"), meter=meter)
    [picked] = fake.select([ASK], [["a", "b", "c"]])
    assert picked.index == 1
    assert max(picked.scores) == picked.scores[1] == 0.0


def test_default_selection_is_the_first_candidate_and_bad_rules_fail(meter):
    assert FakeLanguageModel(meter=meter).select([ASK], [["x", "y"]])[0].index == 0
    with pytest.raises(ValueError, match="returned 5"):
        FakeLanguageModel(select_rule=lambda c, o: 5, meter=meter).select([ASK], [["x"]])
