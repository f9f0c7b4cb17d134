"""The one model interface every other module codes against: chat generation and selection.

A model is anything with a ``name``, ``generate`` (batched chat completion) and
``select`` (batched scoring of K candidate continuations, the paper's Eq. 3).
This file holds only the shared value types and small checks on them; the
backends (transformers, OpenAI-compatible HTTP, the test fake) live in their
own modules and nothing here imports torch or openai.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from logicdistill.errors import UserError

CHAT_ROLES = ("system", "user", "assistant")


class Role(StrEnum):
    """Who a model plays in an experiment; token usage is metered per role."""

    TEACHER = "teacher"
    STUDENT = "student"
    OPPONENT = "opponent"


@dataclass(frozen=True)
class Message:
    """One chat turn. ``role`` is one of ``CHAT_ROLES``."""

    role: str
    content: str

    def __post_init__(self) -> None:
        if self.role not in CHAT_ROLES:
            raise UserError(f"chat message role must be one of {', '.join(CHAT_ROLES)}, not {self.role!r}")


Chat = tuple[Message, ...]


@dataclass(frozen=True)
class GenerationConfig:
    """How to decode. ``temperature == 0`` is greedy (deterministic); above 0 samples with ``seed``."""

    max_new_tokens: int = 256
    temperature: float = 0.0
    seed: int | None = None
    stop: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.max_new_tokens < 1:
            raise UserError(f"max_new_tokens must be at least 1, not {self.max_new_tokens}")
        if self.temperature < 0:
            raise UserError(f"temperature must be 0 (greedy) or positive, not {self.temperature}")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0.0


DEFAULT_GENERATION = GenerationConfig()


@dataclass(frozen=True)
class Selection:
    """The choice among K candidates: ``scores[k]`` is log p(candidate k | prompt); ``index`` the argmax."""

    index: int
    scores: tuple[float, ...]


class ModelAnswerError(RuntimeError):
    """A model's answer could not be used (e.g. it named no valid option, even after a reminder)."""


@runtime_checkable
class LanguageModel(Protocol):
    """What every backend provides. Both calls are batched over many chats."""

    name: str

    def generate(self, chats: Sequence[Chat], config: GenerationConfig = DEFAULT_GENERATION) -> list[str]:
        """One completion (the assistant's next turn) per chat."""
        ...

    def select(self, chats: Sequence[Chat], candidates: Sequence[Sequence[str]]) -> list[Selection]:
        """For each chat, score its candidate continuations of the assistant turn and pick the best."""
        ...


def chat(*turns: tuple[str, str]) -> Chat:
    """Build a chat from ``(role, content)`` pairs: ``chat(("system", s), ("user", u))``."""
    return tuple(Message(role, content) for role, content in turns)


def selection_from_scores(scores: Sequence[float]) -> Selection:
    """The argmax (first one on ties) and the scores as a tuple."""
    values = tuple(float(s) for s in scores)
    best = max(range(len(values)), key=lambda k: (values[k], -k))
    return Selection(index=best, scores=values)


def check_selection_inputs(chats: Sequence[Chat], candidates: Sequence[Sequence[str]]) -> None:
    """Raise :class:`UserError` for mismatched lengths or an empty candidate list."""
    if len(chats) != len(candidates):
        raise UserError(f"select got {len(chats)} chats but {len(candidates)} candidate lists")
    for i, options in enumerate(candidates):
        if isinstance(options, str):
            raise UserError(f"candidates for chat {i} must be a list of strings, not one string")
        if len(options) == 0:
            raise UserError(f"candidate list for chat {i} is empty: nothing to select from")
        for option in options:
            if not isinstance(option, str) or option == "":
                raise UserError(f"candidates for chat {i} must be non-empty strings, got {option!r}")


def check_chats(chats: Sequence[Chat]) -> None:
    """Raise :class:`UserError` when a chat is empty or not made of :class:`Message`."""
    for i, turns in enumerate(chats):
        if len(turns) == 0:
            raise UserError(f"chat {i} has no messages")
        for turn in turns:
            if not isinstance(turn, Message):
                raise UserError(f"chat {i} must be a tuple of Message, got {type(turn).__name__}")


def truncate_at_stop(text: str, stop: Sequence[str]) -> str:
    """Cut ``text`` before the earliest stop string (stop strings are not included)."""
    cut = len(text)
    for marker in stop:
        if marker:
            at = text.find(marker)
            if at != -1:
                cut = min(cut, at)
    return text[:cut]
