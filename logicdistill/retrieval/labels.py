"""Which function is right for a retrieval query: the one the reference chain runs at that stage.

For each decision point (a position and the deciding dot or seat, from
:mod:`logicdistill.training.positions`) the reference policy's chain is the
task's reference chain (pursuit on a restricted board: the emergency chain,
with the restricted-area filter before the base filter). Each link of the
chain is one labelled query: the stage it fills, the functions run before
it, the position in words -> the function's name. Left out on purpose:
running the chain (the reference bases are validated and tested elsewhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from logicdistill.reference import load_reference, reference_chain
from logicdistill.retrieval.interface import RetrievalQuery
from logicdistill.retrieval.text import make_query
from logicdistill.tasks.base import TaskName
from logicdistill.training.positions import DecisionPoint


@dataclass(frozen=True)
class LabelledQuery:
    """A query and the name of the function the reference chain runs for it."""

    task: TaskName
    query: RetrievalQuery
    answer: str
    emergency: bool


def labelled_queries(points: Sequence[DecisionPoint]) -> list[LabelledQuery]:
    """One labelled query per link of the reference chain at each point, in order."""
    out: list[LabelledQuery] = []
    for point in points:
        base = load_reference(point.task)
        chain = reference_chain(point.task, emergency=point.emergency)
        for i, name in enumerate(chain):
            stage = base.function(name).stage
            query = make_query(point.task, point.state_text, stage, tuple(chain[:i]))
            out.append(LabelledQuery(point.task, query, name, point.emergency))
    return out
