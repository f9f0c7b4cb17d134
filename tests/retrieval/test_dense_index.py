"""Dense retrieval with the fake encoder: ranking, ties, and the saved index (reuse, rebuild, corruption)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from logicdistill.functions.store import save
from logicdistill.retrieval.dense import DenseRetriever
from logicdistill.retrieval.factory import make_retriever, open_retriever
from logicdistill.retrieval.fakes import HashingEncoder
from logicdistill.retrieval.index import MANIFEST, IndexStatus, index_dir_for, model_folder, read_manifest
from logicdistill.retrieval.interface import RetrievalQuery
from tests.retrieval.conftest import renamed


def _query(stage: str, state: str = "") -> RetrievalQuery:
    return RetrievalQuery("Pursuit.", state, stage)


class TableEncoder:
    """Fixed vectors per text prefix, to pin down exact scores."""

    name = "table"
    fingerprint = "1"

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def encode(self, texts):
        rows = []
        for text in texts:
            key = next(k for k in self.vectors if text.startswith(k))
            v = np.asarray(self.vectors[key], dtype=np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows)


def test_scores_are_cosines_and_ties_keep_base_order(pursuit_base):
    names = [f.name for f in pursuit_base.functions]
    encoder = TableEncoder(
        {
            names[0]: [1, 0],
            names[1]: [1, 1],
            names[2]: [1, 1],
            names[3]: [0, 1],
            "Stage": [0, 1],
        }
    )
    hits = DenseRetriever(pursuit_base, encoder).search([_query("filter_moves")], 4)[0]
    assert [h.function for h in hits] == [names[3], names[1], names[2], names[0]]
    assert hits[0].score == pytest.approx(1.0)
    assert hits[1].score == pytest.approx(hits[2].score) == pytest.approx(2**-0.5)
    assert hits[3].score == pytest.approx(0.0, abs=1e-6)


def test_fake_encoder_finds_the_function_whose_words_match(pursuit_base):
    retriever = make_retriever(pursuit_base, "dense", encoder=HashingEncoder())
    query = RetrievalQuery("", "restricted cells restricted area emergency filter", "filter_moves")
    assert retriever.search([query], 1)[0][0].function == "filter_restricted_area"


def test_batch_of_queries_and_empty_batch(pursuit_base):
    retriever = make_retriever(pursuit_base, "dense", encoder=HashingEncoder())
    queries = [_query("generate_moves"), _query("select_move")]
    batched = retriever.search(queries, 2)
    alone = [retriever.search([q], 2)[0] for q in queries]
    # The same hits in the same order; scores agree up to BLAS summation order.
    assert [[h.function for h in row] for row in batched] == [[h.function for h in row] for row in alone]
    for row, single in zip(batched, alone, strict=True):
        assert [h.score for h in row] == pytest.approx([h.score for h in single], abs=1e-6)
    assert retriever.search([], 3) == []


def test_k_larger_than_base_returns_every_function_once(pursuit_base):
    hits = make_retriever(pursuit_base, "dense", encoder=HashingEncoder()).search(
        [_query("select_move")], 99
    )[0]
    assert sorted(h.function for h in hits) == sorted(f.name for f in pursuit_base.functions)


def test_index_is_saved_beside_the_base_and_reused(tmp_path, pursuit_base):
    path = save(pursuit_base, tmp_path / "base.json")
    encoder = HashingEncoder()
    first = open_retriever(path, "dense", encoder=encoder)
    first.search([_query("select_move")], 2)
    assert first.index_status is IndexStatus.BUILT
    folder = model_folder(index_dir_for(path), encoder.name)
    manifest = read_manifest(folder)
    assert manifest is not None and manifest.functions == tuple(f.name for f in pursuit_base.functions)

    counting = HashingEncoder()
    second = open_retriever(path, "dense", encoder=counting)
    np.testing.assert_array_equal(second.embeddings, first.embeddings)
    assert second.index_status is IndexStatus.LOADED
    assert counting.texts_encoded == 0


def test_index_is_rebuilt_when_the_base_changes(tmp_path, pursuit_base):
    path = save(pursuit_base, tmp_path / "base.json")
    open_retriever(path, "dense", encoder=HashingEncoder()).embeddings  # noqa: B018
    save(renamed(pursuit_base, "select_best_move", "select_move_best"), path)
    counting = HashingEncoder()
    again = open_retriever(path, "dense", encoder=counting)
    hits = again.search([_query("select_move")], 10)[0]
    assert again.index_status is IndexStatus.BUILT
    assert counting.texts_encoded > len(pursuit_base.functions)  # documents, then the query
    assert "select_move_best" in {h.function for h in hits}


def test_index_is_rebuilt_when_the_model_changes(tmp_path, pursuit_base):
    path = save(pursuit_base, tmp_path / "base.json")
    open_retriever(path, "dense", encoder=HashingEncoder(fingerprint="v1")).embeddings  # noqa: B018
    changed = open_retriever(path, "dense", encoder=HashingEncoder(fingerprint="v2"))
    changed.embeddings  # noqa: B018
    assert changed.index_status is IndexStatus.BUILT


@pytest.mark.parametrize("damage", ["manifest", "embeddings", "shape"])
def test_corrupt_index_is_rebuilt(tmp_path, pursuit_base, damage):
    path = save(pursuit_base, tmp_path / "base.json")
    encoder = HashingEncoder()
    built = open_retriever(path, "dense", encoder=encoder).embeddings
    folder = model_folder(index_dir_for(path), encoder.name)
    manifest = json.loads((folder / MANIFEST).read_text())
    if damage == "manifest":
        (folder / MANIFEST).write_text("{not json")
    elif damage == "embeddings":
        (folder / manifest["embeddings_file"]).write_bytes(b"\x93NUMPY garbage")
    else:
        np.save(folder / manifest["embeddings_file"], np.zeros((2, 3), dtype=np.float32))
    again = open_retriever(path, "dense", encoder=HashingEncoder())
    np.testing.assert_array_equal(again.embeddings, built)
    assert again.index_status is IndexStatus.BUILT
    assert read_manifest(folder) is not None  # written afresh
    assert len(list(folder.glob("embeddings-*.npy"))) == 1


def test_unwritable_index_place_puts_the_index_in_the_cache(tmp_path, pursuit_base):
    path = save(pursuit_base, tmp_path / "base.json")
    index_dir_for(path).write_text("a file where the index folder would go")
    open_retriever(path, "dense", encoder=HashingEncoder()).embeddings  # noqa: B018
    counting = HashingEncoder()
    again = open_retriever(path, "dense", encoder=counting)
    again.embeddings  # noqa: B018
    assert again.index_status is IndexStatus.LOADED and counting.texts_encoded == 0
    assert list((tmp_path / "cache" / "retrieval-index").rglob(MANIFEST))


def test_model_and_encoder_together_refused(pursuit_base):
    from logicdistill.errors import UserError

    with pytest.raises(UserError, match="not both"):
        make_retriever(pursuit_base, "dense", model="/nonexistent", encoder=HashingEncoder())


def test_in_memory_retriever_writes_nothing(tmp_path, pursuit_base):
    retriever = make_retriever(pursuit_base, "dense", encoder=HashingEncoder())
    retriever.search([_query("select_move")], 1)
    assert retriever.index_status is IndexStatus.BUILT
    assert not list(tmp_path.rglob(MANIFEST))
