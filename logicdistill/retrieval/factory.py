"""Make a retriever by method name, for a base in memory or a base file (whose index is saved beside it).

The public entry points other packages code against:
:func:`make_retriever` (a base in memory) and :func:`open_retriever` (a
base file; the dense index is kept in ``BASE.json.index/``). Left out on
purpose: choosing a method automatically; callers say which.
"""

from __future__ import annotations

from pathlib import Path

from logicdistill.errors import UserError
from logicdistill.functions.schema import FunctionBase
from logicdistill.functions.store import load
from logicdistill.retrieval.interface import Encoder, RetrievalMethod, Retriever
from logicdistill.retrieval.text import require_functions


def parse_method(name: str | RetrievalMethod) -> RetrievalMethod:
    try:
        return RetrievalMethod(name)
    except ValueError:
        known = ", ".join(m.value for m in RetrievalMethod)
        raise UserError(f"unknown retrieval method {name!r} (known: {known})") from None


def make_retriever(
    base: FunctionBase,
    method: str | RetrievalMethod = RetrievalMethod.DENSE,
    model: str | Path | None = None,
    *,
    index_dir: Path | None = None,
    encoder: Encoder | None = None,
) -> Retriever:
    """A retriever over ``base``.

    Dense only: ``model`` is a sentence-transformers folder or hub id (None:
    the bundled all-MiniLM-L6-v2), ``encoder`` replaces the model outright
    (tests pass a fake), ``index_dir`` is where embeddings are saved (None:
    in memory only). BM25 refuses a model.
    """
    method = parse_method(method)
    require_functions(base)
    if method is RetrievalMethod.BM25:
        if model is not None or encoder is not None:
            raise UserError("a model is only used by the dense method, not by bm25")
        from logicdistill.retrieval.bm25 import BM25Retriever

        return BM25Retriever(base)
    from logicdistill.retrieval.dense import DenseRetriever

    if encoder is None:
        from logicdistill.retrieval.models import SentenceTransformerEncoder

        encoder = SentenceTransformerEncoder(model)
    elif model is not None:
        raise UserError("give a model or an encoder, not both")
    return DenseRetriever(base, encoder, index_dir=index_dir)


def open_retriever(
    base_path: str | Path,
    method: str | RetrievalMethod = RetrievalMethod.DENSE,
    model: str | Path | None = None,
    *,
    encoder: Encoder | None = None,
) -> Retriever:
    """Load the base file and make a retriever whose dense index lives beside it (``BASE.json.index/``).

    The loaded base is the retriever's ``base`` attribute.
    """
    from logicdistill.retrieval.index import index_dir_for

    base = load(base_path)
    return make_retriever(base, method, model, index_dir=index_dir_for(base_path), encoder=encoder)
