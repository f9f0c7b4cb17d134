"""The teacher's prompts (SPEC §1 Eq. 1): the task's rules and stage structure in, functions + manual out.

Builds the first request (rules text, the stages of one decision step, the
state dict, the code restrictions and the answer format) and the repair
message that feeds validation errors back. Parsing what comes back is
:mod:`.parse`'s job; the loop is :mod:`.pipeline`'s.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from logicdistill.functions.allowlist import ALLOWED_BUILTINS, ALLOWED_MODULES
from logicdistill.llm.base import Chat, Message
from logicdistill.tasks.base import TaskSpec

SYSTEM = (
    "You are an expert Python programmer and game strategist. You decompose the decision logic of a game "
    "into small, safe, deterministic Python functions and write a clear user manual for them."
)

ANSWER_SHAPE = {
    "functions": [
        {
            "name": "function_name",
            "stage": "one of the stage names",
            "docstring": "one or two sentences: what it does and when it is the right choice",
            "source": "def function_name(params):\n    ...\n    return result\n",
        }
    ],
    "manual": {
        "overview": "how one decision step is made with these functions",
        "stages": [{"stage": "stage name", "functions": ["function_name"], "when": "when to call which one"}],
        "examples": [
            {
                "function": "function_name",
                "situation": "a concrete position",
                "call": "function_name(...)",
                "result": "what it returns",
                "explanation": "why that is the right function here",
            }
        ],
        "rules": ["one rule explained in plain words"],
    },
}


def first_request(task: TaskSpec, extra_rules: str = "") -> Chat:
    """System + user messages asking for the function base of ``task``."""
    return (Message("system", SYSTEM), Message("user", _request_text(task, extra_rules)))


def repair_request(
    problems: Sequence[str], accepted: Sequence[str], missing_stages: Sequence[str]
) -> Message:
    """The user turn that feeds validation errors back for another round."""
    lines = ["Your answer was checked. These problems were found:"]
    lines += [f"- {p}" for p in problems] or ["- (none)"]
    if accepted:
        lines.append(f"Accepted functions (keep them, you need not repeat them): {', '.join(accepted)}.")
    if missing_stages:
        lines.append(f"Stages that still have no accepted function: {', '.join(missing_stages)}.")
    lines.append(
        "Answer again with ONE JSON object in the same format: corrected or new functions, and the complete "
        "manual (covering the accepted functions too). Follow the code rules exactly."
    )
    return Message("user", "\n".join(lines))


def prompt_sha256(chat: Chat) -> str:
    """sha256 of the canonical JSON of the first request (what provenance records)."""
    payload = json.dumps([[m.role, m.content] for m in chat], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _request_text(task: TaskSpec, extra_rules: str) -> str:
    stages = "\n".join(
        f"{j}. `{stage.signature}` returns {stage.returns}.\n   {stage.purpose}"
        for j, stage in enumerate(task.stages, start=1)
    )
    fields = "\n".join(f"- `{f.key}` ({f.type}): {f.description}" for f in task.state_fields)
    modules = ", ".join(sorted(ALLOWED_MODULES))
    builtins = ", ".join(b for b in ALLOWED_BUILTINS if b[0].islower())
    rules = task.rules + (f"\n{extra_rules}" if extra_rules else "")
    return f"""\
# Task: {task.title}

## Rules
{rules}

## One decision step
{task.decision}
It is made in {len(task.stages)} stages. The first stage's function is called with the state; every later
stage's function is called with the previous stage's output and the state:
{stages}

## The state dict every function receives
{fields}
Cells are (x, y) tuples of ints. The inputs are fresh copies; never modify them, return new values.

## Code rules (code breaking them is rejected automatically)
- Each function is one top-level `def` with exactly its stage's parameters; helpers go inside it.
- Imports allowed only from: {modules}. Builtins allowed: {builtins}, and the usual exceptions.
- Not allowed: other imports, files, printing or input, classes, global/nonlocal, yield, with, try/finally,
  bare except, names or attributes starting with an underscore, str.format (use f-strings), eval/exec,
  getattr/setattr, type/object. No randomness: the same input must give the same output.
- Each call must finish within a fraction of a second.

## What to write
At least one function per stage. Where several strategies make sense, write two or three alternatives
with distinct names (for example a cautious and a bold one) so that a small model can choose between them.
Then a user manual: an overview, for every stage which functions belong to it and when to call which,
a few usage examples on concrete positions, and the rules explained in plain words.

## Answer format
Answer with ONE JSON object and nothing else, of this shape (the source is a JSON string; escape
newlines as \\n):
{json.dumps(ANSWER_SHAPE, indent=2)}
"""
