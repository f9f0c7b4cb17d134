"""Recall@K of BM25, the bundled dense retriever and the fine-tuned dense retriever on held-out states.

    .venv/bin/python benchmarks/retrieval_recall.py [--heldout 50] [--train-positions 60] [--threads 1]

The function base is the synthetic distractor base (both games' reference
functions among other tasks' functions, mutated variants and
near-duplicates; ``logicdistill retrieve-base``). Queries are the links of
the reference chain (the right function at each stage) at held-out
positions: the benchmark's own test starts (half on the open board, half
with their restricted area) and deals, which fine-tuning never sees (it
draws training positions with ``RETRIEVER_SEED``, and the position sampler
skips benchmark starts and deals). Prints one Markdown table with the
command and the machine; the fine-tuned model goes to ``--work``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from logicdistill.functions.store import save
from logicdistill.paths import cache_dir
from logicdistill.reference import load_reference
from logicdistill.retrieval.distractors import DEFAULT_SEED, build_distractor_base
from logicdistill.retrieval.factory import make_retriever, open_retriever
from logicdistill.retrieval.finetune import FinetuneConfig, finetune, read_metadata
from logicdistill.retrieval.labels import labelled_queries
from logicdistill.retrieval.recall import DEFAULT_KS, recall_at
from logicdistill.tasks.base import TaskName
from logicdistill.training.positions import heldout_points

REFERENCE_NAMES = frozenset(spec.name for task in TaskName for spec in load_reference(task).functions)


class WithoutApplied:
    """A retriever whose queries lose their ``applied`` names (names of other functions mislead BM25)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.method = inner.method
        self.names = inner.names

    def search(self, queries, k):
        return self.inner.search([replace(q, applied=()) for q in queries], k)


def trained(base, folder: Path, config: FinetuneConfig, miner, fresh: bool) -> dict:
    """The metadata of the model in ``folder``, trained first when missing (or when ``fresh``)."""
    meta = read_metadata(folder)
    if fresh or meta is None:
        if folder.exists():
            import shutil

            shutil.rmtree(folder)
        finetune(base, folder, config, miner=miner)
        meta = read_metadata(folder)
    return meta


def miss_kind(answer: str, top: str) -> str:
    """What the top-1 hit is, relative to the right function."""
    if top == answer:
        return "right"
    if top.startswith(answer + "_") and top not in REFERENCE_NAMES:
        return "near-duplicate of the right one"
    return "other reference function" if top in REFERENCE_NAMES else "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", type=int, default=50, help="held-out positions per task")
    defaults = FinetuneConfig()
    parser.add_argument(
        "--train-positions", type=int, default=defaults.positions_per_task, help="training positions per task"
    )
    parser.add_argument("--epochs", type=int, default=defaults.epochs)
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the base, index and model")
    parser.add_argument("--fresh", action="store_true", help="retrain even when a fine-tuned model exists")
    args = parser.parse_args(argv)

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    work = args.work or cache_dir("retrieval-benchmark")
    work.mkdir(parents=True, exist_ok=True)
    base = build_distractor_base(TaskName.PURSUIT, seed=DEFAULT_SEED)
    base_path = save(base, work / "distractors.json")
    config = FinetuneConfig(positions_per_task=args.train_positions, epochs=args.epochs)
    model_dir = work / f"finetuned-p{args.train_positions}-e{args.epochs}"
    # Transfer to functions never trained on: fine-tuned on pursuit positions only, also scored on 21 points.
    pursuit_only = replace(config, tasks=(TaskName.PURSUIT,))
    pursuit_dir = work / f"finetuned-pursuit-only-p{args.train_positions}-e{args.epochs}"

    labelled = {task: labelled_queries(heldout_points(task, args.heldout)) for task in TaskName}
    timings: dict[str, float] = {}

    started = time.perf_counter()
    before = open_retriever(base_path, "dense")
    before.embeddings  # noqa: B018 - build (or load) the saved index now, to time it apart
    timings["index (MiniLM)"] = time.perf_counter() - started

    meta = trained(base, model_dir, config, before, args.fresh)
    pursuit_meta = trained(base, pursuit_dir, pursuit_only, before, args.fresh)

    retrievers = {
        "BM25 (bm25s)": make_retriever(base, "bm25"),
        "BM25 (bm25s), query without the functions already run": WithoutApplied(make_retriever(base, "bm25")),
        "dense all-MiniLM-L6-v2, before fine-tuning": before,
        "dense all-MiniLM-L6-v2, fine-tuned": open_retriever(base_path, "dense", model=model_dir),
        "dense all-MiniLM-L6-v2, fine-tuned on pursuit only": open_retriever(
            base_path, "dense", model=pursuit_dir
        ),
    }
    rows = []
    misses: dict[str, Counter] = {}
    queries = [q for task in TaskName for q in labelled[task]]
    for name, retriever in retrievers.items():
        started = time.perf_counter()
        per_task = {task: recall_at(retriever, labelled[task], DEFAULT_KS) for task in TaskName}
        everything = recall_at(retriever, queries, DEFAULT_KS)
        timings[name] = time.perf_counter() - started
        rows += [(name, task.value, per_task[task]) for task in TaskName] + [(name, "both", everything)]
        tops = retriever.search([q.query for q in queries], 1)
        misses[name] = Counter(
            miss_kind(q.answer, top[0].function) for q, top in zip(queries, tops, strict=True)
        )

    command = shlex.join([Path(sys.executable).name, *sys.argv])
    print(f"Command: `{command}`  ")
    cpus = os.cpu_count()
    print(
        f"Machine: {platform.machine()}, {cpus} CPU cores visible, torch {torch.__version__} with "
        f"{torch.get_num_threads()} threads, Python {platform.python_version()}  "
    )
    counts = {task.value: len(labelled[task]) for task in TaskName}
    print(
        f"Base: {len(base.functions)} functions (distractor seed {DEFAULT_SEED}); held-out queries: {counts} "
        f"from {args.heldout} positions per task  "
    )
    per_task = meta["config"]["positions_per_task"]
    print(
        f"Fine-tuning: {meta['rows']} training rows ({per_task} positions per task, "
        f"{meta['config']['negatives']} negatives), {meta['steps']} steps of batch {meta['batch_size']}, "
        f"{meta['wall_s']} s, mean training loss {meta['mean_loss']:.3f}  "
    )
    print(
        f"Fine-tuning on pursuit only: {pursuit_meta['rows']} rows, {pursuit_meta['steps']} steps of batch "
        f"{pursuit_meta['batch_size']}, {pursuit_meta['wall_s']} s (its 21-points rows measure transfer to "
        "functions and a task it never saw)  "
    )
    print()
    ks = DEFAULT_KS
    print("| retriever | task | queries | " + " | ".join(f"R@{k}" for k in ks) + f" | MRR@{ks[-1]} |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in ks) + " | --- |")
    for name, task, result in rows:
        cells = " | ".join(f"{value:.3f}" for value in result.recall)
        print(f"| {name} | {task} | {result.queries} | {cells} | {result.mrr:.3f} |")
    print()
    kinds = ("right", "near-duplicate of the right one", "other reference function", "other")
    print("Top-1 hit, all queries: | retriever | " + " | ".join(kinds) + " |")
    print("| --- | " + " | ".join("---" for _ in kinds) + " |")
    for name, counted in misses.items():
        print(f"| {name} | " + " | ".join(str(counted[kind]) for kind in kinds) + " |")
    print()
    print("Seconds: " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in timings.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
