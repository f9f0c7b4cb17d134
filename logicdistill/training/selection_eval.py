"""Selection accuracy of a student per stage on held-out positions, for a given candidate source.

Held-out positions are the benchmark's own starts and deals
(:func:`~.positions.heldout_points`), labelled by the base's logic exactly as the
LD data is (teacher forcing: each link of the chain is asked with the true
functions before it). For each case the candidate source gives the K candidates
(in its own order, unshuffled) and the student's ``select`` picks one. Two rates
are kept apart so that retrieval errors and selection errors are told apart:
*recall* (the right function is among the candidates) and *accuracy* (the student
picked it); ``accuracy | recall`` is the student's share when it had the chance.
Printing tables is the caller's job, except the small markdown helper here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from logicdistill.functions.schema import FunctionBase
from logicdistill.llm.base import Chat, LanguageModel
from logicdistill.training.candidates import CandidateSource
from logicdistill.training.ld_data import Slot, labelled_slots
from logicdistill.training.positions import heldout_points
from logicdistill.training.prompts import candidate_labels, selection_chat

ALL_STAGES = "all"
SELECT_BATCH = 32  # selections per backend call


@dataclass(frozen=True)
class SelectionCase:
    stage: str
    emergency: bool
    answer: str
    candidates: tuple[str, ...]
    chat: Chat

    @property
    def recalled(self) -> bool:
        return self.answer in self.candidates


@dataclass(frozen=True)
class AccuracyRow:
    """One stage (or all stages) under one candidate source."""

    source: str
    stage: str
    cases: int
    mean_k: float
    recalled: int
    correct: int

    @property
    def recall(self) -> float:
        return self.recalled / self.cases if self.cases else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.cases if self.cases else 0.0

    @property
    def accuracy_given_recall(self) -> float:
        return self.correct / self.recalled if self.recalled else 0.0


def heldout_slots(base: FunctionBase, positions: int) -> list[Slot]:
    """Labelled slots on ``positions`` held-out positions (benchmark starts / deals)."""
    slots, _failed = labelled_slots(base, heldout_points(base.task, positions))
    return slots


def selection_cases(
    base: FunctionBase, slots: Sequence[Slot], source: CandidateSource
) -> list[SelectionCase]:
    lists = source.candidates([slot.query for slot in slots])
    return [
        SelectionCase(
            slot.stage,
            slot.point.emergency,
            slot.answer,
            tuple(candidate_labels(found)),
            selection_chat(base, slot.query),
        )
        for slot, found in zip(slots, lists, strict=True)
    ]


def select_all(model: LanguageModel, cases: Sequence[SelectionCase], progress=None) -> list[str]:
    """The candidate the model picks for every case, in batches (``progress(done)`` after each)."""
    picks: list[str] = []
    for start in range(0, len(cases), SELECT_BATCH):
        batch = cases[start : start + SELECT_BATCH]
        selections = model.select([c.chat for c in batch], [list(c.candidates) for c in batch])
        picks += [case.candidates[s.index] for case, s in zip(batch, selections, strict=True)]
        if progress is not None:
            progress(len(batch))
    return picks


def accuracy_rows(source: str, cases: Sequence[SelectionCase], picks: Sequence[str]) -> list[AccuracyRow]:
    """Per stage in order of first appearance, then all stages together."""
    stages = list(dict.fromkeys(case.stage for case in cases))
    rows = []
    for stage in [*stages, ALL_STAGES]:
        chosen = [(c, p) for c, p in zip(cases, picks, strict=True) if stage in (ALL_STAGES, c.stage)]
        rows.append(
            AccuracyRow(
                source=source,
                stage=stage,
                cases=len(chosen),
                mean_k=sum(len(c.candidates) for c, _ in chosen) / max(len(chosen), 1),
                recalled=sum(c.recalled for c, _ in chosen),
                correct=sum(p == c.answer for c, p in chosen),
            )
        )
    return rows


def markdown_table(before: Sequence[AccuracyRow], after: Sequence[AccuracyRow] | None = None) -> str:
    """Rows side by side: recall, accuracy before fine-tuning (and after), and accuracy given recall."""
    head = "| candidates | stage | cases | mean K | recall | accuracy before |"
    rule = "| --- | --- | ---: | ---: | ---: | ---: |"
    if after is not None:
        head += " accuracy after | after, given recall |"
        rule += " ---: | ---: |"
    lines = [head, rule]
    for i, row in enumerate(before):
        line = (
            f"| {row.source} | {row.stage} | {row.cases} | {row.mean_k:.1f} | {row.recall:.1%} | "
            f"{row.accuracy:.1%} |"
        )
        if after is not None:
            later = after[i]
            line += f" {later.accuracy:.1%} | {later.accuracy_given_recall:.1%} |"
        lines.append(line)
    return "\n".join(lines)
