"""LD data (SPEC §1 item 3): stage-selection examples made from a function base's manual, plus emergencies.

For each sampled position the base's own logic names the chain of functions to
run (the reference bases: the manual's chain, in pursuit with the emergency filter
before the base filter on every board, open or restricted: it is a no-op without
restricted cells; any other base: the first function its manual lists for each
stage). Each link of the chain is one example: the position, the
stage, the functions already run -> the function that comes next, among K
candidates (:mod:`.candidates`). Every chain is run once through the run-time guard
on its position, so a base whose chain fails there gives no example from it.
Pursuit datasets also get emergency function-writing examples
(:mod:`.emergency_data`). A few hundred examples, not a hundred thousand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from logicdistill.agents.composed import (
    REPEATABLE,
    ChainPicker,
    ComposedExecutor,
    FirstListedChain,
    FixedChain,
)
from logicdistill.errors import UserError
from logicdistill.functions.guard import LABELLING_BUDGET_S
from logicdistill.functions.schema import FunctionBase, Origin
from logicdistill.functions.store import dumps, load
from logicdistill.functions.validate import structure_problems
from logicdistill.reference import load_reference, reference_chain
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName
from logicdistill.training.candidates import (
    BaseCandidates,
    CandidateMode,
    CandidateSource,
    StageCandidates,
    default_pool,
    pooled,
    shuffled,
    with_answer,
)
from logicdistill.training.dataset_file import Dataset, seal
from logicdistill.training.emergency_data import writing_examples
from logicdistill.training.positions import DecisionPoint, training_points
from logicdistill.training.prompts import SELECTION_PROMPT_VERSION, SelectionQuery, selection_chat
from logicdistill.training.records import (
    DATASET_FORMAT_VERSION,
    BaseSource,
    Cost,
    Counts,
    DatasetKind,
    DatasetMetadata,
    SelectionExample,
    TeacherSource,
)
from logicdistill.training.seeds import LD_SEED, WRITING_SEED


@dataclass(frozen=True)
class LDConfig:
    """How many LD examples of which kind, from which seeds."""

    positions: int = field(
        default=96, metadata={"help": "sampled positions; each gives one example per stage"}
    )
    emergency_fraction: float = field(
        default=0.4, metadata={"help": "pursuit: share of positions with a restricted square"}
    )
    writing: int = field(default=48, metadata={"help": "pursuit: emergency function-writing examples"})
    candidates: CandidateMode = field(
        default=CandidateMode.POOL, metadata={"help": "candidate lists: stage, base or pool (see candidates)"}
    )
    k: int = field(default=5, metadata={"help": "most candidates per example for pool lists (K in [2, k])"})
    seed: int = field(default=LD_SEED, metadata={"help": "numpy generator seed of the positions"})
    writing_seed: int = field(
        default=WRITING_SEED, metadata={"help": "generator seed of the emergency examples"}
    )

    def __post_init__(self) -> None:
        if self.positions < 1:
            raise UserError(f"positions must be at least 1, not {self.positions}")
        if self.writing < 0 or self.k < 1 or not 0 <= self.emergency_fraction <= 1:
            raise UserError("writing must be >= 0, k >= 1 and the emergency fraction in [0, 1]")


@dataclass(frozen=True)
class LoadedBase:
    """A function base and the file it came from (None: the shipped reference base)."""

    base: FunctionBase
    path: Path | None


def resolve_base(spec: str) -> LoadedBase:
    """A task name gives its shipped reference base; anything else is read as a function base file."""
    if spec in {task.value for task in TaskName}:
        loaded = LoadedBase(load_reference(spec), None)
    else:
        loaded = LoadedBase(load(spec), Path(spec))
    check_base(loaded.base)
    return loaded


def check_base(base: FunctionBase) -> None:
    """UserError for an empty or inconsistent base (structure only; the code is checked when run)."""
    if not base.functions:
        raise UserError("the function base has no functions: nothing to select from")
    problems = structure_problems(base, get_task(base.task))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UserError(f"the function base is inconsistent: {problems[0]}{more}")


def label_picker(base: FunctionBase) -> ChainPicker:
    """The chain the student learns: the reference base's full chain when the base has it, else first listed.

    On the pursuit reference base that is the emergency chain on every board: the area
    filter returns the moves unchanged when there are no restricted cells, so one chain
    is right everywhere and the code, not the student, reads the area (SPEC §1: the
    logic lives in the functions; the student composes them).
    """
    emergency = reference_chain(base.task, emergency=True)
    if set(emergency) <= {spec.name for spec in base.functions}:
        return FixedChain(emergency)
    return FirstListedChain(base)


def teacher_source(base: FunctionBase) -> TeacherSource:
    origin = base.provenance.origin
    return TeacherSource.REFERENCE_BASE if origin is Origin.REFERENCE else TeacherSource.TEACHER_BASE


def base_source(loaded: LoadedBase) -> BaseSource:
    p = loaded.base.provenance
    return BaseSource(
        task=loaded.base.task,
        origin=p.origin.value,
        model=p.model,
        created=p.created,
        sha256=hashlib.sha256(dumps(loaded.base).encode("utf-8")).hexdigest(),
        path=None if loaded.path is None else str(loaded.path),
        cost=Cost(p.teacher_calls, p.prompt_tokens, p.completion_tokens),
    )


@dataclass(frozen=True)
class Slot:
    """One link of a chain: the function ``answer`` fills ``stage`` after ``applied`` have run."""

    point: DecisionPoint
    stage: str
    applied: tuple[str, ...]
    answer: str

    @property
    def query(self) -> SelectionQuery:
        return SelectionQuery(self.stage, self.applied, self.point.state_text)


def chain_slots(base: FunctionBase, point: DecisionPoint, chain: Sequence[str]) -> list[Slot]:
    """The asks the LD agent (``agents.ld.LDSelector``, Algorithm 1) makes to run ``chain``.

    One per function, and after a repeatable stage (filters) that still has functions
    left, one more ask of that stage whose answer is the next stage's function (it ends
    the filters and fills the next stage).
    """
    stages = get_task(base.task).stages
    slots: list[Slot] = []
    j = here = 0
    for i, name in enumerate(chain):
        slots.append(Slot(point, stages[j].name, tuple(chain[:i]), name))
        while j < len(stages) - 1 and base.function(name).stage != stages[j].name:
            j, here = j + 1, 0
        here += 1
        if stages[j].contract not in REPEATABLE or here >= len(base.for_stage(stages[j].name)):
            j, here = j + 1, 0
    return slots


def labelled_slots(
    base: FunctionBase, points: Sequence[DecisionPoint], picker: ChainPicker | None = None
) -> tuple[list[Slot], int]:
    """The slots of every position whose chain runs cleanly, and how many positions failed."""
    picker = picker or label_picker(base)
    executor = ComposedExecutor(base, budget_s=LABELLING_BUDGET_S)
    slots: list[Slot] = []
    failed = 0
    for point in points:
        chain = tuple(picker.pick(point.state))
        if executor.decide(chain, point.state).failure is not None:
            failed += 1
            continue
        slots += chain_slots(base, point, chain)
    return slots, failed


def selection_examples(
    base: FunctionBase,
    slots: Sequence[Slot],
    mode: CandidateMode,
    k: int,
    rng: np.random.Generator,
    source: CandidateSource | None = None,
) -> list[SelectionExample]:
    """One example per slot; candidates from ``source`` when given (a retriever), else from ``mode``."""
    if source is not None:
        lists = source.candidates([slot.query for slot in slots])
    elif mode is CandidateMode.POOL:
        pool = default_pool(base)
        lists = [pooled(base, pool, slot.answer, slot.query, k, rng) for slot in slots]
    else:
        fixed = StageCandidates(base) if mode is CandidateMode.STAGE else BaseCandidates(base)
        lists = fixed.candidates([slot.query for slot in slots])
    examples = []
    for slot, found in zip(slots, lists, strict=True):
        candidates = shuffled(with_answer(found, base.function(slot.answer)), rng)
        examples.append(
            SelectionExample(
                task=base.task,
                stage=slot.stage,
                applied=slot.applied,
                candidates=tuple(spec.name for spec in candidates),
                answer=slot.answer,
                emergency=slot.point.emergency,
                chat=selection_chat(base, slot.query),
            )
        )
    return examples


def build_ld_dataset(
    loaded: LoadedBase, config: LDConfig = LDConfig(), source: CandidateSource | None = None
) -> Dataset:
    """The LD dataset of ``loaded``'s base: selection examples (+ emergency writing examples for pursuit)."""
    base = loaded.base
    check_base(base)
    rng = np.random.default_rng(config.seed)
    points = training_points(base.task, config.positions, rng, config.emergency_fraction)
    slots, failed = labelled_slots(base, points)
    if not slots:
        raise UserError(f"the base's chain failed on all {len(points)} sampled positions: no example")
    examples: list = selection_examples(base, slots, config.candidates, config.k, rng, source)
    notes = [f"candidates: {source.name if source is not None else config.candidates.value}"]
    if failed:
        notes.append(f"{failed} of {len(points)} positions dropped: the base's chain failed on them")
    writing = config.writing if base.task is TaskName.PURSUIT else 0
    examples += writing_examples(writing, np.random.default_rng(config.writing_seed))
    metadata = DatasetMetadata(
        format_version=DATASET_FORMAT_VERSION,
        dataset=DatasetKind.LD,
        task=base.task,
        created=now(),
        teacher_source=teacher_source(base),
        teacher_model=base.provenance.model,
        base=base_source(loaded),
        generator_seed=config.seed,
        writing_seed=config.writing_seed if writing else None,
        game_seeds=(),
        opponent=None,
        counts=Counts(),
        generation_cost=Cost(),
        examples_sha256="",
        notes=tuple(notes),
        selection_prompt=SELECTION_PROMPT_VERSION,
    )
    return seal(metadata, examples)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
