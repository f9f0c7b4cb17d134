"""Assemble the shipped reference function bases from their sources and manual text, validate, write.

``python -m logicdistill.reference.build`` rewrites ``pursuit.json`` and
``twentyone.json`` next to this file; ``--check`` only compares them with a
fresh build and exits 1 when one differs (a test does the same, so the data
files cannot drift from ``src/`` and the manuals). Each base passes the
same validation a teacher's answer passes (static check, admission in a
child process with contracts, structure checks), and its validation report
is stored in its provenance. Left out on purpose: the strategy itself (the
sources in ``src/``) and the manual text (``manual_<task>.py``).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from logicdistill.functions.allowlist import fresh_namespace
from logicdistill.functions.guard import GuardedFunction, StageFailure
from logicdistill.functions.schema import (
    FORMAT_VERSION,
    FunctionBase,
    FunctionSpec,
    Manual,
    Origin,
    Provenance,
    ValidationReport,
)
from logicdistill.functions.store import dumps
from logicdistill.functions.validate import validate_base
from logicdistill.reference import manual_pursuit, manual_twentyone
from logicdistill.reference.catalog import ENTRIES, SourceEntry, data_path
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName

REFERENCE_DATE = "2026-11-22"  # the date the reference bases were last rebuilt (kept fixed: builds reproduce)

MANUALS: dict[TaskName, Callable[[Any], Manual]] = {
    TaskName.PURSUIT: manual_pursuit.manual,
    TaskName.TWENTYONE: manual_twentyone.manual,
}


class BuildError(Exception):
    """A reference function or base failed validation, or an example could not be computed."""


def strip_module_docstring(text: str) -> str:
    """The source without its leading module docstring (that text is for readers of the repository)."""
    tree = ast.parse(text)
    first = tree.body[0] if tree.body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        lines = text.splitlines(keepends=True)[first.end_lineno :]
        return "".join(lines).lstrip("\n")
    return text


def function_spec(task: TaskName, entry: SourceEntry) -> FunctionSpec:
    source = strip_module_docstring(entry.path(task).read_text(encoding="utf-8"))
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == entry.name:
            params = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
            docstring = ast.get_docstring(node) or ""
            return FunctionSpec(
                entry.name, entry.stage, f"{entry.name}({', '.join(params)})", source, docstring
            )
    raise BuildError(f"{entry.path(task)} defines no top-level function {entry.name!r}")


class ExampleRuns:
    """Runs the base's functions for the manual's examples: entries through the guard, helpers directly.

    Helpers (e.g. the selector's ``capture_time``) are looked up in a fresh
    restricted namespace after the source passed the static check; they are
    the project's own reference code.
    """

    def __init__(self, task: TaskName, specs: Sequence[FunctionSpec]) -> None:
        stages = get_task(task)
        self.specs = {spec.name: spec for spec in specs}
        self.guarded = {
            spec.name: GuardedFunction(
                spec.name, spec.source, stages.stage(spec.stage).contract, entry=spec.name
            )
            for spec in specs
        }
        self.namespaces: dict[str, dict[str, object]] = {}

    def call(self, name: str, *args: object) -> Any:
        result = self.guarded[name](*args)
        if isinstance(result, StageFailure):
            raise BuildError(f"example call of {name} failed: {result.kind}: {result.reason}")
        return result.value

    def helper(self, name: str, helper: str, *args: object) -> Any:
        if name not in self.namespaces:
            namespace = fresh_namespace()
            exec(compile(self.specs[name].source, f"<reference {name}>", "exec"), namespace)
            self.namespaces[name] = namespace
        return self.namespaces[name][helper](*args)


def provenance(report: ValidationReport) -> Provenance:
    """Origin ``reference``: written by this project as a stand-in for a teacher's answer (DESIGN §3)."""
    return Provenance(
        origin=Origin.REFERENCE,
        model=None,
        endpoint=None,
        prompt_sha256=None,
        created=REFERENCE_DATE,
        teacher_calls=0,
        prompt_tokens=None,
        completion_tokens=None,
        report=report,
    )


def build_base(task: TaskName) -> FunctionBase:
    """The reference base of ``task``, validated like a teacher's answer; BuildError if it fails."""
    specs = tuple(function_spec(task, entry) for entry in ENTRIES[task])
    manual = MANUALS[task](ExampleRuns(task, specs))
    draft = FunctionBase(FORMAT_VERSION, task, specs, manual, provenance(ValidationReport((), (), 0)))
    check = validate_base(draft)
    if not check.valid:
        reasons = list(check.problems) + [
            f"{v.function}: {'; '.join(v.reasons)}" for v in check.verdicts if not v.accepted
        ]
        raise BuildError(f"the {task.value} reference base fails validation: " + " | ".join(reasons))
    return replace(draft, provenance=provenance(ValidationReport(check.verdicts, (), 0)))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check_only = args == ["--check"]
    if args and not check_only:
        sys.stderr.write("usage: python -m logicdistill.reference.build [--check]\n")
        return 2
    status = 0
    for task in ENTRIES:
        text = dumps(build_base(task))
        path = data_path(task)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if check_only:
            same = current == text
            status = status or int(not same)
            sys.stdout.write(f"{path.name}: {'up to date' if same else 'differs from a fresh build'}\n")
        elif current != text:
            path.write_text(text, encoding="utf-8")
            sys.stdout.write(f"{path.name}: written\n")
        else:
            sys.stdout.write(f"{path.name}: unchanged\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
