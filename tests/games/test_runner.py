"""The sequential game runner, driven by tiny local fake policies (no dependence on the real ones)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicdistill.games.pursuit import (
    Outcome,
    PursuitConfig,
    PursuitState,
    apply_blue,
    apply_orange,
    blue_legal,
    orange_legal,
    random_start,
)
from logicdistill.games.runner import run_pursuit, run_twentyone
from logicdistill.games.twentyone import Action, Card, Result, TwentyOneState, deal_from_seed

# --- fakes --------------------------------------------------------------------


@dataclass
class ScriptedPursuer:
    script: list
    seen: list = field(default_factory=list)

    def choose(self, config, state, rng):
        self.seen.append(state)
        return self.script.pop(0) if self.script else state.blues


@dataclass
class ScriptedEvader:
    script: list
    seen: list = field(default_factory=list)

    def choose(self, config, state, rng):
        self.seen.append(state)
        return self.script.pop(0) if self.script else state.orange


class RandomLegalPursuer:
    def choose(self, config, state, rng):
        return tuple(
            (opts := blue_legal(config, b, state.orange))[int(rng.integers(len(opts)))] for b in state.blues
        )


class RandomLegalEvader:
    def choose(self, config, state, rng):
        opts = orange_legal(config, state.orange, state.blues)
        return opts[int(rng.integers(len(opts)))]


@dataclass
class ScriptedPlayer:
    script: list

    def choose(self, state, seat, rng):
        return self.script.pop(0)


class RandomPlayer:
    def choose(self, state, seat, rng):
        return Action.HIT if rng.random() < 0.5 else Action.STAND


def cards(*ranks: str, suit: str = "S") -> tuple[Card, ...]:
    return tuple(Card(r, suit) for r in ranks)


# --- pursuit ------------------------------------------------------------------

CONFIG = PursuitConfig(size=9)
START = PursuitState(blues=((4, 0), (0, 4), (8, 4)), orange=(4, 4))


def test_capture_in_the_blue_half_of_step_3():
    pursuer = ScriptedPursuer([[(4, 2), (2, 4), (6, 4)], [(4, 2), (2, 4), (6, 4)], [(4, 3), (3, 4), (5, 4)]])
    evader = ScriptedEvader([(4, 4), (4, 4)])
    ep = run_pursuit(CONFIG, START, pursuer, evader, np.random.default_rng(0))
    assert ep.outcome is Outcome.SUCCESS and ep.steps == 3 and ep.final.step == 3
    assert len(ep.states) == 4 and ep.states[0] == START
    assert ep.blue_choices[2] == ((4, 3), (3, 4), (5, 4))
    assert ep.orange_choices == ((4, 4), (4, 4), None) and ep.orange_errors == (False, False, False)
    assert ep.illegal == 0 and ep.illegal_flags == ((False,) * 3,) * 3
    assert len(evader.seen) == 2


def test_capture_by_the_evader_walking_in():
    state = PursuitState(blues=((4, 3), (3, 4), (5, 4)), orange=(4, 5))
    pursuer = ScriptedPursuer([[(4, 3), (3, 4), (5, 4)]])
    ep = run_pursuit(CONFIG, state, pursuer, ScriptedEvader([(4, 4)]), np.random.default_rng(0))
    assert ep.outcome is Outcome.SUCCESS and ep.steps == 1 and ep.orange_choices == ((4, 4),)


def test_evader_sees_the_state_after_the_blue_move():
    pursuer = ScriptedPursuer([[(4, 2), (2, 4), (6, 4)]])
    evader = ScriptedEvader([])
    config = PursuitConfig(size=9, max_steps=2)
    run_pursuit(config, START, pursuer, evader, np.random.default_rng(0))
    assert evader.seen[0].blues == ((4, 2), (2, 4), (6, 4)) and evader.seen[0].step == 1
    assert pursuer.seen[0] == START


def test_illegal_choices_are_recorded_and_the_eighth_ends_the_game():
    bad = [[None, "north", (0, 0)]] * 3  # three illegal choices per step
    ep = run_pursuit(CONFIG, START, ScriptedPursuer(bad), ScriptedEvader([]), np.random.default_rng(0))
    assert ep.outcome is Outcome.FAIL_VIOLATION and ep.steps == 3 and ep.illegal == 9
    assert ep.illegal_flags == ((True, True, True),) * 3
    assert ep.blue_choices[0] == (None, "north", (0, 0))
    assert all(s.blues == START.blues for s in ep.states)
    assert ep.orange_choices[-1] is None


def test_step_limit_and_evader_errors_not_charged_to_blue():
    config = PursuitConfig(size=9, max_steps=5)
    evader = ScriptedEvader([(4, 0), "nowhere", (6, 6), None, (4, 5)])  # errors, then a legal move
    ep = run_pursuit(config, START, ScriptedPursuer([]), evader, np.random.default_rng(0))
    assert ep.outcome is Outcome.FAIL_NO_VIOLATION and ep.steps == 5
    assert ep.orange_errors == (True, True, True, True, False)
    assert ep.orange_error_count == 4 and ep.illegal == 0
    assert ep.final.orange == (4, 5)


def test_finished_start_is_refused():
    done = PursuitState(blues=START.blues, orange=START.orange, outcome=Outcome.SUCCESS)
    with pytest.raises(ValueError):
        run_pursuit(CONFIG, done, ScriptedPursuer([]), ScriptedEvader([]), np.random.default_rng(0))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(4, 9))
def test_episode_replays_through_the_rules_and_is_seeded(seed, size):
    config = PursuitConfig(size=size, max_steps=30)
    start = random_start(config, np.random.default_rng(seed))

    def play():
        return run_pursuit(
            config, start, RandomLegalPursuer(), RandomLegalEvader(), np.random.default_rng(seed)
        )

    ep = play()
    assert ep == play()
    assert ep.final.done and len(ep.states) == ep.steps + 1
    n = ep.steps
    assert (
        len(ep.blue_choices) == len(ep.illegal_flags) == len(ep.orange_choices) == len(ep.orange_errors) == n
    )
    state = start
    for k in range(n):
        state, flags = apply_blue(config, state, ep.blue_choices[k])
        assert flags == ep.illegal_flags[k]
        if ep.orange_choices[k] is not None:
            state, erred = apply_orange(config, state, ep.orange_choices[k])
            assert erred == ep.orange_errors[k]
        assert state == ep.states[k + 1]
    assert all(not s.done for s in ep.states[:-1])


# --- 21 points ----------------------------------------------------------------


def table(seat1, seat2, deck) -> TwentyOneState:
    return TwentyOneState(hands=(cards(*seat1), cards(*seat2, suit="H")), deck=cards(*deck, suit="H"))


def test_twentyone_turns_skip_and_result():
    state = table(("10", "6"), ("9", "8"), ("2", "3", "K"))
    seat1 = ScriptedPlayer([Action.HIT, "stand"])
    seat2 = ScriptedPlayer(["hit", Action.STAND])
    ep = run_twentyone(state, (seat1, seat2), np.random.default_rng(0))
    assert [m.seat for m in ep.moves] == [0, 1, 0, 1]
    assert [m.played for m in ep.moves] == [Action.HIT, Action.HIT, Action.STAND, Action.STAND]
    assert [m.card for m in ep.moves] == [Card("2", "H"), Card("3", "H"), None, None]
    assert [m.total for m in ep.moves] == [18, 20, 18, 20]
    assert ep.results == (Result.LOSS, Result.VICTORY) and ep.illegal == (0, 0)
    assert len(ep.states) == 5 and ep.states[0] == state


def test_twentyone_stood_seat_skipped_and_bust_ends():
    state = table(("10", "9"), ("2", "3"), ("4", "5", "K", "Q"))
    seat2 = ScriptedPlayer(["hit", "hit", "hit"])
    ep = run_twentyone(state, (ScriptedPlayer(["stand"]), seat2), np.random.default_rng(0))
    assert [m.seat for m in ep.moves] == [0, 1, 1, 1]
    assert ep.moves[-1].total == 24 and ep.results == (Result.VICTORY, Result.LOSS)
    assert seat2.script == []


def test_twentyone_illegal_output_is_played_as_stand_and_counted():
    state = table(("10", "6"), ("9", "8"), ("2",))
    ep = run_twentyone(state, (ScriptedPlayer(["fold"]), ScriptedPlayer([None])), np.random.default_rng(0))
    assert [(m.said, m.played, m.illegal) for m in ep.moves] == [
        ("fold", Action.STAND, True),
        ("None", Action.STAND, True),
    ]
    assert ep.illegal == (1, 1) and ep.results == (Result.LOSS, Result.VICTORY)


@pytest.mark.parametrize("seed", [20_000, 20_001, 20_002])
def test_twentyone_is_seeded(seed):
    def play():
        return run_twentyone(
            deal_from_seed(seed), (RandomPlayer(), RandomPlayer()), np.random.default_rng(seed)
        )

    ep = play()
    assert ep == play()
    assert ep.final.done and {ep.results[0], ep.results[1]} in ({Result.DRAW}, {Result.VICTORY, Result.LOSS})
    assert ep.start == deal_from_seed(seed)


def test_twentyone_refuses_a_finished_deal():
    state = table(("10", "6"), ("9", "8"), ())
    finished = TwentyOneState(hands=state.hands, deck=(), done=True)
    with pytest.raises(ValueError):
        run_twentyone(finished, (RandomPlayer(), RandomPlayer()), np.random.default_rng(0))
