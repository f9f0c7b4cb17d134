"""PettingZoo AEC wrappers: the API conformance test, seeding, masks against the rules, rewards."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pettingzoo.test import api_test

from logicdistill.games.envs import (
    BLUE_AGENTS,
    ORANGE_AGENT,
    PLAYER_AGENTS,
    PursuitAECEnv,
    TwentyOneAECEnv,
)
from logicdistill.games.pursuit import (
    BLUE_OFFSETS,
    ORANGE_OFFSETS,
    PursuitConfig,
    PursuitState,
    blue_legal,
    orange_legal,
    rectangle,
    start_from_seed,
)
from logicdistill.games.twentyone import Card, TwentyOneState, deal_from_seed


def quiet_api_test(env, num_cycles):
    with warnings.catch_warnings():
        # Style advice only: dict observations (with action masks) and the agent name "orange".
        warnings.simplefilter("ignore", UserWarning)
        api_test(env, num_cycles=num_cycles)


def masked_random_play(env, seed: int, max_iter: int = 2_000) -> list:
    """Play masked-random actions; return everything an agent could see, in order."""
    rng = np.random.default_rng(seed)
    env.reset(seed=seed)
    seen = []
    for agent in env.agent_iter(max_iter):
        obs, reward, term, trunc, _ = env.last()
        seen.append((agent, obs["observation"].tolist(), obs["action_mask"].tolist(), reward, term, trunc))
        if term or trunc:
            action = None
        else:
            legal = np.flatnonzero(obs["action_mask"])
            action = int(rng.choice(legal))
        env.step(action)
    return seen


# --- conformance -------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        PursuitAECEnv(size=7),
        PursuitAECEnv(size=9, restricted=rectangle(2, 2, 4, 4), max_steps=20),
        TwentyOneAECEnv(),
    ],
    ids=["pursuit", "pursuit-restricted", "twentyone"],
)
def test_pettingzoo_api_test_passes(env):
    quiet_api_test(env, num_cycles=200)


@pytest.mark.parametrize("make", [lambda: PursuitAECEnv(size=7, max_steps=15), TwentyOneAECEnv])
def test_same_seed_same_trajectory(make):
    a, b, c = masked_random_play(make(), 3), masked_random_play(make(), 3), masked_random_play(make(), 4)
    assert a == b
    assert a != c
    assert a[-1][4] or a[-1][5]  # the game was played to its end


def test_seeded_starts_match_the_rules_seed_lists():
    env = PursuitAECEnv()
    env.reset(seed=1_000)
    assert env.game == start_from_seed(1_000)
    env = TwentyOneAECEnv()
    env.reset(seed=20_000)
    assert env.game == deal_from_seed(20_000)


def test_reset_without_seed_continues_the_generator():
    env = PursuitAECEnv(size=9)
    env.reset(seed=5)
    first = env.game
    env.reset()
    assert env.game != first
    env.reset(seed=5)
    assert env.game == first


# --- pursuit masks and transitions ---------------------------------------------------


def _legal_from_mask(mask, origin, offsets):
    return {(origin[0] + dx, origin[1] + dy) for (dx, dy), m in zip(offsets, mask, strict=True) if m}


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 4), st.integers(0, 4))
def test_pursuit_masks_agree_with_the_rules(seed, ax, ay):
    config = PursuitConfig(size=9, restricted=rectangle(ax, ay, ax + 3, ay + 3))
    env = PursuitAECEnv(size=config.size, restricted=config.restricted)
    env.reset(seed=seed)
    rng = np.random.default_rng(seed)
    for _ in range(12):  # three steps
        if not env.agents or env.terminations[env.agent_selection] or env.truncations[env.agent_selection]:
            break
        agent, game = env.agent_selection, env.game
        obs = env.observe(agent)
        assert obs["observation"].tolist() == [list(c) for c in [*game.blues, game.orange]]
        if agent == ORANGE_AGENT:
            expected = set(orange_legal(config, game.orange, game.blues))
            assert _legal_from_mask(obs["action_mask"], game.orange, ORANGE_OFFSETS) == expected
        else:
            blue = game.blues[BLUE_AGENTS.index(agent)]
            expected = set(blue_legal(config, blue, game.orange))
            assert _legal_from_mask(obs["action_mask"], blue, BLUE_OFFSETS) == expected
        for other in env.agents:
            if other != agent:
                assert not env.observe(other)["action_mask"].any()
        env.step(int(rng.choice(np.flatnonzero(obs["action_mask"]))))


def _offset(offsets, src, dst):
    return offsets.index((dst[0] - src[0], dst[1] - src[1]))


def test_blue_actions_are_applied_together_then_orange():
    env = PursuitAECEnv(size=9)
    start = PursuitState(blues=((4, 0), (0, 4), (8, 4)), orange=(4, 4))
    env.reset(options={"start": start})
    assert env.agent_selection == "blue_0"
    env.step(_offset(BLUE_OFFSETS, (4, 0), (4, 2)))
    assert env.game.blues == start.blues and env.agent_selection == "blue_1"
    env.step(_offset(BLUE_OFFSETS, (0, 4), (2, 4)))
    assert env.game.blues == start.blues
    env.step(_offset(BLUE_OFFSETS, (8, 4), (6, 4)))
    assert env.game.blues == ((4, 2), (2, 4), (6, 4)) and env.game.step == 1
    assert env.agent_selection == ORANGE_AGENT
    env.step(_offset(ORANGE_OFFSETS, (4, 4), (4, 5)))
    assert env.game.orange == (4, 5) and env.agent_selection == "blue_0"


def test_capture_rewards_and_terminates():
    env = PursuitAECEnv(size=9)
    start = PursuitState(blues=((4, 2), (2, 4), (6, 4)), orange=(4, 4))
    env.reset(options={"start": start})
    for agent, dst in zip(BLUE_AGENTS, [(4, 3), (3, 4), (5, 4)], strict=True):
        src = start.blues[BLUE_AGENTS.index(agent)]
        env.step(_offset(BLUE_OFFSETS, src, dst))
    assert all(env.terminations.values()) and not any(env.truncations.values())
    assert env.rewards == {"blue_0": 1.0, "blue_1": 1.0, "blue_2": 1.0, "orange": -1.0}
    assert not env.observe(env.agent_selection)["action_mask"].any()
    finals = {}
    for agent in env.agent_iter():
        _, finals[agent], terminated, _, _ = env.last()
        assert terminated
        env.step(None)
    assert env.agents == []
    assert finals == {"blue_0": 1.0, "blue_1": 1.0, "blue_2": 1.0, "orange": -1.0}


def test_step_limit_truncates_with_zero_reward():
    env = PursuitAECEnv(size=9, max_steps=2)
    env.reset(options={"start": PursuitState(blues=((0, 0), (8, 0), (0, 8)), orange=(8, 8))})
    stay_blue, stay_orange = BLUE_OFFSETS.index((0, 0)), ORANGE_OFFSETS.index((0, 0))
    for _ in range(8):
        env.step(stay_orange if env.agent_selection == ORANGE_AGENT else stay_blue)
    assert env.game.step == 2 and all(env.truncations.values()) and not any(env.terminations.values())
    assert set(env.rewards.values()) == {0.0}


def test_ignoring_the_mask_counts_illegal_choices_and_ends_in_violation():
    env = PursuitAECEnv(size=9)
    env.reset(options={"start": PursuitState(blues=((0, 0), (0, 4), (0, 8)), orange=(8, 8))})
    off_board = BLUE_OFFSETS.index((-2, 0))  # masked out for every dot on x = 0
    assert not env.observe("blue_0")["action_mask"][off_board]
    stay_orange = ORANGE_OFFSETS.index((0, 0))
    while not env.terminations["blue_0"]:
        env.step(stay_orange if env.agent_selection == ORANGE_AGENT else off_board)
    assert env.game.illegal == 9 and env.game.step == 3 and env.game.outcome.value == "fail_violation"
    assert env.rewards["blue_0"] == -1.0 and env.rewards[ORANGE_AGENT] == 1.0
    assert env.infos["blue_0"] == {"illegal": True} and env.infos[ORANGE_AGENT] == {"illegal": False}
    with pytest.raises(ValueError):
        env.reset(options={"start": PursuitState(blues=((0, 0), (0, 0), (0, 8)), orange=(8, 8))})


def test_out_of_range_actions_are_refused():
    env = PursuitAECEnv(size=9)
    env.reset(seed=0)
    for bad in (13, -1, 1.5, True, "up"):
        with pytest.raises(ValueError):
            env.step(bad)


def test_ansi_render_is_the_text_board():
    env = PursuitAECEnv(size=5, render_mode="ansi")
    env.reset(options={"start": PursuitState(blues=((0, 0), (4, 0), (0, 4)), orange=(4, 4))})
    text = env.render()
    assert "B1" in text and "O" in text and "step 0/100" in text
    assert PursuitAECEnv(size=5).render() is None
    with pytest.raises(ValueError):
        PursuitAECEnv(render_mode="human")


# --- 21 points --------------------------------------------------------------------------


def table(seat1, seat2, deck) -> TwentyOneState:
    def cards(ranks, suit):
        return tuple(Card(r, suit) for r in ranks)

    return TwentyOneState(hands=(cards(seat1, "S"), cards(seat2, "H")), deck=cards(deck, "H"))


STAND, HIT = 0, 1


def test_twentyone_turns_skip_stood_player_and_reward():
    env = TwentyOneAECEnv()
    env.reset(options={"deal": table(("10", "8"), ("2", "3"), ("4", "5", "K"))})
    assert env.agent_selection == "player_1"
    assert env.observe("player_1")["action_mask"].tolist() == [1, 1]
    assert env.observe("player_2")["action_mask"].tolist() == [0, 0]
    env.step(STAND)
    assert env.agent_selection == "player_2"
    env.step(HIT)
    assert env.agent_selection == "player_2"  # player_1 stood: skipped
    env.step(HIT)
    env.step(HIT)  # 2 + 3 + 4 + 5 + K = 24: bust
    assert env.game.done and all(env.terminations.values())
    assert env.rewards == {"player_1": 1.0, "player_2": -1.0}


def test_twentyone_observation_is_from_the_observers_side():
    env = TwentyOneAECEnv()
    env.reset(options={"deal": table(("A", "K"), ("2", "2"), ("3",))})
    mine, theirs = env.observe("player_1")["observation"], env.observe("player_2")["observation"]
    assert mine[0] == 1 and mine[12] == 1 and mine[13 + 1] == 2 and mine[26 + 2] == 1
    assert theirs[1] == 2 and theirs[13] == 1 and theirs[25] == 1
    assert mine[-2:].tolist() == [0, 0]


def test_twentyone_empty_deck_masks_hit_and_draw_rewards_zero():
    env = TwentyOneAECEnv()
    env.reset(options={"deal": table(("10", "8"), ("9", "9"), ())})
    assert env.observe("player_1")["action_mask"].tolist() == [1, 0]
    env.step(STAND)
    env.step(STAND)
    assert env.rewards == {"player_1": 0.0, "player_2": 0.0} and all(env.terminations.values())


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_twentyone_masks_agree_with_the_rules(seed):
    env = TwentyOneAECEnv()
    env.reset(seed=seed)
    rng = np.random.default_rng(seed)
    while not env.game.done:
        agent = env.agent_selection
        assert agent == PLAYER_AGENTS[env.game.to_move] and not env.game.stood[env.game.to_move]
        mask = env.observe(agent)["action_mask"]
        assert mask.tolist() == ([1, 1] if env.game.deck else [1, 0])
        env.step(int(rng.choice(np.flatnonzero(mask))))
    assert sum(env.rewards.values()) == 0.0
