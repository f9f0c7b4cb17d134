"""Token and call accounting per role (teacher, student, opponent), read later by reports for cost.

Backends record into a :class:`UsageMeter`; by default the one process-wide
meter from :func:`default_meter`, so a report can read every call a run made.
Replies served from the on-disk response cache are counted apart
(``cached_calls``) and add no tokens: they cost nothing. Prices are left out
on purpose: they belong to the report that knows the provider.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from logicdistill.llm.base import Role


@dataclass(frozen=True)
class Usage:
    """What one role spent: model calls (one per chat), cache hits, and tokens."""

    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            calls=self.calls + other.calls,
            cached_calls=self.cached_calls + other.cached_calls,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


@dataclass(frozen=True)
class UsageReport:
    """A snapshot of a meter: usage for every role (zero where a role made no call)."""

    teacher: Usage = Usage()
    student: Usage = Usage()
    opponent: Usage = Usage()

    def of(self, role: Role) -> Usage:
        return getattr(self, role.value)

    @property
    def total(self) -> Usage:
        return self.teacher + self.student + self.opponent


class UsageMeter:
    """Thread-safe running totals per :class:`Role`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._report = UsageReport()

    def record(
        self,
        role: Role,
        *,
        calls: int = 1,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        cached: bool = False,
    ) -> None:
        """Add ``calls`` calls (cache hits when ``cached``: their tokens are not counted)."""
        spent = (
            Usage(cached_calls=calls)
            if cached
            else Usage(calls=calls, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
        )
        with self._lock:
            self._report = replace(self._report, **{role.value: self._report.of(role) + spent})

    def report(self) -> UsageReport:
        with self._lock:
            return self._report

    def reset(self) -> None:
        with self._lock:
            self._report = UsageReport()


_DEFAULT = UsageMeter()


def default_meter() -> UsageMeter:
    """The process-wide meter that backends record into unless given another."""
    return _DEFAULT
