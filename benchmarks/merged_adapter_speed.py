"""LD selections and KD generations with the LoRA adapter beside the weights and merged into them.

Run: ``.venv/bin/python benchmarks/merged_adapter_speed.py [--games 10] [--reps 2]
[--ld-adapter runs/demo/ld-adapter] [--kd-adapter runs/demo/kd-adapter] [--threads 1]``.
One model per adapter, loaded with ``merge_adapter=False``; each repetition times the same
work with the adapter beside the weights, then merged into them (PEFT's ``merge_adapter``,
what ``LocalModelConfig.merge_adapter`` does at attach time), then unmerged again, so both
rows see the same machine and load. The work: LD decides the first turn of ``--games``
21-points games and the first step of ``--games // 2`` pursuit games (all three blue dots);
KD answers the first turn of the 21-points games. A fresh scorer per timed run, so no row
reuses another's kept tokens.

Prints seconds per row, the speed-up of merging, and whether both made the same decisions
and replies. Mind other jobs on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from logicdistill.llm import scoring


def set_merged(peft_model, merged: bool) -> None:
    if merged != any(getattr(m, "merged", False) for m in peft_model.modules()):
        (peft_model.merge_adapter if merged else peft_model.unmerge_adapter)()


def main() -> int:
    import torch

    from logicdistill.agents.ld import LDSelector
    from logicdistill.agents.prompted import DECODING
    from logicdistill.evaluation.harness import pursuit_games, twentyone_games
    from logicdistill.llm.factory import load_model
    from logicdistill.llm.local import LocalModelConfig
    from logicdistill.reference import load_reference
    from logicdistill.retrieval.factory import make_retriever
    from logicdistill.tasks import pursuit as pt
    from logicdistill.tasks import twentyone as tt
    from logicdistill.training import kd_prompt

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--ld-adapter", type=Path, default=Path("runs/demo/ld-adapter"))
    parser.add_argument("--kd-adapter", type=Path, default=Path("runs/demo/kd-adapter"))
    args = parser.parse_args()
    for kind, folder in (("ld", args.ld_adapter), ("kd", args.kd_adapter)):
        if not (folder / "adapter_config.json").is_file():
            print(
                f"no {kind.upper()} adapter at {folder}: run `make demo` or pass --{kind}-adapter",
                file=sys.stderr,
            )
            return 2
    torch.set_num_threads(args.threads)
    local = LocalModelConfig(threads=args.threads, merge_adapter=False)
    ld_model = load_model("smollm2-135m", local=local, adapter=args.ld_adapter)
    kd_model = load_model("smollm2-135m", local=local, adapter=args.kd_adapter)
    deals = twentyone_games(args.games)
    selectors, views = {}, {}
    for task in ("twentyone", "pursuit"):
        base = load_reference(task)
        selectors[task] = LDSelector(base, ld_model, make_retriever(base, "bm25"))
    views["twentyone"] = [(tt.state_dict(g.start, g.seat), tt.selection_text(g.start, g.seat)) for g in deals]
    views["pursuit"] = [
        (pt.state_dict(g.config, g.start, dot), pt.state_text(g.config, g.start, dot))
        for g in pursuit_games(max(1, args.games // 2))
        for dot in range(3)
    ]
    kd_chats = [kd_prompt.twentyone_chat(g.start, g.seat) for g in deals]

    def work(name: str):
        if name == "kd 21 points":
            return kd_model.generate(kd_chats, DECODING)
        task = "twentyone" if name == "ld 21 points" else "pursuit"
        ld_model._scorer = scoring.PrefixScorer()
        return selectors[task].decide(views[task])

    names = ("ld 21 points", "ld pursuit", "kd 21 points")
    seconds = {(n, merged): 0.0 for n in names for merged in (False, True)}
    answers: dict[tuple[str, bool], str] = {}
    for name in names:  # warm-up
        work(name)
    for _ in range(args.reps):
        for merged in (False, True):
            for model in (ld_model, kd_model):
                set_merged(model.hf_model, merged)
            for name in names:
                started = time.perf_counter()
                answers[name, merged] = repr(work(name))
                seconds[name, merged] += time.perf_counter() - started
    dots = len(views["pursuit"])
    print(f"{args.games} 21-points turns, {dots} pursuit dots, x {args.reps}, {args.threads} thread(s)")
    print("| work | beside s | merged s | speed-up | same answers |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name in names:
        beside, merged = seconds[name, False], seconds[name, True]
        same = answers[name, False] == answers[name, True]
        print(f"| {name} | {beside:.1f} | {merged:.1f} | {beside / merged:.2f} | {same} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
