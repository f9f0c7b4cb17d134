"""A written filter joins a pursuit function base as one more candidate of the filter stage (Eq. 6).

:func:`add_written_filter` returns a new base (the given one is not changed)
with the written filter as a ``filter_moves`` function under its own name,
checked again by :mod:`logicdistill.functions` exactly as every function of a
base is (static check, admission, signature, manual structure), the manual's
filter-stage guide and rules telling when to use it. The written code is kept
verbatim; a two-line wrapper under the base name calls its entry function.

:func:`emergency_chain` puts it where it belongs: candidate moves -> written
filter -> the base filter -> select. :func:`emergency_pursuer` plays that chain,
or - when no filter was admitted - falls back to the base's own chain and says
so (the game then counts any entry into the area as an illegal choice). Left
out: choosing among candidates with the student (the LD agent does that) and
playing games (:mod:`.games`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from logicdistill.agents.composed import FixedChain, FunctionBasePursuer, first_listed
from logicdistill.emergency.config import WritingConfig
from logicdistill.emergency.writer import WrittenFilter
from logicdistill.errors import UserError
from logicdistill.functions import FunctionBase, FunctionSpec, ValidationReport, Verdict
from logicdistill.functions.guard import DEFAULT_CALL_BUDGET_S
from logicdistill.functions.validate import check_specs, structure_problems
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName

FILTER_STAGE = "filter_moves"
MAX_DOC_DESCRIPTION = 120


def emergency_spec(written: WrittenFilter, name: str) -> FunctionSpec:
    """The base record of an accepted written filter, called ``name``."""
    if not written.accepted or written.entry is None:
        raise UserError(f"no admitted filter to add: {written.refusal}")
    said = _one_line(written.description)
    doc = f"Emergency filter written for a new rule: drops the moves inside the restricted area ({said})."
    source = written.code
    if written.entry != name:
        source += (
            f'\n\ndef {name}(moves, state):\n    """{doc}"""\n    return {written.entry}(moves, state)\n'
        )
    return FunctionSpec(
        name=name, stage=FILTER_STAGE, signature=f"{name}(moves, state)", source=source, docstring=doc
    )


def add_written_filter(base: FunctionBase, written: WrittenFilter, name: str | None = None) -> FunctionBase:
    """``base`` plus the written filter as a filter-stage candidate (UserError if it cannot join)."""
    return add_written_filters(base, [written], name)[0]


def add_written_filters(
    base: FunctionBase, written: Sequence[WrittenFilter], name: str | None = None
) -> list[FunctionBase]:
    """:func:`add_written_filter` for many filters, their admissions in one batch."""
    name = name or WritingConfig().name
    if base.task is not TaskName.PURSUIT:
        raise UserError(f"emergency filters are for the pursuit task, not {base.task.value!r}")
    if any(f.name == name for f in base.functions):
        raise UserError(f"the base already has a function named {name!r}")
    task = get_task(base.task)
    specs = [emergency_spec(w, name) for w in written]
    verdicts = check_specs(specs, task)
    return [_extended(base, w, spec, v, name) for w, spec, v in zip(written, specs, verdicts, strict=True)]


def _extended(
    base: FunctionBase, written: WrittenFilter, spec: FunctionSpec, verdict: Verdict, name: str
) -> FunctionBase:
    task = get_task(base.task)
    if not verdict.accepted:
        raise UserError(f"the written filter failed the base's checks: {'; '.join(verdict.reasons)}")
    guides = tuple(
        replace(
            guide,
            functions=(*guide.functions, name),
            when=f"{guide.when} Emergency rule in force ({_one_line(written.description)}): "
            f"first run {name}(moves, state) on the candidates, then the other filters.",
        )
        if guide.stage == FILTER_STAGE
        else guide
        for guide in base.manual.stages
    )
    manual = replace(
        base.manual,
        stages=guides,
        rules=(*base.manual.rules, f"Emergency rule: {written.description.strip()}"),
    )
    report = base.provenance.report
    provenance = replace(
        base.provenance,
        report=ValidationReport((*report.verdicts, verdict), report.rejected, report.rounds),
    )
    extended = replace(base, functions=(*base.functions, spec), manual=manual, provenance=provenance)
    problems = structure_problems(extended, task)
    if problems:
        raise UserError(f"the extended base is not consistent: {problems[0]}")
    return extended


def emergency_chain(base: FunctionBase, name: str, chain: Sequence[str] | None = None) -> tuple[str, ...]:
    """``chain`` (default: the base's preferred chain) with ``name`` run before its first filter."""
    names = list(chain or first_listed(base))
    stages = {f.name: f.stage for f in base.functions}
    at = next((i for i, n in enumerate(names) if stages.get(n) == FILTER_STAGE), None)
    if at is None:
        raise UserError(
            f"chain {' -> '.join(names)} has no {FILTER_STAGE} stage to put the emergency filter in"
        )
    return (*names[:at], name, *names[at:])


@dataclass(frozen=True)
class EmergencyPlay:
    """A pursuer for a restricted board: the chain it runs and whether it had to fall back."""

    pursuer: FunctionBasePursuer
    chain: tuple[str, ...]
    fallback: bool
    note: str


def emergency_pursuer(
    written: WrittenFilter,
    base: FunctionBase | None = None,
    *,
    name: str | None = None,
    budget_s: float = DEFAULT_CALL_BUDGET_S,
) -> EmergencyPlay:
    """The blue side with the written filter in its chain; the base's own chain when none was admitted."""
    return emergency_pursuers([written], base, name=name, budget_s=budget_s)[0]


def emergency_pursuers(
    written: Sequence[WrittenFilter],
    base: FunctionBase | None = None,
    *,
    name: str | None = None,
    budget_s: float = DEFAULT_CALL_BUDGET_S,
) -> list[EmergencyPlay]:
    """:func:`emergency_pursuer` for many filters (default base: the reference pursuit base)."""
    if base is None:
        from logicdistill.reference import load_reference

        base = load_reference(TaskName.PURSUIT)
    name = name or WritingConfig().name
    plain = first_listed(base)
    accepted = [w for w in written if w.accepted]
    extended = iter(add_written_filters(base, accepted, name) if accepted else [])
    plays = []
    for w in written:
        if not w.accepted:
            pursuer = FunctionBasePursuer(
                base, FixedChain(plain), budget_s=budget_s, name="base chain (fallback)"
            )
            note = f"no admitted emergency filter ({w.refusal}); falling back to the base chain"
            plays.append(EmergencyPlay(pursuer, plain, True, note))
            continue
        with_filter = next(extended)
        chain = emergency_chain(with_filter, name, plain)
        pursuer = FunctionBasePursuer(
            with_filter, FixedChain(chain), budget_s=budget_s, name="base + written filter"
        )
        plays.append(EmergencyPlay(pursuer, chain, False, f"chain: {' -> '.join(chain)}"))
    return plays


def _one_line(text: str) -> str:
    flat = " ".join(text.replace('"', "'").replace("\\", "/").split())
    return flat if len(flat) <= MAX_DOC_DESCRIPTION else flat[: MAX_DOC_DESCRIPTION - 3] + "..."
