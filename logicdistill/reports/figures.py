"""Figures from harness episode records: whole-game trajectories (paper Fig. 6), one step per agent
(Fig. 5), an animated GIF of one game, and one HTML page bundling tables and figures.

Reads the JSONL records of :mod:`logicdistill.evaluation.harness` (``trail``:
per step the three blue cells and the orange cell). matplotlib is imported
inside the functions (Agg backend); the GIF is written by pillow. Left out on
purpose: playing games and computing table numbers.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path

import numpy as np

BLUE, ORANGE = "tab:blue", "tab:orange"
PANELS_PER_ROW = 4  # one panel per agent (and table): wider figures wrap


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _panels(plt, n: int):
    """A figure of ``n`` square panels, at most :data:`PANELS_PER_ROW` a row; the axes in reading order."""
    columns = min(n, PANELS_PER_ROW)
    rows = -(-n // columns)
    fig, grid = plt.subplots(rows, columns, figsize=(4 * columns, 4 * rows), squeeze=False)
    axes = list(grid.flat)
    for unused in axes[n:]:
        unused.set_axis_off()
    return fig, axes[:n]


def _board(ax, size: int, restricted: Sequence) -> None:
    ax.set_xlim(-0.5, size - 0.5)
    ax.set_ylim(-0.5, size - 0.5)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for x, y in restricted:
        ax.add_patch(_rect(x, y))


def _rect(x, y):
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.5, y - 0.5), 1, 1, color="0.8")


def trajectories(records_by_agent: dict[str, dict], path: Path) -> Path:
    """Fig. 6: one panel per agent, one game each; cells darker where a dot passes more often."""
    plt = _plt()
    agents = list(records_by_agent)
    fig, axes = _panels(plt, len(agents))
    for ax, agent in zip(axes, agents, strict=True):
        record = records_by_agent[agent]
        size = record["size"]
        _board(ax, size, record["restricted"])
        for piece, cmap in ((slice(0, 3), "Blues"), (slice(3, 4), "Oranges")):
            heat = np.zeros((size, size))
            for frame in record["trail"]:
                for cell in frame[piece]:
                    heat[cell[1], cell[0]] += 1
            masked = np.ma.masked_where(heat == 0, heat)
            ax.imshow(masked, origin="lower", cmap=cmap, alpha=0.8, vmin=0)
        ax.set_title(f"{agent}: {record['outcome']} in {record['steps']} steps", fontsize=9)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def one_step(records_by_agent: dict[str, dict], path: Path, step: int = 0) -> Path:
    """Fig. 5: the same position, and where each agent sent its three blue dots (red: illegal, to the
    cell it named, marked x, where the records keep it)."""
    plt = _plt()
    agents = list(records_by_agent)
    fig, axes = _panels(plt, len(agents))
    for ax, agent in zip(axes, agents, strict=True):
        record = records_by_agent[agent]
        _board(ax, record["size"], record["restricted"])
        at = min(step, len(record["trail"]) - 2)
        for start, end, bad in step_arrows(record, at):
            ax.scatter(*start, color=BLUE, s=60)
            ax.annotate(
                "", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "color": "red" if bad else BLUE}
            )
            if bad and end != start:
                ax.scatter(*end, color="red", marker="x", s=40)
        ax.scatter(*record["trail"][at][3], color=ORANGE, s=80)
        ax.set_title(f"{agent}: step {at + 1}", fontsize=9)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def step_arrows(record: dict, at: int) -> list[tuple[list[int], list[int], bool]]:
    """(from, to, illegal) for each blue dot at step ``at`` of a pursuit record: an illegal choice
    points at the cell it named, where the record keeps it (the dot itself stayed put)."""
    before, after = record["trail"][at], record["trail"][at + 1]
    flags = record["illegal_steps"][at] if at < len(record["illegal_steps"]) else [False] * 3
    named = record["choices"][at] if at < len(record.get("choices", [])) else [None] * 3
    return [
        (b0, wanted if bad and wanted is not None else b1, bad)
        for b0, b1, bad, wanted in zip(before[:3], after[:3], flags, named, strict=True)
    ]


def game_gif(record: dict, path: Path, title: str = "") -> Path:
    """An animated GIF of one game, one frame per step."""
    plt = _plt()
    from PIL import Image

    frames = []
    for i, frame in enumerate(record["trail"]):
        fig, ax = plt.subplots(figsize=(3.2, 3.2))
        _board(ax, record["size"], record["restricted"])
        xs, ys = zip(*frame[:3], strict=True)
        ax.scatter(xs, ys, color=BLUE, s=50)
        ax.scatter(*frame[3], color=ORANGE, s=60)
        ax.set_title(f"{title} step {i}", fontsize=8)
        fig.canvas.draw()
        frames.append(Image.fromarray(np.asarray(fig.canvas.buffer_rgba())).convert("P"))
        plt.close(fig)
    path.parent.mkdir(parents=True, exist_ok=True)
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=300, loop=0)
    return path


def html_report(title: str, tables_markdown: str, images: Sequence[Path], path: Path) -> Path:
    """One self-contained HTML page: the tables (as preformatted Markdown) and the images inlined."""
    parts = [f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"]
    parts.append(f"<h1>{html.escape(title)}</h1><pre>{html.escape(tables_markdown)}</pre>")
    for image in images:
        kind = "gif" if image.suffix == ".gif" else "png"
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        parts.append(f"<h3>{html.escape(image.name)}</h3><img src='data:image/{kind};base64,{data}'/>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def figures_for(out: Path, tables_markdown: str, evader: str = "optimal", index: int = 0) -> list[Path]:
    """All figures from ``out/episodes`` (game ``index`` against ``evader``) plus ``out/report.html``."""
    import json

    records: dict[str, dict] = {}
    for file in sorted((out / "episodes").glob(f"pursuit-*-vs-{evader}.jsonl")):
        agent = file.stem[len("pursuit-") : -len(f"-vs-{evader}")]
        for line in file.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if record["index"] == index:
                records[agent] = record
    if not records:
        return []
    figures = out / "figures"
    paths = [trajectories(records, figures / "trajectories.png"), one_step(records, figures / "one_step.png")]
    first = next(iter(records))
    paths.append(game_gif(records[first], figures / f"game-{first}.gif", first))
    paths.append(html_report("logicdistill results", tables_markdown, paths, out / "report.html"))
    return paths
