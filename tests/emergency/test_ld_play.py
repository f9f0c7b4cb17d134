"""Table 2's LD row: the written filter takes the area slot and a scripted student picks the chain."""

from __future__ import annotations

import re

import pytest

from logicdistill.emergency import WritingConfig, write_filter
from logicdistill.emergency.ld_play import AREA_SLOT, with_written_area_filters, without_function
from logicdistill.emergency.table2 import LD_ROW_LABEL, run_table2
from logicdistill.errors import UserError
from logicdistill.games.pursuit import Outcome
from logicdistill.llm.base import Chat
from logicdistill.llm.fake import FakeLanguageModel
from logicdistill.reference import load_reference
from logicdistill.reference.catalog import FILTER_VALID_MOVES, SELECT_BEST_MOVE
from tests.emergency.sources import LOOPING, area_filter

N = 2
ONE = WritingConfig(samples=1)
CHAIN = ("candidate_moves", AREA_SLOT, FILTER_VALID_MOVES, SELECT_BEST_MOVE)


def chain_rule(chat: Chat, candidates) -> int:
    """The trained behaviour: the next function of the chain not run yet (the first candidate if absent)."""
    done = re.search(r"already run in this decision: (.*)\.", chat[-1].content).group(1).split(", ")
    want = next(name for name in CHAIN if name not in done)
    return candidates.index(want) if want in candidates else 0


def student(write):
    return FakeLanguageModel(write, chain_rule)


def reader(chat: Chat) -> str:
    pairs = re.findall(r"\((\d+), (\d+)\)", chat[-1].content)
    x0, y0, x1, y1 = (int(v) for pair in pairs[:2] for v in pair)
    return area_filter(x0, y0, x1, y1)


def test_the_written_filter_takes_the_area_slot_and_the_manual_stays():
    base = load_reference("pursuit")
    written = write_filter(FakeLanguageModel([area_filter(8, 8, 12, 12)]), "cells 8..12 are closed", ONE)
    [extended] = with_written_area_filters(base, [written])
    assert [f.name for f in extended.functions] == [f.name for f in base.functions]
    assert "8 <= " in extended.function(AREA_SLOT).source and extended.manual == base.manual
    smaller = without_function(base, AREA_SLOT)
    assert AREA_SLOT not in {f.name for f in smaller.functions}
    assert all(AREA_SLOT not in guide.functions for guide in smaller.manual.stages)
    with pytest.raises(UserError, match="no 'filter_restricted_area'"):
        with_written_area_filters(smaller, [written])


def test_the_student_writes_then_selects_and_plays_without_violations():
    run = run_table2(student(reader), ONE, n=N, student_selects=True)
    assert run.correct == N and run.summary.agent == LD_ROW_LABEL
    assert all(e.illegal == 0 for e in run.episodes)
    assert run.summary.fail_violation.k == 0
    assert run.summary.success.k == sum(e.outcome is Outcome.SUCCESS for e in run.episodes) == N


def test_no_admitted_filter_plays_without_an_area_filter_and_counts_violations_not_crashes():
    run = run_table2(student(lambda chat: LOOPING), ONE, n=N, student_selects=True)
    assert all(not w.accepted for w in run.written) and len(run.episodes) == N
    assert run.summary.n == N
