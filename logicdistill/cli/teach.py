"""``logicdistill teach TASK --teacher SPEC --out PATH``: build a function base from a teacher model (Eq. 1).

Loads the teacher through :func:`logicdistill.llm.factory.load_model`
(``openai:<model>`` with ``--base-url`` for any OpenAI-compatible endpoint,
or a local model spec), runs :func:`logicdistill.teacher.teach` and writes
the base, or, when some stage got no accepted function, a report of what was
rejected and why (exit status 1). Heavy imports stay inside the command.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from logicdistill.errors import UserError

NO_TEACHER = (
    "no teacher configured: pass --teacher openai:<model> with --base-url URL of an OpenAI-compatible "
    "endpoint (or a local model spec such as smollm2-135m)"
)
TEACHER_HELP = "Teacher model spec: openai:<model> for an OpenAI-compatible endpoint, or a local model."
URL_HELP = "OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (default: LOGICDISTILL_BASE_URL)."
KEY_HELP = "Name of the environment variable that holds the API key."
ROUNDS_HELP = "Teacher calls at most: the first request plus repair rounds (default 3)."
TOKENS_HELP = "Tokens per teacher answer (default 4096)."


def register(app: typer.Typer) -> None:
    """Add the ``teach`` command to ``app``."""
    app.command("teach")(teach_command)


def teach_command(
    task_name: str = typer.Argument(..., metavar="TASK", help="pursuit or twentyone."),
    teacher: str | None = typer.Option(None, "--teacher", help=TEACHER_HELP),
    base_url: str | None = typer.Option(None, "--base-url", help=URL_HELP),
    api_key_env: str | None = typer.Option(None, "--api-key-env", help=KEY_HELP),
    out: Path = typer.Option(..., "--out", help="Where to write the function base (JSON)."),
    rounds: int | None = typer.Option(None, "--rounds", min=1, help=ROUNDS_HELP),
    max_new_tokens: int | None = typer.Option(None, "--max-new-tokens", min=1, help=TOKENS_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary instead of text."),
) -> None:
    """Ask a teacher model for a function base, validate it in the sandbox, repair, and write it."""
    from dataclasses import replace

    from logicdistill.llm.base import Role
    from logicdistill.llm.factory import load_model
    from logicdistill.tasks import get_task
    from logicdistill.teacher import TeacherConfig, teach

    task = get_task(task_name)
    if not teacher:
        raise UserError(NO_TEACHER)
    model = load_model(teacher, role=Role.TEACHER, base_url=base_url, api_key=_api_key(api_key_env))
    config = TeacherConfig()
    config = replace(
        config, rounds=rounds or config.rounds, max_new_tokens=max_new_tokens or config.max_new_tokens
    )
    result = teach(task, model, config=config, endpoint=base_url)
    rejected = [
        {"round": r.round, "function": r.function, "reasons": list(r.reasons)} for r in result.report.rejected
    ]
    if result.base is None:
        _report_failure(result, out, model.name, base_url, rejected, as_json)
        raise typer.Exit(1)
    _report_success(result, out, len(task.stages), rejected, as_json)


def _report_success(result, out: Path, stages: int, rejected: list[dict], as_json: bool) -> None:
    from logicdistill.functions.store import save

    path = save(result.base, out)
    count, rounds = len(result.base.functions), result.report.rounds
    if as_json:
        summary = {"written": str(path), "functions": count, "rounds": rounds, "rejected": rejected}
        typer.echo(json.dumps(summary))
        return
    typer.echo(f"wrote {path}: {count} functions for {stages} stages after {rounds} teacher rounds")
    _echo_rejected(rejected)


def _report_failure(
    result, out: Path, teacher: str, endpoint: str | None, rejected: list[dict], as_json: bool
) -> None:
    from logicdistill.functions.store import to_data

    path = out.with_name(out.stem + ".report.json")
    payload = {
        "teacher": teacher,
        "endpoint": endpoint,
        "problems": list(result.problems),
        "report": to_data(result.report),
        "answers": list(result.answers),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if as_json:
        summary = {
            "written": None,
            "report": str(path),
            "problems": list(result.problems),
            "rejected": rejected,
        }
        typer.echo(json.dumps(summary))
        return
    typer.echo(f"no function base after {result.report.rounds} teacher rounds:")
    for problem in result.problems:
        typer.echo(f"  - {problem}")
    _echo_rejected(rejected)
    typer.echo(f"report written to {path}")


def _api_key(env_name: str | None) -> str | None:
    if env_name is None:
        return None
    value = os.environ.get(env_name)
    if not value:
        raise UserError(f"--api-key-env {env_name}: that environment variable is not set")
    return value


def _echo_rejected(rejected: list[dict]) -> None:
    for item in rejected:
        typer.echo(f"  rejected in round {item['round']}: {item['function']}")
        for reason in item["reasons"]:
            typer.echo(f"    - {reason}")
