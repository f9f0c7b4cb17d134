"""LoRA fine-tuning of the student with TRL's ``SFTTrainer`` and PEFT: loss on completions only.

Each example becomes a *standard prompt-completion* row: the prompt is the
student backend's own rendering of the example's chat (``TransformersModel.render``,
the exact text ``select`` and ``generate`` see at test time) and the completion is
the answer (TRL appends the end-of-turn token and, with ``completion_only_loss``,
masks the prompt out of the loss; :mod:`.completion_loss` then runs the LM head on
the completion positions only, and :mod:`.batching` puts examples of similar length
together). The run directory (fresh / resume / refuse) is
:mod:`.run_dir`'s; the settings are :class:`~.config.TrainConfig`. Heavy imports
(torch, transformers, trl, peft, datasets) stay inside the functions.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from logicdistill.errors import UserError
from logicdistill.llm.base import Role
from logicdistill.training.adapter_metadata import (
    ADAPTER_FORMAT_VERSION,
    AdapterMetadata,
    DataInfo,
    MachineInfo,
    StudentInfo,
    TrainingInfo,
)
from logicdistill.training.batching import SimilarLengthSampler
from logicdistill.training.completion_loss import IGNORED, completion_loss
from logicdistill.training.config import TrainConfig
from logicdistill.training.dataset_file import Dataset, count_examples, file_sha256, save_dataset
from logicdistill.training.ld_data import now
from logicdistill.training.records import Cost
from logicdistill.training.run_dir import (
    Fingerprint,
    RunMode,
    RunPlan,
    add_session,
    finish_run,
    plan_run,
    start_run,
)

DATASET_FILE = "dataset.jsonl"  # where a dataset given in memory is saved inside the adapter directory


@dataclass(frozen=True)
class TrainResult:
    out: Path
    plan: RunPlan
    metadata: AdapterMetadata


def training_subset(examples: Sequence, limit: int | None, seed: int) -> tuple:
    """All examples, or ``limit`` of them drawn by ``seed`` (kept in file order)."""
    if limit is None or limit >= len(examples):
        return tuple(examples)
    picks = np.random.default_rng(seed).choice(len(examples), size=limit, replace=False)
    return tuple(examples[int(i)] for i in sorted(picks))


def load_student(config: TrainConfig) -> Any:
    """The student as a local :class:`TransformersModel` (an endpoint cannot be fine-tuned here)."""
    from logicdistill.llm.factory import load_model
    from logicdistill.llm.local import LocalModelConfig, TransformersModel
    from logicdistill.llm.usage import UsageMeter

    model = load_model(
        config.student, role=Role.STUDENT, meter=UsageMeter(), local=LocalModelConfig(threads=config.threads)
    )
    if not isinstance(model, TransformersModel):
        raise UserError(f"cannot fine-tune {config.student!r}: LoRA training needs a local model")
    return model


def training_rows(model: Any, examples: Sequence) -> list[dict[str, str]]:
    """Prompt-completion rows: the backend's rendering of each chat, and the completion."""
    return [{"prompt": model.render(ex.chat), "completion": ex.completion} for ex in examples]


def token_lengths(tokenizer: Any, rows: Sequence[dict[str, str]]) -> list[int]:
    """Each row's length in tokens: prompt, completion and the end token, as training feeds it."""
    texts = [row["prompt"] + row["completion"] + (tokenizer.eos_token or "") for row in rows]
    return [len(ids) for ids in tokenizer(texts, add_special_tokens=False)["input_ids"]]


def check_lengths(tokenizer: Any, rows: Sequence[dict[str, str]], max_length: int) -> int:
    """The longest example in tokens (with the end token); UserError when one is over ``max_length``."""
    lengths = token_lengths(tokenizer, rows)
    longest = max(lengths)
    if longest > max_length:
        raise UserError(
            f"example {lengths.index(longest)} is {longest} tokens, over max_length {max_length}: "
            "raise --max-length (examples are never cut, a cut example would train on a wrong text)"
        )
    return longest


def use_cpu(device: str) -> bool:
    import torch

    if device == "cuda" and not torch.cuda.is_available():
        raise UserError("device cuda asked for, but torch sees no CUDA device")
    return device == "cpu" or (device == "auto" and not torch.cuda.is_available())


def sft_arguments(config: TrainConfig, plan: RunPlan) -> Any:
    import torch
    from trl import SFTConfig

    on_cpu = use_cpu(config.device)
    if config.bf16 and not on_cpu and not torch.cuda.is_bf16_supported():
        raise UserError("--bf16 asked for, but this CUDA device has no bfloat16 support: leave it out")
    return SFTConfig(
        output_dir=str(plan.checkpoints),
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        per_device_train_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum,
        learning_rate=config.learning_rate,
        lr_scheduler_type="linear",
        max_length=config.max_length,
        completion_only_loss=True,
        gradient_checkpointing=config.gradient_checkpointing,
        seed=config.seed,
        data_seed=config.seed,
        save_strategy="steps",
        save_steps=config.save_steps,
        save_total_limit=2,
        logging_steps=config.logging_steps,
        report_to="none",
        bf16=config.bf16,
        fp16=False,
        use_cpu=on_cpu,
        disable_tqdm=not config.progress,
        include_num_input_tokens_seen="non_padding",
        dataloader_num_workers=0,
    )


def check_targets(hf_model: Any, targets: Sequence[str]) -> None:
    """Refuse LoRA target names that are not linear layers of the student (PEFT would fail mid-set-up)."""
    import torch

    linear = {
        name.rsplit(".", 1)[-1] for name, m in hf_model.named_modules() if isinstance(m, torch.nn.Linear)
    }
    unknown = [t for t in targets if t not in linear]
    if unknown:
        raise UserError(
            f"LoRA target(s) {', '.join(unknown)} are not linear layers of the student; "
            f"its linear layers are {', '.join(sorted(linear))}"
        )


def lora_config(config: TrainConfig) -> Any:
    from peft import LoraConfig

    return LoraConfig(
        r=config.lora_r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=list(config.target_modules),
        bias="none",
        task_type="CAUSAL_LM",
    )


def train_adapter(
    dataset: Dataset,
    out: str | Path,
    config: TrainConfig | None = None,
    *,
    dataset_path: str | Path | None = None,
    overwrite: bool = False,
    resume: bool = False,
    callbacks: Sequence[Any] = (),
) -> TrainResult:
    """Fine-tune a LoRA adapter on ``dataset`` into ``out`` (see :mod:`.run_dir` for fresh / resume / refuse).

    ``dataset_path`` names the file ``dataset`` was read from; without one the dataset is saved
    into ``out`` as ``dataset.jsonl``. ``callbacks`` are extra ``transformers.TrainerCallback``
    objects (tests use one to interrupt a run).
    """
    config = config or TrainConfig()
    examples = training_subset(dataset.examples, config.max_examples, config.seed)
    if not examples:
        raise UserError("the dataset has no examples: nothing to train on")
    fingerprint = Fingerprint.of(config, dataset.metadata.examples_sha256)
    if not overwrite:  # planning without overwrite writes nothing: refuse before loading the student
        plan = plan_run(out, fingerprint, overwrite=False, resume=resume)
    if not config.progress:  # the student's "Loading weights" bar too
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    model = load_student(config)
    check_targets(model.hf_model, config.target_modules)
    rows = training_rows(model, examples)
    check_lengths(model.tokenizer, rows, config.max_length)
    if overwrite:  # the previous run is removed only once the student and the data passed their checks
        plan = plan_run(out, fingerprint, overwrite=True, resume=resume)
    start_run(plan, fingerprint)
    if dataset_path is None:  # keep the training data beside the adapter it made
        dataset_path = save_dataset(dataset, plan.out / DATASET_FILE)
    trainer = _trainer(model, rows, config, plan, callbacks)
    started = time.perf_counter()
    try:
        trainer.train(resume_from_checkpoint=str(plan.checkpoint) if plan.mode is RunMode.RESUME else None)
    finally:
        sessions = add_session(plan.out, time.perf_counter() - started)
    trainer.model.save_pretrained(str(plan.out))
    metadata = _metadata(model, trainer, dataset, dataset_path, len(examples), config, plan, sessions)
    finish_run(plan.out, metadata, config.keep_checkpoints)
    return TrainResult(plan.out, plan, metadata)


def _trainer(model: Any, rows: list[dict[str, str]], config: TrainConfig, plan: RunPlan, callbacks) -> Any:
    import datasets

    if not config.progress:
        datasets.disable_progress_bars()
    return trainer_class(config.similar_lengths)(
        model=model.hf_model,
        args=sft_arguments(config, plan),
        train_dataset=datasets.Dataset.from_list(rows),
        processing_class=model.tokenizer,
        peft_config=lora_config(config),
        callbacks=[_log_last_step(), *callbacks],
    )


def trainer_class(similar_lengths: bool = True) -> type:
    """``trl.SFTTrainer`` with :func:`.completion_loss.completion_loss` and, with ``similar_lengths``,
    batches of similar length (:class:`.batching.SimilarLengthSampler`); imported lazily."""
    from trl import SFTTrainer

    class Trainer(SFTTrainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            if return_outputs:
                raise NotImplementedError("completion_loss gives the loss only (no evaluation here)")
            # completion_loss calls the backbone, not the forward accelerate wrapped in its autocast,
            # so --bf16 (accelerate's mixed precision) is entered here; without it this does nothing.
            with self.accelerator.autocast():
                return completion_loss(model, inputs, num_items_in_batch)

        def _get_train_sampler(self, train_dataset=None):
            if not similar_lengths:
                return super()._get_train_sampler(train_dataset)
            dataset = self.train_dataset if train_dataset is None else train_dataset
            lengths = [len(ids) for ids in dataset["input_ids"]]
            seed = self.args.data_seed if self.args.data_seed is not None else self.args.seed
            return SimilarLengthSampler(lengths, self.args.train_batch_size, seed)

    return Trainer


def _log_last_step() -> Any:
    """A callback that logs the loss at the last step too, so ``final_loss`` is the loss the run ended on.

    The Trainer logs only every ``logging_steps``: without it, a run shorter than that has no
    loss at all and a longer one reports the loss of its last multiple of ``logging_steps``.
    """
    from transformers import TrainerCallback

    class LogLastStep(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step >= state.max_steps:
                control.should_log = True
            return control

    return LogLastStep()


def _metadata(
    model: Any,
    trainer: Any,
    dataset: Dataset,
    dataset_path: str | Path | None,
    used: int,
    config: TrainConfig,
    plan: RunPlan,
    sessions: list[float],
) -> AdapterMetadata:
    import torch

    meta = dataset.metadata
    processed = trainer.train_dataset
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    params = list(trainer.model.parameters())
    base = meta.base
    return AdapterMetadata(
        format_version=ADAPTER_FORMAT_VERSION,
        created=now(),
        student=StudentInfo(spec=config.student, name=model.name, source=model.source),
        data=DataInfo(
            path=None if dataset_path is None else str(dataset_path),
            file_sha256=None if dataset_path is None else file_sha256(dataset_path),
            examples_sha256=meta.examples_sha256,
            kind=meta.dataset,
            task=None if meta.task is None else meta.task.value,
            teacher_source=meta.teacher_source,
            teacher_model=meta.teacher_model,
            base_sha256=None if base is None else base.sha256,
            counts=count_examples(dataset.examples),
            used=used,
            teacher_cost=meta.generation_cost,
            base_cost=None if base is None else Cost(**asdict(base.cost)),
            selection_prompt=meta.selection_prompt,
        ),
        config=tuple((key, json.dumps(value)) for key, value in asdict(config).items()),
        training=TrainingInfo(
            steps=int(trainer.state.global_step),
            epochs=float(trainer.state.epoch or 0.0),
            trainable_params=sum(p.numel() for p in params if p.requires_grad),
            total_params=sum(p.numel() for p in params),
            tokens_seen=int(trainer.state.num_input_tokens_seen),
            epoch_tokens=sum(len(ids) for ids in processed["input_ids"]),
            epoch_completion_tokens=sum(sum(t != IGNORED for t in labels) for labels in processed["labels"]),
            final_loss=float(losses[-1]) if losses else None,
            sessions_s=tuple(sessions),
            resumed_from=plan.checkpoint.name if plan.checkpoint is not None else None,
        ),
        machine=MachineInfo(
            platform=platform.platform(),
            python=platform.python_version(),
            torch=torch.__version__,
            cpu_count=os.cpu_count() or 1,
            threads=torch.get_num_threads(),
            device=str(trainer.args.device),
        ),
    )
