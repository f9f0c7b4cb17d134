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


def test_first_candidate_student_is_right_except_at_the_emergency_filter(pursuit):
    base, slots = pursuit
    assert [s.point.emergency for s in slots if not s.applied] == [False, False, True, True]
    cases = se.selection_cases(base, slots, StageCandidates(base))
    picks = se.select_all(FakeLanguageModel(), cases)
    rows = rows_by_stage(se.accuracy_rows("oracle", cases, picks))
    assert list(rows) == ["generate_moves", "filter_moves", "select_move", se.ALL_STAGES]
    # The filter asks list the filters then the next stage's function. First-candidate picks
    # filter_valid_moves: right as the first filter of an open board and as the second of a
    # restricted one; wrong where the area filter comes first and where the filters must end.
    assert [base.function(n).name for n in cases[1].candidates] == [
        FILTER_VALID_MOVES,
        FILTER_RESTRICTED_AREA,
        SELECT_BEST_MOVE,
    ]
    filters = rows["filter_moves"]
    assert (filters.cases, filters.correct, filters.recalled, filters.mean_k) == (8, 4, 8, 3.0)
    assert rows["generate_moves"].accuracy == rows["select_move"].accuracy == 1.0
    total = rows[se.ALL_STAGES]
    assert (total.cases, total.correct) == (14, 10) and total.accuracy_given_recall == pytest.approx(10 / 14)


def test_a_student_that_reads_the_prompt_and_a_retriever_that_misses(pursuit):
    base, slots = pursuit

    def restricted_first(chat, candidates):
        """The right rule: the area filter first on a restricted board, then the base filter."""
        text = chat[1].content
        done = text.split("Stage:")[0]
        if "Restricted cells" in text and FILTER_RESTRICTED_AREA not in done:
            want = FILTER_RESTRICTED_AREA
        else:  # after the base filter, the next stage's function ends the filters
            want = SELECT_BEST_MOVE if FILTER_VALID_MOVES in done else FILTER_VALID_MOVES
        return candidates.index(want) if want in candidates else 0

    class NoAreaFilter:
        name = "missing"

        def candidates(self, queries):
            return [tuple(s for s in base.functions if s.name != FILTER_RESTRICTED_AREA) for _ in queries]

    full = se.selection_cases(base, slots, BaseCandidates(base))
    rows = rows_by_stage(
        se.accuracy_rows("base", full, se.select_all(FakeLanguageModel([], restricted_first), full))
    )
    assert rows["filter_moves"].accuracy == 1.0 and rows["filter_moves"].mean_k == len(base.functions)

    missing = se.selection_cases(base, slots, NoAreaFilter())
    done = []
    picks = se.select_all(FakeLanguageModel([], restricted_first), missing, progress=done.append)
    assert sum(done) == len(missing)
    filters = rows_by_stage(se.accuracy_rows("missing", missing, picks))["filter_moves"]
    assert (filters.cases, filters.recalled, filters.correct) == (8, 6, 6)  # retrieval errors, not selection
    assert filters.accuracy_given_recall == 1.0 and filters.recall == pytest.approx(6 / 8)


def test_markdown_table_has_one_row_per_stage_and_optional_after_columns(pursuit):
    base, slots = pursuit
    cases = se.selection_cases(base, slots, StageCandidates(base))
    before = se.accuracy_rows("oracle", cases, se.select_all(FakeLanguageModel(), cases))
    after = se.accuracy_rows("oracle", cases, [c.answer for c in cases])
    lines = se.markdown_table(before, after).splitlines()
    assert len(lines) == 2 + len(before) and lines[0].endswith("accuracy after | after, given recall |")
    assert lines[-1] == "| oracle | all | 14 | 2.1 | 100.0% | 71.4% | 100.0% | 100.0% |"
    assert "accuracy after" not in se.markdown_table(before)


def test_twentyone_held_out_slots_use_the_benchmark_deals():
    base = load_reference(TaskName.TWENTYONE)
    slots = se.heldout_slots(base, 3)
    assert len(slots) == 9 and [s.answer for s in slots[:3]] == ["hand_value", "bust_risk", "decide_exact"]
