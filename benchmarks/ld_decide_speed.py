"""Whole LD pursuit decisions with three selection scorers, side by side in one process.

Run: ``.venv/bin/python benchmarks/ld_decide_speed.py [--games 6] [--reps 2]
[--adapter runs/demo/ld-adapter] [--before 99e4a96]`` (needs the git history for
``--before``). The LD selector decides the first step of ``--games`` restricted-free test
games for all three blue dots, ``--reps`` times per scorer, alternating scorers:

- ``before``: ``logicdistill/llm/scoring.py`` as it was at commit ``--before`` (each prompt's
  suffix then its candidates, no trie), loaded from git into a temporary module;
- ``trie``: today's :class:`~logicdistill.llm.scoring.PrefixScorer` with ``keep_tokens=0``
  (nothing kept from one call to the next);
- ``trie + kept``: today's scorer with its default ``keep_tokens``.

Prints seconds per scorer, the speed-up over ``before``, and whether all three made the
same decisions. One torch thread (``--threads``), so mind other jobs on the machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from logicdistill.llm import scoring


def _scorer_at(commit: str):
    source = subprocess.run(
        ["git", "show", f"{commit}:logicdistill/llm/scoring.py"], check=True, capture_output=True, text=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "scoring_before.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("scoring_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.PrefixScorer()


def main() -> int:
    import torch

    from logicdistill.agents.registry import Models, _ld_selector
    from logicdistill.evaluation.harness import pursuit_games
    from logicdistill.tasks import pursuit as pt
    from logicdistill.tasks.base import TaskName

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=6)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--adapter", type=Path, default=Path("runs/demo/ld-adapter"))
    parser.add_argument("--before", default="99e4a96")
    args = parser.parse_args()
    if not (args.adapter / "adapter_config.json").is_file():
        print(f"no LD adapter at {args.adapter}: run `make demo` or pass --adapter", file=sys.stderr)
        return 2
    torch.set_num_threads(args.threads)
    selector = _ld_selector(Models(ld_adapters={TaskName.PURSUIT: args.adapter}), TaskName.PURSUIT)
    model = selector.model
    views = [
        (pt.state_dict(g.config, g.start, dot), pt.state_text(g.config, g.start, dot))
        for g in pursuit_games(args.games)
        for dot in range(3)
    ]
    scorers = {
        "before": _scorer_at(args.before),
        "trie": scoring.PrefixScorer(keep_tokens=0),
        "trie + kept": scoring.PrefixScorer(),
    }
    seconds = dict.fromkeys(scorers, 0.0)
    decisions = {}
    for scorer in scorers.values():  # warm-up: each scorer builds its static prefix
        model._scorer = scorer
        selector.decide(views[:1])
    for _ in range(args.reps):
        for name, scorer in scorers.items():
            model._scorer = scorer
            started = time.perf_counter()
            decisions[name] = repr(selector.decide(views))
            seconds[name] += time.perf_counter() - started
    print(f"{len(views)} dot decisions x {args.reps}, {args.threads} torch thread(s)")
    for name, spent in seconds.items():
        print(f"{name}: {spent:.1f} s, speed-up over before: {seconds['before'] / spent:.2f}")
    print("same decisions:", len(set(decisions.values())) == 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
