"""Validation of untrusted functions and whole function bases: static check, admission, manual structure.

:func:`check_function` is the gate for one piece of code (static check in
this process, then admission in a child); :func:`validate_base` runs it on
every function of a base (runners in parallel) and checks that the base
hangs together: names, stages, signatures, and a manual that covers every
stage. Loading and saving files is :mod:`.store`'s job.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass

from logicdistill.functions.admission import AdmissionJob, AdmissionLimits, admit, admit_many
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
    """Validate one function record of a base: its name, stage, code (static + admission) and signature."""
    return check_specs([spec], task, limits=limits)[0]


def check_specs(
    specs: Sequence[FunctionSpec],
    task: TaskSpec,
    *,
    limits: AdmissionLimits | None = None,
    workers: int | None = None,
) -> list[Verdict]:
    """:func:`check_spec` for many records; the admissions share ``workers`` runner processes."""
    verdicts: list[Verdict | None] = [_precheck(spec, task) for spec in specs]
    waiting = [i for i, v in enumerate(verdicts) if v is None]
    jobs = [
        AdmissionJob(specs[i].source, task.stage(specs[i].stage).contract, specs[i].name) for i in waiting
    ]
    for i, reasons in zip(waiting, admit_many(jobs, limits=limits, workers=workers), strict=True):
        verdicts[i] = (
            Verdict(specs[i].name, not reasons, reasons) if reasons else _signature_verdict(specs[i])
        )
    return [v for v in verdicts if v is not None]


def validate_base(
    base: FunctionBase, *, limits: AdmissionLimits | None = None, workers: int | None = None
) -> BaseCheck:
    task = get_task(base.task)
    verdicts = check_specs(base.functions, task, limits=limits, workers=workers)
    return BaseCheck(tuple(structure_problems(base, task)), tuple(verdicts))


def _precheck(spec: FunctionSpec, task: TaskSpec) -> Verdict | None:
    """A rejection from everything short of running the code, or None when it should go to admission."""
    if not spec.name.isidentifier() or spec.name.startswith("_"):
        return Verdict(spec.name, False, (f"name {spec.name!r} is not a valid public Python identifier",))
    try:
        stage = task.stage(spec.stage)
    except KeyError as err:
        return Verdict(spec.name, False, (str(err.args[0]),))
    checked = static_check(spec.source, arity=len(stage.params), entry=spec.name, canonical=stage.name)
    return None if checked.accepted else Verdict(spec.name, False, checked.reasons)


def _signature_verdict(spec: FunctionSpec) -> Verdict:
    expected = signature_of(spec.source, spec.name)
    if _squash(spec.signature) != _squash(expected):
        return Verdict(
            spec.name, False, (f"signature {spec.signature!r} does not match the code ({expected!r})",)
        )
    return Verdict(spec.name, True, ())


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


def signature_of(source: str, name: str) -> str:
    """``name(a, b)`` as defined in ``source``; ``name(...)`` when the source does not parse or lacks it."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return f"{name}(...)"
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == name:
            args = [a.arg for a in (*stmt.args.posonlyargs, *stmt.args.args)]
            return f"{name}({', '.join(args)})"
    return f"{name}(...)"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
