"""``logicdistill demo``: the main job on the embedded defaults, small enough for a laptop.

Until the agents exist (issue 6) it plays both games between the reference
policies on seeded subsets of the benchmark and measures them against the
exact optima, writing ``summary.json`` to the output folder. No model, no
network.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

import typer

DEFAULT_OUT = Path("runs/demo")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    pursuit_games: int = typer.Option(20, min=1, max=200, help="Test starts of the pursuit game to play."),
    deals: int = typer.Option(100, min=1, max=1000, help="21-points deals to play (each from both seats)."),
    out: Path = typer.Option(DEFAULT_OUT, help="Folder for summary.json."),
) -> None:
    """Play both games on seeded benchmark subsets and compare with the exact optima."""
    from logicdistill.evaluation.demo_run import run_demo

    started = time.perf_counter()
    pursuit, twentyone = run_demo(pursuit_games, deals)
    _show(pursuit, twentyone)
    out.mkdir(parents=True, exist_ok=True)
    summary = {
        "command": f"logicdistill demo --pursuit-games {pursuit_games} --deals {deals}",
        "wall_seconds": round(time.perf_counter() - started, 2),
        "pursuit": [asdict(row) for row in pursuit],
        "twentyone": [asdict(row) for row in twentyone],
    }
    path = out / "summary.json"
    path.write_text(json.dumps(summary, indent=2) + "\n")
    typer.echo(f"\nWrote {path} ({summary['wall_seconds']} s).")


def _show(pursuit, twentyone) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="Pursuit (test starts) — success / fail / violation, steps vs T*")
    for col in ("blue side", "evader", "n", "success", "fail", "violation", "mean steps", "steps / T*"):
        table.add_column(col)
    for r in pursuit:
        table.add_row(
            r.agent,
            r.opponent,
            str(r.n),
            _pct(r.success),
            _pct(r.fail_no_violation),
            _pct(r.fail_violation),
            _num(r.mean_steps),
            _num(r.steps_over_tstar),
        )
    console.print(table)
    table = Table(title="21 points (both seats) — victory / loss / draw vs the exact optimum")
    for col in ("player", "opponent", "games", "victory", "loss", "draw", "optimal win", "win / optimal"):
        table.add_column(col)
    for r in twentyone:
        table.add_row(
            r.agent,
            r.opponent,
            str(r.n),
            _pct(r.victory),
            _pct(r.loss),
            _pct(r.draw),
            f"{100 * r.optimal_win:.1f}%",
            f"{r.win_over_optimal:.3f}",
        )
    console.print(table)


def _pct(rate) -> str:
    return f"{100 * rate.value:.1f}% [{100 * rate.low:.0f}, {100 * rate.high:.0f}]"


def _num(mean) -> str:
    if mean.value is None:
        return "–"
    return f"{mean.value:.2f} [{mean.low:.2f}, {mean.high:.2f}]"
