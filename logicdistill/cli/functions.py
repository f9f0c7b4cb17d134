"""``logicdistill functions``: check one untrusted function file; list, show and validate function bases.

``functions check FILE.py --contract C [--json]`` is a stable interface for
other tools: it prints ``{"accepted": bool, "reasons": [...]}`` with
``--json`` and exits 0 when accepted, 1 when rejected, 2 on bad usage.
The checking itself lives in :mod:`logicdistill.functions`; this module
only parses arguments and prints.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from logicdistill.errors import UserError
from logicdistill.tasks.base import Contract

JSON_HELP = "Print JSON instead of text."


def register(app: typer.Typer) -> None:
    """Add the ``functions`` group to ``app``."""
    group = typer.Typer(
        help="Function bases: check untrusted code, list, show and validate bases.", no_args_is_help=True
    )
    group.command("check")(check)
    group.command("list")(list_functions)
    group.command("show")(show)
    group.command("validate")(validate)
    app.add_typer(group, name="functions")


def check(
    file: Path = typer.Argument(..., help="A Python file holding one top-level stage function."),
    contract_name: str = typer.Option(
        ...,
        "--contract",
        help=f"The stage contract the function must honour: {', '.join(c.value for c in Contract)}.",
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Check one function file (static check + sandboxed admission); exit 0 accepted, 1 rejected."""
    from logicdistill.functions.validate import check_function

    contract = _contract(contract_name)
    source = _read_source(file)
    verdict = check_function(source, contract)
    if as_json:
        typer.echo(json.dumps({"accepted": verdict.accepted, "reasons": list(verdict.reasons)}))
    elif verdict.accepted:
        typer.echo(f"accepted: {verdict.function} honours the {contract.value} contract")
    else:
        typer.echo(f"rejected: {verdict.function}")
        for reason in verdict.reasons:
            typer.echo(f"  - {reason}")
    if not verdict.accepted:
        raise typer.Exit(1)


def list_functions(
    path: Path = typer.Argument(..., help="A function base file (JSON)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List the functions of a base: name, stage, signature, summary."""
    from logicdistill.functions.store import load

    base = load(path)
    rows = [
        {"name": f.name, "stage": f.stage, "signature": f.signature, "summary": _first_line(f.docstring)}
        for f in base.functions
    ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    typer.echo(f"{base.task.value}: {len(rows)} functions ({base.provenance.origin.value})")
    for row in rows:
        typer.echo(f"  {row['stage']:<16} {row['signature']:<40} {row['summary']}")


def show(
    path: Path = typer.Argument(..., help="A function base file (JSON)."),
    name: str | None = typer.Argument(None, help="Show only this function (source, docstring, examples)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show a base's manual and provenance, or one function in full."""
    from logicdistill.functions.store import load, to_data

    base = load(path)
    if name is not None:
        try:
            spec = base.function(name)
        except KeyError:
            known = ", ".join(f.name for f in base.functions)
            raise UserError(f"no function {name!r} in {path} (functions: {known})") from None
        examples = [ex for ex in base.manual.examples if ex.function == name]
        if as_json:
            typer.echo(json.dumps({"function": to_data(spec), "examples": to_data(examples)}, indent=2))
            return
        typer.echo(f"{spec.signature}  [stage {spec.stage}]\n{spec.docstring}\n\n{spec.source.rstrip()}")
        for ex in examples:
            typer.echo(f"\nexample: {ex.situation}\n  {ex.call} -> {ex.result}\n  {ex.explanation}")
        return
    if as_json:
        typer.echo(json.dumps(to_data(base), indent=2, ensure_ascii=False))
        return
    typer.echo(_describe_base(base))


def validate(
    path: Path = typer.Argument(..., help="A function base file (JSON)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Validate every function of a base in the sandbox, and its manual; exit 1 on any rejection."""
    from logicdistill.functions.store import load
    from logicdistill.functions.validate import validate_base

    result = validate_base(load(path))
    if as_json:
        payload = {
            "valid": result.valid,
            "problems": list(result.problems),
            "functions": [
                {"function": v.function, "accepted": v.accepted, "reasons": list(v.reasons)}
                for v in result.verdicts
            ],
        }
        typer.echo(json.dumps(payload, indent=2))
    else:
        for v in result.verdicts:
            typer.echo(f"{'accepted' if v.accepted else 'REJECTED':<9} {v.function}")
            for reason in v.reasons:
                typer.echo(f"          - {reason}")
        for problem in result.problems:
            typer.echo(f"problem   {problem}")
        rejected = sum(not v.accepted for v in result.verdicts)
        typer.echo(
            f"{'valid' if result.valid else 'INVALID'}: {len(result.verdicts)} functions, "
            f"{rejected} rejected, {len(result.problems)} other problems"
        )
    if not result.valid:
        raise typer.Exit(1)


def _contract(name: str) -> Contract:
    try:
        return Contract(name)
    except ValueError:
        known = ", ".join(c.value for c in Contract)
        raise UserError(f"unknown contract {name!r} (known: {known})") from None


def _read_source(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"no such file: {file}") from None
    except IsADirectoryError:
        raise UserError(f"{file} is a directory, not a Python file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"cannot read {file}: {err}") from None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _describe_base(base) -> str:
    p = base.provenance
    who = "reference (written by the project)" if p.model is None else f"{p.model} at {p.endpoint or 'local'}"
    lines = [
        f"task: {base.task.value}   format version {base.format_version}",
        f"origin: {p.origin.value}, {who}, created {p.created}, {p.teacher_calls} teacher calls",
        "",
        base.manual.overview.strip(),
        "",
        "stages:",
    ]
    for guide in base.manual.stages:
        lines.append(f"  {guide.stage}: {', '.join(guide.functions)}")
        lines.append(f"      {guide.when}")
    if base.manual.rules:
        lines += ["", "rules:"] + [f"  - {rule}" for rule in base.manual.rules]
    lines += ["", f"{len(base.functions)} functions, {len(base.manual.examples)} usage examples"]
    rejected = p.report.rejected
    if rejected:
        lines.append(f"{len(rejected)} teacher proposals rejected over {p.report.rounds} rounds")
    return "\n".join(lines)
