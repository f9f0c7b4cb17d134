"""What a retriever is (Eq. 2): batched queries in, top-K hits with scores out, and the one top-K rule.

:class:`RetrievalQuery` holds what a query is built from (instruction,
state text, stage); :class:`Hit` names a function and its score. Every
retriever ranks by score, ties broken by the function's place in the base,
so results are deterministic. Building the texts lives in :mod:`.text`; the
scoring itself in :mod:`.bm25` and :mod:`.dense`. Left out on purpose: any
filtering by stage (the stage is part of the query text, as in the paper;
a retriever scores the whole base).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import numpy as np

from logicdistill.errors import UserError


class RetrievalMethod(StrEnum):
    DENSE = "dense"  # bi-encoder, cosine similarity of normalised embeddings (DPR-style, Eq. 2)
    BM25 = "bm25"  # sparse lexical scoring (bm25s)


@dataclass(frozen=True)
class RetrievalQuery:
    """One retrieval: the task instruction (a rules summary), the position in words, the stage to fill.

    ``applied`` (optional) names the functions already run in this decision
    step: on a restricted pursuit board two functions fill ``filter_moves``
    one after the other, and only this tells the two queries apart.
    """

    instruction: str
    state: str
    stage: str
    applied: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One retrieved function and its score (higher is better; scales differ between methods)."""

    function: str
    score: float


class Retriever(Protocol):
    """Top-K functions of one base for each query of a batch, best first."""

    method: RetrievalMethod
    names: list[str]  # the base's function names, in the base's order

    def search(self, queries: Sequence[RetrievalQuery], k: int) -> list[list[Hit]]: ...


class Encoder(Protocol):
    """What the dense retriever needs of a bi-encoder: L2-normalised vectors, and names for the index."""

    name: str  # shown to users and stored in the index manifest
    fingerprint: str  # changes whenever the weights change (a saved index is then rebuilt)

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def check_k(k: object) -> int:
    """``k`` as an int >= 1, or a UserError."""
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise UserError(f"k must be an integer of at least 1, got {k!r}")
    return int(k)


def top_k(scores: np.ndarray, names: Sequence[str], k: int) -> list[list[Hit]]:
    """The ``k`` best columns of each row of ``scores`` (queries x functions) as hits.

    Higher scores first; equal scores keep the base's order. ``k`` larger
    than the base returns the whole base.
    """
    k = check_k(k)
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 2 or scores.shape[1] != len(names):
        raise ValueError(f"scores of shape {scores.shape} do not match {len(names)} functions")
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return [[Hit(names[j], float(row[j])) for j in picks] for row, picks in zip(scores, order, strict=True)]
