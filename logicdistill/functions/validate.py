"""Validation of untrusted functions and whole function bases: static check, admission, manual structure.

:func:`check_function` is the gate for one piece of code (static check in
this process, then admission in a child); :func:`validate_base` runs it on
every function of a base (children in parallel) and checks that the base
hangs together: names, stages, signatures, and a manual that covers every
stage. Loading and saving files is :mod:`.store`'s job.
"""

from __future__ import annotations

import ast
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from logicdistill.functions.admission import AdmissionLimits, admit
from logicdistill.functions.contracts import arity
from logicdistill.functions.schema import FunctionBase, FunctionSpec, Origin, Verdict
from logicdistill.functions.static import static_check
from logicdistill.tasks import get_task, stage_for_contract
from logicdistill.tasks.base import Contract, TaskSpec

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class BaseCheck:
    """Verdict on a whole base: structural problems and one verdict per function."""

    problems: tuple[str, ...]
    verdicts: tuple[Verdict, ...]

    @property
    def valid(self) -> bool:
        return not self.problems and all(v.accepted for v in self.verdicts)


def check_function(
    source: str,
    contract: Contract,
    *,
    entry: str | None = None,
    limits: AdmissionLimits | None = None,
) -> Verdict:
    """Static check, then admission in a child process. ``function`` in the verdict is the entry's name."""
    stage = stage_for_contract(contract)[1]
    checked = static_check(source, arity=arity(contract), entry=entry, canonical=stage.name)
    name = checked.entry or entry or stage.name
    if not checked.accepted:
        return Verdict(name, False, checked.reasons)
    reasons = admit(source, contract, entry=checked.entry, limits=limits)
    return Verdict(name, not reasons, reasons)


def check_spec(spec: FunctionSpec, task: TaskSpec, limits: AdmissionLimits | None = None) -> Verdict:
    """Validate one function record of a base: its stage, name, signature, then its code."""
    if not spec.name.isidentifier() or spec.name.startswith("_"):
        return Verdict(spec.name, False, (f"name {spec.name!r} is not a valid public Python identifier",))
    try:
        stage = task.stage(spec.stage)
    except KeyError as err:
        return Verdict(spec.name, False, (str(err.args[0]),))
    verdict = check_function(spec.source, stage.contract, entry=spec.name, limits=limits)
    if not verdict.accepted:
        return verdict
    expected = _signature(spec.source, spec.name)
    if _squash(spec.signature) != _squash(expected):
        return Verdict(
            spec.name, False, (f"signature {spec.signature!r} does not match the code ({expected!r})",)
        )
    return verdict


def validate_base(
    base: FunctionBase, *, limits: AdmissionLimits | None = None, workers: int | None = None
) -> BaseCheck:
    task = get_task(base.task)
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        verdicts = tuple(pool.map(lambda spec: check_spec(spec, task, limits), base.functions))
    return BaseCheck(tuple(structure_problems(base, task)), verdicts)


def structure_problems(base: FunctionBase, task: TaskSpec) -> list[str]:
    """Everything wrong with a base apart from its code: names, stages, manual coverage, provenance."""
    problems: list[str] = []
    names = [f.name for f in base.functions]
    stage_of = {f.name: f.stage for f in base.functions}
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"function name {name!r} is used more than once")
    guides = {}
    for guide in base.manual.stages:
        if guide.stage not in task.stage_names():
            problems.append(
                f"manual: unknown stage {guide.stage!r} (stages: {', '.join(task.stage_names())})"
            )
        elif guide.stage in guides:
            problems.append(f"manual: stage {guide.stage!r} is described twice")
        guides[guide.stage] = guide
        for name in guide.functions:
            if name not in stage_of:
                problems.append(f"manual: stage {guide.stage!r} lists unknown function {name!r}")
            elif stage_of[name] != guide.stage:
                problems.append(
                    f"manual: stage {guide.stage!r} lists {name!r}, which belongs to {stage_of[name]!r}"
                )
    for stage in task.stages:
        if not base.for_stage(stage.name):
            problems.append(f"stage {stage.name!r} has no function")
        if stage.name not in guides:
            problems.append(f"manual: stage {stage.name!r} is not described")
        else:
            missing = [
                f.name for f in base.for_stage(stage.name) if f.name not in guides[stage.name].functions
            ]
            problems += [f"manual: function {n!r} is not listed under stage {stage.name!r}" for n in missing]
    problems += [
        f"manual: usage example for unknown function {ex.function!r}"
        for ex in base.manual.examples
        if ex.function not in stage_of
    ]
    if not base.manual.overview.strip():
        problems.append("manual: the overview is empty")
    return problems + _provenance_problems(base)


def _provenance_problems(base: FunctionBase) -> list[str]:
    p = base.provenance
    problems = []
    if not _DATE.fullmatch(p.created):
        problems.append(f"provenance: created {p.created!r} is not a YYYY-MM-DD date")
    if p.origin is Origin.TEACHER and not p.model:
        problems.append("provenance: a teacher-made base must name its teacher model")
    if p.prompt_sha256 is not None and not _SHA256.fullmatch(p.prompt_sha256):
        problems.append("provenance: prompt_sha256 is not 64 lowercase hex digits")
    return problems


def _signature(source: str, name: str) -> str:
    """``name(a, b)`` as defined in ``source`` (which has passed the static check)."""
    for stmt in ast.parse(source).body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == name:
            args = [a.arg for a in (*stmt.args.posonlyargs, *stmt.args.args)]
            return f"{name}({', '.join(args)})"
    return f"{name}(?)"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
