"""Selection through a chat endpoint: the K candidates as numbered options, the answer read back.

An HTTP chat API cannot score arbitrary text, so over HTTP a selection is a
question: the chat's last user turn gets the options "1. ...", "2. ...". Where the
server returns token log-probabilities, the score of option k is the log-prob of
its label as the first answer token (one next-token read, DESIGN §4); otherwise
the model's written answer is parsed and validated. Sending requests is
:mod:`logicdistill.llm.http`'s job, not this file's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from logicdistill.llm.base import Chat, Message

MAX_LABEL_OPTIONS = 9  # labels 1..9 are a single token for common tokenizers
TOP_LOGPROBS = 20  # the most alternatives OpenAI-style servers return per token
ABSENT = -math.inf  # score of a label the server did not list among its top alternatives


def instruction(count: int) -> str:
    return f"Answer with the number of exactly one option, from 1 to {count}, and nothing else."


def choice_chat(chat: Chat, options: Sequence[str]) -> Chat:
    """The chat with the numbered options and the answer instruction added to its last user turn."""
    listing = "\n".join(f"{k}. {option}" for k, option in enumerate(options, start=1))
    question = f"Options:\n{listing}\n{instruction(len(options))}"
    if chat and chat[-1].role == "user":
        last = chat[-1]
        return (*chat[:-1], Message("user", f"{last.content}\n\n{question}"))
    return (*chat, Message("user", question))


def reminder_chat(asked: Chat, reply: str, count: int) -> Chat:
    """A second try after an invalid answer: the reply and a reminder of the format."""
    return (*asked, Message("assistant", reply), Message("user", f"That is not valid. {instruction(count)}"))


def label_scores(top: Sequence[tuple[str, float]], count: int) -> tuple[float, ...] | None:
    """log p of each label 1..count as the first answer token; None when no label is listed at all."""
    buckets: list[list[float]] = [[] for _ in range(count)]
    for token, logprob in top:
        text = token.strip()
        if text.isdigit() and 1 <= int(text) <= count:
            buckets[int(text) - 1].append(logprob)
    if not any(buckets):
        return None
    return tuple(_logsumexp(b) if b else ABSENT for b in buckets)


def parse_choice(reply: str, options: Sequence[str]) -> int | None:
    """The 0-based option a written answer names: its first number, else the one option it quotes."""
    number = re.search(r"\d+", reply)
    if number is not None:
        value = int(number.group())
        return value - 1 if 1 <= value <= len(options) else None
    quoted = [k for k, option in enumerate(options) if option.strip() and option.strip() in reply]
    return quoted[0] if len(quoted) == 1 else None


def _logsumexp(values: Sequence[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))
