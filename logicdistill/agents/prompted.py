"""Agents that answer in text (prompted student, KD student, prompted L-LLM) and the LLM opponents.

The prompted and KD agents use the KD prompts and parsers of
:mod:`logicdistill.training.kd_prompt` (the KD student sees the text it was
trained on); an answer that cannot be read is ``None``: an illegal choice. The
``llm`` evader and ``llm`` 21-points opponent are the untuned student choosing
by likelihood among its legal moves (SPEC §2: a model "choosing among its legal
destinations"), one ``select`` call per round. Loading models is the registry's job.
"""

from __future__ import annotations

from collections.abc import Sequence

from logicdistill.agents.batched import PursuitTurn, TwentyOneTurn
from logicdistill.games.pursuit import Cell, orange_legal
from logicdistill.games.twentyone import Action
from logicdistill.llm.base import GenerationConfig, LanguageModel, Message
from logicdistill.tasks import pursuit as pursuit_task
from logicdistill.tasks import twentyone as twentyone_task
from logicdistill.training import kd_prompt

DECODING = GenerationConfig(max_new_tokens=kd_prompt.KD_MAX_NEW_TOKENS, temperature=0.0)


class PromptedPursuer:
    """Blue side by free generation: ``B1: (x, y)`` lines parsed per dot; unreadable dot -> illegal."""

    def __init__(self, model: LanguageModel, name: str) -> None:
        self.model = model
        self.name = name
        self.llm_calls = 0

    def choose_batch(self, turns: Sequence[PursuitTurn]) -> list[tuple[Cell | None, ...]]:
        chats = [kd_prompt.pursuit_chat(t.config, t.state) for t in turns]
        replies = self.model.generate(chats, DECODING)
        self.llm_calls += len(chats)
        return [kd_prompt.parse_pursuit_answer(r) for r in replies]


class PromptedPlayer:
    """One seat of 21 points by free generation: ``hit`` / ``stand``; anything else is illegal."""

    def __init__(self, model: LanguageModel, name: str) -> None:
        self.model = model
        self.name = name
        self.llm_calls = 0

    def choose_batch(self, turns: Sequence[TwentyOneTurn]) -> list[Action | str | None]:
        chats = [kd_prompt.twentyone_chat(t.state, t.seat) for t in turns]
        replies = self.model.generate(chats, DECODING)
        self.llm_calls += len(chats)
        return [kd_prompt.parse_twentyone_answer(r) for r in replies]


EVADER_SYSTEM = (
    "You play the orange dot O in a pursuit game on a grid. Three blue dots chase you; you are caught "
    "when every blue dot is at Manhattan distance 1 or less from you. Each step you move one cell up, "
    "down, left or right, or stay. Stay away from the blue dots as long as you can."
)


class LLMEvader:
    """The untuned student as the evader: picks its destination among the legal ones by likelihood."""

    def __init__(self, model: LanguageModel, name: str = "llm") -> None:
        self.model = model
        self.name = name
        self.llm_calls = 0

    def choose_batch(self, turns: Sequence[PursuitTurn]) -> list[Cell | None]:
        asked, chats, options = [], [], []
        out: list[Cell | None] = [t.state.orange for t in turns]
        for i, t in enumerate(turns):
            legal = orange_legal(t.config, t.state.orange, t.state.blues)
            if not legal:
                continue
            text = pursuit_task.state_text(t.config, t.state)
            user = f"{text}\nWhere does O move? Answer with its destination (x, y)."
            chats.append((Message("system", EVADER_SYSTEM), Message("user", user)))
            options.append([f"({c[0]}, {c[1]})" for c in legal])
            asked.append((i, legal))
        if chats:
            picks = self.model.select(chats, options)
            self.llm_calls += len(chats)
            for (i, legal), pick in zip(asked, picks, strict=True):
                out[i] = legal[pick.index]
        return out


class LLMOpponent:
    """The untuned student as the 21-points opponent: ``hit`` or ``stand`` by likelihood."""

    def __init__(self, model: LanguageModel, name: str = "llm") -> None:
        self.model = model
        self.name = name
        self.llm_calls = 0

    def choose_batch(self, turns: Sequence[TwentyOneTurn]) -> list[Action | str | None]:
        if not turns:
            return []
        chats = [
            (
                Message("system", twentyone_task.rules_text()),
                Message("user", f"{twentyone_task.state_text(t.state, t.seat)}\nYour turn: hit or stand?"),
            )
            for t in turns
        ]
        picks = self.model.select(chats, [["hit", "stand"]] * len(chats))
        self.llm_calls += len(chats)
        return [Action.HIT if p.index == 0 else Action.STAND for p in picks]
