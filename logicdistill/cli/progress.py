"""One rich progress display for long CLI commands: labelled bars that the library advances.

``progress_bars()`` yields ``(progress, console)``: ``progress(label, total)`` adds a bar
and returns a function advancing it by n, the callback shape the harness takes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

ProgressFactory = Callable[[str, int], Callable[[int], None]]


@contextmanager
def progress_bars() -> Iterator[tuple[ProgressFactory, Any]]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    ) as bar:

        def progress(label: str, total: int) -> Callable[[int], None]:
            task = bar.add_task(label, total=total)
            return lambda n: bar.advance(task, n)

        yield progress, bar.console
