"""Table 2's LD row: a scripted student writes each filter, then picks the chain; games in lock-step."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from logicdistill.agents.registry import Models
from logicdistill.emergency import WritingConfig, write_filter
from logicdistill.emergency.ld_play import AREA_SLOT, with_written_area_filters, without_area_filter
from logicdistill.errors import UserError
from logicdistill.evaluation.benchmark import Plan, run_plan
from logicdistill.functions.guard import GuardedFunction
from logicdistill.games.pursuit import rectangle
from logicdistill.llm.base import Chat
from logicdistill.llm.fake import FakeLanguageModel
from logicdistill.reference import load_reference
from logicdistill.reference.catalog import FILTER_VALID_MOVES, SELECT_BEST_MOVE
from logicdistill.tasks.base import Contract, TaskName
from tests.emergency.sources import LOOPING, area_filter

N = 2
ONE = WritingConfig(retries=0, samples=1)
CHAIN = ("candidate_moves", AREA_SLOT, FILTER_VALID_MOVES, SELECT_BEST_MOVE)


def chain_rule(chat: Chat, candidates) -> int:
    """The trained behaviour: the next function of the chain not run yet (the first candidate if absent)."""
    done = re.search(r"Run so far: (.*)\.", chat[-1].content).group(1).split(", ")
    want = next(name for name in CHAIN if name not in done)
    return candidates.index(want) if want in candidates else 0


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
    smaller = replace(base, functions=tuple(f for f in base.functions if f.name != AREA_SLOT))
    with pytest.raises(UserError, match="no 'filter_restricted_area'"):
        with_written_area_filters(smaller, [written])


def test_without_a_filter_the_area_slot_keeps_every_move():
    open_slot = without_area_filter(load_reference("pursuit")).function(AREA_SLOT)
    moves = sorted(rectangle(0, 0, 3, 3))
    state = {"restricted": [[1, 1]], "size": 21}
    assert GuardedFunction(AREA_SLOT, open_slot.source, Contract.MOVE_FILTER)(moves, state).value == moves


def _benchmark(tmp_path, write):
    """The benchmark's Table 2 LD row on the first N restricted starts, with a scripted student."""
    adapter = tmp_path / "ld-adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text("{}")
    models = Models(ld_adapters={TaskName.PURSUIT: adapter})
    models._cache[(models.student, str(adapter))] = FakeLanguageModel(write, chain_rule)
    plan = Plan(agents=("ld",), tables=("pursuit-restricted",), evaders=("optimal",), pursuit_limit=N)
    [row] = run_plan(plan, models, tmp_path / "out")
    path = tmp_path / "out" / "episodes" / "pursuit-restricted-ld-vs-optimal.jsonl"
    return row, [json.loads(line) for line in path.read_text().splitlines()]


def test_the_student_writes_then_selects_and_plays_without_violations(tmp_path):
    row, records = _benchmark(tmp_path, reader)
    assert len(records) == N and all(r["written_filter"]["exact"] for r in records)
    assert all(r["illegal"] == 0 for r in records)
    assert all(r["outcome"] == "success" for r in records)
    assert row.summary.n == N and row.summary.fail_violation.k == 0
    assert row.summary.steps_over_tstar.value > 0  # T* from each restricted board's own oracle
    assert row.note.startswith(f"filters written by the student (Eq. 6): {N}/{N} admitted, {N}/{N} forbid")


def test_no_admitted_filter_plays_without_an_area_filter_and_says_so(tmp_path):
    row, records = _benchmark(tmp_path, lambda chat: LOOPING)
    assert len(records) == N and row.summary.n == N and f"0/{N} admitted" in row.note
    for record in records:
        assert (
            not record["written_filter"]["accepted"] and "time budget" in record["written_filter"]["refusal"]
        )
