"""Play a game by composing a function base's stage functions (SPEC §1 Eqs. 4-5); no model involved.

o_1 = f_1(state), o_j = f_j(o_{j-1}, state): a *chain* names one function per
stage, in stage order (several filters may follow one another, e.g. an
emergency filter before the base filter). Which chain to run for a decision
is asked of a :class:`ChainPicker` - a fixed chain for the reference
policies, the student's stage-by-stage selection for the LD agent - so that
every agent shares this execution. Every call goes through the run-time
guard of :mod:`logicdistill.functions`; a stage that raises, runs out of
time or breaks its contract yields ``None`` for that decision, which the game
counts as an illegal choice (SPEC §2, §3). Left out on purpose: validating
an untrusted base (run ``functions.validate_base`` first), choosing chains,
and any game loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from logicdistill.errors import UserError
from logicdistill.functions import FunctionBase, GuardedFunction, StageFailure, guard_base, run_stages
from logicdistill.functions.guard import DEFAULT_CALL_BUDGET_S, FailureKind
from logicdistill.games.pursuit import N_BLUE, Cell, PursuitConfig, PursuitState
from logicdistill.games.twentyone import Action, TwentyOneState
from logicdistill.tasks import get_task
from logicdistill.tasks import pursuit as pursuit_task
from logicdistill.tasks import twentyone as twentyone_task
from logicdistill.tasks.base import Contract, TaskName

CHAIN = "(chain)"  # the "function" named in a failure caused by the chain itself
# Stages whose input and output are the same kind of thing, so that several functions may run in a row.
REPEATABLE: frozenset[Contract] = frozenset({Contract.MOVE_FILTER})


class ChainPicker(Protocol):
    """Names the functions to run, in order, for one decision on the state dict ``state``."""

    def pick(self, state: dict) -> Sequence[str]: ...


@dataclass(frozen=True)
class FixedChain:
    """The same chain for every decision."""

    names: tuple[str, ...]

    def pick(self, state: dict) -> Sequence[str]:
        return self.names


@dataclass(frozen=True)
class FirstListedChain:
    """For each stage, the first function the base's manual lists under it (its preferred choice)."""

    base: FunctionBase

    def pick(self, state: dict) -> Sequence[str]:
        return first_listed(self.base)


def first_listed(base: FunctionBase) -> tuple[str, ...]:
    guides = {guide.stage: guide.functions for guide in base.manual.stages}
    names = []
    for stage in get_task(base.task).stages:
        listed = guides.get(stage.name) or tuple(f.name for f in base.for_stage(stage.name))
        if not listed:
            raise UserError(f"the function base has no function for stage {stage.name!r}")
        names.append(listed[0])
    return tuple(names)


@dataclass(frozen=True)
class Decision:
    """What one chain produced: the output, or the stage failure that replaced it."""

    chain: tuple[str, ...]
    value: object | None
    failure: StageFailure | None


class ComposedExecutor:
    """A base's functions compiled once behind the guard; runs checked chains of them on state dicts."""

    def __init__(self, base: FunctionBase, *, budget_s: float = DEFAULT_CALL_BUDGET_S) -> None:
        self.base = base
        self.task = get_task(base.task)
        self.functions: dict[str, GuardedFunction] = guard_base(base, budget_s=budget_s)
        self._chains: dict[tuple[str, ...], tuple[GuardedFunction, ...]] = {}

    def chain(self, names: Sequence[str]) -> tuple[GuardedFunction, ...]:
        """The guarded functions of ``names``, after checking that they form a chain (UserError if not)."""
        key = tuple(names)
        if key not in self._chains:
            self._chains[key] = self._check_chain(key)
        return self._chains[key]

    def _check_chain(self, names: tuple[str, ...]) -> tuple[GuardedFunction, ...]:
        order = {stage.name: i for i, stage in enumerate(self.task.stages)}
        unknown = [n for n in names if n not in self.functions]
        if unknown:
            raise UserError(
                f"chain names unknown function {unknown[0]!r} (known: {', '.join(self.functions)})"
            )
        stages = [order[self.base.function(n).stage] for n in names]
        if sorted(set(stages)) != list(range(len(self.task.stages))) or stages != sorted(stages):
            wanted = " -> ".join(self.task.stage_names())
            raise UserError(f"chain {' -> '.join(names)} must run one function per stage in order: {wanted}")
        for before, after, name in zip(stages, stages[1:], names[1:], strict=False):
            if before == after and self.task.stages[after].contract not in REPEATABLE:
                raise UserError(
                    f"stage {self.task.stages[after].name!r} takes one function, not several ({name})"
                )
        return tuple(self.functions[n] for n in names)

    def decide(self, names: Sequence[str], state: dict) -> Decision:
        """Run the chain ``names`` on ``state``; a chain that is not one (a picker's mistake) fails too."""
        try:
            chain = self.chain(names)
        except UserError as err:
            return Decision(tuple(names), None, StageFailure(CHAIN, FailureKind.CONTRACT, str(err)))
        result = run_stages(chain, state)
        if isinstance(result, StageFailure):
            return Decision(tuple(names), None, result)
        return Decision(tuple(names), result.value, None)


def check_fixed(executor: ComposedExecutor, picker: ChainPicker) -> None:
    """A chain known in advance is checked at once: a bad one is the caller's mistake (UserError)."""
    if isinstance(picker, FixedChain):
        executor.chain(picker.names)
    elif isinstance(picker, FirstListedChain):
        executor.chain(first_listed(picker.base))


class _FunctionBaseAgent:
    """What both games' agents share: the base's executor, the chain picker and the failures kept."""

    task: TaskName
    agent_kind: str  # how the error for a base of the other game names this agent

    def __init__(
        self,
        base: FunctionBase,
        picker: ChainPicker | None = None,
        *,
        budget_s: float = DEFAULT_CALL_BUDGET_S,
        name: str = "function-base",
    ) -> None:
        if base.task is not self.task:
            raise UserError(
                f"a {self.agent_kind} agent needs a {self.task.value} function base, not {base.task.value!r}"
            )
        self.name = name
        self.executor = ComposedExecutor(base, budget_s=budget_s)
        self.picker: ChainPicker = picker or FirstListedChain(base)
        self.failures: list[StageFailure] = []
        check_fixed(self.executor, self.picker)

    def _decide(self, view: dict) -> Decision:
        """The picked chain's decision on ``view``; its failure, if any, is kept in ``failures``."""
        decision = self.executor.decide(self.picker.pick(view), view)
        if decision.failure is not None:
            self.failures.append(decision.failure)
        return decision


class FunctionBasePursuer(_FunctionBaseAgent):
    """The blue side: for each dot, the chain on ``state_dict(config, state, dot)``; a failure -> None.

    ``failures`` keeps every stage failure, in order, for reports.
    """

    task = TaskName.PURSUIT
    agent_kind = "pursuit"

    def choose(
        self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator
    ) -> tuple[Cell | None, Cell | None, Cell | None]:
        decisions = [self._decide(pursuit_task.state_dict(config, state, dot)) for dot in range(N_BLUE)]
        return tuple(d.value for d in decisions)  # type: ignore[return-value]


class FunctionBasePlayer(_FunctionBaseAgent):
    """One seat of 21 points: the chain on ``state_dict(state, seat)``; a failure -> None (illegal, stand).

    Also a known policy for the exact oracle (``action_probabilities``), so
    that its exact odds can be computed; it hashes by identity.
    """

    task = TaskName.TWENTYONE
    agent_kind = "21-points"

    def choose(self, state: TwentyOneState, seat: int, rng: np.random.Generator) -> Action | str | None:
        decision = self._decide(twentyone_task.state_dict(state, seat))
        return None if decision.failure is not None else Action(decision.value)

    def action_probabilities(self, state: TwentyOneState, seat: int) -> dict[Action, float]:
        """The decision as probabilities; a failed chain plays as stand, as the rules do."""
        chosen = self.choose(state, seat, np.random.default_rng(0)) or Action.STAND
        return {action: 1.0 if action is chosen else 0.0 for action in Action}
