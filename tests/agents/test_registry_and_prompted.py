"""Agents by name (unknown names, missing adapters) and the text-answer agents with a scripted model."""

import numpy as np
import pytest

from logicdistill.agents.batched import PursuitTurn, TwentyOneTurn
from logicdistill.agents.prompted import LLMEvader, LLMOpponent, PromptedPlayer, PromptedPursuer
from logicdistill.agents.registry import Models, make_evader, make_player, make_pursuer
from logicdistill.errors import UserError
from logicdistill.games.pursuit import PursuitConfig, orange_legal, test_starts
from logicdistill.games.twentyone import Action, deal_from_seed
from logicdistill.llm.fake import FakeLanguageModel


def test_unknown_names_and_missing_adapters_are_user_errors(tmp_path):
    models = Models(ld_adapters={}, kd_adapters={})
    with pytest.raises(UserError, match="unknown agent"):
        make_pursuer("nope", models)
    with pytest.raises(UserError, match="unknown evader"):
        make_evader("nope", PursuitConfig(), models)
    with pytest.raises(UserError, match="trained adapter"):
        make_player("kd", models)


def test_an_adapter_folder_resolves_per_game_and_a_wrong_one_says_what_is_wrong(tmp_path):
    import json

    from logicdistill.tasks.base import TaskName

    def adapter(folder, task):
        folder.mkdir(parents=True)
        (folder / "adapter_config.json").write_text("{}")
        (folder / "logicdistill-adapter.json").write_text(json.dumps({"data": {"task": task}}))
        return folder

    per_game = tmp_path / "both"
    adapter(per_game / "pursuit", "pursuit")
    adapter(per_game / "twentyone", "twentyone")
    models = Models(kd_adapters=dict.fromkeys(TaskName, per_game))
    assert models.adapter("kd", TaskName.PURSUIT) == per_game / "pursuit"
    assert models.adapter("kd", TaskName.TWENTYONE) == per_game / "twentyone"

    only_pursuit = adapter(tmp_path / "p", "pursuit")
    models = Models(kd_adapters=dict.fromkeys(TaskName, only_pursuit))
    assert models.adapter("kd", TaskName.PURSUIT) == only_pursuit
    with pytest.raises(UserError, match="trained for pursuit"):
        models.adapter("kd", TaskName.TWENTYONE)
    with pytest.raises(UserError, match="no such folder"):
        Models(kd_adapters={TaskName.PURSUIT: tmp_path / "absent"}).adapter("kd", TaskName.PURSUIT)
    with pytest.raises(UserError, match=r"no adapter_config\.json"):
        Models(ld_adapters={TaskName.PURSUIT: tmp_path}).adapter("ld", TaskName.PURSUIT)


def test_llm_teacher_without_endpoint_says_so(monkeypatch):
    monkeypatch.delenv("LOGICDISTILL_BASE_URL", raising=False)
    with pytest.raises(UserError, match="endpoint"):
        make_pursuer("llm-teacher", Models())


def test_prompted_answers_are_parsed_and_unreadable_ones_are_none():
    model = FakeLanguageModel(["B1: (3, 4)\nB2: (5, 6)", "I do not know"])
    agent = PromptedPursuer(model, "prompted")
    rng = np.random.default_rng(0)
    turns = [PursuitTurn(PursuitConfig(), s, rng) for s in test_starts()[:2]]
    assert agent.choose_batch(turns) == [((3, 4), (5, 6), None), (None, None, None)]
    assert agent.llm_calls == 2
    player = PromptedPlayer(FakeLanguageModel(["Hit!", "maybe"]), "prompted")
    turns = [TwentyOneTurn(deal_from_seed(20_000), 0, rng)] * 2
    assert player.choose_batch(turns) == [Action.HIT, None]


def test_llm_evader_and_opponent_choose_among_legal_moves():
    rng = np.random.default_rng(0)
    config, start = PursuitConfig(), test_starts()[0]
    evader = LLMEvader(FakeLanguageModel(select_rule=lambda chat, c: len(c) - 1))
    (dest,) = evader.choose_batch([PursuitTurn(config, start, rng)])
    assert dest == orange_legal(config, start.orange, start.blues)[-1]
    opponent = LLMOpponent(FakeLanguageModel(select_rule=lambda chat, c: c.index("stand")))
    assert opponent.choose_batch([TwentyOneTurn(deal_from_seed(20_000), 1, rng)]) == [Action.STAND]
