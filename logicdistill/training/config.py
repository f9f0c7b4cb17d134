"""The one settings object of LoRA fine-tuning (after TRL's ``sft_config.py``: help text on every field).

:class:`TrainConfig` is all a training run is told: the student, the LoRA shape,
the optimiser schedule, lengths, seed, threads, where to write. The CLI builds it
from its flags; the trainer turns it into TRL's ``SFTConfig`` and PEFT's
``LoraConfig``. Which of its fields must match for a run to be resumed is
:data:`RESUME_KEYS`. Nothing here imports torch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

from logicdistill.errors import UserError
from logicdistill.llm.factory import DEFAULT_STUDENT

DEFAULT_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj")


@dataclass(frozen=True)
class TrainConfig:
    """LoRA supervised fine-tuning of the student on a dataset's completions."""

    student: str = field(
        default=DEFAULT_STUDENT,
        metadata={
            "help": "student model spec for load_model: bundled name, checkpoint folder, .gguf or hf:<id>"
        },
    )
    lora_r: int = field(default=16, metadata={"help": "LoRA rank r"})
    lora_alpha: int = field(
        default=32, metadata={"help": "LoRA scaling alpha (the update is scaled by alpha / r)"}
    )
    lora_dropout: float = field(default=0.05, metadata={"help": "dropout on the LoRA input during training"})
    target_modules: tuple[str, ...] = field(
        default=DEFAULT_TARGETS, metadata={"help": "names of the linear layers that get LoRA adapters"}
    )
    learning_rate: float = field(default=2e-4, metadata={"help": "peak AdamW learning rate (linear decay)"})
    epochs: float = field(default=2.0, metadata={"help": "passes over the dataset"})
    max_steps: int = field(
        default=-1, metadata={"help": "stop after this many optimiser steps (-1: use epochs)"}
    )
    batch_size: int = field(default=4, metadata={"help": "examples per device per optimiser step"})
    grad_accum: int = field(default=1, metadata={"help": "gradient accumulation steps per optimiser step"})
    max_length: int = field(
        default=1024, metadata={"help": "longest example in tokens; a longer one is an error, never cut"}
    )
    max_examples: int | None = field(
        default=None, metadata={"help": "train on N examples drawn from the dataset by the seed (None: all)"}
    )
    bf16: bool = field(
        default=False,
        metadata={
            "help": "mixed precision: matrix products in bfloat16 (autocast), LoRA weights and optimiser in "
            "float32; faster per step on a CPU with avx512_bf16 (benchmarks/training_speed.py), "
            "may be slower where the device has no bfloat16 arithmetic"
        },
    )
    gradient_checkpointing: bool = field(
        default=False,
        metadata={"help": "recompute activations in the backward pass: less memory, about a third slower"},
    )
    similar_lengths: bool = field(
        default=True,
        metadata={"help": "batch examples of similar length (less padding; the order stays random)"},
    )
    seed: int = field(default=0, metadata={"help": "seed of LoRA initialisation and data order"})
    threads: int | None = field(default=None, metadata={"help": "torch CPU threads (None: torch's default)"})
    device: str = field(default="auto", metadata={"help": "auto (cuda when available), cpu or cuda"})
    save_steps: int = field(default=20, metadata={"help": "write a resumable checkpoint every N steps"})
    logging_steps: int = field(default=5, metadata={"help": "log the loss every N steps"})
    keep_checkpoints: bool = field(
        default=False, metadata={"help": "keep the checkpoints folder after a finished run"}
    )
    progress: bool = field(default=True, metadata={"help": "show progress bars"})

    def __post_init__(self) -> None:
        positive = {
            "lora_r": self.lora_r,
            "lora_alpha": self.lora_alpha,
            "batch_size": self.batch_size,
            "grad_accum": self.grad_accum,
            "max_length": self.max_length,
            "save_steps": self.save_steps,
            "logging_steps": self.logging_steps,
        }
        for name, value in positive.items():
            if value < 1:
                raise UserError(f"{name} must be at least 1, not {value}")
        if not 0 <= self.lora_dropout < 1:
            raise UserError(f"lora_dropout must be in [0, 1), not {self.lora_dropout}")
        if self.learning_rate <= 0 or self.epochs <= 0:
            raise UserError("learning rate and epochs must be positive")
        if self.max_steps == 0 or self.max_steps < -1:
            raise UserError(f"max_steps must be -1 (use epochs) or at least 1, not {self.max_steps}")
        if self.max_examples is not None and self.max_examples < 1:
            raise UserError(f"max_examples must be at least 1, not {self.max_examples}")
        if not self.target_modules:
            raise UserError("LoRA needs at least one target module")
        if self.device not in ("auto", "cpu", "cuda"):
            raise UserError(f"device must be auto, cpu or cuda, not {self.device!r}")
        if self.threads is not None and self.threads < 1:
            raise UserError(f"threads must be at least 1, not {self.threads}")


# Settings that may differ between an interrupted run and its resumption (they do not change the result).
RUNTIME_KEYS = frozenset({"threads", "progress", "keep_checkpoints", "device"})
RESUME_KEYS = tuple(f.name for f in fields(TrainConfig) if f.name not in RUNTIME_KEYS)
# What a run recorded before a setting existed ran as its default.
RESUME_DEFAULTS = {f.name: json.dumps(f.default) for f in fields(TrainConfig) if f.name in RESUME_KEYS}


def help_text(name: str) -> str:
    """The help text of a field (the CLI uses it, so it is written once)."""
    for f in fields(TrainConfig):
        if f.name == name:
            return f.metadata["help"]
    raise KeyError(name)
