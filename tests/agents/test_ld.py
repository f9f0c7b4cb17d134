"""Algorithm 1 with a scripted student: right picks play like the reference, wrong picks are illegal."""

import re

import numpy as np

from logicdistill.agents.batched import PursuitTurn, TwentyOneTurn
from logicdistill.agents.ld import LDPlayer, LDPursuer, LDSelector
from logicdistill.games.pursuit import PursuitConfig, restricted_test_games, test_starts
from logicdistill.games.twentyone import deal_from_seed
from logicdistill.llm.fake import FakeLanguageModel
from logicdistill.reference import load_reference, reference_player, reference_pursuer
from logicdistill.retrieval.interface import Hit


class AllFunctions:
    """A fake retriever: the whole base, in base order, for every query."""

    def __init__(self, base):
        self.names = [f.name for f in base.functions]

    def search(self, queries, k):
        return [[Hit(n, 0.0) for n in self.names[:k]] for _ in queries]


def manual_rule(base):
    """Select what the manual says: the stage's next function not yet run (emergency filter first)."""

    def rule(chat, candidates):
        user = chat[-1].content
        stage = re.search(r"Stage: (\w+)", user).group(1)
        applied = re.search(r"Run so far: (.*)\.", user).group(1)
        restricted = "Restricted cells: none" not in user
        wanted = [f.name for f in base.for_stage(stage) if f.name not in applied]
        if stage == "filter_moves":
            if "filter_valid_moves" in applied:
                wanted = ["select_best_move"]  # ends the filter stage
            elif restricted and "filter_restricted_area" not in applied:
                wanted = ["filter_restricted_area"]
            else:
                wanted = ["filter_valid_moves"]
        return candidates.index(wanted[0])

    return rule


def test_right_picks_play_like_the_reference_on_open_and_restricted_boards():
    base = load_reference("pursuit")
    model = FakeLanguageModel(select_rule=manual_rule(base))
    agent = LDPursuer(LDSelector(base, model, AllFunctions(base), k=4))
    reference = reference_pursuer()
    games = [(PursuitConfig(), s) for s in test_starts()[:2]] + restricted_test_games()[:2]
    rng = np.random.default_rng(0)
    turns = [PursuitTurn(c, s, rng) for c, s in games]
    assert agent.choose_batch(turns) == [tuple(reference.choose(c, s, rng)) for c, s in games]
    assert agent.llm_calls > 0 and agent.selector.failures == 0


def test_a_pick_from_the_wrong_stage_is_an_illegal_choice():
    base = load_reference("pursuit")
    model = FakeLanguageModel(select_rule=lambda chat, c: c.index("select_best_move"))
    agent = LDPursuer(LDSelector(base, model, AllFunctions(base), k=4))
    turn = PursuitTurn(PursuitConfig(), test_starts()[0], np.random.default_rng(0))
    assert agent.choose_batch([turn]) == [(None, None, None)]
    assert agent.selector.failures == 3


def test_twentyone_right_picks_match_the_reference_player():
    base = load_reference("twentyone")
    model = FakeLanguageModel(select_rule=manual_rule(base))
    agent = LDPlayer(LDSelector(base, model, AllFunctions(base), k=3))
    reference = reference_player()
    rng = np.random.default_rng(0)
    states = [deal_from_seed(s) for s in (20_000, 20_001, 20_002)]
    got = agent.choose_batch([TwentyOneTurn(s, 0, rng) for s in states])
    assert got == [reference.choose(s, 0, rng).value for s in states]


def test_the_trained_chain_asks_three_times_per_dot_and_takes_the_last_function_unasked():
    base = load_reference("pursuit")
    chain = ("candidate_moves", "filter_restricted_area", "filter_valid_moves", "select_best_move")

    def next_in_chain(chat, candidates):
        applied = re.search(r"Run so far: (.*)\.", chat[-1].content).group(1)
        return candidates.index(next(n for n in chain if n not in applied))

    model = FakeLanguageModel(select_rule=next_in_chain)
    agent = LDPursuer(LDSelector(base, model, AllFunctions(base), k=4))
    config, start = restricted_test_games()[0]
    rng = np.random.default_rng(0)
    assert agent.choose_batch([PursuitTurn(config, start, rng)]) == [
        reference_pursuer().choose(config, start, rng)
    ]
    # generate, area filter, base filter: three asks; select_best_move is the only function left
    assert agent.llm_calls == 3 * 3 and agent.selector.failures == 0
    assert len(model.seen) == 9 and all("Stage: select_move" not in chat[-1].content for chat in model.seen)
