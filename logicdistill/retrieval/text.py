"""The two texts retrieval compares: a query (instruction, state, stage) and a function's document.

The only place these texts are written, so that indexing, searching and
fine-tuning all see the same strings. A document is the function's name and
signature, its stage, its docstring and its manual entries (the stage
guide's "when" text of every guide listing it, and its first usage example).
The query puts the stage and the state first and the instruction last: a
bi-encoder truncates long inputs at the end, and the instruction is the
part that repeats across queries. Bump :data:`TEXT_VERSION` whenever a text
changes, so saved indexes are rebuilt.
"""

from __future__ import annotations

from logicdistill.errors import UserError
from logicdistill.functions.schema import FunctionBase, FunctionSpec, Manual
from logicdistill.retrieval.interface import RetrievalQuery
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName

TEXT_VERSION = 2  # documents only: queries are never saved
# Usage examples per document: one keeps documents within the bi-encoder's token limit, and keeps the
# number of examples (reference manuals have several, distractors one) from telling the right ones apart.
MAX_DOC_EXAMPLES = 1


def task_instruction(task: str | TaskName) -> str:
    """The instruction x of a query: the task's title and what one decision is (a rules summary)."""
    spec = get_task(task)
    return f"{spec.title}. {spec.decision}"


def make_query(
    task: str | TaskName, state_text: str, stage: str, applied: tuple[str, ...] = ()
) -> RetrievalQuery:
    """The query for ``stage`` of ``task`` in the position ``state_text`` (a UserError for a bad stage)."""
    spec = get_task(task)
    if stage not in spec.stage_names():
        raise UserError(
            f"task {spec.name.value} has no stage {stage!r} (stages: {', '.join(spec.stage_names())})"
        )
    return RetrievalQuery(task_instruction(spec.name), state_text, stage, tuple(applied))


def query_text(query: RetrievalQuery) -> str:
    """Stage first, then the functions already run, the state, and the instruction last."""
    lines = [f"Stage: {query.stage}"]
    if query.applied:
        lines.append(f"Already run: {', '.join(query.applied)}")
    lines += [f"State: {query.state}", f"Task: {query.instruction}"]
    return "\n".join(lines)


def document_text(spec: FunctionSpec, manual: Manual) -> str:
    head = spec.signature if spec.signature.startswith(f"{spec.name}(") else f"{spec.name} {spec.signature}"
    lines = [head, f"Stage: {spec.stage}", spec.docstring]
    lines += [f"When: {guide.when}" for guide in manual.stages if spec.name in guide.functions]
    examples = [ex for ex in manual.examples if ex.function == spec.name][:MAX_DOC_EXAMPLES]
    lines += [f"Example: {ex.situation} {ex.call} returns {ex.result}. {ex.explanation}" for ex in examples]
    return "\n".join(line for line in lines if line)


def documents(base: FunctionBase) -> list[str]:
    """One document per function, in the base's order; a UserError for a base without functions."""
    require_functions(base)
    return [document_text(spec, base.manual) for spec in base.functions]


def require_functions(base: FunctionBase) -> None:
    if not base.functions:
        raise UserError("the function base has no functions: there is nothing to retrieve")
    names = [spec.name for spec in base.functions]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise UserError(f"the function base names {twice[0]!r} more than once: hits would be ambiguous")
