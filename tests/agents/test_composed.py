"""The chain executor: reference policies play well, a failing stage is an illegal choice, bad chains."""

from dataclasses import replace

import numpy as np
import pytest

from logicdistill.agents import FirstListedChain, FixedChain, FunctionBasePlayer, FunctionBasePursuer
from logicdistill.errors import UserError
from logicdistill.functions.guard import FailureKind
from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.games.pursuit_oracle import oracle_for
from logicdistill.games.pursuit_policies import make_evader
from logicdistill.games.runner import run_pursuit, run_twentyone
from logicdistill.games.twentyone_oracle import solve_state
from logicdistill.games.twentyone_policies import make_opponent
from logicdistill.reference import load_reference, reference_chain, reference_player, reference_pursuer
from logicdistill.tasks.base import TaskName

RNG = np.random.default_rng(0)


def with_source(task: TaskName, name: str, body: str):
    """The reference base with function ``name`` replaced by ``def name(...): body``."""
    base = load_reference(task)
    spec = base.function(name)
    source = f"def {spec.signature}:\n    {body}\n"
    functions = tuple(replace(f, source=source) if f.name == name else f for f in base.functions)
    return replace(base, functions=functions)


@pytest.mark.parametrize("index", range(6))
def test_reference_pursuer_captures_the_optimal_evader_within_tstar_times_1_1(index):
    config = pg.PursuitConfig()
    start = pg.test_starts(config)[index]
    episode = run_pursuit(config, start, reference_pursuer(), make_evader("optimal", config), RNG)
    assert episode.outcome is pg.Outcome.SUCCESS and episode.illegal == 0
    assert episode.steps <= 1.10 * oracle_for(config).capture_time(start.blues, start.orange)


def test_reference_pursuer_composes_the_emergency_filter_on_a_restricted_board():
    config, start = pg.restricted_test_games()[0]
    pursuer = reference_pursuer()
    episode = run_pursuit(config, start, pursuer, make_evader("optimal", config), RNG)
    assert episode.outcome is pg.Outcome.SUCCESS and episode.illegal == 0 and not pursuer.failures


def test_without_the_emergency_filter_the_base_chain_can_enter_the_area():
    config = pg.PursuitConfig(restricted=pg.rectangle(8, 8, 12, 12))
    state = pg.PursuitState(blues=((8, 6), (0, 0), (20, 20)), orange=(8, 14))
    base = load_reference(TaskName.PURSUIT)
    plain = FunctionBasePursuer(base, FixedChain(reference_chain(TaskName.PURSUIT)))
    guarded = FunctionBasePursuer(base, FixedChain(reference_chain(TaskName.PURSUIT, emergency=True)))
    assert plain.choose(config, state, RNG)[0] in config.restricted
    assert guarded.choose(config, state, RNG)[0] not in config.restricted


def test_reference_player_matches_the_exact_optimal_action():
    opponent = make_opponent("threshold")
    player = reference_player()
    for seed in range(60_000, 60_015):
        state = tg.deal_from_seed(seed)
        while not state.done:
            seat = state.to_move
            choice = player.choose(state, seat, RNG)
            assert choice == solve_state(state, seat, opponent).action
            state, illegal = tg.apply_action(state, choice)
            assert not illegal


def test_reference_player_plays_a_whole_game_through_the_runner():
    episode = run_twentyone(tg.deal_from_seed(7), (reference_player(), make_opponent("threshold")), RNG)
    assert episode.final.done and episode.illegal == (0, 0)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("raise ValueError('boom')", FailureKind.EXCEPTION),
        ("return (99, 99)", FailureKind.CONTRACT),
        ("while True:\n        pass", FailureKind.TIMEOUT),
    ],
)
def test_a_failing_selector_is_an_illegal_choice_and_the_game_goes_on(body, kind):
    base = with_source(TaskName.PURSUIT, "select_best_move", body)
    pursuer = FunctionBasePursuer(base, budget_s=0.05)
    config = pg.PursuitConfig()
    start = pg.test_starts(config)[0]
    episode = run_pursuit(config, start, pursuer, make_evader("greedy", config), RNG)
    assert episode.blue_choices[0] == (None, None, None)
    assert episode.outcome is pg.Outcome.FAIL_VIOLATION and episode.illegal > config.max_illegal
    assert episode.final.blues == start.blues
    assert {f.kind for f in pursuer.failures} == {kind}


def test_a_filter_that_leaves_nothing_fails_cleanly():
    base = with_source(TaskName.PURSUIT, "filter_valid_moves", "return []")
    pursuer = FunctionBasePursuer(base)
    config = pg.PursuitConfig()
    assert pursuer.choose(config, pg.test_starts(config)[0], RNG) == (None, None, None)
    assert "no candidate move" in pursuer.failures[0].reason


def test_a_failing_decision_is_an_illegal_stand_in_twentyone():
    base = with_source(TaskName.TWENTYONE, "decide_exact", "return 'Hit'")
    player = FunctionBasePlayer(base)
    episode = run_twentyone(tg.deal_from_seed(11), (player, make_opponent("threshold")), RNG)
    assert episode.illegal[0] >= 1 and episode.moves[0].played is tg.Action.STAND
    assert player.failures[0].kind is FailureKind.CONTRACT


def test_first_listed_chain_is_the_base_chain():
    for task in TaskName:
        base = load_reference(task)
        assert tuple(FirstListedChain(base).pick({})) == reference_chain(task)


@pytest.mark.parametrize(
    "chain",
    [
        ("candidate_moves", "nope", "select_best_move"),
        ("filter_valid_moves", "candidate_moves", "select_best_move"),
        ("candidate_moves", "select_best_move"),
        ("candidate_moves", "filter_valid_moves", "select_best_move", "select_best_move"),
    ],
)
def test_a_bad_fixed_chain_is_a_user_error_at_once(chain):
    with pytest.raises(UserError):
        FunctionBasePursuer(load_reference(TaskName.PURSUIT), FixedChain(chain))


class WrongPicker:
    """A picker (think: a student) that names the selector before the filter."""

    def pick(self, state):
        return ("candidate_moves", "select_best_move", "filter_valid_moves")


def test_a_bad_picked_chain_is_an_illegal_choice_not_a_crash():
    pursuer = FunctionBasePursuer(load_reference(TaskName.PURSUIT), WrongPicker())
    config = pg.PursuitConfig()
    assert pursuer.choose(config, pg.test_starts(config)[0], RNG) == (None, None, None)
    assert pursuer.failures[0].kind is FailureKind.CONTRACT and "in order" in pursuer.failures[0].reason


def test_an_agent_refuses_the_other_games_base():
    with pytest.raises(UserError):
        FunctionBasePursuer(load_reference(TaskName.TWENTYONE))
    with pytest.raises(UserError):
        FunctionBasePlayer(load_reference(TaskName.PURSUIT))
