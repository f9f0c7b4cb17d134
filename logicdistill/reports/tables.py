"""Table rows from harness records, the paper's numbers beside ours, written as Markdown, CSV and JSON.

A row is a summary of :mod:`logicdistill.evaluation.metrics` (rates as
fractions with Wilson intervals, mean steps with a bootstrap interval) plus
speed. A row that could not run carries ``note`` and no numbers. The paper's
numbers (SPEC §1) are data here, printed in their own columns, never mixed
with ours. Left out on purpose: playing games and plotting.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from logicdistill.evaluation.harness import total_speed
from logicdistill.evaluation.metrics import illegal_blue_kinds, summarize_pursuit, summarize_twentyone
from logicdistill.games.pursuit import Outcome
from logicdistill.games.twentyone import Result

# SPEC §1: success / fail-no-violation / fail-violation / mean steps (GLM4 family); 21 points: V / L / D.
PAPER_PURSUIT = {"llm-teacher": (96.0, 4.0, 0.0, 14.22), "prompted": (0.0, 0.0, 100.0, None),
                 "kd": (88.5, 10.5, 1.0, 15.23), "ld": (100.0, 0.0, 0.0, 13.26)}  # fmt: skip
PAPER_RESTRICTED = {"llm-teacher": (90.0, 7.5, 2.5, 18.98), "prompted": (0.0, 0.0, 100.0, None),
                    "kd": (52.0, 2.5, 45.5, 18.5), "ld": (100.0, 0.0, 0.0, 14.65)}  # fmt: skip
PAPER_TWENTYONE = {"llm-teacher": (55.5, 42.0, 2.5), "prompted": (36.5, 62.0, 1.5),
                   "kd": (48.0, 49.0, 3.0), "ld": (59.5, 38.5, 2.0)}  # fmt: skip


@dataclass(frozen=True)
class Row:
    table: str  # pursuit, pursuit-restricted, twentyone
    agent: str
    opponent: str
    model: str
    summary: object | None  # PursuitSummary / TwentyOneSummary; None when the row could not run
    decisions_per_s: float | None = None
    llm_calls_per_decision: float | None = None
    note: str = ""
    planned: int = 0  # games the protocol asks for when fewer were played (a report of a partial run)
    illegal_kinds: dict[str, int] | None = None  # pursuit: illegal blue choices by kind, where recorded

    @property
    def partial(self) -> bool:
        return self.summary is not None and self.planned > self.summary.n


def pursuit_row(table, agent, opponent, model, records, capture_times) -> Row:
    outcomes = [Outcome(r["outcome"]) for r in records]
    summary = summarize_pursuit(agent, opponent, outcomes, [r["steps"] for r in records], capture_times)
    row = Row(table, agent, opponent, model, summary, illegal_kinds=illegal_blue_kinds(records))
    return _with_speed(row, records)


def twentyone_row(agent, opponent, model, records, optimal_wins) -> Row:
    results = [Result(r["result"]) for r in records]
    summary = summarize_twentyone(agent, opponent, results, optimal_wins)
    return _with_speed(Row("twentyone", agent, opponent, model, summary), records)


def _with_speed(row: Row, records) -> Row:
    speed = total_speed(records)
    rate = speed.decisions / speed.seconds if speed.seconds > 0 else None
    calls = speed.llm_calls / speed.decisions if speed.decisions else None
    return replace(row, decisions_per_s=rate, llm_calls_per_decision=calls)


def skipped(table: str, agent: str, opponent: str, note: str) -> Row:
    return Row(table, agent, opponent, "-", None, note=note)


def _rate(rate) -> dict:
    return {"value": rate.value, "low": rate.low, "high": rate.high, "k": rate.k}


def row_json(row: Row) -> dict:
    out = {"table": row.table, "agent": row.agent, "opponent": row.opponent, "model": row.model}
    s = row.summary
    if s is None:
        return {**out, "n": 0, "note": row.note}
    out["n"] = s.n
    if row.partial:
        out["planned"] = row.planned
    keys = ("victory", "loss", "draw") if row.table == "twentyone" else (
        "success", "fail_no_violation", "fail_violation")  # fmt: skip
    for key in keys:
        out[key] = getattr(s, key).value
        out[f"{key}_ci"] = [getattr(s, key).low, getattr(s, key).high]
    if row.table == "twentyone":
        out["optimal_win"] = s.optimal_win
        out["win_over_optimal"] = s.win_over_optimal
    else:
        out["mean_steps"] = s.mean_steps.value
        out["mean_steps_ci"] = [s.mean_steps.low, s.mean_steps.high]
        out["steps_over_tstar"] = s.steps_over_tstar.value
        out["steps_over_tstar_ci"] = [s.steps_over_tstar.low, s.steps_over_tstar.high]
    out["decisions_per_s"] = row.decisions_per_s
    out["llm_calls_per_decision"] = row.llm_calls_per_decision
    if row.illegal_kinds is not None:
        out["illegal_choices"] = row.illegal_kinds
    out["paper"] = paper(row)
    if row.note:
        out["note"] = row.note
    return out


def paper(row: Row) -> list | None:
    source = {"pursuit": PAPER_PURSUIT, "pursuit-restricted": PAPER_RESTRICTED, "twentyone": PAPER_TWENTYONE}
    numbers = source[row.table].get(row.agent)
    return list(numbers) if numbers is not None else None


def _pct(x) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _num(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def _n(row: Row) -> str:
    """The n cell: "189 of 200" for a partial row."""
    return f"{row.summary.n} of {row.planned}" if row.partial else str(row.summary.n)


def markdown(rows: Sequence[Row]) -> str:
    parts = []
    for table, title in (
        ("pursuit", "Table 1 — pursuit (success / fail without violation / fail with violation, %)"),
        ("pursuit-restricted", "Table 2 — pursuit with a 5x5 restricted area"),
        ("twentyone", "Table 3 — 21 points (victory / loss / draw, %)"),
    ):
        mine = [r for r in rows if r.table == table]
        if not mine:
            continue
        parts.append(f"### {title}\n")
        if table == "twentyone":
            parts.append("| agent | model | opponent | n | victory [95% CI] | loss | draw | win / optimum | "
                         "decisions/s | LLM calls/decision | paper V/L/D |")  # fmt: skip
            parts.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        else:
            parts.append("| agent | model | evader | n | success [95% CI] | fail | violation | mean steps | "
                         "steps / T* | decisions/s | LLM calls/decision | paper S/F/V/steps |")  # fmt: skip
            parts.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for r in mine:
            p = paper(r)
            ptext = "–" if p is None else " / ".join("–" if v is None else str(v) for v in p)
            if r.summary is None:
                cells = 8 if table != "twentyone" else 7
                parts.append(
                    f"| {r.agent} | not run | {r.opponent} | " + " | ".join(["–"] * cells) + f" | {ptext} |"
                )
                continue
            s = r.summary
            if table == "twentyone":
                parts.append(
                    f"| {r.agent} | {r.model} | {r.opponent} | {_n(r)} | {_pct(s.victory.value)} "
                    f"[{_pct(s.victory.low)}, {_pct(s.victory.high)}] | {_pct(s.loss.value)} | "
                    f"{_pct(s.draw.value)} | {_num(s.win_over_optimal)} | {_num(r.decisions_per_s)} | "
                    f"{_num(r.llm_calls_per_decision)} | {ptext} |"
                )
            else:
                parts.append(
                    f"| {r.agent} | {r.model} | {r.opponent} | {_n(r)} | {_pct(s.success.value)} "
                    f"[{_pct(s.success.low)}, {_pct(s.success.high)}] | {_pct(s.fail_no_violation.value)} | "
                    f"{_pct(s.fail_violation.value)} | {_num(s.mean_steps.value)} | "
                    f"{_num(s.steps_over_tstar.value)} | {_num(r.decisions_per_s)} | "
                    f"{_num(r.llm_calls_per_decision)} | {ptext} |"
                )
        parts.append("")
        parts += [f"- not run: {r.agent} vs {r.opponent}: {r.note}" for r in mine if r.summary is None]
        parts += [f"- {r.agent} vs {r.opponent}: {r.note}" for r in mine if r.summary is not None and r.note]
        parts += [f"- {r.agent} vs {r.opponent}: {illegal_text(r.illegal_kinds)}" for r in mine
                  if r.illegal_kinds and sum(r.illegal_kinds.values())]  # fmt: skip
        parts += [
            f"- {r.agent} vs {r.opponent}: partial, {r.summary.n} of {r.planned} games so far. Games end and "
            "are saved in the order they finish, so a partial row can hold more of the short games."
            for r in mine
            if r.partial
        ]
        parts.append("")
    return "\n".join(parts)


def illegal_text(kinds: dict[str, int]) -> str:
    """``12 illegal blue choices: no move 9, restricted 3`` (the kinds that occurred)."""
    listed = ", ".join(f"{kind} {n:,}" for kind, n in kinds.items() if n)
    return f"{sum(kinds.values()):,} illegal blue choices" + (f": {listed}" if listed else "")


def csv_text(rows: Sequence[Row]) -> str:
    data = [row_json(r) for r in rows]
    keys = list(dict.fromkeys(k for d in data for k in d))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=keys)
    writer.writeheader()
    for d in data:
        writer.writerow({k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in d.items()})
    return buffer.getvalue()


def write_tables(rows: Sequence[Row], folder: Path, meta: dict) -> dict[str, Path]:
    """``tables.md``, ``tables.csv`` and ``tables.json`` (with ``meta``) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"md": folder / "tables.md", "csv": folder / "tables.csv", "json": folder / "tables.json"}
    paths["md"].write_text(markdown(rows), encoding="utf-8")
    paths["csv"].write_text(csv_text(rows), encoding="utf-8")
    payload = {**meta, "rows": [row_json(r) for r in rows]}
    paths["json"].write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return paths


def as_dict(row: Row) -> dict:
    return asdict(row)
