"""Training on the tiny checkpoint of :mod:`tests.llm.tiny`: settings that finish fast, an interruption."""

from __future__ import annotations

from logicdistill.training.config import TrainConfig

TINY_MAX_LENGTH = 4096  # the tiny tokenizer spends about one token per character of a prompt


def tiny_config(checkpoint, **changes) -> TrainConfig:
    """Training settings that finish in about a second on one CPU thread."""
    settings = dict(
        student=str(checkpoint),
        max_steps=2,
        batch_size=2,
        max_length=TINY_MAX_LENGTH,
        threads=1,
        progress=False,
        logging_steps=1,
        save_steps=1,
    )
    settings.update(changes)
    return TrainConfig(**settings)


class Interrupted(Exception):
    """Stands in for Ctrl-C in the middle of a run."""


def interrupt_after_save(step: int):
    """A ``TrainerCallback`` that stops the run hard right after the checkpoint of ``step`` was written."""
    from transformers import TrainerCallback

    class Interrupt(TrainerCallback):
        def on_save(self, args, state, control, **kwargs):
            if state.global_step == step:
                raise Interrupted(f"stopped after step {step}")
            return control

    return Interrupt()
