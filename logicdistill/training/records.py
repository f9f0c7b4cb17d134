"""The records of a training dataset: one frozen dataclass per example kind, and the dataset's metadata.

Every example is a chat prompt plus the completion the student is trained to
give (``chat`` and ``completion``), so the trainer needs nothing else:

- :class:`SelectionExample` (LD, Eq. 3): stage-selection prompt -> the right function name;
- :class:`WritingExample` (LD, Eq. 6): emergency description -> a ``filter_moves`` source;
- :class:`KDExample` (KD baseline): a prompted agent's prompt -> the teacher's answer.

:class:`DatasetMetadata` says where the examples came from (the function base and
its provenance, the teacher, seeds, counts, what building them cost). Reading and
writing the JSONL file is :mod:`.dataset_file`'s job; building examples is the
``*_data`` modules' job.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from logicdistill.llm.base import Chat, Message
from logicdistill.tasks.base import TaskName

DATASET_FORMAT_VERSION = 1  # still 1: a writing example's older "area" key reads as a one-area "areas"

Area = tuple[int, int, int, int]  # x0, y0, x1, y1: inclusive corners, x0 <= x1 and y0 <= y1


class ExampleKind(StrEnum):
    SELECTION = "selection"
    WRITING = "writing"
    KD = "kd"


class DatasetKind(StrEnum):
    LD = "ld"  # logic distillation: usage examples generated from a function base's manual
    KD = "kd"  # knowledge distillation: imitate a teacher's moves


def legacy_selection_prompt(kind: DatasetKind) -> int | None:
    """The selection prompt version of a dataset or adapter file written before files recorded it."""
    return 1 if kind is DatasetKind.LD else None


class TeacherSource(StrEnum):
    """Whose logic the examples carry."""

    REFERENCE_BASE = "reference-function-base"  # the project's reference base (a stand-in for a teacher)
    TEACHER_BASE = "teacher-function-base"  # a base written by an L-LLM through the teacher pipeline
    L_LLM = "l-llm"  # an L-LLM's own answers, one call per decision (the paper's KD)


def chat_to_json(chat: Chat) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in chat]


def chat_from_json(data: list[dict[str, str]]) -> Chat:
    return tuple(Message(turn["role"], turn["content"]) for turn in data)


@dataclass(frozen=True)
class SelectionExample:
    """One stage selection: which function runs next, given the functions already run in this decision."""

    kind: ClassVar[ExampleKind] = ExampleKind.SELECTION
    task: TaskName
    stage: str
    applied: tuple[str, ...]
    candidates: tuple[str, ...]
    answer: str
    emergency: bool  # the position had an emergency rule (restricted cells)
    chat: Chat

    @property
    def completion(self) -> str:
        return self.answer

    def to_json(self) -> dict:
        return {
            "kind": self.kind.value,
            "task": self.task.value,
            "stage": self.stage,
            "applied": list(self.applied),
            "candidates": list(self.candidates),
            "answer": self.answer,
            "emergency": self.emergency,
            "chat": chat_to_json(self.chat),
        }

    @classmethod
    def from_json(cls, data: dict) -> SelectionExample:
        return cls(
            task=TaskName(data["task"]),
            stage=str(data["stage"]),
            applied=tuple(data["applied"]),
            candidates=tuple(data["candidates"]),
            answer=str(data["answer"]),
            emergency=bool(data["emergency"]),
            chat=chat_from_json(data["chat"]),
        )


@dataclass(frozen=True)
class WritingExample:
    """An emergency rule in words -> a ``filter_moves(moves, state)`` source that drops exactly its cells."""

    kind: ClassVar[ExampleKind] = ExampleKind.WRITING
    description: str
    areas: tuple[Area, ...]  # the restricted rectangles (one or two, apart), in the description's order
    source: str
    chat: Chat

    @property
    def completion(self) -> str:
        return self.source

    def to_json(self) -> dict:
        return {
            "kind": self.kind.value,
            "description": self.description,
            "areas": [list(area) for area in self.areas],
            "source": self.source,
            "chat": chat_to_json(self.chat),
        }

    @classmethod
    def from_json(cls, data: dict) -> WritingExample:
        # Files written before two-area examples hold one rectangle under "area".
        raw = data["areas"] if "areas" in data else [data["area"]]
        areas = tuple(_area(values) for values in raw)
        if not areas:
            raise ValueError("a writing example needs at least one area")
        return cls(str(data["description"]), areas, str(data["source"]), chat_from_json(data["chat"]))


def _area(values: list[int]) -> Area:
    x0, y0, x1, y1 = (int(v) for v in values)
    return (x0, y0, x1, y1)


@dataclass(frozen=True)
class KDExample:
    """One teacher decision: the prompted agent's prompt and the teacher's answer in the agent's format."""

    kind: ClassVar[ExampleKind] = ExampleKind.KD
    task: TaskName
    seed: int  # the start (pursuit) or deal (21 points) seed of the game it comes from
    step: int  # pursuit: the step being decided (1-based); 21 points: the turn index in the game
    seat: int | None  # 21 points: the teacher's seat (0 or 1); None for pursuit
    chat: Chat
    answer: str

    @property
    def completion(self) -> str:
        return self.answer

    def to_json(self) -> dict:
        return {
            "kind": self.kind.value,
            "task": self.task.value,
            "seed": self.seed,
            "step": self.step,
            "seat": self.seat,
            "chat": chat_to_json(self.chat),
            "answer": self.answer,
        }

    @classmethod
    def from_json(cls, data: dict) -> KDExample:
        seat = data["seat"]
        return cls(
            task=TaskName(data["task"]),
            seed=int(data["seed"]),
            step=int(data["step"]),
            seat=None if seat is None else int(seat),
            chat=chat_from_json(data["chat"]),
            answer=str(data["answer"]),
        )


Example = SelectionExample | WritingExample | KDExample
EXAMPLE_TYPES: dict[ExampleKind, type] = {
    ExampleKind.SELECTION: SelectionExample,
    ExampleKind.WRITING: WritingExample,
    ExampleKind.KD: KDExample,
}


@dataclass(frozen=True)
class Cost:
    """Teacher calls and tokens (None: not known, e.g. a base whose provenance does not say)."""

    calls: int = 0
    prompt_tokens: int | None = 0
    completion_tokens: int | None = 0


@dataclass(frozen=True)
class BaseSource:
    """The function base the examples were made from, with its provenance and what it cost to write."""

    task: TaskName
    origin: str  # the base's provenance origin: "reference" or "teacher"
    model: str | None  # the teacher model that wrote it (None for the reference)
    created: str
    sha256: str  # of the base file's canonical text (functions.store.dumps)
    path: str | None  # where it was read from (None: the shipped reference)
    cost: Cost


@dataclass(frozen=True)
class Counts:
    selection: int = 0
    writing: int = 0
    kd: int = 0

    @property
    def total(self) -> int:
        return self.selection + self.writing + self.kd


@dataclass(frozen=True)
class DatasetMetadata:
    """Everything needed to say where a dataset came from and to check it was not changed since."""

    format_version: int
    dataset: DatasetKind
    task: TaskName | None  # None: several tasks, see ``parts``
    created: str  # ISO date-time (UTC)
    teacher_source: TeacherSource
    teacher_model: str | None  # the L-LLM for l-llm data; the base's teacher for a teacher base; else None
    base: BaseSource | None  # the base behind LD data, or the base played for offline KD data
    generator_seed: int | None  # LD: numpy generator seed of the sampled states
    writing_seed: int | None  # LD: generator seed of the emergency examples
    game_seeds: tuple[int, ...]  # KD: the start / deal seeds played (empty for LD)
    opponent: str | None  # KD: the evader (pursuit) or opponent (21 points) the teacher played against
    counts: Counts
    generation_cost: Cost  # teacher calls spent building this dataset (0 when offline)
    examples_sha256: str  # sha256 of the example lines of the file, in order
    notes: tuple[str, ...] = ()  # e.g. how many teacher answers were unusable
    parts: tuple[DatasetMetadata, ...] = ()  # a merged dataset: the metadata of each dataset in it, in order
    selection_prompt: int | None = None  # LD: prompts.SELECTION_PROMPT_VERSION of its selection chats

    @property
    def tasks(self) -> tuple[TaskName, ...]:
        """The tasks of the examples: this dataset's own, or its parts' in order."""
        if self.task is not None:
            return (self.task,)
        return tuple(dict.fromkeys(t for part in self.parts for t in part.tasks))
