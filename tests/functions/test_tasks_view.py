"""What stage functions see of a task: stages, contracts and the documented state dict."""

from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.tasks import all_tasks, get_task, stage_for_contract
from logicdistill.tasks import pursuit as pt
from logicdistill.tasks import twentyone as tt
from logicdistill.tasks.base import Contract, TaskName


def test_every_contract_belongs_to_exactly_one_stage():
    stages = [s for task in all_tasks().values() for s in task.stages]
    assert sorted(s.contract for s in stages) == sorted(Contract)
    task, stage = stage_for_contract(Contract.MOVE_FILTER)
    assert task.name is TaskName.PURSUIT and stage.signature == "filter_moves(moves, state)"
    assert get_task("twentyone").stage_names() == ("evaluate_hand", "estimate_risk", "decide")


def test_pursuit_state_dict_matches_its_documentation_and_is_fresh():
    config = pg.PursuitConfig(restricted=pg.rectangle(0, 0, 1, 0))
    state = pg.PursuitState(blues=((5, 5), (6, 6), (7, 7)), orange=(9, 9), step=4)
    view = pt.state_dict(config, state, 2)
    assert list(view) == [f.key for f in pt.STATE_FIELDS]
    assert view == {
        "size": 21,
        "blues": [(5, 5), (6, 6), (7, 7)],
        "orange": (9, 9),
        "dot": 2,
        "position": (7, 7),
        "restricted": [(0, 0), (1, 0)],
        "step": 4,
    }
    view["blues"].clear()
    assert pt.state_dict(config, state, 2)["blues"] == [(5, 5), (6, 6), (7, 7)]


def test_twentyone_state_dict_matches_its_documentation():
    state = tg.deal_from_seed(20_000)
    view = tt.state_dict(state, 1)
    assert list(view) == [f.key for f in tt.STATE_FIELDS]
    assert view["hand"] == tg.ranks_of(state.hands[1]) and view["total"] == state.total(1)
    assert view["opponent_total"] == state.total(0) and view["seat"] == 1
    assert sum(view["deck"].values()) == view["cards_left"] == 22 and list(view["deck"]) == list(tg.RANKS)


def test_rules_text_states_the_restricted_area_only_when_there_is_one():
    assert "restricted" not in pt.rules_text(pg.PursuitConfig()).split("\n")[-1]
    text = pt.rules_text(pg.PursuitConfig(restricted=frozenset({(3, 4)})))
    assert text.endswith("no dot may enter the restricted cells (3, 4).")
    square = pg.PursuitConfig(restricted=pg.rectangle(8, 8, 12, 12))
    assert pt.rules_text(square).endswith("restricted cells x 8..12, y 8..12.")
    assert pt.rectangles({(0, 0), (0, 1), (1, 0)}) == [(0, 0, 0, 1), (1, 0, 1, 0)]  # exact cover
    assert "Decide the destination of B2" in pt.state_text(pg.PursuitConfig(), pg.start_from_seed(1_000), 1)
    deal = tg.deal_from_seed(20_000)
    full, brief = tt.state_text(deal, 0), tt.selection_text(deal, 0)
    assert "Deck: 22 cards left: " in full  # the prompted and KD students read the ranks left
    assert brief.endswith("Deck: 22 cards left.") and full.startswith(brief.removesuffix(".") + ": ")
