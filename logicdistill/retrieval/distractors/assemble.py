"""Assemble the large synthetic function base: reference functions plus distractors, shuffled by a seed.

The pool: the reference functions of both built-in tasks (with their manual
entries), the functions of other decision tasks (:mod:`.other_grid`,
:mod:`.other_cards`), mutated variants of the reference functions
(:mod:`.mutations`), and near-duplicates of all of these: copies under
another name whose docstring gains a first line marking them as a variant
for another setting (their code is the original's, renamed). Every usage
example of a distractor is computed by running it. The base for a task is
that pool with the task's rules; which functions are right stays defined
by the task's reference base. Same seed, same bytes.

Left out on purpose: validation. The base mixes other tasks' stages and
functions that break their stage contract on purpose, so it would not (and
need not) pass ``functions validate``; its provenance says it was not
validated (an empty report).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from logicdistill.errors import UserError
from logicdistill.functions.schema import (
    FORMAT_VERSION,
    FunctionBase,
    FunctionSpec,
    Manual,
    Origin,
    Provenance,
    StageGuide,
    UsageExample,
    ValidationReport,
)
from logicdistill.reference import load_reference, reference_chain
from logicdistill.retrieval.distractors.entries import Distractor, OtherTask, call_function, example_call
from logicdistill.retrieval.distractors.mutations import PURSUIT_MUTATIONS, TWENTYONE_MUTATIONS
from logicdistill.retrieval.distractors.other_cards import CARD_TASKS
from logicdistill.retrieval.distractors.other_grid import GRID_TASKS
from logicdistill.retrieval.distractors.settings import example_setting
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName

DISTRACTOR_DATE = "2026-11-23"  # provenance date of every generated base (fixed: builds reproduce)
DEFAULT_SEED = 0
DEFAULT_DUPLICATES = 4

# Name suffix and the docstring line that marks a near-duplicate as meant for another setting.
VARIANT_MARKS: tuple[tuple[str, str], ...] = (
    ("_v2", "Second draft, written for a rules revision that was never adopted."),
    ("_legacy", "Legacy copy kept for replaying games recorded under older rules; not for new games."),
    ("_old", "Superseded: an older copy kept only for comparison."),
    ("_alt", "Copy for a variant of the game with a different board and piece rules."),
    ("_fast", "Speed-tuned copy for a simulator that skips some rule checks."),
    ("_draft", "Unreviewed draft; it may not match the current rules."),
    ("_experimental", "Experimental copy under evaluation for a tournament variant of the game."),
    ("_compat", "Compatibility copy for an older state format."),
    ("_sim", "Copy used by a training simulator whose rules differ slightly."),
    ("_port", "Port from another engine's rule set."),
)


class EntryKind(StrEnum):
    REFERENCE = "reference"
    OTHER_TASK = "other task"
    MUTATION = "mutation"
    NEAR_DUPLICATE = "near-duplicate"


@dataclass(frozen=True)
class PoolEntry:
    """One function of the pool with its manual entries ("when" text and usage examples)."""

    spec: FunctionSpec
    when: str
    examples: tuple[UsageExample, ...]
    kind: EntryKind


def build_distractor_base(
    task: str | TaskName, seed: int = DEFAULT_SEED, duplicates: int = DEFAULT_DUPLICATES
) -> FunctionBase:
    """The large base for ``task``: the shuffled pool, the task's rules, provenance saying what it is."""
    if not 0 <= duplicates <= len(VARIANT_MARKS):
        raise UserError(f"duplicates must be between 0 and {len(VARIANT_MARKS)}, got {duplicates}")
    if seed < 0:
        raise UserError(f"the seed must be a non-negative integer, got {seed}")
    task = get_task(task).name
    rng = np.random.default_rng(seed)
    originals = original_entries()
    pool = originals + near_duplicates(originals, duplicates, rng)
    names = [e.spec.name for e in pool]
    if len(set(names)) != len(names):
        raise AssertionError(f"duplicate function names in the distractor pool: {sorted(names)}")
    pool = [pool[i] for i in rng.permutation(len(pool))]
    reference = load_reference(task)
    manual = Manual(
        overview=_overview(task, seed, pool),
        stages=_guides(pool),
        examples=tuple(ex for entry in pool for ex in entry.examples),
        rules=reference.manual.rules,
    )
    provenance = Provenance(
        Origin.REFERENCE, None, None, None, DISTRACTOR_DATE, 0, None, None, ValidationReport((), (), 0)
    )
    return FunctionBase(FORMAT_VERSION, task, tuple(e.spec for e in pool), manual, provenance)


def original_entries() -> list[PoolEntry]:
    """Reference functions of both tasks, other tasks' functions, mutated variants (unshuffled)."""
    entries = [e for task in TaskName for e in reference_entries(task)]
    entries += [e for other in (*GRID_TASKS, *CARD_TASKS) for e in other_task_entries(other)]
    entries += mutation_entries(TaskName.PURSUIT, PURSUIT_MUTATIONS)
    entries += mutation_entries(TaskName.TWENTYONE, TWENTYONE_MUTATIONS)
    return entries


def reference_entries(task: TaskName) -> list[PoolEntry]:
    base = load_reference(task)
    entries = []
    for spec in base.functions:
        when = next(g.when for g in base.manual.stages if spec.name in g.functions)
        examples = tuple(ex for ex in base.manual.examples if ex.function == spec.name)
        entries.append(PoolEntry(spec, when, examples, EntryKind.REFERENCE))
    return entries


def other_task_entries(task: OtherTask) -> list[PoolEntry]:
    entries = []
    upstream: object = None
    for i, function in enumerate(task.functions):
        example, upstream = example_call(function, task.setting, upstream, first=i == 0)
        entries.append(PoolEntry(_spec(function), function.when, (example,), EntryKind.OTHER_TASK))
    return entries


def mutation_entries(task: TaskName, mutations: dict[str, tuple[Distractor, ...]]) -> list[PoolEntry]:
    """Each variant run on the output of the reference chain up to its original's stage."""
    base = load_reference(task)
    entries = []
    for original, variants in mutations.items():
        emergency = original not in reference_chain(task)
        chain = reference_chain(task, emergency=emergency)
        setting = example_setting(task, emergency)
        upstream: object = None
        for name in chain[: chain.index(original)]:
            args = [setting.fresh_state()] if upstream is None else [upstream, setting.fresh_state()]
            upstream = call_function(name, base.function(name).source, args)
        for variant in variants:
            example, _ = example_call(variant, setting, upstream, first=upstream is None)
            entries.append(PoolEntry(_spec(variant), variant.when, (example,), EntryKind.MUTATION))
    return entries


def near_duplicates(originals: Sequence[PoolEntry], per_function: int, rng: np.random.Generator) -> list:
    copies = []
    for entry in originals:
        picks = sorted(int(i) for i in rng.choice(len(VARIANT_MARKS), size=per_function, replace=False))
        copies += [near_duplicate(entry, *VARIANT_MARKS[i]) for i in picks]
    return copies


def near_duplicate(entry: PoolEntry, suffix: str, mark: str) -> PoolEntry:
    """A renamed copy whose docstring starts with ``mark``; same code, same manual entries."""
    old, new = entry.spec.name, entry.spec.name + suffix
    source = rewrite_function(entry.spec.source, old, new, f"{mark}\n\n{entry.spec.docstring}")
    spec = replace(
        entry.spec,
        name=new,
        source=source,
        signature=entry.spec.signature.replace(f"{old}(", f"{new}(", 1),
        docstring=_docstring(source, new),
    )
    examples = tuple(
        replace(ex, function=new, call=ex.call.replace(f"{old}(", f"{new}(", 1)) for ex in entry.examples
    )
    return PoolEntry(spec, entry.when, examples, EntryKind.NEAR_DUPLICATE)


def rewrite_function(source: str, old: str, new: str, docstring: str) -> str:
    """``source`` with the function ``old`` renamed to ``new`` and its docstring replaced."""
    if '"""' in docstring:
        raise ValueError("a docstring with triple quotes cannot be written back")
    lines = source.splitlines()
    node = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == old)
    first = node.body[0]
    if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)):
        raise ValueError(f"{old} has no docstring to replace")
    indent = " " * first.col_offset
    text = docstring.replace("\\", "\\\\")
    body = (" " + text if text.startswith('"') else text).splitlines()
    quoted = [f'{indent}"""{body[0]}', *[indent + line if line else "" for line in body[1:]], f'{indent}"""']
    lines[first.lineno - 1 : first.end_lineno] = quoted
    lines[node.lineno - 1] = lines[node.lineno - 1].replace(f"def {old}(", f"def {new}(", 1)
    return "\n".join(lines) + "\n"


def _docstring(source: str, name: str) -> str:
    node = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_docstring(node) or ""


def _spec(function: Distractor) -> FunctionSpec:
    return FunctionSpec(
        function.name, function.stage, function.signature, function.source, function.docstring
    )


def _guides(pool: Sequence[PoolEntry]) -> tuple[StageGuide, ...]:
    """One guide per (stage, "when" text), in order of first appearance, listing its functions."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for entry in pool:
        grouped.setdefault((entry.spec.stage, entry.when), []).append(entry.spec.name)
    return tuple(StageGuide(stage, tuple(names), when) for (stage, when), names in grouped.items())


def _overview(task: TaskName, seed: int, pool: Sequence[PoolEntry]) -> str:
    count = {kind: sum(1 for e in pool if e.kind is kind) for kind in EntryKind}
    right = ", ".join(spec.name for spec in load_reference(task).functions)
    others = len(GRID_TASKS) + len(CARD_TASKS)
    return (
        "Synthetic distractor base for retrieval benchmarks, made by logicdistill.retrieval.distractors "
        f"with seed {seed}: not a teacher's answer and not meant to be played. It holds "
        f"{count[EntryKind.REFERENCE]} reference functions of the two built-in tasks, "
        f"{count[EntryKind.OTHER_TASK]} functions of {others} other decision tasks, "
        f"{count[EntryKind.MUTATION]} mutated variants of the reference functions that are wrong for their "
        f"stage, and {count[EntryKind.NEAR_DUPLICATE]} near-duplicates (copies under another name whose "
        "docstring marks them as variants for another setting; their code is the original's). "
        f"The right functions for {task.value} are those of its reference base: {right}. "
        "The order of the functions is shuffled by the seed."
    )
