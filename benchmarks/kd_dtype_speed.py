"""KD pursuit answers in float32 and in bfloat16, side by side: decisions per second and agreement.

Run: ``.venv/bin/python benchmarks/kd_dtype_speed.py [--adapter runs/demo/kd-adapter] [--games 32]
[--batch 16] [--threads 2]``.

The KD agent's pursuit decision is one greedy generation after a prompt of about 800
tokens (the rules, the position, 13 candidate cells per dot), most of it run for each
game, so the Table 1 and 2 KD rows cost hours on a 2-core CPU. This script generates
the KD answers for the first ``--games`` Table 2 starts (their restricted boards, as the
KD row sees them) once per dtype, with the same adapter, batch size and threads, and
prints each dtype's decisions per second, their ratio, and how many answers are the
same text in both. bfloat16 is only fast on CPUs with bfloat16 instructions
(``avx512_bf16`` or AMX on x86); elsewhere it may be slower. The benchmark's agents
run in float32 (``LocalModelConfig.dtype``); nothing here changes them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adapter", type=Path, default=Path("runs/demo/kd-adapter"))
    parser.add_argument("--games", type=int, default=32)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if not (args.adapter / "adapter_config.json").is_file():
        print(f"no KD adapter at {args.adapter}: `make demo` trains one", file=sys.stderr)
        return 2

    from logicdistill.agents.prompted import DECODING
    from logicdistill.games.pursuit import restricted_test_games
    from logicdistill.llm.factory import DEFAULT_STUDENT, load_model
    from logicdistill.llm.local import DType, LocalModelConfig
    from logicdistill.training.kd_prompt import pursuit_chat

    chats = [pursuit_chat(config, start) for config, start in restricted_test_games()[: args.games]]
    answers, speeds = {}, {}
    for dtype in (DType.FLOAT32, DType.BFLOAT16):
        local = LocalModelConfig(threads=args.threads, dtype=dtype, generate_batch_size=args.batch)
        model = load_model(DEFAULT_STUDENT, adapter=args.adapter, local=local)
        model.generate(chats[:2], DECODING)  # warm-up: builds the cached rules prefix
        started = time.perf_counter()
        answers[dtype] = model.generate(chats, DECODING)
        speeds[dtype] = len(chats) / (time.perf_counter() - started)
        print(f"{dtype.value}: {speeds[dtype]:.3f} decisions/s")
    same = sum(a == b for a, b in zip(answers[DType.FLOAT32], answers[DType.BFLOAT16], strict=True))
    print(f"bfloat16 / float32 speed: {speeds[DType.BFLOAT16] / speeds[DType.FLOAT32]:.2f}")
    print(f"same answer text in both: {same} of {len(chats)}")
    setup = f"adapter {args.adapter}, batch {args.batch}, {args.threads} threads"
    print(f"({len(chats)} KD pursuit prompts, {setup})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
