"""What LD and KD training cost: examples, tokens per epoch, and wall time at a measured speed.

    python benchmarks/training_cost.py [--adapters runs/demo]

For each preset, builds the LD and the (offline) KD datasets exactly as
``logicdistill train`` does and counts their tokens with the student's own
tokenizer and chat template (prompt + completion + end token, what one epoch
feeds the model). With ``--adapters DIR`` holding finished ``ld-adapter`` and
``kd-adapter`` folders (the demo's), it reads their measured training speed
(tokens seen / wall time, from their metadata) and projects each preset's wall
time at that speed. Prints a markdown table; the last line is the KD / LD token
ratio of the full preset.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from logicdistill.llm.factory import load_model
from logicdistill.training.adapter_metadata import read_metadata
from logicdistill.training.presets import PRESETS, kd_dataset, ld_dataset
from logicdistill.training.sft import training_rows


def epoch_tokens(model, dataset) -> tuple[int, int]:
    """Tokens of one pass over ``dataset`` and the completion tokens among them (loss is on these)."""
    rows = training_rows(model, dataset.examples)
    end = model.tokenizer.eos_token or ""
    prompts = model.tokenizer([r["prompt"] for r in rows], add_special_tokens=False)["input_ids"]
    answers = model.tokenizer([r["completion"] + end for r in rows], add_special_tokens=False)["input_ids"]
    return sum(map(len, prompts)) + sum(map(len, answers)), sum(map(len, answers))


def measured_speed(folder: Path) -> float | None:
    if not (folder / "logicdistill-adapter.json").is_file():
        return None
    training = read_metadata(folder).training
    return training.tokens_seen / sum(training.sessions_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--adapters", type=Path, help="folder holding ld-adapter/ and kd-adapter/")
    parser.add_argument("--presets", default="demo,full")
    args = parser.parse_args(argv)
    model = load_model("smollm2-135m")
    speed = {}
    if args.adapters is not None:
        speed = {kind: measured_speed(args.adapters / f"{kind}-adapter") for kind in ("ld", "kd")}
    print(
        "| preset | data | examples | tokens / epoch | completion tokens / epoch | epochs | est. wall time |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    totals = {}
    for name in args.presets.split(","):
        preset = PRESETS[name]
        for kind, build in (("ld", ld_dataset), ("kd", kd_dataset)):
            data = build(preset)
            tokens, completion = epoch_tokens(model, data)
            totals[(name, kind)] = tokens
            rate = speed.get(kind)
            wall = f"{tokens * preset.train.epochs / rate / 60:.1f} min" if rate else "–"
            print(
                f"| {name} | {kind.upper()} | {len(data.examples)} | {tokens:,} | {completion:,} | "
                f"{preset.train.epochs:g} | {wall} |"
            )
    for kind, rate in speed.items():
        if rate:
            where = args.adapters / f"{kind}-adapter"
            print(f"\nmeasured {kind.upper()} training speed: {rate:.0f} tokens/s ({where})")
    if ("full", "ld") in totals:
        print(
            f"KD / LD tokens per epoch (full preset): {totals[('full', 'kd')] / totals[('full', 'ld')]:.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
