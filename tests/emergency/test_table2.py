"""Table 2 with written filters, on a few games, with scripted students that read the rule right or wrong."""

from __future__ import annotations

import re

from logicdistill.emergency import WritingConfig
from logicdistill.emergency.table2 import area_description, run_table2, seeds_used, table2_games
from logicdistill.games.pursuit import Outcome, rectangle
from logicdistill.llm.base import Chat
from logicdistill.llm.fake import FakeLanguageModel
from tests.emergency.sources import LOOPING, area_filter

N = 4
ONE = WritingConfig(retries=0, samples=1)


def corners(chat: Chat) -> tuple[int, ...]:
    pairs = re.findall(r"\((\d+), (\d+)\)", chat[-1].content)
    return tuple(int(v) for pair in pairs[:2] for v in pair)


def reader(shrink: int = 0):
    """A student writing the filter of the corners in the rule, ``shrink`` cells narrower on the right."""

    def answer(chat: Chat) -> str:
        x0, y0, x1, y1 = corners(chat)
        return area_filter(x0, y0, x1 - shrink, y1)

    return FakeLanguageModel(answer)


def test_descriptions_name_the_area_of_each_game():
    for game in table2_games(N):
        text = area_description(game.config.restricted)
        x0, y0, x1, y1 = (int(v) for v in re.findall(r"\d+", text)[2:6])
        assert rectangle(x0, y0, x1, y1) == game.config.restricted and text.startswith("a 5x5 ")


def test_right_filters_play_without_violations():
    run = run_table2(reader(), ONE, n=N)
    assert run.correct == N
    assert all(e.illegal == 0 for e in run.episodes)
    assert run.summary.n == N and run.summary.fail_violation.k == 0
    assert run.summary.success.k == sum(e.outcome is Outcome.SUCCESS for e in run.episodes)
    assert seeds_used(run.games)["start_seeds"] == [g.seed for g in table2_games(N)]


def test_wrong_and_missing_filters_are_counted_not_crashed():
    wrong = run_table2(reader(shrink=2), ONE, n=N)
    assert wrong.correct == 0
    missing = run_table2(FakeLanguageModel(lambda chat: LOOPING), ONE, n=N)
    assert missing.correct == 0 and all(not w.accepted for w in missing.written)
    assert len(missing.episodes) == N
