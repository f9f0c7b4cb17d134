"""Fine-tune the dense retriever on query -> right-function pairs (in-batch negatives, CPU, minutes).

Training pairs come from seeded *training* positions
(:func:`logicdistill.training.positions.training_points`, which never
returns a benchmark start or deal): each link of the reference chain is one
(query text, document of the right function) pair, plus one hard negative:
one of the wrong functions the retriever before fine-tuning ranks highest
for that query (``mined``, drawn by the seed among its top few), or a
seeded draw among the other functions of the same stage (``random``). The
loss
is sentence-transformers' MultipleNegativesRankingLoss; the batch sampler
keeps duplicate texts out of a batch, so another row's positive is never
the row's own right function. The result is a plain sentence-transformers
folder (``make_retriever(..., model=FOLDER)`` loads it) with
``logicdistill-finetune.json`` saying what it was trained on. Training
truncates texts at ``max_seq_length`` tokens (the stage, the functions run
and the start of the state; a document's name, docstring and "when" text)
to stay within CPU minutes, and the saved model keeps that limit, so it
embeds texts at search time exactly as it saw them in training.
Left out on purpose: evaluation during training (``benchmarks/retrieval_recall.py``
measures recall before and after), GPUs, and resuming (a run takes minutes).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from logicdistill.errors import UserError
from logicdistill.functions.schema import FunctionBase
from logicdistill.retrieval.index import base_sha256
from logicdistill.retrieval.interface import Retriever
from logicdistill.retrieval.labels import LabelledQuery, labelled_queries
from logicdistill.retrieval.models import resolve_model
from logicdistill.retrieval.text import TEXT_VERSION, document_text, query_text, require_functions
from logicdistill.tasks.base import TaskName
from logicdistill.training.positions import training_points

METADATA_FILE = "logicdistill-finetune.json"
FINETUNE_FORMAT = 1
RETRIEVER_SEED = 62_000  # np.random.default_rng(seed) draws the training positions and the hard negatives
NEGATIVE_METHODS = ("mined", "random")
MINE_DEPTH = 5  # a mined negative is drawn among the retriever's top wrong functions of this many


@dataclass(frozen=True)
class FinetuneConfig:
    """How the retriever is fine-tuned; every field is recorded in the output's metadata file."""

    positions_per_task: int = field(default=60, metadata={"help": "training positions drawn per task"})
    emergency_fraction: float = field(
        default=0.5, metadata={"help": "share of pursuit positions with a restricted square"}
    )
    epochs: int = field(default=1, metadata={"help": "passes over the training pairs"})
    batch_size: int = field(
        default=16,
        metadata={"help": "rows per batch; capped at the number of distinct right functions (no duplicates)"},
    )
    negatives: str = field(
        default="mined",
        metadata={"help": "hard negatives: mined (by the retriever before training) or random"},
    )
    max_seq_length: int = field(
        default=128, metadata={"help": "token limit of every text, in training and in the saved model"}
    )
    learning_rate: float = field(default=5e-5, metadata={"help": "AdamW learning rate"})
    warmup_steps: int = field(default=5, metadata={"help": "linear warm-up steps"})
    seed: int = field(default=RETRIEVER_SEED, metadata={"help": "positions, negatives and torch seed"})
    tasks: tuple[TaskName, ...] = field(
        default=(TaskName.PURSUIT, TaskName.TWENTYONE), metadata={"help": "tasks whose positions are used"}
    )

    def __post_init__(self) -> None:
        if self.positions_per_task < 1:
            raise UserError(f"positions_per_task must be at least 1, got {self.positions_per_task}")
        if not 0.0 <= self.emergency_fraction <= 1.0:
            raise UserError(f"emergency_fraction must be in [0, 1], got {self.emergency_fraction}")
        if self.epochs < 1 or self.batch_size < 2:
            raise UserError("epochs must be at least 1 and batch_size at least 2")
        if not self.learning_rate > 0 or self.warmup_steps < 0 or self.seed < 0:
            raise UserError("learning_rate must be positive, warmup_steps and seed non-negative")
        if self.negatives not in NEGATIVE_METHODS:
            raise UserError(f"negatives must be one of {', '.join(NEGATIVE_METHODS)}, got {self.negatives!r}")
        if self.max_seq_length < 16:
            raise UserError(f"max_seq_length must be at least 16, got {self.max_seq_length}")
        if not self.tasks:
            raise UserError("fine-tuning needs at least one task")


@dataclass(frozen=True)
class TrainingTriple:
    """One training row: the query text, the right function's document, a same-stage wrong one."""

    anchor: str
    positive: str
    negative: str
    answer: str


@dataclass(frozen=True)
class FinetuneResult:
    """What a run produced and cost."""

    folder: Path
    start_model: str
    rows: int
    distinct_answers: int
    batch_size: int
    steps: int
    wall_s: float
    mean_loss: float | None


def training_queries(config: FinetuneConfig, rng: np.random.Generator) -> list[LabelledQuery]:
    """Labelled queries on fresh training positions of every task of ``config`` (never benchmark ones)."""
    points = []
    for task in config.tasks:
        points += training_points(task, config.positions_per_task, rng, config.emergency_fraction)
    return labelled_queries(points)


def training_triples(
    base: FunctionBase,
    labelled: Sequence[LabelledQuery],
    rng: np.random.Generator,
    miner: Retriever | None = None,
) -> list[TrainingTriple]:
    """One row per labelled query, its negative mined by ``miner`` (None: a random same-stage function).

    A UserError when the base lacks a right function or any rival for it.
    """
    require_functions(base)
    names = {spec.name for spec in base.functions}
    docs = {spec.name: document_text(spec, base.manual) for spec in base.functions}
    for item in labelled:
        if item.answer not in names:
            raise UserError(
                f"the base has no function {item.answer!r}, run by the {item.task.value} reference chain; "
                "fine-tune on a base that holds the reference functions (e.g. a distractor base)"
            )
    if miner is not None:
        hits = miner.search([item.query for item in labelled], MINE_DEPTH + 1)
        pools = [
            [h.function for h in row if h.function != item.answer][:MINE_DEPTH]
            for item, row in zip(labelled, hits, strict=True)
        ]
    else:
        pools = [
            [s.name for s in base.functions if s.stage == item.query.stage and s.name != item.answer]
            for item in labelled
        ]
    rows = []
    for item, pool in zip(labelled, pools, strict=True):
        if not pool:
            raise UserError(f"the base has no other function of stage {item.query.stage!r} to contrast with")
        negative = pool[int(rng.integers(len(pool)))]
        rows.append(TrainingTriple(query_text(item.query), docs[item.answer], docs[negative], item.answer))
    return rows


def finetune(
    base: FunctionBase,
    out_dir: str | Path,
    config: FinetuneConfig | None = None,
    model: str | Path | None = None,
    miner: Retriever | None = None,
) -> FinetuneResult:
    """Train from ``model`` (None: the bundled all-MiniLM-L6-v2) and save the result in ``out_dir``.

    ``out_dir`` must not exist or be empty: nothing is overwritten. With
    ``negatives="mined"``, ``miner`` is the retriever before training (the
    caller's, e.g. with its saved index); None makes one in memory from ``model``.
    """
    config = config or FinetuneConfig()
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(
            f"{out} already exists and is not empty: choose a new folder for the fine-tuned model"
        )
    ref = resolve_model(model)
    rng = np.random.default_rng(config.seed)
    if config.negatives == "mined" and miner is None:
        from logicdistill.retrieval.factory import make_retriever

        miner = make_retriever(base, "dense", model)
    rows = training_triples(
        base, training_queries(config, rng), rng, miner if config.negatives == "mined" else None
    )
    distinct = len({row.answer for row in rows})
    batch = max(2, min(config.batch_size, distinct))
    started = time.perf_counter()
    steps, loss = _train(ref.load_from, ref.local, rows, batch, config, out)
    wall = time.perf_counter() - started
    result = FinetuneResult(out, ref.name, len(rows), distinct, batch, steps, wall, loss)
    _write_metadata(out, base, config, result)
    return result


def read_metadata(folder: str | Path) -> dict | None:
    """The metadata a fine-tuning run left in ``folder``, or None when there is none (or it is unreadable)."""
    try:
        return json.loads((Path(folder) / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _train(
    load_from: str, local: bool, rows: Sequence[TrainingTriple], batch: int, config: FinetuneConfig, out: Path
) -> tuple[int, float | None]:
    import tempfile

    import torch
    from datasets import Dataset
    from sentence_transformers import (
        SentenceTransformer,
        SentenceTransformerTrainer,
        SentenceTransformerTrainingArguments,
    )
    from sentence_transformers.base.sampler import BatchSamplers
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    torch.manual_seed(config.seed)
    model = SentenceTransformer(load_from, device="cpu", local_files_only=local)
    model.max_seq_length = min(config.max_seq_length, model.max_seq_length or config.max_seq_length)
    data = Dataset.from_dict(
        {
            "anchor": [r.anchor for r in rows],
            "positive": [r.positive for r in rows],
            "negative": [r.negative for r in rows],
        }
    )
    with tempfile.TemporaryDirectory(prefix="logicdistill-finetune-") as scratch:
        args = SentenceTransformerTrainingArguments(
            output_dir=scratch,
            num_train_epochs=config.epochs,
            per_device_train_batch_size=batch,
            learning_rate=config.learning_rate,
            warmup_steps=config.warmup_steps,
            seed=config.seed,
            data_seed=config.seed,
            batch_sampler=BatchSamplers.NO_DUPLICATES,
            save_strategy="no",
            report_to="none",
            logging_steps=10,
            disable_tqdm=True,
            use_cpu=True,
            dataloader_num_workers=0,
        )
        trainer = SentenceTransformerTrainer(
            model=model, args=args, train_dataset=data, loss=MultipleNegativesRankingLoss(model)
        )
        output = trainer.train()
    model.save(str(out))
    return int(output.global_step), float(output.training_loss) if output.training_loss is not None else None


def _write_metadata(out: Path, base: FunctionBase, config: FinetuneConfig, result: FinetuneResult) -> None:
    data = {
        "format_version": FINETUNE_FORMAT,
        "what": "dense retriever fine-tuned by logicdistill (MultipleNegativesRankingLoss, hard negatives)",
        "start_model": result.start_model,
        "base_task": base.task.value,
        "base_sha256": base_sha256(base),
        "base_functions": len(base.functions),
        "text_version": TEXT_VERSION,
        "config": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(config).items()},
        "rows": result.rows,
        "distinct_answers": result.distinct_answers,
        "batch_size": result.batch_size,
        "steps": result.steps,
        "wall_s": round(result.wall_s, 1),
        "mean_loss": result.mean_loss,
    }
    (out / METADATA_FILE).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
