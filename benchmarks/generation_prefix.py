"""Batched generation with and without the shared-prefix cache, side by side in one process.

Run: ``.venv/bin/python benchmarks/generation_prefix.py [--task pursuit|twentyone]
[--prompts 32] [--reps 2] [--adapter runs/demo/kd-adapter] [--threads 2]``. It generates
the KD / prompted agents' answers (their prompts, their greedy decoding) for the first
``--prompts`` test starts (pursuit: the blue side's prompt; 21 points: the first seat's
prompt of each deal), ``--reps`` times per path, alternating the paths:

- ``plain``: one ``generate`` per batch of 16, left-padded, every prompt token run;
- ``prefix``: the tokens every prompt of the batch starts with (the rules text) run once
  and kept between batches, each prompt's own tokens after them.

Prints seconds per path, the speed-up, the shared prefix against the mean prompt length,
and whether both paths wrote the same answers. Mind other jobs on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> int:
    from logicdistill.agents.prompted import DECODING
    from logicdistill.games import pursuit, twentyone
    from logicdistill.llm.factory import load_model
    from logicdistill.llm.local import LocalModelConfig
    from logicdistill.training import kd_prompt

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=["pursuit", "twentyone"], default="pursuit")
    parser.add_argument("--prompts", type=int, default=32)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--adapter", type=Path, default=Path("runs/demo/kd-adapter"))
    args = parser.parse_args()
    adapter = args.adapter if (args.adapter / "adapter_config.json").is_file() else None
    if adapter is None:
        print(f"no adapter at {args.adapter}: the untuned student (the prompted agent) answers")
    if args.task == "pursuit":
        config = pursuit.PursuitConfig()
        chats = [kd_prompt.pursuit_chat(config, s) for s in pursuit.test_starts(config)[: args.prompts]]
    else:
        deals = [twentyone.deal_from_seed(s) for s in twentyone.DEAL_SEEDS[: args.prompts]]
        chats = [kd_prompt.twentyone_chat(d, 0) for d in deals]
    models = {
        name: load_model(
            "smollm2-135m",
            adapter=adapter,
            local=LocalModelConfig(threads=args.threads, fast_generation=fast),
        )
        for name, fast in (("plain", False), ("prefix", True))
    }
    for model in models.values():  # warm-up: the prefix path builds its prefix here
        model.generate(chats[:2], DECODING)
    seconds = dict.fromkeys(models, 0.0)
    answers = {}
    for _ in range(args.reps):
        for name, model in models.items():
            started = time.perf_counter()
            answers[name] = model.generate(chats, DECODING)
            seconds[name] += time.perf_counter() - started
    fast = models["prefix"]
    lengths = [len(fast.prompt_ids(c)) for c in chats]
    print(
        f"{args.task}: {len(chats)} prompts x {args.reps}, {args.threads} torch thread(s), "
        f"adapter {adapter or 'none'}"
    )
    mean_length = sum(lengths) / len(lengths)
    print(f"shared prefix {fast.generation_prefix.length} tokens of {mean_length:.0f} on average")
    for name, spent in seconds.items():
        print(f"{name}: {spent:.1f} s ({spent / args.reps / len(chats):.3f} s per prompt)")
    print(f"speed-up of prefix over plain: {seconds['plain'] / seconds['prefix']:.2f}")
    same = sum(a == b for a, b in zip(answers["plain"], answers["prefix"], strict=True))
    print(f"same answers: {same}/{len(chats)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
