"""Selection accuracy on held-out positions, fake student: known answers per stage, recall vs accuracy."""

from __future__ import annotations

import pytest

from logicdistill.llm import FakeLanguageModel
from logicdistill.reference import load_reference
from logicdistill.reference.catalog import FILTER_RESTRICTED_AREA, FILTER_VALID_MOVES, SELECT_BEST_MOVE
from logicdistill.tasks.base import TaskName
from logicdistill.training import selection_eval as se
from logicdistill.training.candidates import BaseCandidates, StageCandidates


@pytest.fixture(scope="module")
def pursuit():
    base = load_reference(TaskName.PURSUIT)
    return base, se.heldout_slots(base, 4)  # two open test starts, then two with their restricted area


def rows_by_stage(rows):
    return {row.stage: row for row in rows}


def test_first_candidate_student_is_right_except_at_the_area_filter(pursuit):
    base, slots = pursuit
    assert [s.point.emergency for s in slots if not s.applied] == [False, False, True, True]
    cases = se.selection_cases(base, slots, StageCandidates(base))
    picks = se.select_all(FakeLanguageModel(), cases)
    rows = rows_by_stage(se.accuracy_rows("oracle", cases, picks))
    assert list(rows) == ["generate_moves", "filter_moves", "select_move", se.ALL_STAGES]
    # Every board runs candidate moves -> area filter -> base filter -> select. The filter asks
    # list the filters not run yet, then the next stage's function. First-candidate picks
    # filter_valid_moves: wrong where the area filter comes first, right after it.
    assert list(cases[1].candidates) == [FILTER_VALID_MOVES, FILTER_RESTRICTED_AREA, SELECT_BEST_MOVE]
    assert list(cases[2].candidates) == [FILTER_VALID_MOVES, SELECT_BEST_MOVE]  # the area filter has run
    filters = rows["filter_moves"]
    assert (filters.cases, filters.correct, filters.recalled, filters.mean_k) == (8, 4, 8, 2.5)
    assert rows["generate_moves"].accuracy == rows["select_move"].accuracy == 1.0
    total = rows[se.ALL_STAGES]
    assert (total.cases, total.correct) == (16, 12) and total.accuracy_given_recall == pytest.approx(12 / 16)


def test_a_student_that_reads_the_prompt_and_a_retriever_that_misses(pursuit):
    base, slots = pursuit

    def restricted_first(chat, candidates):
        """The right rule: the area filter first, then the base filter, then select."""
        done = chat[1].content.split("Stage:")[0]
        chain = (FILTER_RESTRICTED_AREA, FILTER_VALID_MOVES, SELECT_BEST_MOVE)
        want = next(name for name in chain if name not in done)
        return candidates.index(want) if want in candidates else 0

    class NoAreaFilter:
        name = "missing"

        def candidates(self, queries):
            return [tuple(s for s in base.functions if s.name != FILTER_RESTRICTED_AREA) for _ in queries]

    full = se.selection_cases(base, slots, BaseCandidates(base))
    rows = rows_by_stage(
        se.accuracy_rows("base", full, se.select_all(FakeLanguageModel([], restricted_first), full))
    )
    assert rows["filter_moves"].accuracy == 1.0 and rows["filter_moves"].mean_k == 2.5  # run ones left out

    missing = se.selection_cases(base, slots, NoAreaFilter())
    done = []
    picks = se.select_all(FakeLanguageModel([], restricted_first), missing, progress=done.append)
    assert sum(done) == len(missing)
    filters = rows_by_stage(se.accuracy_rows("missing", missing, picks))["filter_moves"]
    assert (filters.cases, filters.recalled, filters.correct) == (8, 4, 4)  # retrieval errors, not selection
    assert filters.accuracy_given_recall == 1.0 and filters.recall == pytest.approx(4 / 8)


def test_markdown_table_has_one_row_per_stage_and_optional_after_columns(pursuit):
    base, slots = pursuit
    cases = se.selection_cases(base, slots, StageCandidates(base))
    before = se.accuracy_rows("oracle", cases, se.select_all(FakeLanguageModel(), cases))
    after = se.accuracy_rows("oracle", cases, [c.answer for c in cases])
    lines = se.markdown_table(before, after).splitlines()
    assert len(lines) == 2 + len(before) and lines[0].endswith("accuracy after | after, given recall |")
    assert lines[-1] == "| oracle | all | 16 | 1.8 | 100.0% | 75.0% | 100.0% | 100.0% |"  # mean K 28 / 16
    assert "accuracy after" not in se.markdown_table(before)


def test_twentyone_held_out_slots_use_the_benchmark_deals():
    base = load_reference(TaskName.TWENTYONE)
    slots = se.heldout_slots(base, 3)
    assert len(slots) == 9 and [s.answer for s in slots[:3]] == ["hand_value", "bust_risk", "decide_exact"]
