"""Naive vs fast selection by likelihood with the bundled student (issue 3, DESIGN §4).

Run: ``.venv/bin/python benchmarks/selection.py`` (about 8 minutes on 2 cores;
``--prompts 8`` for a quick look). Builds 64 realistic selection prompts: one
long static system prompt (pursuit rules + a function manual, 500+ tokens), a
short varying game state, and 8 candidate function names each. Scores them

- naively: every prompt + candidate as one full sequence, one forward pass each;
- fast: :class:`~logicdistill.llm.scoring.PrefixScorer` from a cold start (the
  shared prefix is computed inside the timed region), and again warm;

checks that both choose the same candidates with scores within ``--tolerance``,
and prints ``speedup: X`` (naive time / cold fast time) as its last line.
``--generation`` also measures greedy batched generation in tokens/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

from logicdistill.llm import GenerationConfig, chat, load_model
from logicdistill.llm.local import LocalModelConfig
from logicdistill.llm.scoring import PrefixScorer, naive_scores

FUNCTIONS = (
    (
        "list_blue_moves",
        "all cells a blue dot can reach this step (Manhattan distance 0-2, inside the board)",
    ),
    ("list_orange_moves", "all cells the orange dot can reach next step (distance 0-1)"),
    ("drop_occupied_cells", "removes cells already taken by another blue dot"),
    ("drop_restricted_area", "removes cells inside the restricted area, when the game has one"),
    ("closest_to_orange", "keeps the cells with the smallest Manhattan distance to the orange dot"),
    ("cut_escape_routes", "keeps the cells that leave the orange dot the fewest safe replies"),
    ("spread_around_target", "assigns blue dots to different sides of the orange dot"),
    ("keep_current_cell", "returns the blue dot's own cell (stay in place)"),
    ("pick_first", "returns the first cell of a list, deterministic tie-break"),
    ("capture_check", "true when every blue dot is within distance 1 of the orange dot"),
    ("corner_distance", "distance from a cell to the nearest board corner"),
    ("random_legal_move", "any legal cell, for exploration only"),
)

RULES = (
    "You control three blue dots on a 21 by 21 grid. Cells are (x, y) with 0 <= x, y <= 20. "
    "An orange dot moves after the blue side. Each step every blue dot moves to a cell at Manhattan "
    "distance at most 2 from its current cell, or stays. Two blue dots may not end on the same cell. "
    "A blue dot may not leave the board. The orange dot moves at most 1 cell per step and tries to keep "
    "away from the blue dots. The game is won when every blue dot is at Manhattan distance less than 2 "
    "from the orange dot. The game is lost after 100 steps, or after more than 7 illegal choices. "
    "Illegal choices are counted and the illegal move is replaced by staying in place. "
)


def system_prompt() -> str:
    manual = "\n".join(
        f"- {name}(state, cells): {doc}. Used at stage {1 + i % 3}. Example: {name}(s, c) -> list of cells."
        for i, (name, doc) in enumerate(FUNCTIONS)
    )
    stages = (
        "Decision stages: stage 1 generates candidate cells, stage 2 filters them by the rules, "
        "stage 3 ranks the remaining cells and picks one. At every stage you call exactly one function "
        "from the function base; its output is the next stage's input."
    )
    return f"Rules of the pursuit game.\n{RULES}\n\n{stages}\n\nFunction base (user manual):\n{manual}"


def selection_problems(count: int, rng: np.random.Generator) -> tuple[list, list[list[str]]]:
    system = system_prompt()
    names = [name for name, _ in FUNCTIONS]
    chats, candidates = [], []
    for _ in range(count):
        cells = rng.integers(0, 21, size=(4, 2))
        stage = int(rng.integers(1, 4))
        state = (
            f"Blue dots at {', '.join(f'({x}, {y})' for x, y in cells[:3])}; orange dot at "
            f"({cells[3][0]}, {cells[3][1]}). Step {int(rng.integers(1, 60))}, stage {stage}. "
            "Which function do you call? Answer with its name."
        )
        chats.append(chat(("system", system), ("user", state)))
        candidates.append([names[k] for k in rng.choice(len(names), size=8, replace=False)])
    return chats, candidates


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--tolerance", type=float, default=1e-3, help="max |naive - fast| log-prob")
    parser.add_argument("--pack-tokens", type=int, default=None, help="query tokens per packed pass")
    parser.add_argument("--generation", action="store_true", help="also measure generation tokens/s")
    args = parser.parse_args(argv)

    model = load_model("smollm2-135m", local=LocalModelConfig(threads=args.threads))
    chats, candidates = selection_problems(args.prompts, np.random.default_rng(0))
    prompts, conts = model.selection_ids(chats, candidates)
    lengths = [len(p) for p in prompts]
    print(
        f"prompts: {len(prompts)} x {len(conts[0])} candidates; prompt tokens {min(lengths)}-{max(lengths)}"
    )

    if args.generation:
        config = GenerationConfig(max_new_tokens=64)
        replies, seconds = timed(lambda: model.generate(chats[:8], config))
        tokens = sum(len(model.tokenizer(r, add_special_tokens=False)["input_ids"]) for r in replies)
        print(f"generation: {tokens} tokens for 8 chats in {seconds:.2f} s = {tokens / seconds:.1f} tokens/s")

    import torch

    with torch.inference_mode():  # first-call set-up of the CPU kernels stays out of both timings
        model.hf_model(input_ids=torch.tensor([prompts[0][:8]]))
    print(f"load average before: {os.getloadavg()[0]:.2f} (the machine has {os.cpu_count()} cores)")
    scorer = PrefixScorer() if args.pack_tokens is None else PrefixScorer(pack_tokens=args.pack_tokens)
    fast, fast_s = timed(lambda: scorer.score(model.hf_model, prompts, conts))
    print(f"shared prefix: {scorer.prefix_length} tokens")
    _, warm_s = timed(lambda: scorer.score(model.hf_model, prompts, conts))
    naive, naive_s = timed(lambda: naive_scores(model.hf_model, prompts, conts))

    print(f"load average after: {os.getloadavg()[0]:.2f}")
    naive_a, fast_a = np.array(naive), np.array(fast)
    same = bool((naive_a.argmax(axis=1) == fast_a.argmax(axis=1)).all())
    worst = float(np.abs(naive_a - fast_a).max())
    n = len(prompts)
    print(f"naive: {naive_s:.2f} s = {n / naive_s:.2f} selection calls/s")
    print(f"fast (cold prefix): {fast_s:.2f} s = {n / fast_s:.2f} selection calls/s")
    print(f"fast (warm prefix): {warm_s:.2f} s = {n / warm_s:.2f} selection calls/s")
    print(f"same choices: {same}; max |score difference|: {worst:.2e} (tolerance {args.tolerance:g})")
    if not same or worst > args.tolerance:
        print("MISMATCH between naive and fast scoring", file=sys.stderr)
        return 1
    print(f"speedup: {naive_s / fast_s:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
