"""The built-in tasks as an LLM sees them, looked up by name.

Each task module holds rules text, state text, the stage structure of one
decision step and the state dict stage functions receive. Game rules live
in :mod:`logicdistill.games`; agents and prompts that use these live
elsewhere. The task modules (which import the games, hence numpy) load on
first lookup, so importing :mod:`logicdistill.tasks.base` stays cheap.
"""

from __future__ import annotations

from functools import cache

from logicdistill.errors import UserError
from logicdistill.tasks.base import Contract, Stage, StateField, TaskName, TaskSpec

__all__ = [
    "Contract",
    "Stage",
    "StateField",
    "TaskName",
    "TaskSpec",
    "all_tasks",
    "get_task",
    "stage_for_contract",
]


@cache
def all_tasks() -> dict[TaskName, TaskSpec]:
    from logicdistill.tasks import pursuit, twentyone

    return {TaskName.PURSUIT: pursuit.TASK, TaskName.TWENTYONE: twentyone.TASK}


def get_task(name: str | TaskName) -> TaskSpec:
    try:
        return all_tasks()[TaskName(name)]
    except ValueError:
        known = ", ".join(t.value for t in TaskName)
        raise UserError(f"unknown task {name!r} (known: {known})") from None


def stage_for_contract(contract: Contract) -> tuple[TaskSpec, Stage]:
    """The task and stage a contract belongs to (each contract belongs to exactly one)."""
    for task in all_tasks().values():
        for stage in task.stages:
            if stage.contract is contract:
                return task, stage
    raise KeyError(f"no stage has contract {contract}")
