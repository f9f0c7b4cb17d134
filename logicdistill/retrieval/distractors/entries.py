"""The records distractor functions are written in, and how their usage examples are computed.

A :class:`Distractor` is one hand-written function (source with its
docstring, stage, the manual's "when" text). Usage examples are not typed
in: :func:`chain_examples` runs the functions on an example state (in a
fresh namespace with the same safe builtins untrusted code gets; these are
the project's own sources) and records each call and its result, so a
manual never claims a result its code does not give. Left out on purpose:
validation against stage contracts (distractors of other tasks have no
contract here; see :mod:`.assemble`).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from logicdistill.functions.allowlist import fresh_namespace
from logicdistill.functions.schema import UsageExample

MAX_SHOWN_ITEMS = 16  # longer lists are shown cut, with the number left out


@dataclass(frozen=True)
class Distractor:
    """One hand-written function: its name (the ``def``), stage, source and the manual's "when" text."""

    name: str
    stage: str
    when: str
    source: str

    @property
    def docstring(self) -> str:
        for node in ast.parse(self.source).body:
            if isinstance(node, ast.FunctionDef) and node.name == self.name:
                return ast.get_docstring(node) or ""
        raise ValueError(f"source of {self.name!r} defines no function {self.name!r}")

    @property
    def signature(self) -> str:
        for node in ast.parse(self.source).body:
            if isinstance(node, ast.FunctionDef) and node.name == self.name:
                return f"{self.name}({', '.join(a.arg for a in node.args.args)})"
        raise ValueError(f"source of {self.name!r} defines no function {self.name!r}")


@dataclass(frozen=True)
class Setting:
    """An example position: the state dict the functions get and the same position in words."""

    situation: str
    state: MappingProxyType

    @staticmethod
    def of(situation: str, state: dict) -> Setting:
        return Setting(situation, MappingProxyType(copy.deepcopy(state)))

    def fresh_state(self) -> dict:
        return copy.deepcopy(dict(self.state))


@dataclass(frozen=True)
class OtherTask:
    """A decision task that is not built in: its functions in chain order and one example position."""

    title: str
    setting: Setting
    functions: tuple[Distractor, ...]


def call_function(name: str, source: str, args: Sequence[Any]) -> Any:
    """Run ``name`` from ``source`` on ``args`` in a fresh namespace with the safe builtins."""
    namespace = fresh_namespace()
    exec(compile(source, f"<distractor {name}>", "exec"), namespace)
    return namespace[name](*copy.deepcopy(list(args)))


def show(value: Any) -> str:
    """A result as the manual shows it: floats to 4 significant digits, long lists cut."""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list) and len(value) > MAX_SHOWN_ITEMS:
        head = ", ".join(show(v) for v in value[:MAX_SHOWN_ITEMS])
        return f"[{head}, ... ({len(value) - MAX_SHOWN_ITEMS} more)]"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return repr(value)


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def example_call(
    function: Distractor, setting: Setting, upstream: object, first: bool
) -> tuple[UsageExample, object]:
    """Run one function on the setting (``upstream``: the previous stage's output); the example and result."""
    args = [setting.fresh_state()] if first else [upstream, setting.fresh_state()]
    result = call_function(function.name, function.source, args)
    call = f"{function.name}(state)" if first else f"{function.name}({show(upstream)}, state)"
    example = UsageExample(
        function.name, setting.situation, call, show(result), first_line(function.docstring)
    )
    return example, result


def chain_examples(task: OtherTask) -> tuple[UsageExample, ...]:
    """One example per function of ``task``: run in chain order, each on the previous one's output."""
    examples = []
    upstream: object = None
    for i, function in enumerate(task.functions):
        example, upstream = example_call(function, task.setting, upstream, first=i == 0)
        examples.append(example)
    return tuple(examples)
