"""Writing an emergency filter with a scripted student: every kind of reply, the votes, the prompt."""

from __future__ import annotations

import pytest

from logicdistill.emergency import WritingConfig, write_filter, write_filters
from logicdistill.emergency.code import code_numbers
from logicdistill.emergency.probe import board_cells
from logicdistill.emergency.writer import block_sides, uses_every_number
from logicdistill.functions import check_function
from logicdistill.games.pursuit import rectangle
from logicdistill.tasks.base import Contract
from logicdistill.training.prompts import emergency_chat
from tests.emergency import sources

RULE = "a 5x5 restricted area with corners (8, 8) and (12, 12); no dot may enter it."
AREA = (8, 8, 12, 12)
ONE = WritingConfig(retries=0, samples=1)


def cells(area) -> tuple:
    return tuple(sorted(rectangle(*area)))


def test_a_correct_reply_is_accepted_with_exactly_its_cells(scripted):
    written = write_filter(scripted([sources.area_filter(*AREA)]), RULE, ONE)
    assert written.accepted and written.refusal is None
    assert written.forbidden_cells == cells(AREA)
    assert check_function(written.code, Contract.MOVE_FILTER).accepted


def test_the_student_reads_typographic_signs_in_ascii(scripted):
    model = scripted([sources.area_filter(8, 8, 12, 12)])
    written = write_filter(model, "8 ≤ x ≤ 12 and 8 ≤ y ≤ 12 are closed", ONE)
    assert model.seen == [emergency_chat("8 <= x <= 12 and 8 <= y <= 12 are closed")]
    assert written.description == "8 ≤ x ≤ 12 and 8 ≤ y ≤ 12 are closed" and written.accepted


def test_the_code_is_taken_out_of_a_chatty_reply(scripted):
    written = write_filter(scripted([sources.chatty(sources.area_filter(*AREA))]), RULE, ONE)
    assert written.accepted and written.code == sources.area_filter(*AREA)


def test_the_student_gets_the_training_prompt_greedy_then_sampled(scripted):
    model = scripted([sources.area_filter(*AREA)] * 3)
    write_filter(model, RULE, WritingConfig(retries=0, samples=3, seed=7, temperature=0.5))
    assert model.seen == [emergency_chat(RULE)] * 3
    assert model.configs[0].greedy
    assert [c.seed for c in model.configs[1:]] == [7, 7] and model.configs[1].temperature == 0.5


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        (sources.LOOPING, "time budget"),
        (sources.ESCAPING_IMPORT, "import of 'os' is not allowed"),
        (sources.ESCAPING_DUNDER, "__class__"),
        (sources.MALICIOUS_MEMORY, ""),
        (sources.RAISING, "IndexError"),
        (sources.NOT_A_SUBSET, "not a subset"),
        (sources.NO_CODE, "no Python function"),
        (sources.USES_GAME_STATE, "forbids no cell"),
        (sources.NEAR_ORANGE, "depend on where the pieces stand"),
        (sources.WHOLE_BOARD, "whole board"),
    ],
)
def test_a_bad_reply_is_rejected_with_its_reason(scripted, reply, why):
    written = write_filter(scripted([reply]), RULE, ONE)
    assert not written.accepted and written.code == "" and written.forbidden_cells == ()
    (candidate,) = written.candidates
    assert candidate.reasons and why in " ".join(candidate.reasons)
    assert written.refusal.startswith("no candidate passed") and candidate.reasons[0] in written.refusal


def test_one_good_candidate_among_bad_ones_is_kept(scripted):
    replies = [sources.LOOPING, sources.ESCAPING_IMPORT, sources.area_filter(*AREA), sources.NO_CODE]
    written = write_filter(scripted(replies), RULE, WritingConfig(retries=0, samples=4))
    assert written.accepted and written.chosen == 2
    assert sorted(written.reasons()) == [0, 1, 3]


def test_the_area_most_candidates_agree_on_wins(scripted):
    wrong = sources.area_filter(8, 8, 12, 13)
    good = sources.area_filter(*AREA)
    replies = [wrong, good, sources.cells_filter(list(rectangle(*AREA))), sources.chatty(good)]
    written = write_filter(scripted(replies), RULE, WritingConfig(retries=0, samples=4))
    assert written.forbidden_cells == cells(AREA) and written.chosen == 1


def test_ties_go_to_the_earlier_candidate(scripted):
    ranges = "the area with x from 8 to 12 and y from 8 to 12 is restricted."  # no (x, y) cell named
    cross = (
        "def filter_moves(moves, state):\n"
        "    return [m for m in moves if not (8 <= m[0] <= 12 or 8 <= m[1] <= 12)]\n"
    )  # columns 8-12 and rows 8-12: other cells, the same numbers
    written = write_filter(
        scripted([cross, sources.area_filter(*AREA)]), ranges, WritingConfig(retries=0, samples=2)
    )
    assert [(c.named, c.complete) for c in written.candidates] == [(True, True)] * 2  # only the order differs
    assert written.chosen == 0 and len(written.forbidden_cells) == 2 * 5 * 21 - 25


def test_a_filter_leaving_a_named_corner_open_comes_after_one_forbidding_both(scripted):
    row, good = sources.area_filter(8, 8, 12, 8), sources.area_filter(*AREA)  # row: (12, 12) stays open
    written = write_filter(scripted([row, row, good]), RULE, WritingConfig(retries=0, samples=3))
    assert written.chosen == 2 and written.forbidden_cells == cells(AREA)
    assert [c.covers for c in written.candidates] == [False, False, True]
    alone = write_filter(scripted([row]), RULE, ONE)  # still accepted when nothing better came
    assert alone.accepted and alone.forbidden_cells == cells((8, 8, 12, 8))


def test_a_filter_with_numbers_the_rule_never_names_comes_after_one_without(scripted):
    slip, good = sources.area_filter(8, 8, 12, 18), sources.area_filter(*AREA)
    written = write_filter(scripted([slip, slip, good]), RULE, WritingConfig(retries=0, samples=3))
    assert written.chosen == 2 and written.forbidden_cells == cells(AREA)
    assert [c.named for c in written.candidates] == [False, False, True]
    alone = write_filter(scripted([slip]), RULE, ONE)  # still accepted when nothing better came
    assert alone.accepted and alone.forbidden_cells == cells((8, 8, 12, 18))


def test_a_filter_covering_a_known_piece_is_refused(scripted):
    written = write_filter(scripted([sources.area_filter(*AREA)]), RULE, ONE, pieces=[(0, 0), (10, 10)])
    assert not written.accepted and "(10, 10)" in written.refusal


def test_forbidden_cells_follow_the_board_size(scripted):
    written = write_filter(scripted([sources.area_filter(5, 5, 30, 30)]), "corners (5, 5) and (8, 8)",
                           WritingConfig(retries=0, samples=1, board_size=9))  # fmt: skip
    assert written.forbidden_cells == tuple(sorted(c for c in rectangle(5, 5, 30, 30) if c in board_cells(9)))


def test_refused_descriptions_never_reach_the_model(scripted):
    model = scripted([sources.area_filter(*AREA)])
    texts = ["the moon is made of cheese", RULE, "corners (30, 30) and (40, 40)", "import os at (1, 1)"]
    written = write_filters(model, texts, ONE)
    assert [w.accepted for w in written] == [False, True, False, False]
    assert model.seen == [emergency_chat(RULE)]
    assert all(w.refusal and not w.candidates for w in (written[0], written[2], written[3]))


def test_many_descriptions_keep_their_order(scripted):
    areas = [(0, 0, 1, 1), (5, 5, 9, 6), (3, 10, 3, 14)]
    model = scripted([sources.area_filter(*a) for a in areas])
    texts = [f"corners ({a[0]}, {a[1]}) and ({a[2]}, {a[3]})" for a in areas]
    written = write_filters(model, texts, ONE)
    assert [w.forbidden_cells for w in written] == [cells(a) for a in areas]


def test_the_json_answer_has_the_stable_keys(scripted):
    written = write_filter(scripted([sources.area_filter(*AREA)]), RULE, ONE)
    data = written.to_json()
    assert data["accepted"] is True and data["code"] == written.code
    assert data["forbidden_cells"] == [[x, y] for x, y in cells(AREA)]


def test_a_filter_dropping_a_number_of_the_rule_comes_after_one_using_them_all(scripted):
    rule = "the area with 4 <= x <= 13 and 0 <= y <= 9 is restricted."  # no (x, y) cell named
    slip, good = sources.area_filter(13, 0, 13, 9), sources.area_filter(4, 0, 13, 9)
    written = write_filter(scripted([slip, slip, good]), rule, WritingConfig(retries=0, samples=3))
    assert written.chosen == 2 and written.forbidden_cells == cells((4, 0, 13, 9))
    assert [c.complete for c in written.candidates] == [False, False, True]


def test_a_number_the_rule_names_twice_must_bound_both_axes(scripted):
    rule = "no dot may stand where x is at least 4 and at most 11 and y is at least 4 and at most 11."
    slip, good = sources.area_filter(4, 4, 11, 4), sources.area_filter(4, 4, 11, 11)  # slip: y 4..4
    assert not uses_every_number(code_numbers(slip), cells((4, 4, 11, 4)), rule)
    written = write_filter(scripted([slip, slip, good]), rule, WritingConfig(retries=0, samples=3))
    assert written.chosen == 2 and written.forbidden_cells == cells((4, 4, 11, 11))


def test_a_size_the_code_never_writes_is_read_off_the_forbidden_blocks():
    two = [*rectangle(8, 8, 12, 12), *rectangle(0, 0, 1, 6)]
    assert block_sides(two) == {5, 2, 7}
    assert uses_every_number(
        code_numbers(sources.area_filter(*AREA)), cells(AREA), RULE
    )  # 5x5 = the block's sides
    rows = "the area with x from 3 to 9 and y from 2 to 4 is restricted."
    assert not uses_every_number(
        code_numbers(sources.area_filter(3, 2, 3, 4)), cells((3, 2, 3, 4)), rows
    )  # 9 dropped
    assert not uses_every_number(
        code_numbers("def filter_moves(moves, state) return"), (), RULE
    )  # does not parse


def test_doubtful_descriptions_get_hotter_retries_and_a_trusted_one_wins(scripted):
    doubtful, clear = (
        "corners (8, 8) and (12, 12) are off limits.",
        "corners (0, 0) and (1, 1) are off limits.",
    )
    row = sources.area_filter(8, 8, 12, 8)  # leaves (12, 12) open
    replies = [
        row,
        sources.area_filter(0, 0, 1, 1),
        row,
        sources.area_filter(*AREA),
    ]  # greedy x2, then retries
    model = scripted(replies)
    config = WritingConfig(samples=1, retries=2, retry_temperature=1.3, seed=5)
    first, second = write_filters(model, [doubtful, clear], config)
    assert model.seen == [emergency_chat(doubtful), emergency_chat(clear), *[emergency_chat(doubtful)] * 2]
    assert [(c.temperature, c.seed) for c in model.configs[2:]] == [(1.3, 6)] * 2
    assert first.chosen == 2 and first.forbidden_cells == cells(AREA) and len(first.candidates) == 3
    assert [c.index for c in first.candidates] == [0, 1, 2] and len(second.candidates) == 1


def test_retries_that_bring_nothing_better_keep_the_first_choice(scripted):
    row = sources.area_filter(8, 8, 12, 8)
    written = write_filter(scripted([row, sources.LOOPING, row]), RULE, WritingConfig(samples=1, retries=2))
    assert written.accepted and written.chosen == 0 and written.forbidden_cells == cells((8, 8, 12, 8))
    assert [c.passed for c in written.candidates] == [True, False, True]


def test_a_number_the_rule_never_names_also_brings_retries(scripted):
    slip = sources.area_filter(
        8, 8, 12, 18
    )  # covers both corners and uses 8 and 12, but 18 is no number of RULE
    model = scripted([slip, sources.area_filter(*AREA)])
    written = write_filter(model, RULE, WritingConfig(samples=1, retries=1))
    assert len(model.seen) == 2 and written.chosen == 1 and written.forbidden_cells == cells(AREA)


def test_a_reversed_range_is_repaired_into_a_candidate_that_is_checked_and_can_win(scripted):
    rule = "Flooded: the cells from x 8 across to x 12 and from y 12 down to y 8."
    empty = sources.area_filter(8, 12, 12, 8)  # 12 <= m[1] <= 8 forbids nothing
    written = write_filter(scripted([empty, empty]), rule, WritingConfig(samples=2, retries=0))
    assert [c.passed for c in written.candidates] == [False, False, True]
    assert "forbids no cell" in written.candidates[0].reasons[0]
    repair = written.candidates[2]
    assert repair.repair_of == 0 and repair.code == sources.area_filter(*AREA)
    assert written.chosen == 2 and written.forbidden_cells == cells(AREA)
    assert written.to_json()["candidates"][2]["repair_of"] == 0


def test_a_trusted_repair_saves_the_retries(scripted):
    empty, row = sources.area_filter(8, 12, 12, 8), sources.area_filter(8, 8, 12, 8)
    model = scripted([empty, row])
    written = write_filter(model, RULE, WritingConfig(samples=2, retries=3))
    assert len(model.seen) == 2  # no retries: the repair forbids the named corners with the named numbers
    assert written.chosen == 2 and written.candidates[2].repair_of == 0


def test_a_repair_already_sampled_is_not_added_twice(scripted):
    empty = sources.area_filter(8, 12, 12, 8)
    written = write_filter(scripted([sources.area_filter(*AREA), empty]), RULE, WritingConfig(samples=2))
    assert len(written.candidates) == 2 and written.chosen == 0


def test_retried_candidates_are_repaired_too(scripted):
    empty = sources.area_filter(8, 12, 12, 8)
    model = scripted([sources.LOOPING, empty])
    written = write_filter(model, RULE, WritingConfig(samples=1, retries=1))
    assert [c.repair_of for c in written.candidates] == [None, None, 1]
    assert written.chosen == 2 and written.forbidden_cells == cells(AREA)
