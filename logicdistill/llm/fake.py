"""A scripted :class:`~logicdistill.llm.base.LanguageModel` for tests (no torch, no network).

Answers come from a list consumed call by call (one entry per chat) or from a
function of the chat; selection follows a given rule (default: the first
candidate). Every chat it sees is kept in ``seen`` so tests can assert on the
prompts. Token counts for the meter are whitespace word counts, an honest
stand-in: no tokenizer is loaded on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from logicdistill.llm.base import (
    DEFAULT_GENERATION,
    Chat,
    GenerationConfig,
    Role,
    Selection,
    check_chats,
    check_selection_inputs,
    selection_from_scores,
    truncate_at_stop,
)
from logicdistill.llm.usage import UsageMeter, default_meter

Answerer = Callable[[Chat], str]
SelectRule = Callable[[Chat, Sequence[str]], int]


def first_candidate(chat: Chat, candidates: Sequence[str]) -> int:
    return 0


class FakeLanguageModel:
    """Answers from a script; selects by ``select_rule(chat, candidates) -> index``."""

    def __init__(
        self,
        answers: Sequence[str] | Answerer = (),
        select_rule: SelectRule = first_candidate,
        *,
        name: str = "fake",
        role: Role = Role.STUDENT,
        meter: UsageMeter | None = None,
    ) -> None:
        self.name = name
        self.role = role
        self.meter = meter if meter is not None else default_meter()
        self._answer: Answerer | None = answers if callable(answers) else None
        self._script: list[str] = [] if callable(answers) else list(answers)
        self._select_rule = select_rule
        self.seen: list[Chat] = []
        self.configs: list[GenerationConfig] = []

    @property
    def remaining(self) -> int:
        """Scripted answers not yet used."""
        return len(self._script)

    def generate(self, chats: Sequence[Chat], config: GenerationConfig = DEFAULT_GENERATION) -> list[str]:
        check_chats(chats)
        replies = []
        for one in chats:
            if self._answer is not None:
                text = self._answer(one)
            elif self._script:
                text = self._script.pop(0)
            else:
                raise RuntimeError(f"FakeLanguageModel {self.name!r} ran out of scripted answers")
            text = truncate_at_stop(text, config.stop)
            self.seen.append(one)
            self.configs.append(config)
            self.meter.record(self.role, prompt_tokens=_words(one), completion_tokens=len(text.split()))
            replies.append(text)
        return replies

    def select(self, chats: Sequence[Chat], candidates: Sequence[Sequence[str]]) -> list[Selection]:
        check_chats(chats)
        check_selection_inputs(chats, candidates)
        picks = []
        for one, options in zip(chats, candidates, strict=True):
            index = self._select_rule(one, options)
            if not 0 <= index < len(options):
                raise ValueError(f"select_rule returned {index} for {len(options)} candidates")
            # The chosen candidate gets log p = 0 and the others strictly less, in list order.
            scores = [0.0 if k == index else -1.0 - k for k in range(len(options))]
            self.seen.append(one)
            self.meter.record(self.role, prompt_tokens=_words(one))
            picks.append(selection_from_scores(scores))
        return picks


def _words(chat: Chat) -> int:
    return sum(len(turn.content.split()) for turn in chat)
