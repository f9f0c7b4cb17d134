"""BM25: shared words rank a document first, identifiers split at underscores, no shared word scores 0."""

from __future__ import annotations

import numpy as np
import pytest

from logicdistill.errors import UserError
from logicdistill.retrieval.factory import make_retriever
from logicdistill.retrieval.interface import RetrievalQuery


def test_distinctive_words_find_their_function(pursuit_base):
    retriever = make_retriever(pursuit_base, "bm25")
    query = RetrievalQuery("", "restricted area emergency", "filter_moves")
    assert retriever.search([query], 1)[0][0].function == "filter_restricted_area"


def test_identifier_parts_match_words(pursuit_base):
    retriever = make_retriever(pursuit_base, "bm25")
    scores = retriever.scores([RetrievalQuery("", "", "candidate")])[0]
    assert retriever.names[int(np.argmax(scores))] == "candidate_moves"


def test_query_sharing_no_word_scores_zero_and_keeps_base_order(pursuit_base):
    retriever = make_retriever(pursuit_base, "bm25")
    hits = retriever.search([RetrievalQuery("", "zzyzx", "qwxv")], 3)[0]
    assert [h.score for h in hits] == [0.0, 0.0, 0.0]
    assert [h.function for h in hits] == retriever.names[:3]


def test_batch_k_and_empty(pursuit_base):
    retriever = make_retriever(pursuit_base, "bm25")
    queries = [RetrievalQuery("", "orange dot", "select_move"), RetrievalQuery("", "", "generate_moves")]
    rows = retriever.search(queries, 100)
    assert [len(r) for r in rows] == [len(pursuit_base.functions)] * 2
    assert all(r[i].score >= r[i + 1].score for r in rows for i in range(len(r) - 1))
    assert retriever.search([], 2) == []
    with pytest.raises(UserError, match="k must be"):
        retriever.search(queries, 0)


def test_bm25_refuses_a_model_and_unknown_methods(pursuit_base):
    with pytest.raises(UserError, match="only used by the dense"):
        make_retriever(pursuit_base, "bm25", model="some/model")
    with pytest.raises(UserError, match="unknown retrieval method 'faiss'"):
        make_retriever(pursuit_base, "faiss")
