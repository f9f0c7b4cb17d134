"""The admission runner: a fresh interpreter that forks one resource-limited child per job.

Run only as ``python -m logicdistill.functions.admission_child`` by
:mod:`.admission`: it reads ``{"limits": ..., "jobs": [...]}`` as JSON on
stdin and writes ``{"results": [[reason, ...], ...]}`` (one list per job,
empty = admitted) on stdout. Trusted work (imports, sample positions)
happens once, in the runner; each job then runs in a forked child that sets
its limits before it loads the untrusted source, through the same guard
used at run time, and reports over a pipe. The runner enforces each job's
wall-clock limit and turns a child killed by a signal into a reason.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import sys
import time

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
    request = json.loads(sys.stdin.read())
    limits = request["limits"]
    for contract in {job["contract"] for job in request["jobs"]}:
        sample_inputs(Contract(contract))  # build the cached positions once, before any fork
    results = [_run_isolated(job, limits) for job in request["jobs"]]
    sys.stdout.write(json.dumps({"results": results}) + "\n")
    sys.stdout.flush()


def _run_isolated(job: dict, limits: dict) -> list[str]:
    """Admit one job in a forked child (in this process where there is no fork)."""
    if not hasattr(os, "fork"):
        return _admit(job, limits)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limit, run, report, and leave without running any cleanup
        code = 0
        try:
            os.close(read_fd)
            view = memoryview(json.dumps(_admit(job, limits)).encode())
            while view:
                view = view[os.write(write_fd, view) :]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    data, finished = _read_all(read_fd, limits["wall_s"])
    os.close(read_fd)
    if not finished:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if not finished:
        return [f"admission exceeded the wall-clock limit of {limits['wall_s']:g} s (the function hangs)"]
    if os.WIFSIGNALED(status):
        return [_killed_reason(os.WTERMSIG(status), limits)]
    try:
        reasons = json.loads(data)
    except ValueError:
        reasons = None
    if not isinstance(reasons, list):
        return [f"admission child failed without a verdict (exit status {os.waitstatus_to_exitcode(status)})"]
    return [str(r) for r in reasons]


def _read_all(fd: int, wall_s: float) -> tuple[bytes, bool]:
    """Everything written to ``fd`` until EOF, and whether EOF came before ``wall_s`` seconds."""
    deadline = time.monotonic() + wall_s
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return b"".join(chunks), False
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _killed_reason(signum: int, limits: dict) -> str:
    if signum == getattr(signal, "SIGXCPU", None):
        return f"exceeded the CPU-time limit of {limits['cpu_s']} s"
    if signum == signal.SIGKILL:
        return f"was killed (CPU-time limit {limits['cpu_s']} s or memory limit {limits['memory_mb']} MB)"
    if signum == getattr(signal, "SIGXFSZ", None):
        return "tried to write a file"
    return f"crashed the interpreter ({signal.Signals(signum).name})"


def _admit(job: dict, limits: dict) -> list[str]:
    """Limit this process, load the source through the guard, run every sample; the reasons it fails."""
    contract = Contract(job["contract"])
    samples = sample_inputs(contract)
    pristine = [plain_copy(args) for args in samples]
    _limit_self(limits["cpu_s"], limits["memory_mb"])
    try:
        fn = GuardedFunction(
            job.get("entry") or "function", job["source"], contract, entry=job.get("entry"),
            budget_s=limits["call_budget_s"],
        )  # fmt: skip
        return _run_samples(fn, samples, pristine)
    except UnsafeFunction as err:
        return list(err.reasons)
    except MemoryError:
        return ["ran out of memory while loading"]


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
