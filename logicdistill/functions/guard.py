"""In-process run-time guard for admitted functions: restricted namespace, time budget, clean failures.

A :class:`GuardedFunction` compiles its source once into a namespace that
holds only the allowed builtins and module proxies (:mod:`.allowlist`),
after the static check passed. Each call copies its inputs to plain data,
runs under a time budget of CPU seconds (its thread's, so that a loaded machine
does not turn a slow start into a failure; ``signal.setitimer`` ticks in the main
thread, a ``sys.settrace`` line counter elsewhere), checks the output against the
stage's contract, and returns :class:`Ok` or :class:`StageFailure` - it
never raises for anything the untrusted code does. It does not isolate
memory or interrupt one long call into C code; admission in a child
process (:mod:`.admission`) is the gate for those (see docs/function-base.md).
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from logicdistill.functions.allowlist import fresh_namespace
from logicdistill.functions.contracts import ContractViolation, arity, check_output
from logicdistill.functions.static import static_check
from logicdistill.tasks import stage_for_contract
from logicdistill.tasks.base import Contract

DEFAULT_CALL_BUDGET_S = 0.25  # CPU seconds (of the calling thread) one stage call may use
# ... and wall-clock seconds, in budgets: the cap on a call that waits without computing
_WALL_BUDGETS = 20
# Making training data offline: generous, so that a dataset does not depend on the machine's load
# (a reference function's first call on a new restricted board builds a distance table).
LABELLING_BUDGET_S = 10.0
_RETRIGGER_S = 0.01  # the alarm repeats until disarmed, so a swallowed interrupt is raised again
_TRACE_CHECK_EVERY = 256  # trace events between clock reads in the settrace fallback
_GUARD_GLOBALS = globals()  # an alarm handled in frames of this module is not raised (_alarm_call)


class FailureKind(StrEnum):
    EXCEPTION = "exception"
    TIMEOUT = "timeout"
    CONTRACT = "contract"


@dataclass(frozen=True)
class Ok:
    value: object

    @property
    def ok(self) -> bool:
        return True


@dataclass(frozen=True)
class StageFailure:
    """A stage that produced no valid output; the caller counts it as an illegal choice (SPEC §2, §3)."""

    function: str
    kind: FailureKind
    reason: str

    @property
    def ok(self) -> bool:
        return False


StageResult = Ok | StageFailure


class UnsafeFunction(Exception):
    """The source fails the static check or cannot be loaded; ``reasons`` says why."""

    def __init__(self, name: str, reasons: Sequence[str]) -> None:
        super().__init__(f"function {name!r} rejected: " + "; ".join(reasons))
        self.reasons = tuple(reasons)


class _BudgetExceeded(BaseException):
    """Raised into untrusted code when its time is up; not an Exception, so ``except Exception`` misses it."""


class GuardedFunction:
    """One untrusted stage function, compiled once, called through the guard."""

    def __init__(
        self,
        name: str,
        source: str,
        contract: Contract,
        *,
        entry: str | None = None,
        budget_s: float = DEFAULT_CALL_BUDGET_S,
    ) -> None:
        self.name = name
        self.contract = contract
        self.budget_s = budget_s
        stage = stage_for_contract(contract)[1]
        checked = static_check(source, arity=arity(contract), entry=entry, canonical=stage.name)
        if not checked.accepted:
            raise UnsafeFunction(name, checked.reasons)
        self.entry = checked.entry
        namespace = fresh_namespace()
        code = compile(source, f"<function {name}>", "exec")
        loaded = call_with_budget(exec, (code, namespace), budget_s)
        if isinstance(loaded, StageFailure):
            raise UnsafeFunction(name, [f"loading the source {loaded.reason}"])
        self._fn = namespace[self.entry]

    def __call__(self, *args: object, copy_inputs: bool = True) -> StageResult:
        """Call with plain-data copies of ``args`` (or ``args`` themselves when told not to copy)."""
        try:
            given = tuple(plain_copy(a) for a in args) if copy_inputs else args
        except TypeError as err:
            return StageFailure(self.name, FailureKind.CONTRACT, f"bad input: {err}")
        result = call_with_budget(self._fn, given, self.budget_s)
        if isinstance(result, StageFailure):
            return StageFailure(self.name, result.kind, result.reason)
        try:
            return Ok(check_output(self.contract, args, result.value))
        except ContractViolation as err:
            return StageFailure(self.name, FailureKind.CONTRACT, str(err))

    def __repr__(self) -> str:
        return f"GuardedFunction({self.name!r}, {self.contract})"


def call_with_budget(fn: Callable[..., object], args: Sequence[object], budget_s: float) -> StageResult:
    """Run ``fn(*args)``; an exception or running past its budget becomes a StageFailure.

    The budget is ``budget_s`` seconds of the calling thread's CPU time (what the code
    computes, whatever else the machine runs), and ``_WALL_BUDGETS`` times that of
    wall-clock time.
    """
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    runner = _alarm_call if use_alarm else _trace_call
    try:
        return Ok(runner(fn, args, budget_s))
    except _BudgetExceeded:
        return StageFailure("", FailureKind.TIMEOUT, f"exceeded the time budget of {budget_s:g} s")
    except RecursionError:
        return StageFailure("", FailureKind.EXCEPTION, "raised RecursionError (recursion too deep)")
    except Exception as err:  # anything the untrusted code raises is its failure, never ours
        detail = f": {err}" if str(err) else ""
        return StageFailure("", FailureKind.EXCEPTION, f"raised {type(err).__name__}{detail}"[:300])


def _spent(budget_s: float) -> Callable[[], bool]:
    """A clock read: whether the call that starts now has used its CPU budget or its wall-clock cap."""
    cpu_end = time.thread_time() + budget_s
    wall_end = time.monotonic() + budget_s * _WALL_BUDGETS
    return lambda: time.thread_time() >= cpu_end or time.monotonic() >= wall_end


def _alarm_call(fn: Callable[..., object], args: Sequence[object], budget_s: float) -> object:
    def interrupt(signum, frame):
        # An alarm handled in this module's own lines (the call has not started, or has ended and
        # the timer is being disarmed) is ignored: raised there it would skip the disarming, and
        # the repeating alarm would then kill the process once the default handler is back.
        # Before the budget is spent (a starved thread) the alarm just ticks again.
        if (frame is None or frame.f_globals is not _GUARD_GLOBALS) and spent():
            raise _BudgetExceeded

    spent = _spent(budget_s)
    previous_handler = signal.signal(signal.SIGALRM, interrupt)
    started = time.monotonic()
    previous_timer = (0.0, 0.0)
    try:
        previous_timer = signal.setitimer(signal.ITIMER_REAL, budget_s, _RETRIGGER_S)
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:  # someone else's alarm was running: re-arm what is left of it
            left = max(previous_timer[0] - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, previous_timer[1])


def _trace_call(fn: Callable[..., object], args: Sequence[object], budget_s: float) -> object:
    spent = _spent(budget_s)
    events = 0

    def tracer(frame, event, arg):
        nonlocal events
        events += 1
        if events % _TRACE_CHECK_EVERY == 0 and spent():
            raise _BudgetExceeded
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        return fn(*args)
    finally:
        sys.settrace(previous)


_SCALARS = (int, float, str, bool, type(None))


def plain_copy(value: object) -> object:
    """A deep copy made only of ints, floats, strs, bools, None, tuples, lists, dicts and sets."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple:  # immutable: shared as is when it holds only scalars (cells), else rebuilt
        for v in value:
            if type(v) not in _SCALARS:
                return tuple(plain_copy(v) for v in value)
        return value
    if kind is list:
        return [plain_copy(v) for v in value]
    if kind is dict:
        return {plain_copy(k): plain_copy(v) for k, v in value.items()}
    if kind is set or kind is frozenset:
        return kind(plain_copy(v) for v in value)
    raise TypeError(f"a {kind.__name__} cannot be passed to an untrusted function (plain data only)")
