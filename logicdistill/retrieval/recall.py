"""Recall@K of a retriever on labelled queries: how often the right function is among the top K.

One batched search at the largest K answers every smaller K (top-K lists
are prefixes of each other). Also the mean reciprocal rank within that
largest K (0 when the right function is not in it). Left out on purpose:
timing, and choosing which queries are held out (the caller's, see
``benchmarks/retrieval_recall.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from logicdistill.retrieval.interface import Retriever, check_k
from logicdistill.retrieval.labels import LabelledQuery

DEFAULT_KS: tuple[int, ...] = (1, 3, 5, 10)


@dataclass(frozen=True)
class Recall:
    """Recall at each K over ``queries`` labelled queries, and the MRR cut at the largest K."""

    ks: tuple[int, ...]
    recall: tuple[float, ...]
    mrr: float
    queries: int

    def at(self, k: int) -> float:
        return self.recall[self.ks.index(k)]


def ranks(retriever: Retriever, labelled: Sequence[LabelledQuery], k: int) -> list[int | None]:
    """The 1-based rank of the right function in each query's top ``k``, None when it is not there."""
    k = check_k(k)
    hits = retriever.search([item.query for item in labelled], k)
    out: list[int | None] = []
    for item, row in zip(labelled, hits, strict=True):
        names = [hit.function for hit in row]
        out.append(names.index(item.answer) + 1 if item.answer in names else None)
    return out


def recall_at(
    retriever: Retriever, labelled: Sequence[LabelledQuery], ks: Sequence[int] = DEFAULT_KS
) -> Recall:
    """Recall@K for every K in ``ks`` (a ValueError for no queries or no K)."""
    if not labelled:
        raise ValueError("recall needs at least one labelled query")
    ks = tuple(sorted({check_k(k) for k in ks}))
    if not ks:
        raise ValueError("recall needs at least one K")
    found = ranks(retriever, labelled, ks[-1])
    n = len(found)
    recall = tuple(sum(1 for r in found if r is not None and r <= k) / n for k in ks)
    mrr = sum(1.0 / r for r in found if r is not None) / n
    return Recall(ks, recall, mrr, n)
