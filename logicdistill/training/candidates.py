"""Where the K candidates of a selection come from: the stage, the whole base, a pool, or a retriever.

- ``stage`` (oracle candidates): every function of the stage being filled (and, for
  filters, of the next stage). The right one is always among them, so errors are the
  student's alone.
- ``base``: every function of the base (SPEC §1 item 2: for a small D_f the student
  picks from all of D_f directly).
- ``pool`` (the training default): every function of the base, and a few distractors
  drawn from a large pool (by default the retrieval package's distractor base of the
  task: other tasks' functions, mutated variants, near-duplicates), same-stage ones
  preferred, up to K. It mimics what a retriever hands the student, without running one.
- a retriever's top-K (:class:`RetrievedCandidates`): what the LD agent sees on a
  large base; the right function may be missing (a retrieval error).

A function already run in the decision is never a candidate again (the stage
functions are not worth running twice, and the student should not have to learn
that). Training examples always contain the right function (:func:`with_answer`
puts it in place of the last one when a retriever missed it). Building the retrieval
index and the query text is the retrieval package's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, Protocol

import numpy as np

from logicdistill.errors import UserError
from logicdistill.functions.schema import FunctionBase, FunctionSpec
from logicdistill.training.prompts import SelectionQuery

MAX_BASE_CANDIDATES = 16  # above this, ``base`` candidates make prompts too long: use a retriever
SAME_STAGE_WEIGHT = 4.0  # pool draws: a same-stage distractor is this many times likelier than another


class CandidateMode(StrEnum):
    STAGE = "stage"
    BASE = "base"
    POOL = "pool"


class CandidateSource(Protocol):
    """The candidate functions for each of a batch of selections (one list per query)."""

    name: str

    def candidates(self, queries: Sequence[SelectionQuery]) -> list[tuple[FunctionSpec, ...]]: ...


class StageCandidates:
    """Oracle candidates: all functions of the query's stage, in base order.

    A repeatable stage (filters) also lists the next stage's functions: picking one of
    them is how the student ends the filters, so the right answer is always present.
    """

    name = "oracle"

    def __init__(self, base: FunctionBase) -> None:
        from logicdistill.agents.composed import REPEATABLE
        from logicdistill.tasks import get_task

        self.base = base
        stages = get_task(base.task).stages
        self.lists = {}
        for i, stage in enumerate(stages):
            found = base.for_stage(stage.name)
            if stage.contract in REPEATABLE and i + 1 < len(stages):
                found += base.for_stage(stages[i + 1].name)
            self.lists[stage.name] = found

    def candidates(self, queries: Sequence[SelectionQuery]) -> list[tuple[FunctionSpec, ...]]:
        return [not_run(self.lists[q.stage], q.applied) for q in queries]


class BaseCandidates:
    """All functions of the base, in base order, for every query."""

    name = "base"

    def __init__(self, base: FunctionBase) -> None:
        if len(base.functions) > MAX_BASE_CANDIDATES:
            raise UserError(
                f"the base has {len(base.functions)} functions, too many to list them all as candidates "
                f"(at most {MAX_BASE_CANDIDATES}); use pool or retrieved candidates"
            )
        self.functions = base.functions

    def candidates(self, queries: Sequence[SelectionQuery]) -> list[tuple[FunctionSpec, ...]]:
        return [not_run(self.functions, q.applied) for q in queries]


class RetrievedCandidates:
    """A retriever's top-K over a (possibly larger) base, for queries made from the task's instruction.

    ``retriever`` is any ``logicdistill.retrieval`` retriever over ``pool`` (``search(list of
    RetrievalQuery, k) -> list of list of Hit``).
    """

    def __init__(self, name: str, retriever: Any, pool: FunctionBase, k: int) -> None:
        if k < 1:
            raise UserError(f"K must be at least 1, not {k}")
        from logicdistill.retrieval.text import task_instruction

        self.name = name
        self.retriever = retriever
        self.pool = {spec.name: spec for spec in pool.functions}
        self.k = k
        self.instruction = task_instruction(pool.task)

    def candidates(self, queries: Sequence[SelectionQuery]) -> list[tuple[FunctionSpec, ...]]:
        from logicdistill.retrieval.interface import RetrievalQuery

        asked = [RetrievalQuery(self.instruction, q.state_text, q.stage, q.applied) for q in queries]
        hits = self.retriever.search(asked, self.k + max((len(q.applied) for q in queries), default=0))
        return [
            not_run((self.pool[hit.function] for hit in row), q.applied)[: self.k]
            for q, row in zip(queries, hits, strict=True)
        ]


def not_run(candidates: Iterable[FunctionSpec], applied: Sequence[str]) -> tuple[FunctionSpec, ...]:
    """``candidates`` without the functions already run in this decision, in order."""
    return tuple(spec for spec in candidates if spec.name not in applied)


def default_pool(base: FunctionBase) -> FunctionBase:
    """The large pool of distractors for ``base``'s task (the retrieval package's distractor base)."""
    from logicdistill.retrieval.distractors import build_distractor_base

    return build_distractor_base(base.task)


def pooled(
    base: FunctionBase,
    pool: FunctionBase,
    answer: str,
    query: SelectionQuery,
    k: int,
    rng: np.random.Generator,
) -> tuple[FunctionSpec, ...]:
    """The functions of ``base`` not run yet (the right one first), then 0 to ``k - len(those)`` distractors.

    At test time a retriever over a small base hands the student the whole base, so the
    other stages' functions must be among the training candidates too; the distractors
    (same-stage ones preferred) teach it to pass over look-alikes from a larger base.
    """
    chosen = [base.function(answer), *not_run(base.functions, (*query.applied, answer))]
    taken = {spec.name for spec in chosen}
    others = [spec for spec in pool.functions if spec.name not in taken]
    need = min(int(rng.integers(0, max(k - len(chosen), 0) + 1)), len(others))
    if need:
        weights = np.array([SAME_STAGE_WEIGHT if s.stage == query.stage else 1.0 for s in others])
        picks = rng.choice(len(others), size=need, replace=False, p=weights / weights.sum())
        chosen += [others[int(i)] for i in sorted(picks)]
    return tuple(chosen)


def with_answer(candidates: Sequence[FunctionSpec], answer: FunctionSpec) -> tuple[FunctionSpec, ...]:
    """``candidates`` with the right function in it (in place of the last one when it is missing)."""
    if any(spec.name == answer.name for spec in candidates):
        return tuple(candidates)
    return (*tuple(candidates)[:-1], answer) if candidates else (answer,)


def shuffled(candidates: Sequence[FunctionSpec], rng: np.random.Generator) -> tuple[FunctionSpec, ...]:
    order = rng.permutation(len(candidates))
    return tuple(candidates[int(i)] for i in order)
