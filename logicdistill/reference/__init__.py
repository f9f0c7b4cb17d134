"""The shipped reference function bases (DESIGN §3) and the reference policies that compose them.

A reference base is data (``pursuit.json``, ``twentyone.json``), origin
``reference``: written by this project as a stand-in for a teacher's
answer, validated by the same checks a teacher's answer passes. Its code
lives in ``src/<task>/`` and its manual in ``manual_<task>.py``;
``python -m logicdistill.reference.build`` turns them into the data files.
The executor is :mod:`logicdistill.agents.composed`; this module only says
which chain the reference policies run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from logicdistill.agents.composed import FixedChain, FunctionBasePlayer, FunctionBasePursuer
from logicdistill.functions.guard import DEFAULT_CALL_BUDGET_S
from logicdistill.functions.schema import FunctionBase
from logicdistill.functions.store import load
from logicdistill.reference.catalog import CHAINS, EMERGENCY_CHAINS, data_path
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName

__all__ = [
    "EmergencyAwareChain",
    "load_reference",
    "reference_chain",
    "reference_player",
    "reference_pursuer",
]


def load_reference(task: str | TaskName) -> FunctionBase:
    """The shipped reference base of ``task`` (a UserError for an unknown task)."""
    return load(data_path(get_task(task).name))


def reference_chain(task: str | TaskName, emergency: bool = False) -> tuple[str, ...]:
    """The function names the reference policy runs, in order; ``emergency``: with a restricted area."""
    name = get_task(task).name
    return EMERGENCY_CHAINS[name] if emergency and name in EMERGENCY_CHAINS else CHAINS[name]


@dataclass(frozen=True)
class EmergencyAwareChain:
    """The base chain, or the emergency chain when the state has restricted cells (SPEC §1 Eq. 6)."""

    base: tuple[str, ...]
    emergency: tuple[str, ...]

    def pick(self, state: dict) -> Sequence[str]:
        return self.emergency if state.get("restricted") else self.base


def reference_pursuer(budget_s: float = DEFAULT_CALL_BUDGET_S) -> FunctionBasePursuer:
    """The pursuit reference policy: the shipped base, with the emergency filter on restricted boards."""
    picker = EmergencyAwareChain(reference_chain(TaskName.PURSUIT), reference_chain(TaskName.PURSUIT, True))
    return FunctionBasePursuer(load_reference(TaskName.PURSUIT), picker, budget_s=budget_s, name="reference")


def reference_player(budget_s: float = DEFAULT_CALL_BUDGET_S) -> FunctionBasePlayer:
    """The 21-points reference policy: the shipped base's chain."""
    picker = FixedChain(reference_chain(TaskName.TWENTYONE))
    return FunctionBasePlayer(load_reference(TaskName.TWENTYONE), picker, budget_s=budget_s, name="reference")
