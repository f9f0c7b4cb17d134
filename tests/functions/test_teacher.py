"""The teacher pipeline with canned answers through the fake model: good, broken then repaired, malicious."""

import datetime as dt

import pytest

from logicdistill.functions.admission import AdmissionLimits
from logicdistill.functions.schema import Origin
from logicdistill.functions.store import dumps, loads
from logicdistill.functions.validate import validate_base
from logicdistill.llm import FakeLanguageModel, Role, UsageMeter
from logicdistill.tasks import get_task
from logicdistill.teacher import TeacherConfig, TeacherUnavailable, first_request, prompt_sha256, teach
from tests.functions import teacher_answers as answers

FAST = TeacherConfig(rounds=3, limits=AdmissionLimits(cpu_s=2, memory_mb=256, wall_s=30, call_budget_s=0.2))
TODAY = dt.date(2025, 3, 1)


def fake(*replies: str) -> FakeLanguageModel:
    return FakeLanguageModel(list(replies), name="fake-teacher", role=Role.TEACHER, meter=UsageMeter())


def test_good_answer_gives_a_valid_base_in_one_round():
    model = fake(answers.good_pursuit_answer())
    task = get_task("pursuit")
    result = teach(task, model, config=FAST, endpoint="http://127.0.0.1:1/v1", today=TODAY)
    base = result.base
    assert base is not None and result.problems == ()
    assert [f.name for f in base.functions] == ["generate_moves", "filter_legal", "select_closest"]
    assert base.functions[1].signature == "filter_legal(moves, state)"
    p = base.provenance
    assert (p.origin, p.model, p.endpoint, p.created, p.teacher_calls) == (
        Origin.TEACHER, "fake-teacher", "http://127.0.0.1:1/v1", "2025-03-01", 1,
    )  # fmt: skip
    assert p.prompt_sha256 == prompt_sha256(first_request(task)) and len(p.prompt_sha256) == 64
    assert p.prompt_tokens > 500 and p.completion_tokens > 50
    assert p.report.rounds == 1 and p.report.rejected == ()
    # the manual mentioned a function that does not exist: it is dropped, not kept dangling
    assert base.manual.stages[2].functions == ("select_closest",)
    assert validate_base(base, limits=FAST.limits).valid
    assert loads(dumps(base)) == base
    assert model.remaining == 0


def test_broken_answer_is_repaired_on_the_second_round():
    model = fake(answers.broken_pursuit_answer(), answers.repair_answer())
    result = teach(get_task("pursuit"), model, config=FAST, today=TODAY)
    assert result.base is not None
    report = result.base.provenance.report
    assert report.rounds == 2 and result.base.provenance.teacher_calls == 2
    rejected = {r.function: r for r in report.rejected}
    assert set(rejected) == {"filter_legal", "select_closest"}
    assert all(r.round == 1 for r in report.rejected)
    assert rejected["filter_legal"].reasons[0] == "line 2: syntax error: '[' was never closed"
    assert "expected one (x, y) move" in rejected["select_closest"].reasons[0]
    # the reasons were fed back to the teacher in the repair turn
    feedback = model.seen[1][-1].content
    assert "'select_closest' was rejected" in feedback and "syntax error" in feedback
    assert "Accepted functions (keep them, you need not repeat them): generate_moves." in feedback
    assert [m.role for m in model.seen[1]] == ["system", "user", "assistant", "user"]
    assert result.base.function("select_closest").source == answers.bases.SELECT_CLOSEST


def test_malicious_answers_are_all_rejected_with_reasons():
    model = fake(answers.malicious_answer(), answers.malicious_answer())
    config = TeacherConfig(rounds=2, limits=FAST.limits)
    result = teach(get_task("pursuit"), model, config=config, today=TODAY)
    assert result.base is None
    assert set(result.problems) == {
        "stage 'generate_moves' has no accepted function",
        "stage 'filter_moves' has no accepted function",
        "stage 'select_move' has no accepted function",
    }
    reasons = {(r.round, r.function): " ".join(r.reasons) for r in result.report.rejected}
    assert {name for _, name in reasons} == set(answers.MALICIOUS)
    first = {name: text for (rnd, name), text in reasons.items() if rnd == 1}
    assert "call to 'open' is not allowed" in first["read_file"]
    assert "import of 'os' is not allowed" in first["import_os"]
    assert "attribute '__class__' is not allowed" in first["dunder_escape"]
    assert "attribute 'format' is not allowed" in first["format_escape"]
    assert "attribute 'gi_frame' is not allowed" in first["frame_escape"]
    assert "time budget" in first["spin"]
    assert "MemoryError" in first["memory_bomb"]
    assert result.report.verdicts == () and len(result.answers) == 2


def test_an_unparseable_answer_is_fed_back_and_a_good_one_then_accepted():
    model = fake("I am sorry, I cannot write code today.", answers.good_pursuit_answer())
    result = teach(get_task("pursuit"), model, config=FAST, today=TODAY)
    assert result.base is not None
    (first,) = result.base.provenance.report.rejected
    assert first.function == "(answer)" and any("no manual" in r for r in first.reasons)
    assert "no function could be read" in model.seen[1][-1].content


def test_python_blocks_with_stage_comments_and_a_separate_manual():
    model = fake(answers.TWENTYONE_PYTHON_BLOCKS)
    result = teach(get_task("twentyone"), model, config=FAST, today=TODAY)
    base = result.base
    assert base is not None, result.problems
    assert [(f.name, f.stage) for f in base.functions] == [
        ("evaluate_total", "evaluate_hand"),
        ("bust_probability", "estimate_risk"),
        ("decide_by_risk", "decide"),
    ]
    assert base.manual.rules == ("Over 21 loses.", "Aces count 11 or 1.")
    # stages the teacher's manual left out are described from the task's own stage purpose
    assert base.manual.stages[0].when == get_task("twentyone").stage("evaluate_hand").purpose
    assert base.functions[0].docstring == "The best total of the own hand."


def test_a_teacher_that_cannot_be_reached_is_a_clear_error():
    def down(chat):
        raise ConnectionError("connection refused")

    model = FakeLanguageModel(down, name="remote", role=Role.TEACHER, meter=UsageMeter())
    with pytest.raises(TeacherUnavailable, match="teacher 'remote' did not answer: ConnectionError"):
        teach(get_task("pursuit"), model, config=FAST)
