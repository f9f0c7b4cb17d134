"""The benchmark protocol: which tables, agents and opponents, played through the harness into table rows.

Tables (SPEC §2, §3, §5): ``pursuit`` against the ``llm`` and ``optimal``
evaders (200 test starts), ``pursuit-restricted`` (the same starts with their
seeded 5x5 areas; optional: Table 2, where the LD agents write each area's
filter from its description first), ``twentyone`` against ``threshold`` (2,000
games). ``limit`` plays the first N starts / games of each, for smaller runs.
Episodes go to ``out/episodes/<table>-<agent>-vs-<opponent>.jsonl`` (resumable; a
retrained adapter's games are played again, :func:`episode_path`).
An agent that cannot be built (no adapter, no endpoint) gives a row that says
why. With ``Plan.play`` off nothing is played or moved: each row comes from the
episodes already in its file, says how many of the planned games it holds (and how
many an interrupted run left in play), and is left out (with the reason) when its
file is empty (:func:`report_from_episodes`); a table's block against one evader that
no agent has played is left out whole.
A trained agent's row names the adapter its episodes were played with (the first
12 hex digits of its weights' SHA-256, and the dtype and device when not float32 on
cpu), so a report written on another machine, where that adapter is not, still says
which weights played. A row where the untuned student plays (the prompted agent, or
the ``llm`` evader or opponent beside any agent) is marked with the precision alone,
and only when it is not float32 on cpu (no mark: the defaults, as every row before
the marks). Left out on purpose: printing and writing reports (the CLI and
:mod:`logicdistill.reports`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from logicdistill.agents.registry import (
    Models,
    make_evader,
    make_opponent,
    make_player,
    make_pursuer,
    make_restricted_ld,
)
from logicdistill.errors import UserError
from logicdistill.evaluation.harness import (
    in_play_path,
    play_pursuit,
    play_twentyone,
    pursuit_games,
    read_done,
    saved_in_play,
    twentyone_games,
)
from logicdistill.reports.tables import Row, pursuit_row, skipped, twentyone_row
from logicdistill.tasks.base import TaskName

TABLES = ("pursuit", "pursuit-restricted", "twentyone")
ADAPTER_AGENTS = ("ld", "kd")  # agents that run a trained LoRA adapter
UNTUNED_AGENTS = ("prompted", "ld-untuned")  # agents that run the student without an adapter
UNTUNED_SIDES = ("llm",)  # evader / opponent: the untuned student
WRITING_AGENTS = ("ld", "ld-untuned")  # on restricted boards they write the area filter themselves (Eq. 6)
ADAPTER_WEIGHTS = "adapter_model.safetensors"
PURSUIT_EVADERS = ("llm", "optimal")
TWENTYONE_OPPONENT = "threshold"
PURSUIT_GAMES = 200
TWENTYONE_GAMES = 2_000


@dataclass(frozen=True)
class Plan:
    agents: tuple[str, ...]
    tables: tuple[str, ...] = ("pursuit", "twentyone")
    evaders: tuple[str, ...] = PURSUIT_EVADERS
    opponent: str = TWENTYONE_OPPONENT
    pursuit_limit: int = PURSUIT_GAMES
    twentyone_limit: int = TWENTYONE_GAMES
    play: bool = True  # False: rows from the episodes already played, nothing new

    def __post_init__(self) -> None:
        unknown = [t for t in self.tables if t not in TABLES]
        if unknown:
            raise UserError(f"unknown table {unknown[0]!r} (known: {', '.join(TABLES)})")


def model_name(agent: str, models: Models, adapter: str | None = None) -> str:
    """The model column: the student (or teacher) and, for a trained agent, its adapter's digest."""
    if agent == "reference":
        return "reference function base (no model)"
    if agent == "llm-teacher":
        return models.teacher or "openai: (LOGICDISTILL_MODEL)"
    suffix = {"ld": " + LD adapter", "kd": " + KD adapter", "ld-untuned": " (no adapter)"}.get(agent, "")
    if agent in ADAPTER_AGENTS and adapter is not None:
        suffix += f" {adapter}"
    elif agent in UNTUNED_AGENTS and adapter not in (None, "unknown"):
        suffix += f" {adapter}"  # the precision, when not the defaults
    return f"{models.student}{suffix}"


def run_plan(plan: Plan, models: Models, out: Path, progress: Callable | None = None) -> list[Row]:
    rows: list[Row] = []
    for table in plan.tables:
        if table == "twentyone":
            rows += _twentyone(plan, models, out, progress)
        else:
            rows += _pursuit(table, plan, models, out, progress)
    return rows


def _pursuit(table, plan: Plan, models: Models, out: Path, progress) -> list[Row]:
    from logicdistill.games.pursuit_oracle import oracle_for

    games = pursuit_games(plan.pursuit_limit, restricted=table == "pursuit-restricted")
    # T* on each game's own board: a restricted board has its own oracle (cached on disk).
    tstar = [oracle_for(g.config).capture_time(g.start.blues, g.start.orange) for g in games]
    rows = []
    for evader_name in plan.evaders:
        if not plan.play:
            rows += _reported_block(table, evader_name, plan.agents, models, out, games, tstar)
            continue
        for agent in plan.agents:
            stem = _stem(table, agent, evader_name)
            try:
                path = episode_path(out, stem, agent, models, TaskName.PURSUIT, evader_name)
                if table == "pursuit-restricted" and agent in WRITING_AGENTS:
                    done = read_done(path)
                    boards = [(g.config, g.start) for g in games if g.index not in done]
                    wrote = progress(f"{table} {agent}: writing filters", len(boards)) if progress else None
                    pursuer = make_restricted_ld(agent, models, boards)
                    if wrote is not None:
                        wrote(len(boards))
                else:
                    pursuer = make_pursuer(agent, models)
                evader = make_evader(evader_name, games[0].config, models)
            except UserError as err:
                rows.append(skipped(table, agent, evader_name, str(err)))
                continue
            tick = progress(f"{table} {agent} vs {evader_name}", len(games)) if progress else None
            records = play_pursuit(games, pursuer, evader, path, tick)
            model = model_name(agent, models, _played_with(path))
            row = pursuit_row(table, agent, evader_name, model, records, tstar)
            rows.append(_with_written_note(row, records))
    return rows


def _stem(table: str, agent: str, opponent: str) -> str:
    """The name of a row's episode files in ``out/episodes``."""
    return f"{table}-{agent}-vs-{opponent}"


def _reported_block(table, evader_name, agents, models: Models, out: Path, games, tstar) -> list[Row]:
    """The rows of one table against one evader from the episodes on disk; none at all when no
    agent has played it (e.g. Table 2 against the ``llm`` evader in a report of every table)."""
    block = [
        report_from_episodes(
            table, agent, evader_name, models, out, _stem(table, agent, evader_name), games, tstar
        )
        for agent in agents
    ]
    return block if any(row.summary is not None for row in block) else []


def _twentyone(plan: Plan, models: Models, out: Path, progress) -> list[Row]:
    from logicdistill.games.twentyone_oracle import solve_state
    from logicdistill.games.twentyone_policies import OPPONENT_NAMES
    from logicdistill.games.twentyone_policies import make_opponent as known

    games = twentyone_games(plan.twentyone_limit)
    if plan.opponent in OPPONENT_NAMES:
        policy = known(plan.opponent)
        optimal = [solve_state(g.start, g.seat, policy).odds.win for g in games]
    else:
        optimal = [float("nan")] * len(games)
    rows = []
    for agent in plan.agents:
        stem = _stem("twentyone", agent, plan.opponent)
        if not plan.play:
            rows.append(
                report_from_episodes("twentyone", agent, plan.opponent, models, out, stem, games, optimal)
            )
            continue
        try:
            player = make_player(agent, models)
            opponent = make_opponent(plan.opponent, models)
        except UserError as err:
            rows.append(skipped("twentyone", agent, plan.opponent, str(err)))
            continue
        path = episode_path(out, stem, agent, models, TaskName.TWENTYONE, plan.opponent)
        tick = progress(f"21 points {agent} vs {plan.opponent}", len(games)) if progress else None
        records = play_twentyone(games, player, opponent, path, tick)
        model = model_name(agent, models, _played_with(path))
        rows.append(twentyone_row(agent, plan.opponent, model, records, optimal))
    return rows


def report_from_episodes(
    table: str,
    agent: str,
    opponent: str,
    models: Models,
    out: Path,
    stem: str,
    games: Sequence,
    references: Sequence[float],
) -> Row:
    """The row of the episodes already in ``out/episodes/<stem>.jsonl``, playing and moving nothing;
    a trained agent's row names the adapter they were played with (its ``.adapter`` mark), whether
    or not that adapter is on this machine.

    ``references[i]``: game i's T* (pursuit) or optimal win chance (21 points).
    """
    path = out / "episodes" / f"{stem}.jsonl"
    done = read_done(path)
    if not done:
        return skipped(table, agent, opponent, f"no episodes in {path} (report only: nothing was played)")
    played = [i for i, g in enumerate(games) if g.index in done]
    records = [done[games[i].index] for i in played]
    chosen = [references[i] for i in played]
    model = model_name(agent, models, _played_with(path))
    if table == "twentyone":
        row = twentyone_row(agent, opponent, model, records, chosen)
    else:
        row = _with_written_note(pursuit_row(table, agent, opponent, model, records, chosen), records)
    note = "; ".join(n for n in (row.note, _in_play_note(path)) if n)
    return replace(row, planned=len(games), note=note)


def _in_play_note(path: Path) -> str:
    """How many games an interrupted run left in play, and at which steps (pursuit), or ""."""
    states = saved_in_play(path)
    if not states:
        return ""
    steps = [s["step"] for s in states if "step" in s]
    at = f", saved at steps {min(steps)} to {max(steps)}" if steps else ""
    return f"{len(states)} more in play{at}: the same command without --report-only goes on from there"


def _with_written_note(row: Row, records: Sequence[dict]) -> Row:
    """A Table 2 row of an agent that writes its filter, with the note on the filters it wrote."""
    if row.table != "pursuit-restricted" or row.agent not in WRITING_AGENTS:
        return row
    from logicdistill.emergency.ld_play import written_note

    return replace(row, note=written_note(records))


def adapter_digest(adapter: Path) -> str:
    """The first 12 hex digits of the SHA-256 of an adapter's weights ("unknown" without them)."""
    weights = adapter / ADAPTER_WEIGHTS
    return hashlib.sha256(weights.read_bytes()).hexdigest()[:12] if weights.is_file() else "unknown"


def _played_with(path: Path) -> str:
    """The adapter the episodes in ``path`` were played with: its ``.adapter`` mark (digest, precision)."""
    mark = path.with_suffix(".adapter")
    return mark.read_text().strip() if mark.is_file() else "unknown"


def row_mark(agent: str, opponent: str, models: Models, task: TaskName) -> str:
    """What a row's episodes are tied to: a trained agent's adapter digest, with the precision
    when not float32 on cpu ("afce9529033d (bfloat16 on cuda)"); where only the untuned student
    plays, the precision alone ("(bfloat16 on cuda)"); "" when no local model's precision matters."""
    precision = f"({models.precision})" if models.precision else ""
    if agent in ADAPTER_AGENTS:
        return " ".join(filter(None, (adapter_digest(models.adapter(agent, task)), precision)))
    if agent in UNTUNED_AGENTS or opponent in UNTUNED_SIDES:
        return precision
    return ""


def episode_path(
    out: Path, stem: str, agent: str, models: Models, task: TaskName, opponent: str = ""
) -> Path:
    """Where an agent's episodes go, ``out/episodes/<stem>.jsonl``, ready to resume.

    The file is tied to its :func:`row_mark`, kept in ``<stem>.adapter`` (none for ""):
    when a trained agent's adapter was retrained since, or a local model runs at another
    precision, the old file is moved aside to ``<stem>.stale-<old mark>.jsonl`` and the
    games are played again.
    """
    path = out / "episodes" / f"{stem}.jsonl"
    mark = row_mark(agent, opponent, models, task)
    before = _played_with(path)  # "unknown": no mark file, which is what "" is kept as
    if before != (mark or "unknown"):
        in_play_path(path).unlink(missing_ok=True)  # games in play under the old mark are not resumed
        if path.is_file():
            old = re.sub(r"[^\w.]+", "-", before).strip("-")  # "afce9529033d (bfloat16 on cuda)": a file name
            path.rename(path.with_name(f"{stem}.stale-{old}.jsonl"))
    path.parent.mkdir(parents=True, exist_ok=True)
    mark_file = path.with_suffix(".adapter")
    if mark:
        mark_file.write_text(mark + "\n")
    else:
        mark_file.unlink(missing_ok=True)
    return path


def agents_in(names: Sequence[str]) -> tuple[str, ...]:
    from logicdistill.agents.registry import AGENT_NAMES

    unknown = [n for n in names if n not in AGENT_NAMES]
    if unknown:
        raise UserError(f"unknown agent {unknown[0]!r} (known: {', '.join(AGENT_NAMES)})")
    return tuple(names)
