"""Teacher pipeline: rules -> function base through an L-LLM, with validation and repair (SPEC §1 Eq. 1).

Talks to models only through :class:`logicdistill.llm.base.LanguageModel`;
untrusted code is judged by :mod:`logicdistill.functions`.
"""

from logicdistill.teacher.parse import ParsedAnswer, ProposedFunction, parse_answer
from logicdistill.teacher.pipeline import (
    DEFAULT_ROUNDS,
    TeacherConfig,
    TeacherUnavailable,
    TeachResult,
    fit_manual,
    teach,
)
from logicdistill.teacher.prompt import first_request, prompt_sha256, repair_request

__all__ = [
    "DEFAULT_ROUNDS",
    "ParsedAnswer",
    "ProposedFunction",
    "TeachResult",
    "TeacherConfig",
    "TeacherUnavailable",
    "first_request",
    "fit_manual",
    "parse_answer",
    "prompt_sha256",
    "repair_request",
    "teach",
]
