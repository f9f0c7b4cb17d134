"""The distractor base: loads with the strict store, safe code, honest provenance, same seed same bytes."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from logicdistill.errors import UserError
from logicdistill.functions.schema import Origin
from logicdistill.functions.static import static_check
from logicdistill.functions.store import dumps, load, save
from logicdistill.functions.validate import structure_problems
from logicdistill.reference import load_reference
from logicdistill.retrieval.distractors import DEFAULT_DUPLICATES, build_distractor_base
from logicdistill.retrieval.distractors.assemble import VARIANT_MARKS
from logicdistill.retrieval.distractors.entries import call_function
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName


@cache
def _base(task: TaskName = TaskName.PURSUIT, seed: int = 0):
    return build_distractor_base(task, seed=seed)


def test_round_trips_through_the_store(tmp_path):
    base = _base()
    path = save(base, tmp_path / "d.json")
    assert dumps(load(path)) == dumps(base)


def test_large_and_holds_every_reference_function_unchanged():
    base = _base()
    assert len(base.functions) >= 300
    for task in TaskName:
        for spec in load_reference(task).functions:
            assert base.function(spec.name) == spec


def test_every_function_passes_the_static_allow_list():
    for spec in _base().functions:
        arity = len(get_task(TaskName.PURSUIT).stages[0].params) if spec.stage == "generate_moves" else None
        result = static_check(spec.source, arity=arity or spec.signature.count(",") + 1, entry=spec.name)
        assert result.accepted, (spec.name, result.reasons)


def test_kinds_of_distractor_and_honest_provenance():
    base = _base()
    names = {spec.name for spec in base.functions}
    suffixes = [suffix for suffix, _ in VARIANT_MARKS]
    for reference in ("candidate_moves", "decide_exact"):  # near-duplicates of reference functions
        assert sum(f"{reference}{suffix}" in names for suffix in suffixes) == DEFAULT_DUPLICATES
    assert {"snake_moves", "hand_value_aces_high"} <= names  # another task's function, a mutated variant
    assert base.provenance.origin is Origin.REFERENCE and base.provenance.teacher_calls == 0
    assert "not a teacher's answer" in base.manual.overview
    assert base.manual.rules == load_reference(TaskName.PURSUIT).manual.rules
    # stages of both games (and other tasks) are present: it is a retrieval pool, not a playable base
    stages = Counter(spec.stage for spec in base.functions)
    assert stages["filter_moves"] > 10 and stages["decide"] > 10


def test_manual_lists_every_function_under_its_stage_and_examples_name_real_functions():
    base = _base()
    stage_of = {spec.name: spec.stage for spec in base.functions}
    listed = [name for guide in base.manual.stages for name in guide.functions]
    assert sorted(listed) == sorted(stage_of)
    assert all(stage_of[n] == g.stage for g in base.manual.stages for n in g.functions)
    assert {ex.function for ex in base.manual.examples} <= set(stage_of)
    problems = structure_problems(base, get_task(TaskName.PURSUIT))
    # what the full validator objects to is only the pool's nature: foreign stages, one guide per "when"
    assert all("unknown stage" in p or "described twice" in p or "is not listed" in p for p in problems)


def test_near_duplicates_keep_the_code_and_say_they_are_variants():
    base = _base()
    original = base.function("filter_valid_moves")
    copies = [s for s in base.functions if s.name.startswith("filter_valid_moves_")]
    assert len(copies) == DEFAULT_DUPLICATES
    for copy in copies:
        assert copy.docstring.endswith(original.docstring)
        assert copy.docstring != original.docstring
        assert copy.source.replace(copy.name, original.name) != copy.source


def test_usage_examples_are_what_the_code_returns():
    base = _base()
    spec = base.function("snake_moves")
    example = next(ex for ex in base.manual.examples if ex.function == "snake_moves")
    state = {"size": 10, "head": (4, 4), "body": [(4, 4), (3, 4), (2, 4)], "food": (7, 2)}
    assert example.result == "[" + ", ".join(map(repr, call_function(spec.name, spec.source, [state]))) + "]"


def test_same_seed_same_bytes_other_seed_other_order():
    assert dumps(build_distractor_base(TaskName.PURSUIT, seed=0)) == dumps(_base())
    other = build_distractor_base(TaskName.PURSUIT, seed=1)
    assert [s.name for s in other.functions] != [s.name for s in _base().functions]


def test_twentyone_base_carries_twentyone_rules():
    base = _base(TaskName.TWENTYONE)
    assert base.task is TaskName.TWENTYONE
    assert {s.name for s in base.functions} == {s.name for s in _base().functions}


@pytest.mark.parametrize(("seed", "duplicates"), [(-1, 2), (0, 99)])
def test_bad_arguments_are_user_errors(seed, duplicates):
    with pytest.raises(UserError):
        build_distractor_base(TaskName.PURSUIT, seed=seed, duplicates=duplicates)
