"""Dense retrieval (Eq. 2): a bi-encoder, score d(f)ᵀq(x, s) over the whole base.

Document and query embeddings are L2-normalised, so the dot product is the
cosine similarity; top-K is an exact numpy matrix product over the whole
base. That stays in milliseconds for bases of thousands of functions, which
is why there is no FAISS path: an approximate index only pays off far
beyond any function base here. The encoder is any
:class:`~.interface.Encoder` (by default the sentence-transformers model of
:mod:`.models`, loaded on first use); document embeddings are saved beside
the base by :mod:`.index`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from logicdistill.functions.schema import FunctionBase
from logicdistill.retrieval.index import IndexStatus, load_or_build
from logicdistill.retrieval.interface import Encoder, Hit, RetrievalMethod, RetrievalQuery, check_k, top_k
from logicdistill.retrieval.text import query_text, require_functions


class DenseRetriever:
    """Bi-encoder retrieval over one base; ``index_dir`` None keeps the embeddings in memory only."""

    method = RetrievalMethod.DENSE

    def __init__(self, base: FunctionBase, encoder: Encoder, index_dir: Path | None = None) -> None:
        require_functions(base)
        self.base = base
        self.encoder = encoder
        self.index_dir = index_dir
        self.names = [spec.name for spec in base.functions]
        self._embeddings: np.ndarray | None = None
        self.index_status: IndexStatus | None = None

    @property
    def embeddings(self) -> np.ndarray:
        """The documents' embeddings, loaded from the saved index or built (and saved) on first use."""
        if self._embeddings is None:
            self._embeddings, self.index_status = load_or_build(
                self.index_dir, self.base, self.encoder.name, self.encoder.fingerprint, self.encoder.encode
            )
        return self._embeddings

    def scores(self, queries: Sequence[RetrievalQuery]) -> np.ndarray:
        """Cosine similarities, queries x functions."""
        vectors = np.asarray(self.encoder.encode([query_text(q) for q in queries]), dtype=np.float32)
        return vectors @ self.embeddings.T

    def search(self, queries: Sequence[RetrievalQuery], k: int) -> list[list[Hit]]:
        k = check_k(k)
        if not queries:
            return []
        return top_k(self.scores(queries), self.names, k)
