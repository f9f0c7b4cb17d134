"""Seconds per LoRA training step: TRL's own SFT loss against ours (LM head on completions only).

    python benchmarks/training_speed.py [--preset demo] [--steps 4] [--threads 2]

Builds the preset's LD data as ``logicdistill train ld`` does and, for each
variant, trains a fresh adapter for ``--steps`` optimiser steps on the same
batches (same seed), timing every step after the first (the first pays for
warm-up). Variants: ``trl`` (``trl.SFTTrainer`` as it is: on a CPU it projects
every position through the LM head), ``ours`` (``training.completion_loss``,
what ``logicdistill train`` uses) and ``ours-no-dropout`` (the same with
``lora_dropout`` 0). Prints a markdown table, the losses of each step (the two
losses must agree) and the speed-ups; it writes nothing but a scratch folder.
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
from logicdistill.training.completion_loss import completion_trainer_class
from logicdistill.training.presets import get_preset, ld_dataset
from logicdistill.training.run_dir import Fingerprint, plan_run, start_run


def step_times(trainer_class, config, rows, model, out: Path) -> tuple[list[float], list[float]]:
    """Seconds of each optimiser step and the loss logged at each, for a fresh adapter."""
    import datasets
    from transformers import TrainerCallback

    times: list[float] = []

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
    trainer.train()
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    trainer.model.unload()  # take the LoRA layers out again: the next variant starts from the bare student
    return times, losses


def main(argv: list[str] | None = None) -> int:
    from trl import SFTTrainer

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--preset", default="demo")
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
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
        "ours": (completion_trainer_class(), base),
        "ours-no-dropout": (completion_trainer_class(), dataclasses.replace(base, lora_dropout=0.0)),
    }
    data = ld_dataset(preset)
    model = sft.load_student(base)
    rows = sft.training_rows(model, data.examples)
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, (trainer_class, config) in variants.items():
            times, losses = step_times(trainer_class, config, rows, model, Path(scratch) / name)
            results[name] = (statistics.mean(times[1:]), losses)
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {args.threads} torch threads")
    print(
        f"data: {args.preset} preset LD ({len(rows)} examples), batch {base.batch_size}, {args.steps} steps\n"
    )
    print("| variant | s / step (steps 2..) | losses per step |")
    print("| --- | ---: | --- |")
    for name, (seconds, losses) in results.items():
        print(f"| {name} | {seconds:.2f} | {', '.join(f'{x:.4f}' for x in losses)} |")
    trl_seconds = results["trl"][0]
    for name in ("ours", "ours-no-dropout"):
        print(f"\n{name}: {trl_seconds / results[name][0]:.2f}x faster per step than trl")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
