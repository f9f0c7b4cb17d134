"""One progress display for long CLI commands: labelled bars that the library advances.

``progress_bars()`` yields ``(progress, console)``: ``progress(label, total)`` adds a bar
and returns a function advancing it by n, the callback shape the harness takes. On a
terminal the bars are rich's; elsewhere (a log file, ``nohup``, CI) rich would draw
nothing until the end, so each bar prints a plain line to stderr instead, at its start,
about every tenth of the way and at its end. Left out: rates and time estimates in
the plain lines (the elapsed seconds are there).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

ProgressFactory = Callable[[str, int], Callable[[int], None]]
PLAIN_STEPS = 10  # plain lines per bar, besides its first


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
        console=console,
    ) as bar:

        def progress(label: str, total: int) -> Callable[[int], None]:
            task = bar.add_task(label, total=total)
            return lambda n: bar.advance(task, n)

        yield progress, console


def plain_progress(stream: TextIO) -> ProgressFactory:
    """A progress factory that writes ``label: done/total (elapsed s)`` lines to ``stream``."""

    def progress(label: str, total: int) -> Callable[[int], None]:
        started, done, shown = time.perf_counter(), 0, -1
        every = max(1, total // PLAIN_STEPS)

        def show() -> None:
            nonlocal shown
            shown = done
            stream.write(f"{label}: {done}/{total} ({time.perf_counter() - started:.0f} s)\n")
            stream.flush()

        def advance(n: int) -> None:
            nonlocal done
            done += n
            if done >= total or done // every > shown // every:
                show()

        show()
        return advance

    return progress
