"""What the KD student answers at the first position of Table 2's games, with and without the area.

Run: ``.venv/bin/python benchmarks/kd_answers.py [--adapter runs/demo/kd-adapter] [--games 16]
[--threads 2] [--show 3]``.

The KD rows of Tables 1 and 2 end mostly in violations. This script asks the KD
student (greedy, as the benchmark's ``kd`` agent) for the first move of the first
``--games`` Table 2 starts twice: with the restricted area in the prompt, as Table 2
plays them, and on the open board, as Table 1 does (the same start). For each of
the three destinations of every answer it counts where it lands: unreadable, one of
the dot's candidate cells (the prompt lists them), a cell of the start's Table 2 area
(in both prompts, so that the two rows compare), or a cell the position line names
(the orange dot or a blue dot) that is no candidate of that dot;
and how many answers are the same text in both prompts. Prints one markdown table
and the first ``--show`` answers; writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path


def where(cell, candidates, restricted, named) -> str:
    if cell is None:
        return "unreadable"
    if cell in candidates:
        return "restricted candidate" if cell in restricted else "candidate"
    if cell in restricted:
        return "restricted, no candidate"
    return "a cell of the position line" if cell in named else "elsewhere"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adapter", type=Path, default=Path("runs/demo/kd-adapter"))
    parser.add_argument("--games", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--show", type=int, default=3)
    args = parser.parse_args()
    if not (args.adapter / "adapter_config.json").is_file():
        print(f"no KD adapter at {args.adapter}: `make demo` trains one", file=sys.stderr)
        return 2

    from logicdistill.agents.prompted import DECODING
    from logicdistill.games.pursuit import PursuitConfig, blue_candidates, restricted_test_games
    from logicdistill.llm.factory import DEFAULT_STUDENT, load_model
    from logicdistill.llm.local import LocalModelConfig
    from logicdistill.training.kd_prompt import parse_pursuit_answer, pursuit_chat

    games = restricted_test_games()[: args.games]
    boards = {"with the area": [c for c, _ in games], "open board": [PursuitConfig()] * len(games)}
    model = load_model(DEFAULT_STUDENT, adapter=args.adapter, local=LocalModelConfig(threads=args.threads))
    answers = {
        name: model.generate([pursuit_chat(c, s) for c, (_, s) in zip(configs, games, strict=True)], DECODING)
        for name, configs in boards.items()
    }
    counts = {name: Counter() for name in boards}
    for name, configs in boards.items():
        for config, (area, start), text in zip(configs, games, answers[name], strict=True):
            named = {start.orange, *start.blues}
            for blue, cell in zip(start.blues, parse_pursuit_answer(text), strict=True):
                candidates = set(blue_candidates(config, blue, start.orange))
                counts[name][where(cell, candidates, area.restricted, named)] += 1
    kinds = sorted({kind for c in counts.values() for kind in c})
    print(f"KD adapter {args.adapter}, first move of the first {len(games)} Table 2 starts, 3 dots each\n")
    print("| prompt | " + " | ".join(kinds) + " |")
    print("| --- | " + " | ".join("---:" for _ in kinds) + " |")
    for name, c in counts.items():
        print(f"| {name} | " + " | ".join(str(c[k]) for k in kinds) + " |")
    same = sum(a == b for a, b in zip(*answers.values(), strict=True))
    print(f"\nthe same answer text with and without the area: {same} of {len(games)}")
    for i in range(min(args.show, len(games))):
        start, answer = games[i][1], answers["with the area"][i]
        print(f"\nstart {i}: orange {start.orange}, blues {list(start.blues)}: {answer!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
