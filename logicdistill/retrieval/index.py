"""The saved dense index: document embeddings beside the function base, rebuilt when base or model change.

Layout: ``BASE.json.index/dense-<model key>/`` holds ``manifest.json`` and
``embeddings-<key>.npy``. The manifest records the base's sha256 (of its
canonical JSON), the model's name and fingerprint, the text version of
:mod:`.text`, the function names and the embeddings file; any mismatch
means a rebuild. Files are written to a temporary name and renamed into
place (embeddings first, manifest last, the embeddings file named by its
content key), so a reader never pairs a manifest with other embeddings.
When the base's folder is not writable the index goes to the cache folder
instead (``$LOGICDISTILL_CACHE/retrieval-index/``). Computing embeddings is
the caller's (:mod:`.dense`). Left out on purpose: locking; two processes
building the same index at once both build it, and the last rename wins.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np

from logicdistill.functions.schema import FunctionBase
from logicdistill.functions.store import dumps
from logicdistill.paths import cache_dir
from logicdistill.retrieval.text import TEXT_VERSION, documents

INDEX_SUFFIX = ".index"
INDEX_FORMAT = 1
MANIFEST = "manifest.json"


class IndexStatus(StrEnum):
    LOADED = "loaded"  # a saved index matched the base and the model
    BUILT = "built"  # embeddings were computed (and saved where a folder was given)


@dataclass(frozen=True)
class IndexManifest:
    format_version: int
    text_version: int
    base_sha256: str
    model: str
    model_fingerprint: str
    functions: tuple[str, ...]
    dimension: int
    embeddings_file: str


def index_dir_for(base_path: str | Path) -> Path:
    """Where the index of the base file ``base_path`` lives: ``<base file name>.index`` beside it."""
    path = Path(base_path)
    return path.with_name(path.name + INDEX_SUFFIX)


def base_sha256(base: FunctionBase) -> str:
    return hashlib.sha256(dumps(base).encode("utf-8")).hexdigest()


def model_folder(root: Path, model_name: str) -> Path:
    return root / f"dense-{hashlib.sha256(model_name.encode()).hexdigest()[:12]}"


def fallback_root(base: FunctionBase) -> Path:
    """Where the index goes when the base's own folder cannot be written: the cache, keyed by the base."""
    return cache_dir("retrieval-index") / base_sha256(base)[:16]


def load_or_build(
    root: Path | None,
    base: FunctionBase,
    model_name: str,
    model_fingerprint: str,
    embed: Callable[[list[str]], np.ndarray],
) -> tuple[np.ndarray, IndexStatus]:
    """Normalised document embeddings (functions x dimension) from a matching saved index, else built.

    ``root`` None keeps everything in memory. A fresh build is saved under
    ``root``, or in the cache folder when ``root`` cannot be written.
    """
    texts = documents(base)
    wanted = _wanted(base, model_name, model_fingerprint)
    if root is None:
        return _checked(embed(texts), len(texts)), IndexStatus.BUILT
    beside = model_folder(root, model_name)
    found = _read(beside, wanted)
    if found is None and not _writable(root):
        found = _read(model_folder(fallback_root(base), model_name), wanted)
    if found is not None:
        return found, IndexStatus.LOADED
    vectors = _checked(embed(texts), len(texts))
    try:
        _write(beside, wanted, vectors)
    except OSError:
        _write(model_folder(fallback_root(base), model_name), wanted, vectors)
    return vectors, IndexStatus.BUILT


def read_manifest(folder: Path) -> IndexManifest | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        data["functions"] = tuple(data["functions"])
        return IndexManifest(**data)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _wanted(base: FunctionBase, model_name: str, fingerprint: str) -> tuple[str, str, str, tuple[str, ...]]:
    return (base_sha256(base), model_name, fingerprint, tuple(s.name for s in base.functions))


def _writable(root: Path) -> bool:
    """Whether the index folder exists writable, or could be made in a writable parent."""
    folder = root
    while not folder.exists():
        if folder.parent == folder:
            return False
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK)


def _key(wanted: tuple[str, str, str, tuple[str, ...]]) -> str:
    text = json.dumps([INDEX_FORMAT, TEXT_VERSION, *wanted[:3]])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _read(folder: Path, wanted: tuple) -> np.ndarray | None:
    manifest = read_manifest(folder)
    if manifest is None:
        return None
    if (manifest.format_version, manifest.text_version) != (INDEX_FORMAT, TEXT_VERSION) or (
        manifest.base_sha256,
        manifest.model,
        manifest.model_fingerprint,
        manifest.functions,
    ) != wanted:
        return None
    try:
        vectors = np.load(folder / manifest.embeddings_file, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return None
    if vectors.dtype != np.float32 or vectors.shape != (len(manifest.functions), manifest.dimension):
        return None
    return vectors


def _write(folder: Path, wanted: tuple, vectors: np.ndarray) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"embeddings-{_key(wanted)}.npy"
    _atomic(folder / name, lambda fh: np.save(fh, vectors, allow_pickle=False))
    manifest = IndexManifest(
        INDEX_FORMAT, TEXT_VERSION, wanted[0], wanted[1], wanted[2], wanted[3], int(vectors.shape[1]), name
    )
    text = json.dumps(asdict(manifest), indent=2) + "\n"
    _atomic(folder / MANIFEST, lambda fh: fh.write(text.encode("utf-8")))
    for stale in folder.glob("embeddings-*.npy"):
        if stale.name != name:
            stale.unlink(missing_ok=True)


def _atomic(path: Path, write: Callable) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as fh:
            write(fh)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _checked(vectors: np.ndarray, count: int) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[0] != count:
        raise ValueError(f"expected {count} embeddings, got an array of shape {vectors.shape}")
    return vectors
