"""Seconds per LoRA training step: TRL's own SFT loss against ours (LM head on completions only),
and ours in float32 against bfloat16 mixed precision.

    python benchmarks/training_speed.py [--preset demo] [--data ld|kd] [--steps 8] [--threads 2]
        [--variants trl,ours-random-order,ours,ours-bf16]

Builds the preset's LD (or KD) data as ``logicdistill train`` does and, for each
variant, trains a fresh adapter for ``--steps`` optimiser steps on the same
batches (same seed), timing every step after the first (the first pays for
warm-up), all with the preset's settings. Variants: ``trl`` (``trl.SFTTrainer``
as it is: on a CPU it projects every position through the LM head),
``ours-random-order`` (``training.completion_loss``: the LM head on completions
only; its losses must equal trl's), ``ours`` (that loss and batches of
similar length, ``training.batching``: what ``logicdistill train`` uses; other
batches, so other losses) and ``ours-bf16`` (the same with ``--bf16``: bfloat16
autocast, the same batches; its losses differ from ``ours``'s by rounding only).
Prints a markdown table with the tokens each step ran (padding included) and the
speed-ups of the variants run; it writes nothing but a scratch folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from logicdistill.training import sft
from logicdistill.training.batching import SimilarLengthSampler, padded_tokens
from logicdistill.training.presets import get_preset, kd_dataset, ld_dataset
from logicdistill.training.run_dir import Fingerprint, plan_run, start_run

VARIANTS = ("trl", "ours-random-order", "ours", "ours-bf16")


def step_times(trainer_class, config, rows, model, out: Path) -> tuple[list[float], list[float], list[int]]:
    """Seconds of each optimiser step, the loss logged at each and the tokens it ran, for a fresh adapter."""
    import datasets
    from transformers import TrainerCallback

    times: list[float] = []
    tokens: list[int] = []

    class Clock(TrainerCallback):
        def on_step_begin(self, args, state, control, **kwargs):
            self.started = time.perf_counter()

        def on_step_end(self, args, state, control, **kwargs):
            times.append(time.perf_counter() - self.started)

    fingerprint = Fingerprint.of(config, "speed")
    plan = plan_run(out, fingerprint, overwrite=True, resume=False)
    start_run(plan, fingerprint)
    trainer = trainer_class(
        model=model.hf_model,
        args=sft.sft_arguments(config, plan),
        train_dataset=datasets.Dataset.from_list(rows),
        processing_class=model.tokenizer,
        peft_config=sft.lora_config(config),
        callbacks=[Clock()],
    )
    original = trainer.compute_loss

    def counting_loss(model, inputs, *args, **kwargs):
        tokens.append(int(inputs["input_ids"].numel()))
        return original(model, inputs, *args, **kwargs)

    trainer.compute_loss = counting_loss
    trainer.train()
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    trainer.model.unload()  # take the LoRA layers out again: the next variant starts from the bare student
    return times, losses, tokens


def padding_share(lengths: list[int], batch_size: int, epochs: int = 50) -> tuple[float, float]:
    """Padding tokens per real token over ``epochs`` random epochs: random batches, similar-length ones."""
    import torch

    torch.manual_seed(0)
    sampler = SimilarLengthSampler(lengths, batch_size)
    real = sum(lengths) * epochs
    shuffled = sum(
        padded_tokens(lengths, torch.randperm(len(lengths)).tolist(), batch_size) for _ in range(epochs)
    )
    similar = sum(padded_tokens(lengths, list(sampler), batch_size) for _ in range(epochs))
    return shuffled / real - 1, similar / real - 1


def main(argv: list[str] | None = None) -> int:
    from trl import SFTTrainer

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--preset", default="demo")
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", choices=("ld", "kd"), default="ld")
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated, from: " + ", ".join(VARIANTS)
    )
    args = parser.parse_args(argv)
    chosen = [v.strip() for v in args.variants.split(",") if v.strip()]
    if unknown := [v for v in chosen if v not in VARIANTS]:
        parser.error(f"unknown variant(s) {', '.join(unknown)} (known: {', '.join(VARIANTS)})")
    preset = get_preset(args.preset)
    base = dataclasses.replace(
        preset.train,
        threads=args.threads,
        max_steps=args.steps,
        logging_steps=1,
        progress=False,
        save_steps=10**6,
    )
    variants = {
        "trl": (SFTTrainer, base),
        "ours-random-order": (sft.trainer_class(similar_lengths=False), base),
        "ours": (sft.trainer_class(similar_lengths=True), base),
        "ours-bf16": (sft.trainer_class(similar_lengths=True), dataclasses.replace(base, bf16=True)),
    }
    data = ld_dataset(preset) if args.data == "ld" else kd_dataset(preset)
    model = sft.load_student(base)
    rows = sft.training_rows(model, data.examples)
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in chosen:
            trainer_class, config = variants[name]
            results[name] = step_times(trainer_class, config, rows, model, Path(scratch) / name)
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {args.threads} torch threads")
    print(
        f"data: {args.preset} preset {args.data.upper()} ({len(rows)} examples), batch {base.batch_size}, "
        f"{args.steps} steps\n"
    )
    print("| variant | s / step (steps 2..) | tokens / step, padding included | losses per step |")
    print("| --- | ---: | ---: | --- |")
    seconds = {}
    for name, (times, losses, tokens) in results.items():
        seconds[name] = statistics.mean(times[1:])
        losses_text = ", ".join(f"{x:.4f}" for x in losses)
        print(f"| {name} | {seconds[name]:.2f} | {statistics.mean(tokens):.0f} | {losses_text} |")
    lengths = sft.token_lengths(model.tokenizer, rows)
    random_pad, similar_pad = padding_share(lengths, base.batch_size)
    print(
        f"\npadding per real token over 50 epochs: random batches {random_pad:.1%}, "
        f"similar-length batches {similar_pad:.1%}"
    )
    for name, reference in (("ours-random-order", "trl"), ("ours", "trl"), ("ours-bf16", "ours")):
        if name in seconds and reference in seconds:
            print(f"\n{name}: {seconds[reference] / seconds[name]:.2f}x faster per step than {reference}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
