"""PettingZoo AEC environments over the pure game rules (pursuit and 21 points).

Each wrapper holds a rules state and turns discrete actions into the rules'
choices; all legality, counting and endings come from ``pursuit.py`` and
``twentyone.py``. Legal actions are given as an ``action_mask`` (int8,
1 = legal) inside the observation dict, all zeros for an agent whose turn
it is not (PettingZoo's classic-games convention).

Pursuit: agents ``blue_0``, ``blue_1``, ``blue_2`` act in turn, each with
``Discrete(13)`` = index into ``BLUE_OFFSETS``; the three are collected and
applied together with ``apply_blue``; then ``orange`` acts with
``Discrete(5)`` = index into ``ORANGE_OFFSETS``. The observation is an int64
array of shape (4, 2): rows B1, B2, B3, O, columns x, y (the same for every
agent; restricted cells are fixed by the config and show in the masks).
Rewards: capture gives blue +1 each and orange -1; a violation (more than
``max_illegal`` illegal choices, possible only when masks are ignored) gives
blue -1 each and orange +1. Capture and violation terminate; the step limit
truncates with reward 0.

21 points: agents ``player_1`` (seat 1, moves first) and ``player_2``, each
``Discrete(2)``: 0 = stand, 1 = hit (hit is masked out on an empty deck). A
player who stood is skipped. The observation is int8 of shape (41,), from
the observer's side: rank counts (order of ``RANKS``) of its own hand, of
the other hand, of the remaining deck, then own-stood and other-stood.
Rewards at the end: +1 win, -1 loss, 0 draw.

``reset(seed=...)`` draws the start / the deal from ``np.random.default_rng(seed)``;
without a seed it continues the generator it has. Left out on purpose:
pixel rendering (``render`` returns the text of ``render.py``), parallel
API conversions and agents.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv
from pettingzoo.utils import AgentSelector

from logicdistill.games.pursuit import (
    BLUE_OFFSETS,
    N_BLUE,
    ORANGE_OFFSETS,
    Outcome,
    PursuitConfig,
    PursuitState,
    apply_blue,
    apply_orange,
    blue_legal,
    orange_legal,
    random_start,
    validate_start,
)
from logicdistill.games.twentyone import RANKS, Action, TwentyOneState, apply_action, deal

BLUE_AGENTS: tuple[str, ...] = tuple(f"blue_{i}" for i in range(N_BLUE))
ORANGE_AGENT = "orange"
PLAYER_AGENTS: tuple[str, str] = ("player_1", "player_2")
TWENTYONE_ACTIONS: tuple[Action, Action] = (Action.STAND, Action.HIT)  # action index -> rules action
RENDER_MODES = ["ansi"]


def _index(action: Any, n: int) -> int:
    """A Discrete(n) action as a plain int; anything else is a caller bug."""
    if isinstance(action, bool) or not isinstance(action, int | np.integer) or not 0 <= action < n:
        raise ValueError(f"action must be an integer in [0, {n}), got {action!r}")
    return int(action)


class _TurnBasedEnv(AECEnv):
    """Bookkeeping shared by both games: rewards, dead steps, spaces."""

    def __init__(self, render_mode: str | None) -> None:
        super().__init__()
        if render_mode is not None and render_mode not in RENDER_MODES:
            raise ValueError(f"render_mode must be one of {RENDER_MODES} or None, got {render_mode!r}")
        self.render_mode = render_mode
        self._rng: np.random.Generator | None = None
        self.observation_spaces: dict[str, spaces.Space] = {}
        self.action_spaces: dict[str, spaces.Space] = {}

    def observation_space(self, agent: str) -> spaces.Space:
        return self.observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space:
        return self.action_spaces[agent]

    def _seed(self, seed: int | None) -> np.random.Generator:
        if seed is not None or self._rng is None:
            self._rng = np.random.default_rng(seed)
        return self._rng

    def _reset_books(self) -> None:
        self.agents = list(self.possible_agents)
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self.infos = {a: {} for a in self.agents}

    def _begin_step(self) -> None:
        self._cumulative_rewards[self.agent_selection] = 0.0
        self._clear_rewards()

    def _finish(self, rewards: dict[str, float], truncated: bool) -> None:
        for agent, value in rewards.items():
            self.rewards[agent] = value
        flags = self.truncations if truncated else self.terminations
        for agent in self.agents:
            flags[agent] = True

    def _mask(self, agent: str, legal: list[int], n: int) -> np.ndarray:
        mask = np.zeros(n, dtype=np.int8)
        if agent == self.agent_selection and agent in self.agents and not self._over():
            mask[legal] = 1
        return mask

    def _over(self) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing to release: rendering is text only."""


class PursuitAECEnv(_TurnBasedEnv):
    """Three blue pursuers and one orange evader (SPEC §2) as a PettingZoo AEC environment."""

    metadata: ClassVar[dict[str, Any]] = {
        "name": "logicdistill_pursuit_v0",
        "render_modes": RENDER_MODES,
        "is_parallelizable": False,
    }

    def __init__(
        self,
        size: int = PursuitConfig.size,
        restricted: frozenset[tuple[int, int]] = frozenset(),
        max_steps: int = PursuitConfig.max_steps,
        render_mode: str | None = None,
    ) -> None:
        super().__init__(render_mode)
        self.config = PursuitConfig(size=size, restricted=frozenset(restricted), max_steps=max_steps)
        self.possible_agents = [*BLUE_AGENTS, ORANGE_AGENT]
        position = spaces.Box(low=0, high=size - 1, shape=(N_BLUE + 1, 2), dtype=np.int64)
        for agent in self.possible_agents:
            n = len(ORANGE_OFFSETS) if agent == ORANGE_AGENT else len(BLUE_OFFSETS)
            mask = spaces.Box(low=0, high=1, shape=(n,), dtype=np.int8)
            self.observation_spaces[agent] = spaces.Dict({"observation": position, "action_mask": mask})
            self.action_spaces[agent] = spaces.Discrete(n)
        self._selector = AgentSelector(self.possible_agents)
        self.game: PursuitState | None = None
        self._pending: list[tuple[int, int]] = []

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        """New game: a seeded random start, or ``options["start"]`` (a valid ``PursuitState``)."""
        rng = self._seed(seed)
        start = (options or {}).get("start")
        if start is None:
            start = random_start(self.config, rng)
        else:
            validate_start(self.config, start)
        self.game = start
        self._pending = []
        self._reset_books()
        self._selector.reinit(self.agents)
        self.agent_selection = self._selector.reset()

    def _over(self) -> bool:
        return self.game is None or self.game.done

    def observe(self, agent: str) -> dict[str, np.ndarray]:
        state = self.game
        positions = np.array([*state.blues, state.orange], dtype=np.int64)
        if agent == ORANGE_AGENT:
            legal = set(orange_legal(self.config, state.orange, state.blues))
            origin, offsets = state.orange, ORANGE_OFFSETS
        else:
            origin, offsets = state.blues[BLUE_AGENTS.index(agent)], BLUE_OFFSETS
            legal = set(blue_legal(self.config, origin, state.orange))
        ok = [i for i, (dx, dy) in enumerate(offsets) if (origin[0] + dx, origin[1] + dy) in legal]
        return {"observation": positions, "action_mask": self._mask(agent, ok, len(offsets))}

    def step(self, action: Any) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        self._begin_step()
        state = self.game
        if agent == ORANGE_AGENT:
            dx, dy = ORANGE_OFFSETS[_index(action, len(ORANGE_OFFSETS))]
            self.game, erred = apply_orange(self.config, state, (state.orange[0] + dx, state.orange[1] + dy))
            self.infos[agent] = {"illegal": erred}
        else:
            i = BLUE_AGENTS.index(agent)
            dx, dy = BLUE_OFFSETS[_index(action, len(BLUE_OFFSETS))]
            self._pending.append((state.blues[i][0] + dx, state.blues[i][1] + dy))
            if len(self._pending) == N_BLUE:
                self.game, flags = apply_blue(self.config, state, self._pending)
                self._pending = []
                for blue, flag in zip(BLUE_AGENTS, flags, strict=True):
                    self.infos[blue] = {"illegal": flag}
        self._score()
        self.agent_selection = self._selector.next()
        self._accumulate_rewards()

    def _score(self) -> None:
        outcome = self.game.outcome
        if outcome is None:
            return
        sign = {Outcome.SUCCESS: 1.0, Outcome.FAIL_VIOLATION: -1.0, Outcome.FAIL_NO_VIOLATION: 0.0}[outcome]
        rewards = {a: sign for a in BLUE_AGENTS} | {ORANGE_AGENT: -sign}
        self._finish(rewards, truncated=outcome is Outcome.FAIL_NO_VIOLATION)

    def render(self) -> str | None:
        from logicdistill.games.render import render_pursuit

        if self.render_mode is None or self.game is None:
            return None
        return render_pursuit(self.config, self.game)


class TwentyOneAECEnv(_TurnBasedEnv):
    """Two players of 21 points (SPEC §3) as a PettingZoo AEC environment."""

    metadata: ClassVar[dict[str, Any]] = {
        "name": "logicdistill_twentyone_v0",
        "render_modes": RENDER_MODES,
        "is_parallelizable": False,
    }

    def __init__(self, render_mode: str | None = None) -> None:
        super().__init__(render_mode)
        self.possible_agents = list(PLAYER_AGENTS)
        n_obs = 3 * len(RANKS) + 2
        for agent in self.possible_agents:
            self.observation_spaces[agent] = spaces.Dict(
                {
                    "observation": spaces.Box(low=0, high=2, shape=(n_obs,), dtype=np.int8),
                    "action_mask": spaces.Box(low=0, high=1, shape=(2,), dtype=np.int8),
                }
            )
            self.action_spaces[agent] = spaces.Discrete(len(TWENTYONE_ACTIONS))
        self.game: TwentyOneState | None = None

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        """New game: a seeded shuffle, or ``options["deal"]`` (a ``TwentyOneState`` not yet over)."""
        rng = self._seed(seed)
        state = (options or {}).get("deal")
        if state is None:
            state = deal(rng)
        elif state.done:
            raise ValueError("options['deal'] is a finished game")
        self.game = state
        self._reset_books()
        self.agent_selection = PLAYER_AGENTS[state.to_move]

    def _over(self) -> bool:
        return self.game is None or self.game.done

    def observe(self, agent: str) -> dict[str, np.ndarray]:
        state = self.game
        seat = PLAYER_AGENTS.index(agent)

        def counts(cards) -> list[int]:
            ranks = [c.rank for c in cards]
            return [ranks.count(r) for r in RANKS]

        obs = [
            *counts(state.hands[seat]),
            *counts(state.hands[1 - seat]),
            *counts(state.deck),
            int(state.stood[seat]),
            int(state.stood[1 - seat]),
        ]
        legal = [0, 1] if state.deck else [0]
        return {"observation": np.array(obs, dtype=np.int8), "action_mask": self._mask(agent, legal, 2)}

    def step(self, action: Any) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        self._begin_step()
        choice = TWENTYONE_ACTIONS[_index(action, len(TWENTYONE_ACTIONS))]
        self.game, illegal = apply_action(self.game, choice)
        self.infos[agent] = {"illegal": illegal}
        if self.game.done:
            self._finish({a: _points(self.game, i) for i, a in enumerate(PLAYER_AGENTS)}, truncated=False)
        else:
            self.agent_selection = PLAYER_AGENTS[self.game.to_move]
        self._accumulate_rewards()

    def render(self) -> str | None:
        from logicdistill.games.render import render_twentyone

        if self.render_mode is None or self.game is None:
            return None
        return render_twentyone(self.game, labels=PLAYER_AGENTS)


def _points(state: TwentyOneState, seat: int) -> float:
    if state.winner is None:
        return 0.0
    return 1.0 if state.winner == seat else -1.0
