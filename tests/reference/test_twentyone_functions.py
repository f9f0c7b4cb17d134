"""The 21-points reference functions against the rules and the exact expectimax oracle (known answers)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from logicdistill.functions.guard import GuardedFunction
from logicdistill.games import twentyone as tg
from logicdistill.games.twentyone_oracle import solve_state
from logicdistill.games.twentyone_policies import make_opponent
from logicdistill.reference import load_reference
from logicdistill.reference.manual_twentyone import table
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName
from logicdistill.tasks.twentyone import state_dict

BASE = load_reference(TaskName.TWENTYONE)
TASK = get_task(TaskName.TWENTYONE)


def guarded(name: str) -> GuardedFunction:
    spec = BASE.function(name)
    return GuardedFunction(name, spec.source, TASK.stage(spec.stage).contract, entry=name)


VALUE, RISK, DECIDE = guarded("hand_value"), guarded("bust_risk"), guarded("decide_exact")

hands = st.lists(st.sampled_from(tg.RANKS), min_size=2, max_size=5).filter(
    lambda h: all(h.count(r) <= 2 for r in h) and tg.hand_total(h) <= tg.BUST_ABOVE
)


@settings(max_examples=80, deadline=None)
@given(hands)
def test_hand_value_is_the_rules_total_and_bust_risk_counts_busting_cards(mine):
    view = state_dict(table(mine, [], opponent_stood=False), 0)
    value = VALUE(view).value
    assert value == tg.hand_total(mine)
    busting = sum(n for r, n in view["deck"].items() if tg.hand_total([*mine, r]) > tg.BUST_ABOVE)
    assert RISK(value, view).value == busting / view["cards_left"]


def test_decide_matches_the_exact_optimal_action_on_sampled_positions():
    opponent = make_opponent("threshold")
    rng = np.random.default_rng(3)
    checked = 0
    for seed in range(50_000, 50_030):
        state = tg.deal_from_seed(seed)
        while not state.done:
            seat = state.to_move
            view = state_dict(state, seat)
            risk = RISK(VALUE(view).value, view).value
            answer = DECIDE(risk, view).value
            assert answer == solve_state(state, seat, opponent).action.value, view
            checked += 1
            state, _ = tg.apply_action(state, answer if rng.random() < 0.7 else rng.choice(["hit", "stand"]))
    assert checked > 60


def test_decide_stands_on_a_certain_bust_and_hits_when_behind_a_stood_opponent():
    view = state_dict(table(["10", "2"], ["10", "Q"], opponent_stood=True), 0)
    assert DECIDE(1.0, view).value == "stand"
    assert DECIDE(0.2, view).value == "hit"
