"""Sparse retrieval: BM25 (bm25s) over the documents of a function base.

Identifiers are split at underscores before tokenising, so a query's stage
``filter_moves`` meets a document's ``filter_valid_moves`` on "filter" and
"moves". A query's words are its fields (stage, functions run, state,
instruction) without the bi-encoder's labels ("Stage:", "State:"...), so
a query sharing no word with a document scores 0 on it. The index is
built in memory when the retriever is made and not saved: tokenising a
base is cheap next to encoding it (the dense index is saved, see
:mod:`.index`).
Left out on purpose: stemming (PyStemmer is not a dependency).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from logicdistill.functions.schema import FunctionBase
from logicdistill.retrieval.interface import Hit, RetrievalMethod, RetrievalQuery, check_k, top_k
from logicdistill.retrieval.text import documents

STOPWORDS = "en"


def _words(texts: Sequence[str]) -> list[str]:
    return [text.replace("_", " ") for text in texts]


class BM25Retriever:
    """BM25 scores of every function for each query; top-K with :func:`~.interface.top_k`."""

    method = RetrievalMethod.BM25

    def __init__(self, base: FunctionBase) -> None:
        import bm25s

        self._bm25s = bm25s
        self.base = base
        self.names = [spec.name for spec in base.functions]
        corpus = bm25s.tokenize(_words(documents(base)), stopwords=STOPWORDS, show_progress=False)
        self.model = bm25s.BM25()
        self.model.index(corpus, show_progress=False)

    def scores(self, queries: Sequence[RetrievalQuery]) -> np.ndarray:
        """BM25 score matrix, queries x functions (0 where a query shares no word with a document)."""
        tokens = self._bm25s.tokenize(
            _words([" ".join([q.stage, *q.applied, q.state, q.instruction]) for q in queries]),
            stopwords=STOPWORDS,
            return_ids=False,
            show_progress=False,
        )
        rows = [self.model.get_scores(t) if t else np.zeros(len(self.names)) for t in tokens]
        return np.asarray(rows, dtype=np.float64).reshape(len(queries), len(self.names))

    def search(self, queries: Sequence[RetrievalQuery], k: int) -> list[list[Hit]]:
        k = check_k(k)
        if not queries:
            return []
        return top_k(self.scores(queries), self.names, k)
