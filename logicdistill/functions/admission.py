"""Admission of untrusted functions: contract checks in child processes under resource limits.

The parent starts ``python -m logicdistill.functions.admission_child`` (a
fresh interpreter: nothing of this process, not even its ``__main__``, is
carried over) and hands it a batch of jobs on stdin; the runner forks one
child per job that sets CPU-time, address-space, file-size, open-file and
process-count limits before it loads the untrusted code, and enforces each
job's wall-clock limit. A hang, a memory bomb or a crash costs only that
child. Batches run in parallel, one runner per worker. The static check
(:mod:`.static`) runs first, in the parent, so code that fails it never
runs at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from logicdistill.functions.guard import DEFAULT_CALL_BUDGET_S
from logicdistill.tasks.base import Contract

RUNNER_MODULE = "logicdistill.functions.admission_child"
RUNNER_START_S = 30.0  # allowance for the runner's own start-up on a busy machine
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class AdmissionLimits:
    """Resource limits for one admission child."""

    cpu_s: int = 5  # CPU seconds for the untrusted part (RLIMIT_CPU, on top of what the child used before)
    memory_mb: int = 512  # extra address space beyond the child's size before loading (RLIMIT_AS)
    wall_s: float = 30.0  # wall-clock limit on one job, enforced by the runner
    call_budget_s: float = DEFAULT_CALL_BUDGET_S  # per sample call, as at run time


@dataclass(frozen=True)
class AdmissionJob:
    """One function to admit: its source, the contract it must honour, and its entry function's name."""

    source: str
    contract: Contract
    entry: str | None = None


def admit(
    source: str, contract: Contract, *, entry: str | None = None, limits: AdmissionLimits | None = None
) -> tuple[str, ...]:
    """Run the admission tests for ``source``; return the reasons it is rejected (empty = admitted)."""
    return admit_many([AdmissionJob(source, contract, entry)], limits=limits)[0]


def admit_many(
    jobs: Sequence[AdmissionJob], *, limits: AdmissionLimits | None = None, workers: int | None = None
) -> list[tuple[str, ...]]:
    """Admission reasons for each job, in order; ``workers`` runners share the jobs."""
    limits = limits or AdmissionLimits()
    if not jobs:
        return []
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    batches = [list(range(k, len(jobs), count)) for k in range(count)]
    results: list[tuple[str, ...]] = [()] * len(jobs)
    with ThreadPoolExecutor(max_workers=count) as pool:
        done = pool.map(lambda batch: _run_batch([jobs[i] for i in batch], limits), batches)
        for batch, reasons in zip(batches, done, strict=True):
            for i, r in zip(batch, reasons, strict=True):
                results[i] = r
    return results


def _run_batch(jobs: list[AdmissionJob], limits: AdmissionLimits) -> list[tuple[str, ...]]:
    request = {
        "limits": asdict(limits),
        "jobs": [{"source": j.source, "contract": j.contract.value, "entry": j.entry} for j in jobs],
    }
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")]))
    env.update(PYTHONDONTWRITEBYTECODE="1", OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    try:
        done = subprocess.run(
            [sys.executable, "-m", RUNNER_MODULE],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=RUNNER_START_S + limits.wall_s * len(jobs),
            env=env,
            cwd=_PACKAGE_ROOT,
        )
    except subprocess.TimeoutExpired:
        return [("admission runner exceeded its wall-clock limit",)] * len(jobs)
    try:
        results = json.loads(done.stdout.strip().splitlines()[-1])["results"]
        if len(results) != len(jobs):
            raise ValueError("wrong number of results")
        return [tuple(str(r) for r in reasons) for reasons in results]
    except (IndexError, KeyError, TypeError, ValueError):
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return [(f"admission runner failed (exit status {done.returncode}): {tail[:200]}",)] * len(jobs)
