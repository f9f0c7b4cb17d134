"""``logicdistill retrieve``: top-K functions for a position and stage; fine-tuning; distractor base.

::

    logicdistill retrieve BASE_JSON --stage STAGE [--task pursuit|twentyone] [--state JSON] \
        [--applied NAME ...] [-k 5] [--method dense|bm25] [--model FOLDER] [--json]
    logicdistill retrieve-finetune BASE_JSON OUT_DIR [--positions N] [--epochs N] \
        [--negatives mined|random] [--model FOLDER] [--seed N]
    logicdistill retrieve-base OUT_JSON [--task pursuit|twentyone] [--seed N] [--duplicates N]

``retrieve`` prints one line per hit (rank, score, name, stage) or, with
``--json``, one object ``{"query": ..., "hits": [{"function", "score"}]}``.
The dense index is saved beside the base (``BASE_JSON.index/``) and rebuilt
when the base or the model changes. ``--task`` defaults to the base's task;
``--state`` is described in :mod:`logicdistill.retrieval.states`. The work
is :mod:`logicdistill.retrieval`'s; this module parses and prints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from logicdistill.errors import UserError

DEFAULT_K = 5
MAX_K = 1000


def register(app: typer.Typer) -> None:
    """Add ``retrieve``, ``retrieve-finetune`` and ``retrieve-base`` to ``app``."""
    app.command("retrieve")(retrieve)
    app.command("retrieve-finetune")(retrieve_finetune)
    app.command("retrieve-base")(retrieve_base)


def retrieve(
    base_path: Annotated[Path, typer.Argument(metavar="BASE_JSON", help="A function base file (JSON).")],
    stage: Annotated[str, typer.Option(metavar="STAGE", help="The stage to fill, e.g. filter_moves.")],
    task: Annotated[
        str | None, typer.Option(metavar="TASK", help="pursuit or twentyone (default: the base's task).")
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(metavar="JSON", help="The position (default: the task's first benchmark position)."),
    ] = None,
    applied: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="A function already run in this decision (repeatable, in order)."),
    ] = None,
    k: Annotated[int, typer.Option("-k", "--k", metavar="K", help="How many functions to show.")] = DEFAULT_K,
    method: Annotated[str, typer.Option(metavar="METHOD", help="dense or bm25.")] = "dense",
    model: Annotated[
        str | None,
        typer.Option(metavar="FOLDER", help="Dense only: a sentence-transformers model (default: bundled)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Top-K functions of a base for one position and stage, with their scores."""
    from logicdistill.retrieval.factory import open_retriever, parse_method
    from logicdistill.retrieval.interface import check_k
    from logicdistill.retrieval.states import state_text_from_json
    from logicdistill.retrieval.text import make_query

    k = check_k(k)
    if k > MAX_K:
        raise UserError(f"k must be at most {MAX_K}, got {k}")
    parse_method(method)
    retriever = open_retriever(base_path, method, model)
    base = retriever.base  # type: ignore[attr-defined]
    task_name = task or base.task.value
    query = make_query(task_name, state_text_from_json(task_name, state), stage, tuple(applied or ()))
    hits = retriever.search([query], k)[0]
    if as_json:
        result = {
            "query": {
                "task": task_name,
                "stage": stage,
                "applied": list(query.applied),
                "state": query.state,
            },
            "method": method,
            "hits": [{"function": h.function, "score": h.score} for h in hits],
        }
        typer.echo(json.dumps(result))
        return
    stages = {spec.name: spec.stage for spec in base.functions}
    typer.echo(f"{method} top-{k} of {len(base.functions)} functions for stage {stage} ({task_name}):")
    for rank, hit in enumerate(hits, start=1):
        typer.echo(f"{rank:>4}  {hit.score:9.4f}  {hit.function}  [{stages[hit.function]}]")


def retrieve_finetune(
    base_path: Annotated[
        Path, typer.Argument(metavar="BASE_JSON", help="A base holding the reference functions.")
    ],
    out_dir: Annotated[Path, typer.Argument(metavar="OUT_DIR", help="New folder for the fine-tuned model.")],
    positions: Annotated[int | None, typer.Option(metavar="N", help="Training positions per task.")] = None,
    epochs: Annotated[int | None, typer.Option(metavar="N", help="Passes over the training pairs.")] = None,
    negatives: Annotated[
        str | None, typer.Option(metavar="HOW", help="Hard negatives: mined (default) or random.")
    ] = None,
    model: Annotated[
        str | None, typer.Option(metavar="FOLDER", help="Model to start from (default: bundled MiniLM).")
    ] = None,
    seed: Annotated[int | None, typer.Option(metavar="N", help="Seed (default: RETRIEVER_SEED).")] = None,
) -> None:
    """Fine-tune the dense retriever on query -> right-function pairs (in-batch + hard negatives)."""
    from logicdistill.retrieval.factory import open_retriever
    from logicdistill.retrieval.finetune import FinetuneConfig, finetune

    given = {"positions_per_task": positions, "epochs": epochs, "negatives": negatives, "seed": seed}
    config = FinetuneConfig(**{key: value for key, value in given.items() if value is not None})
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise UserError(f"{out_dir} already exists and is not empty: choose a new folder for the model")
    miner = open_retriever(base_path, "dense", model)
    result = finetune(miner.base, out_dir, config, model=model, miner=miner)  # type: ignore[attr-defined]
    loss = "n/a" if result.mean_loss is None else f"{result.mean_loss:.4f}"
    typer.echo(
        f"saved {result.folder}: {result.rows} rows, {result.steps} steps of batch {result.batch_size}, "
        f"{result.wall_s:.1f} s, mean training loss {loss}"
    )


def retrieve_base(
    out: Annotated[
        Path, typer.Argument(metavar="OUT_JSON", help="Where to write the base (must not exist).")
    ],
    task: Annotated[str, typer.Option(metavar="TASK", help="The task whose rules the manual carries.")] = (
        "pursuit"
    ),
    seed: Annotated[int, typer.Option(metavar="N", help="Shuffle and near-duplicate seed.")] = 0,
    duplicates: Annotated[int, typer.Option(metavar="N", help="Near-duplicates per original function.")] = 4,
) -> None:
    """Write the synthetic distractor base: both games' reference functions among many distractors."""
    from logicdistill.functions.store import save
    from logicdistill.retrieval.distractors import build_distractor_base

    if out.exists():
        raise UserError(f"{out} already exists: choose a new file name")
    base = build_distractor_base(task, seed=seed, duplicates=duplicates)
    save(base, out)
    typer.echo(f"wrote {out}: {len(base.functions)} functions ({base.task.value} rules, seed {seed})")
