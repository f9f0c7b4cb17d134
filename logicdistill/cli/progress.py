"""One progress display for long CLI commands: labelled bars that the library advances.

``progress_bars()`` yields ``(progress, console)``: ``progress(label, total)`` adds a bar
and returns a function advancing it by n, with an optional note on where the work in
progress is (the harness's ``Progress``: pursuit games say their steps after every round).
On a terminal the bars are rich's, the note beside the bar; elsewhere (a log file,
``nohup``, CI) rich would draw nothing until the end, so each bar prints a plain line
to stderr instead, at its start, about every tenth of the way, at its end, and with the
latest note when :data:`PLAIN_NOTE_SECONDS` passed without a line (an hours-long pursuit
row can go that long without a game ending). Left out: rates and time estimates in the
plain lines (the elapsed seconds are there).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

Advance = Callable[..., None]  # advance(n, note=None): the harness's Progress
ProgressFactory = Callable[[str, int], Advance]
PLAIN_STEPS = 10  # plain lines per bar, besides its first
PLAIN_NOTE_SECONDS = 60.0  # a plain line with the latest note when none was written for this long


@contextmanager
def progress_bars() -> Iterator[tuple[ProgressFactory, Any]]:
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield plain_progress(sys.stderr), console
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
        console=console,
    ) as bar:

        def progress(label: str, total: int) -> Advance:
            task = bar.add_task(label, total=total, note="")
            done, latest = 0, ""

            def advance(n: int, note: str | None = None) -> None:
                nonlocal done, latest
                done += n
                latest = _latest(latest, note, done >= total)
                bar.update(task, advance=n, note=latest)

            return advance

        yield progress, console


def plain_progress(stream: TextIO, clock: Callable[[], float] = time.perf_counter) -> ProgressFactory:
    """A progress factory that writes ``label: done/total (elapsed s[, note])`` lines to ``stream``."""

    def progress(label: str, total: int) -> Advance:
        started = last = clock()
        done, shown, latest = 0, -1, ""
        every = max(1, total // PLAIN_STEPS)

        def show() -> None:
            nonlocal shown, last
            shown, last = done, clock()
            stream.write(
                f"{label}: {done}/{total} ({last - started:.0f} s{', ' + latest if latest else ''})\n"
            )
            stream.flush()

        def advance(n: int, note: str | None = None) -> None:
            nonlocal done, latest
            done += n
            latest = _latest(latest, note, done >= total)
            tenth = done >= total or done // every > shown // every
            if tenth or (note is not None and clock() - last >= PLAIN_NOTE_SECONDS):
                show()

        show()
        return advance

    return progress


def _latest(latest: str, note: str | None, finished: bool) -> str:
    """The note to show: the new one if any, else the last; none once the bar is full."""
    if finished:
        return ""
    return latest if note is None else note
