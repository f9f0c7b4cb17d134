"""Selection accuracy of the LD student per stage, before and after fine-tuning, per candidate source.

    python benchmarks/selection_accuracy.py --adapter runs/demo/ld-adapter [--positions 24] [--k 4]

Held-out positions are the benchmark's own test starts and deals (never in the
training data). Candidate sources: ``oracle`` (every function of the stage being
filled, so every error is the student's), and the top-K of the dense (bundled
MiniLM) and BM25 retrievers over the task's large distractor base (360
functions), so a retrieval miss and a wrong pick are counted apart: ``recall`` is
the share of cases whose right function was among the candidates, ``accuracy``
the share the student got right, ``given recall`` its share when it could.
Prints one markdown table per game; nothing is written unless ``--out`` is given.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tqdm import tqdm

from logicdistill.llm.factory import load_model
from logicdistill.retrieval.distractors import build_distractor_base
from logicdistill.retrieval.factory import make_retriever
from logicdistill.training import selection_eval
from logicdistill.training.candidates import RetrievedCandidates, StageCandidates
from logicdistill.training.ld_data import resolve_base

SOURCES = ("oracle", "dense", "bm25")


def candidate_source(name: str, base, pool, k: int):
    if name == "oracle":
        return StageCandidates(base)
    return RetrievedCandidates(name, make_retriever(pool, name), pool, k)


def measure(model, cases) -> list:
    with tqdm(total=len(cases), desc="selections", leave=False) as bar:
        return selection_eval.select_all(model, cases, progress=bar.update)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--adapter", type=Path, help="LD adapter folder (omit: the untuned student only)")
    parser.add_argument("--student", default="smollm2-135m")
    parser.add_argument("--positions", type=int, default=24, help="held-out positions per game")
    parser.add_argument("--k", type=int, default=4, help="candidates a retriever hands the student")
    parser.add_argument("--tasks", default="pursuit,twentyone")
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--out", type=Path, help="also write the tables to this markdown file")
    args = parser.parse_args(argv)
    if args.adapter is not None and not (args.adapter / "adapter_config.json").is_file():
        parser.error(f"no adapter in {args.adapter}")
    started = time.perf_counter()
    models = {"before": load_model(args.student)}
    if args.adapter is not None:
        models["after"] = load_model(args.student, adapter=args.adapter)
    sections = []
    for task in args.tasks.split(","):
        base = resolve_base(task).base
        pool = build_distractor_base(task)
        slots = selection_eval.heldout_slots(base, args.positions)
        before, after = [], []
        for name in args.sources.split(","):
            cases = selection_eval.selection_cases(base, slots, candidate_source(name, base, pool, args.k))
            before += selection_eval.accuracy_rows(name, cases, measure(models["before"], cases))
            if "after" in models:
                after += selection_eval.accuracy_rows(name, cases, measure(models["after"], cases))
        table = selection_eval.markdown_table(before, after or None)
        sections.append(
            f"### {task} ({len(slots)} selections on {args.positions} held-out positions)\n\n{table}"
        )
    command = "python benchmarks/selection_accuracy.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    text = "\n\n".join(sections)
    footer = f"\n\nCommand: `{command.strip()}`; wall time {time.perf_counter() - started:.0f} s."
    print(text + footer)
    if args.out is not None:
        args.out.write_text(text + footer + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
