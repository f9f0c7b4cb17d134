"""Labelled queries follow the reference chains; recall@K and MRR count ranks correctly."""

from __future__ import annotations

import pytest

from logicdistill.reference import reference_chain
from logicdistill.retrieval.interface import Hit, RetrievalMethod
from logicdistill.retrieval.labels import labelled_queries
from logicdistill.retrieval.recall import ranks, recall_at
from logicdistill.tasks.base import TaskName
from logicdistill.training.positions import heldout_points


def test_one_query_per_chain_link_with_the_functions_run_before():
    points = heldout_points(TaskName.PURSUIT, 2)  # one open board, one restricted
    assert [p.emergency for p in points] == [False, True]
    labelled = labelled_queries(points)
    open_chain = reference_chain(TaskName.PURSUIT)
    emergency_chain = reference_chain(TaskName.PURSUIT, emergency=True)
    assert [q.answer for q in labelled] == [*open_chain, *emergency_chain]
    second_filter = labelled[len(open_chain) + 2]
    assert second_filter.answer == "filter_valid_moves"
    assert second_filter.query.stage == "filter_moves"
    assert second_filter.query.applied == ("candidate_moves", "filter_restricted_area")
    assert "Restricted cells" in second_filter.query.state


def test_twentyone_queries_cover_its_three_stages():
    labelled = labelled_queries(heldout_points(TaskName.TWENTYONE, 1))
    assert [q.query.stage for q in labelled] == ["evaluate_hand", "estimate_risk", "decide"]
    assert all(q.task is TaskName.TWENTYONE and not q.emergency for q in labelled)


class ScriptedRetriever:
    """Returns a fixed ranking per query stage."""

    method = RetrievalMethod.DENSE

    def __init__(self, rankings: dict[str, list[str]]) -> None:
        self.rankings = rankings
        self.names = sorted({n for r in rankings.values() for n in r})

    def search(self, queries, k):
        return [
            [Hit(name, 1.0 / (i + 1)) for i, name in enumerate(self.rankings[q.stage][:k])] for q in queries
        ]


def test_recall_and_mrr_from_ranks():
    labelled = labelled_queries(heldout_points(TaskName.TWENTYONE, 2))  # 6 queries, 2 per stage
    retriever = ScriptedRetriever(
        {
            "evaluate_hand": ["hand_value", "x", "y"],  # rank 1
            "estimate_risk": ["x", "y", "bust_risk"],  # rank 3
            "decide": ["x", "y", "z", "w"],  # missing
        }
    )
    assert ranks(retriever, labelled, 4) == [1, 3, None, 1, 3, None]
    result = recall_at(retriever, labelled, ks=(3, 1, 3))
    assert result.ks == (1, 3)
    assert result.at(1) == pytest.approx(1 / 3)
    assert result.at(3) == pytest.approx(2 / 3)
    assert result.mrr == pytest.approx((1 + 1 / 3) * 2 / 6)
    assert result.queries == 6


def test_recall_needs_queries():
    with pytest.raises(ValueError, match="at least one labelled query"):
        recall_at(ScriptedRetriever({}), [], ks=(1,))
