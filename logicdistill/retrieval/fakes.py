"""A fake bi-encoder for tests and dry runs: hashed bag of words, no model, no torch.

:class:`HashingEncoder` maps each lower-cased word (identifiers split at
underscores) to one of ``dimension`` buckets by sha256, counts them and
L2-normalises, so texts sharing words score high and the result is the same
on every machine. It counts the texts it encodes, which lets tests see
whether an index was rebuilt. Left out on purpose: any semantics beyond
shared words.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"[a-z0-9]+")


class HashingEncoder:
    """Deterministic hashed bag-of-words vectors; ``calls`` and ``texts_encoded`` count its use."""

    def __init__(self, dimension: int = 256, name: str = "fake-hashing", fingerprint: str = "v1") -> None:
        if dimension < 1:
            raise ValueError(f"dimension must be at least 1, got {dimension}")
        self.dimension = dimension
        self.name = name
        self.fingerprint = f"{fingerprint}:{dimension}"
        self.calls = 0
        self.texts_encoded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.texts_encoded += len(texts)
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower().replace("_", " ")):
                bucket = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "big") % self.dimension
                vectors[row, bucket] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)
