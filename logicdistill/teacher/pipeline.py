"""The teacher loop (SPEC §1 Eq. 1): ask, validate, feed errors back, and assemble the function base.

One conversation with the teacher model through the
:class:`~logicdistill.llm.base.LanguageModel` interface only: the first
request, then up to ``rounds - 1`` repair turns. Every proposed function
goes through the same gate as any untrusted code (static check, admission
in a child process); accepted ones are kept across rounds, rejected ones
are recorded with their reasons. Prompts are :mod:`.prompt`'s, parsing is
:mod:`.parse`'s; writing files is the caller's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from logicdistill.errors import UserError
from logicdistill.functions.admission import AdmissionLimits
from logicdistill.functions.schema import (
    FORMAT_VERSION,
    FunctionBase,
    FunctionSpec,
    Manual,
    Origin,
    Provenance,
    Rejection,
    StageGuide,
    ValidationReport,
    Verdict,
)
from logicdistill.functions.validate import check_specs, signature_of, structure_problems
from logicdistill.llm.base import Chat, GenerationConfig, LanguageModel, Message, Role
from logicdistill.llm.usage import Usage, UsageMeter, default_meter
from logicdistill.tasks.base import TaskSpec
from logicdistill.teacher.parse import ParsedAnswer, parse_answer
from logicdistill.teacher.prompt import first_request, prompt_sha256, repair_request

DEFAULT_ROUNDS = 3


class TeacherUnavailable(UserError):
    """The teacher model could not be asked (endpoint down, bad key, no such model)."""


@dataclass(frozen=True)
class TeacherConfig:
    """How to run the teacher loop."""

    rounds: int = DEFAULT_ROUNDS  # teacher calls at most: the first request plus repair rounds
    max_new_tokens: int = 4096  # per teacher answer
    temperature: float = 0.0  # greedy by default, so a run can be repeated
    seed: int | None = 0
    limits: AdmissionLimits = field(default_factory=AdmissionLimits)
    workers: int | None = None  # admission runners in parallel (default: CPU count)

    def __post_init__(self) -> None:
        if self.rounds < 1:
            raise UserError(f"rounds must be at least 1, got {self.rounds}")


@dataclass(frozen=True)
class TeachResult:
    """The outcome: a base when every stage got an accepted function and a manual, else why not."""

    base: FunctionBase | None
    report: ValidationReport
    problems: tuple[str, ...]
    answers: tuple[str, ...]  # the teacher's raw answers, one per round


def teach(
    task: TaskSpec,
    model: LanguageModel,
    *,
    config: TeacherConfig | None = None,
    endpoint: str | None = None,
    today: dt.date | None = None,
) -> TeachResult:
    """Run the loop for ``task`` with ``model`` as the teacher."""
    config = config or TeacherConfig()
    # Tokens come from the backend's usage meter; replies replayed from a response cache add none.
    meter: UsageMeter = getattr(model, "meter", None) or default_meter()
    role: Role = getattr(model, "role", Role.TEACHER)
    before = meter.report().of(role)
    conversation: Chat = first_request(task)
    accepted: dict[str, tuple[FunctionSpec, Verdict]] = {}
    rejected: list[Rejection] = []
    manual: Manual | None = None
    answers: list[str] = []
    gen = GenerationConfig(
        max_new_tokens=config.max_new_tokens, temperature=config.temperature, seed=config.seed
    )
    for round_no in range(1, config.rounds + 1):
        answer = _ask(model, conversation, gen)
        answers.append(answer)
        parsed = parse_answer(answer, task)
        manual = parsed.manual or manual
        problems = list(parsed.problems)
        for spec, verdict in _check_all(parsed, task, config):
            if verdict.accepted:
                accepted[spec.name] = (spec, verdict)
            else:
                rejected.append(Rejection(round_no, spec.name, verdict.reasons))
                problems.append(f"function {spec.name!r} was rejected: {'; '.join(verdict.reasons)}")
        if parsed.problems:
            rejected.append(Rejection(round_no, "(answer)", parsed.problems))
        missing = [s.name for s in task.stages if not any(sp.stage == s.name for sp, _ in accepted.values())]
        if not missing and manual is not None:
            break
        if round_no < config.rounds:
            feedback = repair_request(problems or ["the answer is incomplete"], sorted(accepted), missing)
            conversation = (*conversation, Message("assistant", answer), feedback)
    spent = _spent(meter.report().of(role), before)
    report = ValidationReport(
        verdicts=tuple(v for _, v in accepted.values()), rejected=tuple(rejected), rounds=len(answers)
    )
    missing = [s.name for s in task.stages if not any(sp.stage == s.name for sp, _ in accepted.values())]
    if missing or manual is None:
        why = [f"stage {name!r} has no accepted function" for name in missing]
        why += ["the teacher gave no usable manual"] if manual is None else []
        return TeachResult(None, report, tuple(why), tuple(answers))
    functions = tuple(spec for spec, _ in accepted.values())
    provenance = Provenance(
        origin=Origin.TEACHER,
        model=model.name,
        endpoint=endpoint,
        prompt_sha256=prompt_sha256(first_request(task)),
        created=(today or dt.date.today()).isoformat(),
        teacher_calls=len(answers),
        prompt_tokens=spent.prompt_tokens if spent.calls else None,
        completion_tokens=spent.completion_tokens if spent.calls else None,
        report=report,
    )
    base = FunctionBase(FORMAT_VERSION, task.name, functions, fit_manual(manual, functions, task), provenance)
    leftover = structure_problems(base, task)
    return TeachResult(None if leftover else base, report, tuple(leftover), tuple(answers))


def fit_manual(manual: Manual, functions: tuple[FunctionSpec, ...], task: TaskSpec) -> Manual:
    """The teacher's manual restricted to the accepted functions, every stage described, none twice."""
    names = {f.name for f in functions}
    given = {}
    for guide in manual.stages:
        given.setdefault(guide.stage, guide)
    guides = []
    for stage in task.stages:
        own = [f.name for f in functions if f.stage == stage.name]
        guide = given.get(stage.name)
        listed = [n for n in (guide.functions if guide else ()) if n in own]
        ordered = tuple(dict.fromkeys(listed + own))
        guides.append(
            StageGuide(stage.name, ordered, (guide.when if guide and guide.when else stage.purpose))
        )
    examples = tuple(ex for ex in manual.examples if ex.function in names)
    return Manual(
        overview=manual.overview or task.decision,
        stages=tuple(guides),
        examples=examples,
        rules=manual.rules,
    )


def _ask(model: LanguageModel, conversation: Chat, gen: GenerationConfig) -> str:
    try:
        (answer,) = model.generate([conversation], gen)
    except UserError:
        raise
    except Exception as err:  # network and server errors come in many types; all mean the same here
        raise TeacherUnavailable(
            f"teacher {model.name!r} did not answer: {type(err).__name__}: {err}"
        ) from err
    return answer


def _check_all(
    parsed: ParsedAnswer, task: TaskSpec, config: TeacherConfig
) -> list[tuple[FunctionSpec, Verdict]]:
    specs, seen, out = [], set(), []
    for proposed in parsed.functions:
        spec = FunctionSpec(
            name=proposed.name,
            stage=proposed.stage,
            signature=signature_of(proposed.source, proposed.name),
            source=proposed.source,
            docstring=proposed.docstring,
        )
        if spec.name in seen:
            out.append((spec, Verdict(spec.name, False, ("the name is used twice in one answer",))))
            continue
        seen.add(spec.name)
        specs.append(spec)
    verdicts = check_specs(specs, task, limits=config.limits, workers=config.workers)
    return out + list(zip(specs, verdicts, strict=True))


def _spent(after: Usage, before: Usage) -> Usage:
    return Usage(
        calls=after.calls - before.calls,
        cached_calls=after.cached_calls - before.cached_calls,
        prompt_tokens=after.prompt_tokens - before.prompt_tokens,
        completion_tokens=after.completion_tokens - before.completion_tokens,
    )
