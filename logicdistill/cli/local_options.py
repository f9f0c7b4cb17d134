"""The options every command that plays local models takes: ``--dtype``, ``--device``, ``--threads``.

Written once so ``benchmark`` and ``demo`` offer the same flags with the same defaults
(:data:`~logicdistill.agents.registry.LOCAL_DEFAULTS`) and help. Checking a device is
:func:`logicdistill.llm.local.check_device`'s job; loading models is not this module's.
"""

from __future__ import annotations

from typing import Annotated

import typer

from logicdistill.llm.local import DType

DTypeOption = Annotated[
    DType, typer.Option(help="Dtype of the local models when they play (bfloat16: fast on GPUs).")
]
DeviceOption = Annotated[
    str, typer.Option(help="Torch device of the local models when they play: cpu, cuda, cuda:N or mps.")
]
ThreadsOption = Annotated[
    int | None,
    typer.Option(min=1, help="Torch CPU threads (default: torch's; 1 when another job shares the cores)."),
]
