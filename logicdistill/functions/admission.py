"""Admission of one untrusted function: run its contract checks in a child process under resource limits.

The parent starts ``python -m logicdistill.functions.admission_child``,
hands it the source and contract on stdin and reads a JSON verdict from its
stdout. The child sets CPU-time, address-space, file-size, open-file and
process-count limits before it loads the untrusted code, and the parent
enforces a wall-clock timeout, so a hang, a memory bomb or a crash costs
only the child. The static check (:mod:`.static`) runs first, in the
parent, so code that fails it never runs at all.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from logicdistill.functions.guard import DEFAULT_CALL_BUDGET_S
from logicdistill.tasks.base import Contract

CHILD_MODULE = "logicdistill.functions.admission_child"
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class AdmissionLimits:
    """Resource limits for one admission child."""

    cpu_s: int = 5  # CPU seconds for the untrusted part (RLIMIT_CPU, on top of start-up)
    memory_mb: int = 512  # extra address space beyond the child's start-up size (RLIMIT_AS)
    wall_s: float = 60.0  # wall-clock timeout the parent enforces on the whole child
    call_budget_s: float = DEFAULT_CALL_BUDGET_S  # per sample call, as at run time


def admit(
    source: str, contract: Contract, *, entry: str | None = None, limits: AdmissionLimits | None = None
) -> tuple[str, ...]:
    """Run the admission tests for ``source``; return the reasons it is rejected (empty = admitted)."""
    limits = limits or AdmissionLimits()
    job = {"source": source, "contract": contract.value, "entry": entry, "limits": asdict(limits)}
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        done = subprocess.run(
            [sys.executable, "-m", CHILD_MODULE],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            timeout=limits.wall_s,
            env=env,
            cwd=_PACKAGE_ROOT,
        )
    except subprocess.TimeoutExpired:
        return (f"admission exceeded the wall-clock limit of {limits.wall_s:g} s (the function hangs)",)
    if done.returncode < 0:
        return (_killed_reason(-done.returncode, limits),)
    try:
        verdict = json.loads(done.stdout.strip().splitlines()[-1])
        return tuple(str(r) for r in verdict["reasons"])
    except (IndexError, ValueError, KeyError, TypeError):
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return (f"admission child failed (exit status {done.returncode}): {tail[:200]}",)


def _killed_reason(signum: int, limits: AdmissionLimits) -> str:
    if signum == getattr(signal, "SIGXCPU", None):
        return f"exceeded the CPU-time limit of {limits.cpu_s} s"
    if signum == signal.SIGKILL:
        return f"was killed (CPU-time limit {limits.cpu_s} s or memory limit {limits.memory_mb} MB)"
    if signum == getattr(signal, "SIGXFSZ", None):
        return "tried to write a file"
    return f"crashed the interpreter ({signal.Signals(signum).name})"
