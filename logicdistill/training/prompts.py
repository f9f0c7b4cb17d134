"""The student's prompts for Logic Distillation: stage selection (Eq. 3) and emergency functions (Eq. 6).

These builders are the ONLY place the LD prompts are written: the datasets call
them at training time and the LD agent calls them at test time, so the student
sees the same text in both. Selection prompts put everything that is the same for
every call first (the system turn: task, decision, the manual's stage guide) so a
backend can cache it once; the user turn holds only what changes: the position,
the functions already run in this decision and the stage to fill. The K
candidates are not listed in the text: they are the answers ``select`` scores,
each by its *label*, the function name (what the student is trained to answer),
all K in one packed forward pass by the local backend. Listing them too would
repeat their names in every prompt (about 40% of a selection's new tokens).

:data:`SELECTION_PROMPT_VERSION` names this text; an adapter records the version it
was trained on, and the LD agent refuses an adapter trained on another.

Left out on purpose: the full rules text and the manual's rule explanations and
examples (selection needs the stage guide, not how moves work; every token here is
paid at each selection and each training step), and any model call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from logicdistill.functions.schema import FunctionBase, FunctionSpec
from logicdistill.llm.base import Chat, Message
from logicdistill.tasks import get_task

# 1: the user turn listed the candidates ("Candidates: a, b."); 2: it does not (shorter, faster)
SELECTION_PROMPT_VERSION = 2
QUESTION_GUIDE = (
    "Each question gives the position, the functions run so far in this decision and the stage to fill."
)
ANSWER_INSTRUCTION = "Answer with the name of the one function to run next, and nothing else."
NOTHING_RUN = "none"


@dataclass(frozen=True)
class SelectionQuery:
    """One selection: the stage to fill, the functions already run in this decision, the position in words."""

    stage: str
    applied: tuple[str, ...]
    state_text: str


def selection_system(base: FunctionBase) -> str:
    """The system turn for ``base``: the task, what one decision is, and the manual's stage guide."""
    task = get_task(base.task)
    guides = {guide.stage: guide for guide in base.manual.stages}
    lines = [
        f"You choose functions from a function base to play: {task.title}.",
        task.decision,
        "One decision step runs these stages in order; the output of one is the input of the next.",
    ]
    for number, stage in enumerate(task.stages, start=1):
        guide = guides.get(stage.name)
        names = guide.functions if guide else tuple(f.name for f in base.for_stage(stage.name))
        when = guide.when.strip() if guide else stage.purpose
        lines.append(f"{number}. Stage {stage.name}: {when} Functions: {', '.join(names)}.")
    lines += [QUESTION_GUIDE, ANSWER_INSTRUCTION]
    return "\n".join(lines)


def selection_chat(base: FunctionBase, query: SelectionQuery) -> Chat:
    """The chat the LD student sees for one selection (Eq. 3), at training and at test time alike.

    ``base`` is the function base whose manual the student learned (the task's base; its
    stage guide is the system turn), ``query`` the stage to fill, the functions already run
    in this decision and the position in words (``tasks.pursuit.state_text(config, state,
    dot)`` / ``tasks.twentyone.selection_text(state, seat)``). The K candidates (from any
    base, e.g. a retriever's top-K over a large one) are scored as its answers:
    ``model.select([chat], [candidate_labels(candidates)])``.
    """
    applied = ", ".join(query.applied) if query.applied else NOTHING_RUN
    user = f"{query.state_text}\nRun so far: {applied}.\nStage: {query.stage}."
    return (Message("system", selection_system(base)), Message("user", user))


def candidate_labels(candidates: Sequence[FunctionSpec]) -> list[str]:
    """What ``select`` scores for each candidate: its function name, exactly as the student answers it."""
    return [spec.name for spec in candidates]


# ---------------------------------------------------------------- emergency functions (Eq. 6)

EMERGENCY_SYSTEM = (
    "You write Python functions for the pursuit game on a grid of integer cells (x, y). "
    "A filter function has the signature filter_moves(moves, state): `moves` is a list of (x, y) "
    "tuples, and it returns the moves to keep, in their order, as a new list holding only elements of "
    "`moves`. Write plain Python: one function, no imports, no printing."
)


def emergency_chat(description: str) -> Chat:
    """The chat asking for a filter that removes the cells an emergency rule forbids (Eq. 6)."""
    user = (
        f"Emergency rule: {description.strip()}\n"
        "Write filter_moves(moves, state) that removes exactly the moves the rule forbids and keeps "
        "all the others."
    )
    return (Message("system", EMERGENCY_SYSTEM), Message("user", user))
