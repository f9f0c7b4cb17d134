"""Executing chosen functions stage by stage (SPEC §1 Eqs. 4-5): o_1 = f_1(state), o_j = f_j(o_{j-1}, state).

Turns a validated base into guarded callables and runs a chain of them on
one state dict. Which function to pick per stage (the student, Eq. 3) and
what a failure costs in the game (an illegal choice) are the caller's
business; this module only guarantees that a failure comes back as a
:class:`~logicdistill.functions.guard.StageFailure` instead of an exception.
"""

from __future__ import annotations

from collections.abc import Sequence

from logicdistill.functions.guard import (
    DEFAULT_CALL_BUDGET_S,
    FailureKind,
    GuardedFunction,
    Ok,
    StageFailure,
    StageResult,
)
from logicdistill.functions.schema import FunctionBase
from logicdistill.tasks import get_task
from logicdistill.tasks.base import Contract


def guard_base(base: FunctionBase, *, budget_s: float = DEFAULT_CALL_BUDGET_S) -> dict[str, GuardedFunction]:
    """Every function of ``base``, compiled once behind the run-time guard, by name.

    Run :func:`logicdistill.functions.validate.validate_base` (admission) on
    a base from an untrusted source before this.
    """
    task = get_task(base.task)
    return {
        spec.name: GuardedFunction(spec.name, spec.source, task.stage(spec.stage).contract, entry=spec.name,
                                   budget_s=budget_s)
        for spec in base.functions
    }  # fmt: skip


def run_stages(functions: Sequence[GuardedFunction], state: dict) -> StageResult:
    """Run the chain on ``state``; the first failing stage's StageFailure, else Ok(final output)."""
    value: object = None
    for i, fn in enumerate(functions):
        if fn.contract is Contract.MOVE_SELECTOR and not value:
            return StageFailure(fn.name, FailureKind.CONTRACT, "no candidate move left to select from")
        result = fn(state) if i == 0 else fn(value, state)
        if isinstance(result, StageFailure):
            return result
        value = result.value
    return Ok(value)
