"""KD datasets: the offline teacher (a base's play) and an L-LLM teacher (a fake), never confused."""

from __future__ import annotations

import pytest

from logicdistill.errors import UserError
from logicdistill.games import pursuit as pg
from logicdistill.games.twentyone import Action
from logicdistill.llm import FakeLanguageModel, Role, UsageMeter
from logicdistill.tasks.base import TaskName
from logicdistill.training import kd_prompt
from logicdistill.training.kd_data import KDConfig, build_kd_dataset
from logicdistill.training.ld_data import resolve_base
from logicdistill.training.records import ExampleKind, TeacherSource
from logicdistill.training.seeds import KD_DEAL_SEEDS


def test_offline_pursuit_teacher_is_labelled_as_the_reference_and_its_answers_parse_back():
    data = build_kd_dataset(TaskName.PURSUIT, KDConfig(games=2), base=resolve_base("pursuit"))
    meta = data.metadata
    assert meta.teacher_source is TeacherSource.REFERENCE_BASE and meta.teacher_model is None
    assert meta.generation_cost.calls == 0 and meta.base is not None and meta.base.origin == "reference"
    assert meta.game_seeds == pg.KD_START_SEEDS[:2] and meta.opponent == "greedy"
    assert meta.generator_seed is None and meta.counts.kd == len(data.examples) > 0
    board = pg.PursuitConfig()
    for ex in data.examples:
        assert ex.kind is ExampleKind.KD and ex.seat is None and ex.seed in meta.game_seeds
        choices = kd_prompt.parse_pursuit_answer(ex.answer)
        assert None not in choices and kd_prompt.pursuit_answer(choices) == ex.answer
        assert ex.chat[0].content.endswith(kd_prompt.PURSUIT_FORMAT)
        # every destination is one the prompt offered for that dot
        offered = [line for line in ex.chat[1].content.splitlines() if line.startswith("B")]
        for dot, cell in enumerate(choices):
            assert f"({cell[0]}, {cell[1]})" in offered[dot]
    first = [ex for ex in data.examples if ex.seed == pg.KD_START_SEEDS[0]]
    assert [ex.step for ex in first] == list(range(1, len(first) + 1))
    assert first[0].chat == kd_prompt.pursuit_chat(board, pg.start_from_seed(pg.KD_START_SEEDS[0], board))


def test_offline_twentyone_teacher_plays_both_seats():
    data = build_kd_dataset(TaskName.TWENTYONE, KDConfig(games=3), base=resolve_base("twentyone"))
    assert data.metadata.game_seeds == KD_DEAL_SEEDS[:3] and data.metadata.opponent == "threshold"
    assert {ex.seat for ex in data.examples} == {0, 1}
    for ex in data.examples:
        assert kd_prompt.parse_twentyone_answer(ex.answer) in (Action.HIT, Action.STAND)
        assert ex.chat[1].content.endswith("Your turn: hit or stand?")


def stand_teacher(meter: UsageMeter) -> FakeLanguageModel:
    return FakeLanguageModel(lambda chat: "stand", name="openai:glm-4", role=Role.TEACHER, meter=meter)


def test_an_l_llm_teacher_is_labelled_and_metered():
    meter = UsageMeter()
    data = build_kd_dataset(TaskName.TWENTYONE, KDConfig(games=2), teacher=stand_teacher(meter), meter=meter)
    meta = data.metadata
    assert meta.teacher_source is TeacherSource.L_LLM and meta.teacher_model == "openai:glm-4"
    assert meta.base is None
    assert 0 < len(data.examples) <= 4  # it stands at most once per game (two deals, both seats)
    assert meta.generation_cost.calls == len(data.examples) == meta.generation_cost.completion_tokens
    assert meta.generation_cost.prompt_tokens > 0
    assert {ex.answer for ex in data.examples} == {"stand"}


def test_unreadable_teacher_answers_give_no_example():
    meter = UsageMeter()
    rambling = FakeLanguageModel(lambda chat: "I think so", role=Role.TEACHER, meter=meter)
    with pytest.raises(UserError, match="no usable decision"):
        build_kd_dataset(TaskName.TWENTYONE, KDConfig(games=1), teacher=rambling, meter=meter)


def test_exactly_one_teacher_and_a_matching_base():
    with pytest.raises(ValueError):
        build_kd_dataset(TaskName.PURSUIT, KDConfig(games=1))
    with pytest.raises(UserError, match="base is for twentyone"):
        build_kd_dataset(TaskName.PURSUIT, KDConfig(games=1), base=resolve_base("twentyone"))
    with pytest.raises(UserError):
        KDConfig(games=0).seeds(TaskName.PURSUIT)
