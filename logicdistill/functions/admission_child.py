"""The child side of admission: limit this process, load the untrusted function, run it on samples.

Run only as ``python -m logicdistill.functions.admission_child`` by
:mod:`.admission`; it reads one JSON job on stdin and writes one JSON line
``{"reasons": [...]}`` on stdout. Everything trusted (imports, sample
positions) happens before the limits are set; only then is the untrusted
source loaded, through the same guard used at run time.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys

from logicdistill.functions.contracts import show
from logicdistill.functions.guard import (
    FailureKind,
    GuardedFunction,
    StageFailure,
    UnsafeFunction,
    plain_copy,
)
from logicdistill.functions.samples import sample_inputs
from logicdistill.tasks.base import Contract

MAX_REASONS = 3


def main() -> None:
    job = json.loads(sys.stdin.read())
    contract = Contract(job["contract"])
    limits = job["limits"]
    samples = sample_inputs(contract)
    pristine = [plain_copy(args) for args in samples]
    _limit_self(limits["cpu_s"], limits["memory_mb"])
    try:
        fn = GuardedFunction(
            job.get("entry") or "function", job["source"], contract, entry=job.get("entry"),
            budget_s=limits["call_budget_s"],
        )  # fmt: skip
        reasons = _run_samples(fn, samples, pristine)
    except UnsafeFunction as err:
        reasons = list(err.reasons)
    except MemoryError:
        reasons = ["ran out of memory while loading"]
    sys.stdout.write(json.dumps({"reasons": reasons}) + "\n")
    sys.stdout.flush()


def _run_samples(fn: GuardedFunction, samples: list[tuple], pristine: list[tuple]) -> list[str]:
    """Up to MAX_REASONS failing samples; stops at the first timeout or memory error (they are slow)."""
    reasons, failed = [], 0
    for i, (args, before) in enumerate(zip(samples, pristine, strict=True)):
        result = fn(*args, copy_inputs=False)
        problem = result.reason if isinstance(result, StageFailure) else _mutation(args, before)
        if problem:
            failed += 1
            if len(reasons) < MAX_REASONS:
                reasons.append(f"sample {i + 1} ({_describe(before)}): {problem}")
            if isinstance(result, StageFailure) and _is_resource_failure(result):
                return reasons
    if failed > len(reasons):
        reasons.append(f"failed on {failed} of {len(samples)} samples in all")
    return reasons


def _is_resource_failure(failure: StageFailure) -> bool:
    return failure.kind is FailureKind.TIMEOUT or "MemoryError" in failure.reason


def _mutation(args: tuple, before: tuple) -> str | None:
    for k, (now, was) in enumerate(zip(args, before, strict=True)):
        if now != was:
            return f"mutated its input argument {k + 1} (inputs must not be changed)"
    return None


def _describe(args: tuple) -> str:
    state = args[-1] if args and isinstance(args[-1], dict) else {}
    if "position" in state:
        extra = f", {len(state['restricted'])} restricted cells" if state["restricted"] else ""
        lead = f"{len(args[0])} move{'s' * (len(args[0]) != 1)}, " if len(args) > 1 else ""
        return f"{lead}dot at {state['position']}, orange at {state['orange']}{extra}"
    if "hand" in state:
        lead = f"{show(args[0])}, " if len(args) > 1 else ""
        return f"{lead}hand {state['hand']} vs {state['opponent_hand']}, {state['cards_left']} cards left"
    return show(args)


def _limit_self(cpu_s: int, memory_mb: int) -> None:
    """CPU time, address space, no file writes, no new files, no new processes (POSIX only)."""
    try:
        import resource
    except ImportError:  # not POSIX: the parent's wall-clock timeout is the only limit
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(used.ru_utime + used.ru_stime) + cpu_s
    _set(resource, resource.RLIMIT_CPU, cpu, cpu + 1)
    size = _address_space()
    if size:
        _set(resource, resource.RLIMIT_AS, size + memory_mb * 2**20, size + memory_mb * 2**20)
    _set(resource, resource.RLIMIT_FSIZE, 0, 0)
    _set(resource, resource.RLIMIT_NOFILE, 3, 3)
    if hasattr(resource, "RLIMIT_NPROC"):
        _set(resource, resource.RLIMIT_NPROC, 0, 0)


def _set(resource, which: int, soft: int, hard: int) -> None:
    _, old_hard = resource.getrlimit(which)
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    with contextlib.suppress(ValueError, OSError):  # a limit we may not set stays as it was
        resource.setrlimit(which, (soft, hard))


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


if __name__ == "__main__":
    main()
