"""The function base D_f: schema and store, validation (static check + admission), run-time guard.

Untrusted code (a teacher's or a student's) passes :func:`check_function`
before it is ever run in this process; admitted code runs through
:class:`GuardedFunction`. Nothing here imports torch or any LLM code; the
teacher that writes bases lives in :mod:`logicdistill.teacher`.
"""

from logicdistill.functions.admission import AdmissionLimits
from logicdistill.functions.compose import guard_base, run_stages
from logicdistill.functions.guard import (
    FailureKind,
    GuardedFunction,
    Ok,
    StageFailure,
    StageResult,
    UnsafeFunction,
)
from logicdistill.functions.schema import (
    FORMAT_VERSION,
    FunctionBase,
    FunctionSpec,
    Manual,
    Origin,
    Provenance,
    Rejection,
    StageGuide,
    UsageExample,
    ValidationReport,
    Verdict,
)
from logicdistill.functions.store import FormatError, dumps, load, loads, save
from logicdistill.functions.validate import BaseCheck, check_function, validate_base

__all__ = [
    "FORMAT_VERSION",
    "AdmissionLimits",
    "BaseCheck",
    "FailureKind",
    "FormatError",
    "FunctionBase",
    "FunctionSpec",
    "GuardedFunction",
    "Manual",
    "Ok",
    "Origin",
    "Provenance",
    "Rejection",
    "StageFailure",
    "StageGuide",
    "StageResult",
    "UnsafeFunction",
    "UsageExample",
    "ValidationReport",
    "Verdict",
    "check_function",
    "dumps",
    "guard_base",
    "load",
    "loads",
    "run_stages",
    "save",
    "validate_base",
]
