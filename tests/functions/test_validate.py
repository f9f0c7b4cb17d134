"""Whole-base validation and stage composition on the small test bases."""

from dataclasses import replace

import pytest

from logicdistill.functions.admission import AdmissionLimits
from logicdistill.functions.compose import guard_base, run_stages
from logicdistill.functions.guard import FailureKind, Ok, StageFailure
from logicdistill.functions.schema import FunctionSpec, StageGuide, UsageExample
from logicdistill.functions.validate import check_spec, structure_problems, validate_base
from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.tasks import get_task
from logicdistill.tasks import pursuit as pt
from logicdistill.tasks import twentyone as tt
from tests.functions.bases import pursuit_base, twentyone_base

FAST = AdmissionLimits(cpu_s=2, memory_mb=256, wall_s=30, call_budget_s=0.2)


@pytest.mark.parametrize("make", [pursuit_base, twentyone_base])
def test_the_test_bases_are_valid(make):
    result = validate_base(make(), limits=FAST)
    assert result.valid, result
    assert [v.function for v in result.verdicts] == [f.name for f in make().functions]


def test_a_malicious_function_in_a_base_is_rejected_by_name():
    base = pursuit_base()
    source = "import os\ndef sneaky(moves, state):\n    return moves\n"
    bad = FunctionSpec("sneaky", "filter_moves", "sneaky(moves, state)", source, "Looks harmless.")
    guides = list(base.manual.stages)
    guides[1] = StageGuide("filter_moves", ("filter_legal", "sneaky"), "x")
    base = replace(base, functions=(*base.functions, bad), manual=replace(base.manual, stages=tuple(guides)))
    result = validate_base(base, limits=FAST)
    assert not result.valid and not result.problems
    assert [v.function for v in result.verdicts if not v.accepted] == ["sneaky"]


def test_record_checks_name_stage_and_signature():
    task = get_task("pursuit")
    spec = pursuit_base().functions[1]
    assert (
        check_spec(replace(spec, stage="pick"), task, FAST).reasons[0].startswith("task pursuit has no stage")
    )
    assert (
        "not a valid public Python identifier" in check_spec(replace(spec, name="_x"), task, FAST).reasons[0]
    )
    wrong = check_spec(replace(spec, signature="filter_legal(m, s)"), task, FAST)
    assert wrong.reasons == (
        "signature 'filter_legal(m, s)' does not match the code ('filter_legal(moves, state)')",
    )
    assert check_spec(replace(spec, name="other"), task, FAST).reasons == (
        "no top-level function named 'other'",
    )


def test_structure_problems_are_named():
    base = pursuit_base()
    manual = replace(
        base.manual,
        stages=(
            StageGuide("generate_moves", ("generate_moves", "ghost"), "x"),
            StageGuide("select_move", ("filter_legal",), "x"),
            StageGuide("think", (), "x"),
        ),
        examples=(UsageExample("phantom", "s", "c", "r", "e"),),
        overview=" ",
    )
    functions = (*base.functions, base.functions[0])
    problems = structure_problems(replace(base, manual=manual, functions=functions), get_task("pursuit"))
    assert problems == [
        "function name 'generate_moves' is used more than once",
        "manual: stage 'generate_moves' lists unknown function 'ghost'",
        "manual: stage 'select_move' lists 'filter_legal', which belongs to 'filter_moves'",
        "manual: unknown stage 'think' (stages: generate_moves, filter_moves, select_move)",
        "manual: stage 'filter_moves' is not described",
        "manual: function 'select_closest' is not listed under stage 'select_move'",
        "manual: usage example for unknown function 'phantom'",
        "manual: the overview is empty",
    ]


def test_pursuit_stages_compose_to_a_known_move():
    fns = guard_base(pursuit_base())
    chain = [fns["generate_moves"], fns["filter_legal"], fns["select_closest"]]
    state = pg.PursuitState(blues=((3, 5), (0, 0), (20, 20)), orange=(6, 5))
    # (5, 5) is the only reachable cell next to the evader ...
    assert run_stages(chain, pt.state_dict(pg.PursuitConfig(), state, 0)) == Ok((5, 5))
    # ... and when it is restricted, (4, 5) is the only reachable cell at distance 2.
    walled = pg.PursuitConfig(restricted=frozenset({(5, 5)}))
    assert run_stages(chain, pt.state_dict(walled, state, 0)) == Ok((4, 5))


def test_twentyone_stages_compose_to_hit_or_stand():
    fns = guard_base(twentyone_base())
    chain = [fns["evaluate_total"], fns["bust_probability"], fns["decide_by_risk"]]
    state = tg.deal_from_seed(20_000)
    result = run_stages(chain, tt.state_dict(state, 0))
    assert result == Ok("hit")  # total 7: no card busts


def test_a_filter_that_leaves_nothing_fails_cleanly():
    base = pursuit_base()
    empty = FunctionSpec("drop_all", "filter_moves", "drop_all(moves, state)",
                         "def drop_all(moves, state):\n    return []\n", "Drops everything.")  # fmt: skip
    fns = guard_base(replace(base, functions=(*base.functions, empty)))
    state = pt.state_dict(pg.PursuitConfig(), pg.start_from_seed(1_000), 0)
    result = run_stages([fns["generate_moves"], fns["drop_all"], fns["select_closest"]], state)
    assert result == StageFailure(
        "select_closest", FailureKind.CONTRACT, "no candidate move left to select from"
    )
