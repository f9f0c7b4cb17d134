"""LD vs KD decision speed, side by side in one run on one machine (issue 6: LD decisions/s >= 3x KD's).

Run: ``.venv/bin/python benchmarks/agent_speed.py [--ld-adapter runs/demo/ld-adapter]
[--kd-adapter runs/demo/kd-adapter] [--task twentyone|pursuit|both] [--games 20]
[--pursuit-games 3] [--max-steps N] [--agents ld,kd,prompted] [--student smollm2-135m]
[--out runs/agent_speed.json]`` (the defaults use the demo's adapters: run
``logicdistill demo`` first; ``--games 4 --pursuit-games 1 --max-steps 10`` for a quick look).

Every agent plays the same seeded starts / deals through the benchmark harness
(:mod:`logicdistill.evaluation.harness`), against a scripted opponent (pursuit:
``--evader``, default ``optimal``; 21 points: ``threshold``), one agent after the
other in this one process, so all of them see the same machine and load. The
numbers are the harness's own: a decision is one move of the agent under test,
its seconds are the wall time spent inside the agent's ``choose_batch`` (the
opponent's moves and the model loading are not counted), its LLM calls are the
model calls the agent made (LD: one ``select`` per stage, KD / prompted: one
``generate`` per move). As in ``logicdistill benchmark``, all unfinished games of
an agent advance in lock step, one batch per round, so ``--games`` is also the
largest batch. Before the timed games each agent plays one untimed warm-up game
(pursuit: one step), so first-call set-up stays out of every row
(``--no-warmup`` keeps it in). Episodes go to a fresh temporary folder: nothing is
resumed from an earlier run.

Prints one markdown table (per task and agent: games, decisions, seconds deciding,
wall seconds of the whole play, decisions/s, LLM calls per decision, LD's
decisions/s over this agent's), then one line per task with LD / KD and whether
the goal (>= 3) is met. Writes the rows, the ratios, the machine (platform, CPU
count, torch threads, load average), the command line, the adapters and the wall
time as JSON to ``--out``. A missing adapter folder is one line on stderr and exit
status 2.

Mind the load: on a machine whose cores are busy with other work, multi-threaded
torch slows down by tens of times, by different and unstable factors for LD's
scoring passes and KD's per-token generation steps, so the ratio then says more
about thread contention than about the agents. On the 2-core development VM under
load, tiny-model smoke runs gave LD / KD from 0.8 to 5.6 with torch's 2 threads
and 2.2 with ``--threads 1`` (each row 10-90x faster). The script warns when the
load average is already 1 or more at the start while torch uses several threads:
compare on an idle machine, or pass ``--threads 1`` (one process: every agent runs
with the same threads).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from logicdistill.agents.registry import AGENT_NAMES, Models
from logicdistill.errors import UserError
from logicdistill.tasks.base import TaskName

GOAL = 3.0  # issue 6: LD decisions per second >= 3x KD's on the same machine
TASKS = {"twentyone": ("twentyone",), "pursuit": ("pursuit",), "both": ("twentyone", "pursuit")}
EVADERS = ("optimal", "greedy", "random")  # scripted: no model time in the opponent's moves
OPPONENT = "threshold"
DEFAULT_ADAPTERS = Path("runs/demo")


def agent_list(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in AGENT_NAMES]
    if unknown:
        raise UserError(f"unknown agent {unknown[0]!r} (known: {', '.join(AGENT_NAMES)})")
    if "ld" not in names or "kd" not in names:
        raise UserError("--agents must include ld and kd (the goal compares them)")
    return names


def check_adapter(kind: str, folder: Path) -> Path:
    if not (folder / "adapter_config.json").is_file():
        raise UserError(
            f"no {kind.upper()} adapter in {folder} (run `logicdistill demo` or pass --{kind}-adapter)"
        )
    return folder


def machine_info() -> dict:
    import torch

    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "cuda": torch.cuda.is_available(),
    }


def load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:  # not on every platform
        return None


def games_for(task: str, args):
    from logicdistill.evaluation.harness import pursuit_games, twentyone_games

    if task == "twentyone":
        return twentyone_games(args.games)
    games = pursuit_games(args.pursuit_games)
    if args.max_steps is not None:
        games = [replace(g, config=replace(g.config, max_steps=args.max_steps)) for g in games]
    return games


def build(task: str, agent: str, models: Models, args, games):
    from logicdistill.agents import registry

    if task == "twentyone":
        return registry.make_player(agent, models), registry.make_opponent(OPPONENT, models)
    evader = registry.make_evader(args.evader, games[0].config, models)
    return registry.make_pursuer(agent, models), evader


def play(task: str, games, agent, other, path: Path) -> list[dict]:
    from logicdistill.evaluation.harness import play_pursuit, play_twentyone

    if task == "twentyone":
        return play_twentyone(games, agent, other, path)
    return play_pursuit(games, agent, other, path)


def warm_up(task: str, games, agent, other, folder: Path) -> None:
    """One untimed game (pursuit: one step) so that first-call set-up is outside the measured rows."""
    first = games[0]
    if task == "pursuit":
        first = replace(first, config=replace(first.config, max_steps=1))
    play(task, [first], agent, other, folder / "warmup.jsonl")


def measure(task: str, agent_name: str, models: Models, args, folder: Path) -> dict:
    from logicdistill.evaluation.benchmark import model_name
    from logicdistill.evaluation.harness import total_speed

    games = games_for(task, args)
    started = time.perf_counter()
    agent, other = build(task, agent_name, models, args, games)
    load_s = time.perf_counter() - started
    if args.warmup:
        warm_up(task, games, agent, other, folder / f"{task}-{agent_name}")
    load_before = load_average()
    started = time.perf_counter()
    records = play(task, games, agent, other, folder / f"{task}-{agent_name}.jsonl")
    wall_s = time.perf_counter() - started
    speed = total_speed(records)
    return {
        "task": task,
        "agent": agent_name,
        "model": model_name(agent_name, models),
        "games": len(records),
        "decisions": speed.decisions,
        "seconds": speed.seconds,
        "wall_s": wall_s,
        "load_s": load_s,
        "decisions_per_s": speed.decisions / speed.seconds if speed.seconds > 0 else None,
        "llm_calls": speed.llm_calls,
        "llm_calls_per_decision": speed.llm_calls / speed.decisions if speed.decisions else None,
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }


def ratios(rows: list[dict]) -> list[dict]:
    out = []
    for task in dict.fromkeys(r["task"] for r in rows):
        ld = next(r for r in rows if r["task"] == task and r["agent"] == "ld")
        for other in rows:
            if other["task"] != task or other["agent"] == "ld":
                continue
            a, b = ld["decisions_per_s"], other["decisions_per_s"]
            ratio = a / b if a is not None and b else None
            entry = {"task": task, "versus": other["agent"], "ld_decisions_per_s": a}
            entry |= {"other_decisions_per_s": b, "ratio": ratio}
            if other["agent"] == "kd":
                entry |= {"goal": GOAL, "met": ratio is not None and ratio >= GOAL}
            out.append(entry)
    return out


def _num(value, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def markdown(rows: list[dict], ratio_rows: list[dict]) -> str:
    by = {(r["task"], r["versus"]): r["ratio"] for r in ratio_rows}
    lines = [
        "| task | agent | model | games | decisions | s deciding | wall s | decisions/s "
        "| LLM calls/decision | LD ÷ this |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        versus = "1.00" if r["agent"] == "ld" else _num(by.get((r["task"], r["agent"])))
        lines.append(
            f"| {r['task']} | {r['agent']} | {r['model']} | {r['games']} | {r['decisions']} "
            f"| {r['seconds']:.2f} | {r['wall_s']:.2f} | {_num(r['decisions_per_s'], 3)} "
            f"| {_num(r['llm_calls_per_decision'])} | {versus} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ld-adapter", type=Path, default=DEFAULT_ADAPTERS / "ld-adapter")
    parser.add_argument("--kd-adapter", type=Path, default=DEFAULT_ADAPTERS / "kd-adapter")
    parser.add_argument("--task", choices=tuple(TASKS), default="both")
    parser.add_argument("--games", type=int, default=20, help="21-points games (first N of the 2,000)")
    parser.add_argument("--pursuit-games", type=int, default=3, help="pursuit test starts (first N)")
    parser.add_argument(
        "--max-steps", type=int, default=None, help="pursuit step limit per game (default: the game's 100)"
    )
    parser.add_argument("--agents", default="ld,kd,prompted", help="comma-separated; must include ld, kd")
    parser.add_argument("--evader", choices=EVADERS, default="optimal", help="pursuit evader (scripted)")
    parser.add_argument("--student", default="smollm2-135m", help="student spec (bundled name or folder)")
    parser.add_argument("--retrieval", default="bm25", help="LD candidate retrieval: bm25 or dense")
    parser.add_argument("--k", type=int, default=4, help="LD candidates per stage")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's)")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false", help="time the first game too")
    parser.add_argument("--out", type=Path, default=Path("runs/agent_speed.json"))
    args = parser.parse_args(argv)
    try:
        return run(args, argv)
    except UserError as err:
        print(f"agent_speed: error: {err}", file=sys.stderr)
        return 2


def run(args, argv: list[str]) -> int:
    for name in ("games", "pursuit_games", "max_steps", "k"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise UserError(f"--{name.replace('_', '-')} must be at least 1, got {value}")
    agents = agent_list(args.agents)
    adapters = {kind: check_adapter(kind, getattr(args, f"{kind}_adapter")) for kind in ("ld", "kd")}
    models = Models(
        student=args.student,
        ld_adapters=dict.fromkeys(TaskName, adapters["ld"]),
        kd_adapters=dict.fromkeys(TaskName, adapters["kd"]),
        retrieval=args.retrieval,
        k=args.k,
        threads=args.threads,
    )
    started = time.perf_counter()
    load_start = load_average()
    rows = []
    with tempfile.TemporaryDirectory(prefix="agent-speed-") as folder:
        for task in TASKS[args.task]:
            for agent in agents:
                row = measure(task, agent, models, args, Path(folder))
                print(
                    f"{task} {agent}: {row['decisions']} decisions in {row['seconds']:.1f} s "
                    f"({row['games']} games, {row['wall_s']:.1f} s wall)",
                    file=sys.stderr,
                )
                rows.append(row)
    wall_s = time.perf_counter() - started
    ratio_rows = ratios(rows)
    machine = machine_info()
    busy = load_start is not None and load_start >= 1.0 and machine["torch_threads"] > 1
    if busy:
        print(
            f"agent_speed: warning: load average {load_start} at the start on {machine['cpu_count']} cores "
            f"with {machine['torch_threads']} torch threads: timings are distorted by thread contention "
            "(use an idle machine or --threads 1)",
            file=sys.stderr,
        )
    print(
        f"Machine: {machine['machine']}, {machine['cpu_count']} CPU cores, torch {machine['torch']} with "
        f"{machine['torch_threads']} threads, load average {load_start} at the start"
    )
    print()
    print(markdown(rows, ratio_rows))
    print()
    for r in ratio_rows:
        if r["versus"] == "kd":
            verdict = "met" if r["met"] else "NOT met"
            print(f"{r['task']}: LD / KD decisions/s = {_num(r['ratio'])} (goal >= {GOAL:g}: {verdict})")
    result = {
        "benchmark": "agent_speed",
        "goal": f"LD decisions/s >= {GOAL:g} x KD decisions/s on the same machine (issue 6)",
        "command": shlex.join(["benchmarks/agent_speed.py", *argv]),
        "machine": {
            **machine,
            "load_average_start": load_start,
            "load_average_end": load_average(),
            "busy_warning": busy,
        },
        "student": args.student,
        "adapters": {kind: str(path) for kind, path in adapters.items()},
        "settings": {
            "task": args.task,
            "agents": list(agents),
            "twentyone_games": args.games,
            "twentyone_opponent": OPPONENT,
            "pursuit_games": args.pursuit_games,
            "pursuit_evader": args.evader,
            "max_steps": args.max_steps,
            "retrieval": args.retrieval,
            "k": args.k,
            "warmup": args.warmup,
        },
        "rows": rows,
        "ratios": ratio_rows,
        "wall_s": wall_s,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {args.out} ({wall_s:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
