"""The in-process run-time guard: budgets, clean failures, contract checks, the caller's data untouched."""

import signal
import sys
import threading
import time

import pytest

from logicdistill.functions import guard
from logicdistill.functions.allowlist import ALLOWED_MODULES, safe_import
from logicdistill.functions.guard import (
    FailureKind,
    GuardedFunction,
    Ok,
    StageFailure,
    UnsafeFunction,
    call_with_budget,
    plain_copy,
)
from logicdistill.tasks.base import Contract

STATE = {
    "size": 21,
    "orange": (5, 5),
    "position": (3, 5),
    "restricted": [(4, 5)],
    "blues": [(3, 5)],
    "dot": 0,
}
MOVES = [(3, 5), (4, 5), (5, 5), (3, 6), (-1, 5)]


def guarded(body: str, contract: Contract = Contract.MOVE_FILTER, **kw) -> GuardedFunction:
    return GuardedFunction("f", f"def filter_moves(moves, state):\n    {body}\n", contract, **kw)


def test_good_function_returns_normalised_output():
    fn = guarded("return [list(m) for m in moves if m != state['orange']]")
    assert fn(MOVES, STATE) == Ok([(3, 5), (4, 5), (3, 6), (-1, 5)])


def test_exception_is_a_clean_failure():
    result = guarded("return [m for m in moves if m[7]]")(MOVES, STATE)
    assert result == StageFailure("f", FailureKind.EXCEPTION, "raised IndexError: tuple index out of range")
    assert not result.ok


def test_contract_violation_is_a_clean_failure():
    result = guarded("return moves + [(9, 9)]")(MOVES, STATE)
    assert isinstance(result, StageFailure) and result.kind is FailureKind.CONTRACT
    assert "not one of its input moves" in result.reason


@pytest.mark.parametrize(
    "body",
    [
        "while True:\n        pass",
        "while True:\n        try:\n            while True:\n                pass\n"
        "        except Exception:\n            pass",
    ],
    ids=["plain loop", "loop that swallows exceptions"],
)
def test_infinite_loop_times_out_in_the_main_thread(body):
    result = guarded(body, budget_s=0.05)(MOVES, STATE)
    assert isinstance(result, StageFailure) and result.kind is FailureKind.TIMEOUT


def test_infinite_loop_times_out_off_the_main_thread():
    fn = guarded("n = 0\n    while True:\n        n += 1", budget_s=0.05)
    results = []
    worker = threading.Thread(target=lambda: results.append(fn(MOVES, STATE)))
    worker.start()
    worker.join(timeout=10)
    assert results and results[0].kind is FailureKind.TIMEOUT


def _waits(seconds: float) -> str:
    time.sleep(seconds)  # a thread that gets no CPU (a loaded machine) uses none of its budget
    return "done"


def test_the_budget_is_cpu_time_so_a_starved_call_finishes():
    started = time.monotonic()
    assert call_with_budget(_waits, (0.3,), 0.02) == Ok("done")  # 15 budgets of wall time
    capped = call_with_budget(_waits, (30.0,), 0.02)  # the wall-clock cap: 20 budgets
    assert isinstance(capped, StageFailure) and capped.kind is FailureKind.TIMEOUT
    assert time.monotonic() - started < 5


def test_recursion_bomb_is_a_clean_failure():
    result = guarded("return filter_moves(moves, state)")(MOVES, STATE)
    assert result.kind is FailureKind.EXCEPTION and "RecursionError" in result.reason


def test_inputs_are_copies_so_the_caller_data_is_untouched():
    moves, state = [list(m) for m in MOVES], {**STATE, "restricted": [(4, 5)]}
    fn = guarded("moves.clear()\n    state['restricted'].append((0, 0))\n    state.clear()\n    return []")
    assert fn(moves, state) == Ok([])
    assert moves == [list(m) for m in MOVES]
    assert state["restricted"] == [(4, 5)] and len(state) == len(STATE)


def test_non_plain_inputs_are_refused():
    result = guarded("return moves")([object()], STATE)
    assert result.kind is FailureKind.CONTRACT and "plain data" in result.reason


def test_unsafe_source_cannot_be_compiled():
    with pytest.raises(UnsafeFunction) as err:
        guarded("return open('x')")
    assert err.value.reasons == ("line 2: call to 'open' is not allowed",)


def test_slow_module_level_code_is_refused_at_load():
    source = "X = [i for i in range(10**12)]\ndef filter_moves(moves, state):\n    return moves\n"
    with pytest.raises(UnsafeFunction, match="time budget"):
        GuardedFunction("f", source, Contract.MOVE_FILTER, budget_s=0.05)


def test_namespace_has_only_the_allowed_builtins_at_run_time():
    # The static check stops these names; this shows the namespace would stop them too.
    fn = guarded("return [m for m in moves if len(m) == 2]")
    assert fn._fn.__globals__["__builtins__"].keys() >= {"len", "sorted", "__import__"}
    assert "open" not in fn._fn.__globals__["__builtins__"]
    assert "eval" not in fn._fn.__globals__["__builtins__"]


def test_modules_are_read_only_proxies_with_only_allowed_members():
    math = safe_import("math")
    assert math.sqrt(4) == 2
    with pytest.raises(AttributeError):
        math.factorial  # noqa: B018 - left out on purpose
    with pytest.raises(AttributeError):
        math.sqrt = None
    with pytest.raises(ImportError):
        safe_import("os")
    collections = safe_import("collections")
    assert not hasattr(collections, "_sys") and "namedtuple" not in ALLOWED_MODULES["collections"]


def test_previous_alarm_handler_is_restored():
    def mine(signum, frame):
        pass

    old = signal.signal(signal.SIGALRM, mine)
    try:
        assert call_with_budget(sum, ([1, 2],), 0.5) == Ok(3)
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, old)


def test_an_alarm_that_lands_as_the_call_ends_is_ignored_and_the_timer_still_disarmed(monkeypatch):
    """Under load the budget can run out between the call's return and the disarming: that alarm
    must neither turn the result into a timeout nor leave the repeating timer armed."""
    real = signal.setitimer

    def alarm_then_set(which, seconds, interval=0.0):
        if seconds == 0:  # the guard disarming: an alarm arrives first, in the guard's own line
            signal.getsignal(signal.SIGALRM)(signal.SIGALRM, sys._getframe(1))
        return real(which, seconds, interval)

    monkeypatch.setattr(signal, "setitimer", alarm_then_set)
    monkeypatch.setattr(guard, "_spent", lambda budget_s: lambda: True)  # every alarm: budget spent
    try:
        assert call_with_budget(sum, ([1, 2],), 5.0) == Ok(3)
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    finally:
        real(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def test_twentyone_decision_contract_is_checked_at_run_time():
    source = "def decide(risk, state):\n    return 'Hit' if risk < 0.5 else 'stand'\n"
    fn = GuardedFunction("decide", source, Contract.TWENTYONE_DECISION)
    assert fn(0.9, {"total": 12}) == Ok("stand")
    assert fn(0.1, {"total": 12}).kind is FailureKind.CONTRACT


def test_plain_copy_is_deep_and_refuses_objects():
    data = {"a": [(1, 2), {3}], "b": ("x", None, 1.5, True)}
    copy = plain_copy(data)
    assert copy == data and copy["a"] is not data["a"]
    with pytest.raises(TypeError):
        plain_copy({"f": len})
