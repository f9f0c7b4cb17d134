"""The one settings object of emergency function writing (Eq. 6), with help text on every field.

:class:`WritingConfig` is everything :func:`logicdistill.emergency.write_filters`
is told: how many candidates to sample, how to decode them, the board they are
checked against and the name a written filter takes in a function base. The CLI
builds it from its flags. Nothing here imports torch or any model code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from logicdistill.errors import UserError
from logicdistill.games.pursuit import DEFAULT_SIZE

DEFAULT_ADAPTER = "runs/demo/ld-adapter"  # the LD adapter `make demo` trains (relative to the working folder)


@dataclass(frozen=True)
class WritingConfig:
    """How the student writes an emergency filter and how its candidates are checked."""

    samples: int = field(
        default=4, metadata={"help": "candidates per description: the first greedy, the others sampled"}
    )
    seed: int = field(default=0, metadata={"help": "seed of the sampled candidates"})
    temperature: float = field(default=0.7, metadata={"help": "sampling temperature of candidates 2..N"})
    retries: int = field(
        default=4,
        metadata={
            "help": "more candidates, sampled hotter, when none passing forbids every named cell and number"
        },
    )
    retry_temperature: float = field(default=1.0, metadata={"help": "sampling temperature of the retries"})
    max_new_tokens: int = field(default=160, metadata={"help": "longest reply in tokens"})
    board_size: int = field(default=DEFAULT_SIZE, metadata={"help": "board side length the filter is for"})
    probe_budget_s: float = field(
        default=1.0, metadata={"help": "time budget of one guarded call on every cell of the board"}
    )
    name: str = field(
        default="filter_emergency_area",
        metadata={"help": "name of the written filter once it joins a function base"},
    )

    def __post_init__(self) -> None:
        if self.samples < 1:
            raise UserError(f"samples must be at least 1, not {self.samples}")
        if self.temperature <= 0 or self.retry_temperature <= 0:
            raise UserError(
                f"temperatures must be positive, not {self.temperature} / {self.retry_temperature}"
            )
        if self.retries < 0:
            raise UserError(f"retries must be 0 or more, not {self.retries}")
        if self.max_new_tokens < 16:
            raise UserError(f"max_new_tokens must be at least 16, not {self.max_new_tokens}")
        if self.board_size < 3:
            raise UserError(f"board size must be at least 3, not {self.board_size}")
        if self.probe_budget_s <= 0:
            raise UserError("probe_budget_s must be positive")
        if not self.name.isidentifier() or self.name.startswith("_"):
            raise UserError(f"name {self.name!r} is not a public Python identifier")


def help_text(name: str) -> str:
    """The help text of a field (the CLI uses it, so it is written once)."""
    for f in fields(WritingConfig):
        if f.name == name:
            return f.metadata["help"]
    raise KeyError(name)
