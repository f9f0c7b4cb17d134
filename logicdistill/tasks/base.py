"""The shape of a task as an LLM sees it: stages of one decision step, the state dict, the contracts.

Data only: enums and frozen dataclasses that the per-game modules fill in
(:mod:`logicdistill.tasks.pursuit`, :mod:`logicdistill.tasks.twentyone`).
Checking that a function honours a contract lives in
:mod:`logicdistill.functions.contracts`; the games' rules live in
:mod:`logicdistill.games`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TaskName(StrEnum):
    PURSUIT = "pursuit"
    TWENTYONE = "twentyone"


class Contract(StrEnum):
    """What a stage function must do; each stage of each task has exactly one contract."""

    MOVE_GENERATOR = "move_generator"
    MOVE_FILTER = "move_filter"
    MOVE_SELECTOR = "move_selector"
    HAND_EVALUATOR = "hand_evaluator"
    RISK_ESTIMATOR = "risk_estimator"
    TWENTYONE_DECISION = "twentyone_decision"


@dataclass(frozen=True)
class Stage:
    """One stage of a decision step: o_j = f_j(o_{j-1}, state), or f_1(state) for the first stage.

    ``name`` is also the canonical function name for the stage (the name a
    single-function file checked against ``contract`` is expected to use).
    """

    name: str
    contract: Contract
    params: tuple[str, ...]
    returns: str
    purpose: str

    @property
    def signature(self) -> str:
        return f"{self.name}({', '.join(self.params)})"


@dataclass(frozen=True)
class StateField:
    """One key of the state dict a stage function receives."""

    key: str
    type: str
    description: str


@dataclass(frozen=True)
class TaskSpec:
    """Everything a teacher or student is told about a task, independent of any one position."""

    name: TaskName
    title: str
    rules: str
    decision: str
    stages: tuple[Stage, ...]
    state_fields: tuple[StateField, ...]

    def stage(self, name: str) -> Stage:
        for stage in self.stages:
            if stage.name == name:
                return stage
        known = ", ".join(s.name for s in self.stages)
        raise KeyError(f"task {self.name} has no stage {name!r} (stages: {known})")

    def stage_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)
