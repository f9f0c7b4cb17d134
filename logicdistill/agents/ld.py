"""The LD student (SPEC §1, Algorithm 1): per stage, retrieve top-K, the student selects one, the chain runs.

For each decision and each stage j in order: the retriever returns the top-K
functions for (instruction, state text, stage, functions already run), less
those already run in this decision (when one is left, it is taken without
asking); the student scores them with
the selection prompt it was trained on (:mod:`logicdistill.training.prompts`,
the same text as in training) and picks the most likely one. A repeatable
stage (filters) is asked again with the functions already run until the student
picks one of another stage (the stage ends there; a pick of the next stage's
function also fills that stage), at most once per function of that stage. A
pick of another stage where a first function was due is a failed decision (an
illegal choice). The picked chain then runs
through the guarded executor: o_j = f_j(o_{j-1}) (the selections depend on the
state and the names run so far, not on intermediate outputs, so running the
chain after selecting is the same computation). All decisions of a batch move
through the stages in lock-step: one retrieval and one ``select`` call per round.
Left out on purpose: training the student and building the retriever.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from logicdistill.agents.batched import PursuitTurn, TwentyOneTurn
from logicdistill.agents.composed import REPEATABLE, ComposedExecutor
from logicdistill.functions.schema import FunctionBase
from logicdistill.games.pursuit import N_BLUE, Cell
from logicdistill.games.twentyone import Action
from logicdistill.llm.base import LanguageModel
from logicdistill.tasks import get_task
from logicdistill.tasks import pursuit as pursuit_task
from logicdistill.tasks import twentyone as twentyone_task
from logicdistill.training.candidates import RetrievedCandidates
from logicdistill.training.prompts import SelectionQuery, candidate_labels, selection_chat

DEFAULT_K = 4


@dataclass
class _Pending:
    state: dict
    text: str
    stage: int = 0
    chain: list[str] = field(default_factory=list)
    asked_here: int = 0
    failed: bool = False


class LDSelector:
    """Algorithm 1 over a batch of state dicts: the chains the student picks, run through the guard."""

    def __init__(self, base: FunctionBase, model: LanguageModel, retriever, *, k: int = DEFAULT_K) -> None:
        self.base = base
        self.model = model
        self.candidates = RetrievedCandidates("retrieved", retriever, base, k)
        self.task = get_task(base.task)
        self.executor = ComposedExecutor(base)
        self.llm_calls = 0
        self.failures = 0

    def decide(
        self, views: Sequence[tuple[dict, str]], executors: Sequence[ComposedExecutor] | None = None
    ) -> list[object | None]:
        """The decision for each (state dict, state text); ``executors[i]`` runs view i's chain
        (default: this base's; Table 2 gives each game the executor holding its written filter)."""
        pending = [_Pending(state, text) for state, text in views]
        stages = self.task.stages
        while True:
            active = [p for p in pending if not p.failed and p.stage < len(stages)]
            if not active:
                break
            queries = [SelectionQuery(stages[p.stage].name, tuple(p.chain), p.text) for p in active]
            asked, chats, labels = [], [], []
            for p, query, specs in zip(active, queries, self.candidates.candidates(queries), strict=True):
                if len(specs) == 1:  # one candidate left: nothing to choose, no model call
                    self._advance(p, specs[0].name)
                    continue
                asked.append(p)
                chats.append(selection_chat(self.base, query))
                labels.append(candidate_labels(specs))
            if chats:
                picks = self.model.select(chats, labels)
                self.llm_calls += len(chats)
                for p, options, pick in zip(asked, labels, picks, strict=True):
                    self._advance(p, options[pick.index])
        out: list[object | None] = []
        for i, p in enumerate(pending):
            if p.failed:
                self.failures += 1
                out.append(None)
                continue
            decision = (executors[i] if executors is not None else self.executor).decide(p.chain, p.state)
            if decision.failure is not None:
                self.failures += 1
            out.append(decision.value)
        return out

    def _advance(self, p: _Pending, name: str) -> None:
        stage = self.task.stages[p.stage]
        spec = self.base.function(name)
        repeatable = stage.contract in REPEATABLE
        if spec.stage == stage.name and name not in p.chain:
            p.chain.append(name)
            p.asked_here += 1
            if not repeatable or p.asked_here >= len(self.base.for_stage(stage.name)):
                p.stage, p.asked_here = p.stage + 1, 0
        elif repeatable and p.asked_here > 0:
            p.stage, p.asked_here = p.stage + 1, 0  # the student ends the filter stage...
            if p.stage < len(self.task.stages) and spec.stage == self.task.stages[p.stage].name:
                self._advance(p, name)  # ...with the next stage's function, which fills that stage
        else:
            p.failed = True


class LDPursuer:
    """The blue side: Algorithm 1 once per blue dot, all dots of all episodes in one batch."""

    def __init__(self, selector: LDSelector, name: str = "ld") -> None:
        self.selector = selector
        self.name = name

    @property
    def llm_calls(self) -> int:
        return self.selector.llm_calls

    def executors(self, turns: Sequence[PursuitTurn]) -> list[ComposedExecutor] | None:
        """The executor of each dot's chain (None: the selector's base for all)."""
        return None

    def choose_batch(self, turns: Sequence[PursuitTurn]) -> list[tuple[Cell | None, ...]]:
        views = [
            (pursuit_task.state_dict(t.config, t.state, dot), pursuit_task.state_text(t.config, t.state, dot))
            for t in turns
            for dot in range(N_BLUE)
        ]
        values = self.selector.decide(views, self.executors(turns))
        return [tuple(values[i * N_BLUE : (i + 1) * N_BLUE]) for i in range(len(turns))]


class LDPlayer:
    """One seat of 21 points by Algorithm 1."""

    def __init__(self, selector: LDSelector, name: str = "ld") -> None:
        self.selector = selector
        self.name = name

    @property
    def llm_calls(self) -> int:
        return self.selector.llm_calls

    def choose_batch(self, turns: Sequence[TwentyOneTurn]) -> list[Action | str | None]:
        views = [
            (twentyone_task.state_dict(t.state, t.seat), twentyone_task.selection_text(t.state, t.seat))
            for t in turns
        ]
        values = self.selector.decide(views)
        return [v if isinstance(v, str) else None for v in values]
