"""Does a KD adapter tell ``hit`` from ``stand`` on its own 21-points training examples?

Run: ``.venv/bin/python benchmarks/kd_twentyone_fit.py --adapter runs/kd-800 [--adapter runs/kd-21]
[--dataset runs/kd-full/dataset.jsonl] [--per-label 20] [--threads 1]``.

Takes the first ``--per-label`` 21-points examples labelled ``hit`` and as many labelled
``stand`` from a KD dataset file (the teacher's answers the adapter imitates), and for
each adapter prints, per label: how often its greedy answer (the KD agent's decoding) is
``hit`` and ``stand``, and its mean probability of ``hit`` against ``stand`` (the two
answers' likelihoods, normalised over the pair). An adapter that learned the rule
answers ``stand`` on the ``stand`` examples; one that learned only how often each label
occurs gives every example about the same probability.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path


def examples(dataset: Path, per_label: int) -> list:
    """The first ``per_label`` 21-points KD examples labelled ``hit``, then as many ``stand``."""
    from logicdistill.tasks.base import TaskName
    from logicdistill.training.dataset_file import load_dataset
    from logicdistill.training.records import KDExample

    kd = [ex for ex in load_dataset(dataset).examples if isinstance(ex, KDExample)]
    twentyone = [ex for ex in kd if ex.task is TaskName.TWENTYONE]
    return [
        ex for label in ("hit", "stand") for ex in [x for x in twentyone if x.answer == label][:per_label]
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adapter", type=Path, action="append", required=True)
    parser.add_argument("--dataset", type=Path, default=Path("runs/kd-full/dataset.jsonl"))
    parser.add_argument("--per-label", type=int, default=20)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    if not args.dataset.is_file():
        print(
            f"no dataset at {args.dataset}: `logicdistill train kd ... --save-dataset FILE` writes one",
            file=sys.stderr,
        )
        return 2

    from logicdistill.agents.prompted import DECODING
    from logicdistill.llm.factory import DEFAULT_STUDENT, load_model
    from logicdistill.llm.local import LocalModelConfig
    from logicdistill.training.kd_prompt import parse_twentyone_answer

    cases = examples(args.dataset, args.per_label)
    chats = [case.chat for case in cases]
    print(f"{len(cases)} examples of 21 points from {args.dataset}")
    print("| adapter | label | n | answers hit | answers stand | other | mean P(hit) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for adapter in args.adapter:
        model = load_model(DEFAULT_STUDENT, adapter=adapter, local=LocalModelConfig(threads=args.threads))
        answers = [parse_twentyone_answer(reply) for reply in model.generate(chats, DECODING)]
        picks = model.select(chats, [["hit", "stand"]] * len(chats))
        for label in ("hit", "stand"):
            mine = [i for i, case in enumerate(cases) if case.answer == label]
            said = [str(answers[i]) for i in mine]
            p_hit = [1 / (1 + math.exp(picks[i].scores[1] - picks[i].scores[0])) for i in mine]
            hits, stands = said.count("hit"), said.count("stand")
            row = [
                adapter,
                label,
                len(mine),
                hits,
                stands,
                len(mine) - hits - stands,
                f"{sum(p_hit) / len(mine):.2f}",
            ]
            print("| " + " | ".join(str(x) for x in row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
