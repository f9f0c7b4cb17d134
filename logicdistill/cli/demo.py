"""``logicdistill demo``: the main job on the embedded defaults, sized for 2 CPU cores and no endpoint.

Gets the LD and KD adapters (reused when the demo folder already holds them,
otherwise trained with the ``demo`` preset), plays LD, KD, the prompted student
and the reference base on the first test starts and deals, prints Tables 1 and 3
and says where the tables, figures and HTML report are. The work is
:mod:`logicdistill.evaluation.demo_run`'s; this module parses and prints.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer

from logicdistill.agents.registry import LOCAL_DEFAULTS
from logicdistill.cli.local_options import DeviceOption, DTypeOption, ThreadsOption
from logicdistill.llm.local import check_device

DEFAULT_OUT = Path("runs/demo")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    pursuit_games: int = typer.Option(5, min=1, max=200, help="Pursuit test starts per evader."),
    games: int = typer.Option(20, min=1, max=2000, help="21-points games (first N of the 2,000)."),
    evaders: str = typer.Option("optimal", help="Pursuit evaders, comma-separated: llm, optimal, greedy."),
    out: Path = typer.Option(DEFAULT_OUT, help="Folder for adapters, episodes, tables and figures."),
    ld_adapter: Path = typer.Option(
        None, help="Use this LD adapter (default: OUT/ld-adapter, trained once)."
    ),
    kd_adapter: Path = typer.Option(
        None, help="Use this KD adapter (default: OUT/kd-adapter, trained once)."
    ),
    preset: str = typer.Option("demo", help="Training size when an adapter must be trained: demo or full."),
    student: str = typer.Option(
        "smollm2-135m", help="Student model spec (bundled name or checkpoint folder)."
    ),
    dtype: DTypeOption = LOCAL_DEFAULTS.dtype,
    device: DeviceOption = LOCAL_DEFAULTS.device,
    threads: ThreadsOption = None,
) -> None:
    """Train (or reuse) the LD and KD students, play a seeded subset of both games, report."""
    from logicdistill.cli.progress import progress_bars
    from logicdistill.errors import UserError
    from logicdistill.evaluation.demo_run import DemoSettings, run_demo
    from logicdistill.reports.tables import markdown
    from logicdistill.training.presets import get_preset

    get_preset(preset)  # an unknown preset or device fails before anything is loaded
    check_device(device)
    chosen = tuple(e.strip() for e in evaders.split(",") if e.strip())
    if not chosen:
        raise UserError("--evaders needs at least one evader")
    for folder in (ld_adapter, kd_adapter):
        if folder is not None and not (folder / "adapter_config.json").is_file():
            raise UserError(f"no adapter in {folder}")
    settings = DemoSettings(
        out=out,
        pursuit_starts=pursuit_games,
        games=games,
        evaders=chosen,
        preset=preset,
        ld_adapter=ld_adapter,
        kd_adapter=kd_adapter,
        student=student,
        dtype=dtype.value,
        device=device,
        threads=threads,
    )
    started = time.perf_counter()
    with progress_bars() as (progress, console):
        result = run_demo(settings, progress, announce=console.print)
    typer.echo("\n" + markdown(result.rows))
    for use in result.adapters:
        how = "trained now" if use.trained_now else "reused"
        typer.echo(
            f"{use.kind.upper()} adapter {use.path}: {how}, {use.examples} examples "
            f"({use.teacher_source}), {use.wall_seconds:.0f} s of training"
        )
    report = out / "report.html"
    typer.echo(
        f"Tables: {result.tables['md']} (also .csv, .json); figures: {out / 'figures'}; "
        f"report: {report if report.is_file() else 'none'}; {time.perf_counter() - started:.0f} s in all."
    )
