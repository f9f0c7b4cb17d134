"""``logicdistill benchmark``: the whole protocol (or a --limit subset), resumable, into tables + RESULTS.md.

Heavy imports stay inside the command body so that ``--help`` stays fast.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import typer

from logicdistill.agents.registry import LOCAL_DEFAULTS
from logicdistill.cli.local_options import DeviceOption, DTypeOption, ThreadsOption
from logicdistill.llm.local import check_device

DEFAULT_OUT = Path("runs/benchmark")  # never docs/: a trial run must not touch the committed results
DEMO_ADAPTERS = Path("runs/demo")  # where `make demo` trains its adapters


def register(app: typer.Typer) -> None:
    app.command("benchmark")(benchmark)


def benchmark(
    ctx: typer.Context,
    agents: str = typer.Option("ld,kd,prompted,llm-teacher", help="Comma-separated agents under test."),
    tables: str = typer.Option("pursuit,twentyone", help="pursuit, pursuit-restricted, twentyone."),
    evaders: str = typer.Option("llm,optimal", help="Pursuit evaders (comma-separated)."),
    opponent: str = typer.Option("threshold", help="21-points opponent."),
    limit: int = typer.Option(200, min=1, max=200, help="Pursuit starts per table (first N of the 200)."),
    games: int = typer.Option(2000, min=1, max=2000, help="21-points games (first N of the 2,000)."),
    ld_adapter: Path = typer.Option(DEMO_ADAPTERS / "ld-adapter", help="LD adapter folder (or DIR/<task>)."),
    kd_adapter: Path = typer.Option(DEMO_ADAPTERS / "kd-adapter", help="KD adapter folder (or DIR/<task>)."),
    student: str = typer.Option("smollm2-135m", help="Student model spec."),
    teacher: str = typer.Option(None, help="L-LLM spec, e.g. openai:glm-4 (default: none)."),
    retrieval: str = typer.Option("bm25", help="Retriever of the LD agent: bm25 or dense."),
    k: int = typer.Option(4, min=1, help="Top-K candidates per stage."),
    dtype: DTypeOption = LOCAL_DEFAULTS.dtype,
    device: DeviceOption = LOCAL_DEFAULTS.device,
    threads: ThreadsOption = None,
    out: Path = typer.Option(DEFAULT_OUT, help="Folder for benchmark.json, tables and episodes."),
    results_md: Path = typer.Option(None, help="Markdown report to write (default: OUT/RESULTS.md)."),
    report_only: bool = typer.Option(
        False,
        "--report-only",
        help="Play nothing: write the tables from the episodes already in OUT (a partial row says how many).",
    ),
) -> None:
    """Run the benchmark protocol for every available agent; rows that cannot run say why."""
    from logicdistill.agents.registry import Models
    from logicdistill.cli.progress import progress_bars
    from logicdistill.evaluation.benchmark import Plan, agents_in, run_plan
    from logicdistill.reports.tables import markdown, write_tables
    from logicdistill.tasks.base import TaskName

    started = time.perf_counter()
    check_device(device)
    results_md = results_md or out / "RESULTS.md"
    names = agents_in([a.strip() for a in agents.split(",") if a.strip()])
    plan = Plan(
        agents=names,
        tables=tuple(t.strip() for t in tables.split(",") if t.strip()),
        evaders=tuple(e.strip() for e in evaders.split(",") if e.strip()),
        opponent=opponent,
        pursuit_limit=limit,
        twentyone_limit=games,
        play=not report_only,
    )
    models = Models(
        student=student,
        ld_adapters=dict.fromkeys(TaskName, ld_adapter),
        kd_adapters=dict.fromkeys(TaskName, kd_adapter),
        teacher=teacher,
        retrieval=retrieval,
        k=k,
        threads=threads,
        dtype=dtype.value,
        device=device,
    )
    from logicdistill.code_version import code_version

    command = "logicdistill " + " ".join(shlex.quote(a) for a in _argv(ctx))
    code = code_version()
    session = None if report_only else _open_session(out, code, command)
    with progress_bars() as (progress, _console):
        rows = run_plan(plan, models, out, progress)
    wall = time.perf_counter() - started
    sessions = _sessions(out) if session is None else _close_session(out, session, wall)
    meta = {
        "command": command,
        "report_only": report_only,
        "subset": limit < 200
        or games < 2000
        or not {"pursuit", "twentyone"} <= set(plan.tables)
        or not {"llm", "optimal"} <= set(plan.evaders)
        or any(
            r.partial or (report_only and r.summary is None and _could_run(r.agent, models)) for r in rows
        ),
        "tables": list(plan.tables),
        "evaders": list(plan.evaders),
        "pursuit_starts": limit,
        "twentyone_games": games,
        "seeds": "pursuit TEST_START_SEEDS 1000..1199 (first N), areas AREA_SEEDS 9000..; deals DEAL_SEEDS "
        "20000..20999 both seats (first N games); episode rng default_rng([0, seed])",
        "machine": f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "models": {
            "student": student,
            "teacher": teacher,
            "retrieval": retrieval,
            "k": k,
            "dtype": dtype.value,
            "device": device,
            "threads": threads,
            "ld_adapter": str(ld_adapter),
            "kd_adapter": str(kd_adapter),
        },
        "wall_seconds": round(wall, 1),
        "sessions_wall_seconds": [s["wall_seconds"] for s in sessions],
        "code": code,
        "sessions_code": [s["code"] for s in sessions],
        "sessions_command": [s["command"] for s in sessions],
    }
    write_tables(rows, out, meta)
    (out / "benchmark.json").write_text(
        json.dumps(json.loads((out / "tables.json").read_text()), indent=2) + "\n"
    )
    from logicdistill.reports.figures import figures_for

    figures = figures_for(out, markdown(rows))
    results_md.parent.mkdir(parents=True, exist_ok=True)
    results_md.write_text(_results_md(meta, markdown(rows)), encoding="utf-8")
    typer.echo(markdown(rows))
    typer.echo(
        f"Wrote {out / 'benchmark.json'}, {results_md} and {len(figures)} figures/report ({wall:.0f} s)."
    )


def _argv(ctx: typer.Context) -> list[str]:
    """The arguments this command was given (those passed to ``logicdistill.cli.main``)."""
    obj = ctx.find_root().obj
    return obj["argv"] if isinstance(obj, dict) and "argv" in obj else sys.argv[1:]


def _open_session(out: Path, code: str, command: str) -> int:
    """Append this invocation to ``out/sessions.json`` before it plays (an interrupted one stays
    there with no wall time) and return its place."""
    sessions = _sessions(out)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    sessions.append({"wall_seconds": None, "code": code, "command": command, "started": started})
    _write_sessions(out, sessions)
    return len(sessions) - 1


def _close_session(out: Path, index: int, seconds: float) -> list[dict]:
    """Write the wall time of the invocation at ``index`` once it has played everything."""
    sessions = _sessions(out)
    sessions[index]["wall_seconds"] = round(seconds, 1)
    _write_sessions(out, sessions)
    return sessions


def _write_sessions(out: Path, sessions: list[dict]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "sessions.json").write_text(json.dumps(sessions) + "\n")


def _sessions(out: Path) -> list[dict]:
    """The invocations recorded in ``out/sessions.json`` (a resumed run has several). Files from
    before codes and commands were kept hold bare numbers or no command: those read as None."""
    path = out / "sessions.json"
    earlier = json.loads(path.read_text()) if path.is_file() else []
    sessions = [s if isinstance(s, dict) else {"wall_seconds": s} for s in earlier]
    return [{"code": None, "command": None, **s} for s in sessions]


def _could_run(agent: str, models) -> bool:
    """False for the L-LLM rows without an endpoint: as in a played run, they say why and make no subset."""
    from logicdistill.agents.registry import teacher_available

    return agent != "llm-teacher" or teacher_available(models)


def _results_md(meta: dict, tables: str) -> str:
    subset = " (SUBSET RUN: not the full protocol)" if meta["subset"] else ""
    if meta["report_only"]:
        how = (
            "This invocation played nothing (`--report-only`): every row comes from the episodes "
            "already in its output folder, and a row with fewer games than planned says how many it has."
        )
    else:
        how = f"Wall time of this invocation: {meta['wall_seconds']} s; code: {meta['code']}."
    return (
        f"# Results{subset}\n\n"
        f"Command: `{meta['command']}`\n\n"
        f"Machine: {meta['machine']}. {how}\n\n"
        "Every invocation that played into this output folder (episodes are resumed, never replayed):\n\n"
        f"{_sessions_md(meta)}\n\n"
        f"Models: `{json.dumps(meta['models'])}`\n\n"
        f"Seeds: {meta['seeds']}.\n\n"
        f"{_played(meta)} Paper columns are the paper's GLM4-family numbers (SPEC §1); "
        "ours are measured. Rows that could not run say why.\n\n" + tables
    )


def _sessions_md(meta: dict) -> str:
    """One line per recorded invocation: its command, code and wall time (None: not recorded then)."""
    lines = []
    for seconds, code, command in zip(
        meta["sessions_wall_seconds"], meta["sessions_code"], meta["sessions_command"], strict=True
    ):
        shown = f"`{command}`" if command else "command not recorded"
        took = (
            f"{seconds} s"
            if seconds is not None
            else "unfinished (interrupted, or still running): no wall time"
        )
        lines.append(f"- {shown} (code {code or 'not recorded'}, {took})")
    return "\n".join(lines) or "- none"


def _played(meta: dict) -> str:
    """What was played, naming only the tables of this run."""
    parts = []
    pursuit = [t for t in meta["tables"] if t.startswith("pursuit")]
    if pursuit:
        parts.append(
            f"{', '.join(pursuit)}: {meta['pursuit_starts']} of 200 starts against "
            f"{', '.join(meta['evaders'])}"
        )
    if "twentyone" in meta["tables"]:
        parts.append(f"twentyone: {meta['twentyone_games']} of 2,000 games")
    return "Tables: " + "; ".join(parts) + "."
