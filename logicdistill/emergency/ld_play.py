"""Table 2's LD row end to end: the student writes the filter (Eq. 6), then selects the chain (Algorithm 1).

For a game on a restricted board, the written filter takes the place of the
base's area filter (same name, same manual entry: the slot the student learned
to fill first at the filter stage), and the LD selector - the student choosing
one function per stage among the retrieved candidates - plays the game with
that base. When nothing was admitted, the area filter is taken out of the base
and the student plays without one (the game then counts any entry into the
area as an illegal choice), and the play says so. Left out: writing the filters
(:mod:`.writer`) and the fixed-chain row (:mod:`.extend`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from logicdistill.agents.batched import PursuitTurn
from logicdistill.agents.ld import DEFAULT_K, LDPursuer, LDSelector
from logicdistill.emergency.extend import emergency_spec
from logicdistill.emergency.writer import WrittenFilter
from logicdistill.errors import UserError
from logicdistill.functions import FunctionBase
from logicdistill.functions.validate import check_specs, structure_problems
from logicdistill.games.pursuit import Cell, PursuitConfig, PursuitState
from logicdistill.llm.base import LanguageModel
from logicdistill.reference.catalog import FILTER_RESTRICTED_AREA
from logicdistill.tasks import get_task

AREA_SLOT = FILTER_RESTRICTED_AREA


def with_written_area_filters(
    base: FunctionBase, written: Sequence[WrittenFilter], slot: str = AREA_SLOT
) -> list[FunctionBase]:
    """``base`` with each written filter's code in place of function ``slot``, checked in one batch.

    UserError when the base has no ``slot`` or a filter was not admitted or fails the base's checks.
    """
    if all(f.name != slot for f in base.functions):
        raise UserError(f"the function base has no {slot!r} to replace")
    specs = [emergency_spec(one, slot) for one in written]
    out = []
    for spec, verdict in zip(specs, check_specs(specs, get_task(base.task)), strict=True):
        if not verdict.accepted:
            raise UserError(f"the written filter failed the base's checks: {'; '.join(verdict.reasons)}")
        out.append(replace(base, functions=tuple(spec if f.name == slot else f for f in base.functions)))
    return out


def without_function(base: FunctionBase, name: str) -> FunctionBase:
    """``base`` less function ``name``: its code, its place in the stage guide, its usage examples."""
    manual = base.manual
    guides = tuple(
        replace(guide, functions=tuple(n for n in guide.functions if n != name)) for guide in manual.stages
    )
    examples = tuple(e for e in manual.examples if e.function != name)
    smaller = replace(
        base,
        functions=tuple(f for f in base.functions if f.name != name),
        manual=replace(manual, stages=guides, examples=examples),
    )
    problems = structure_problems(smaller, get_task(base.task))
    if problems:
        raise UserError(f"the base without {name!r} is not consistent: {problems[0]}")
    return smaller


class OneGameLD:
    """An LD pursuer for one game at a time (``choose`` as the game runner calls it)."""

    def __init__(self, selector: LDSelector, name: str = "ld") -> None:
        self.batched = LDPursuer(selector, name)
        self.name = name

    @property
    def llm_calls(self) -> int:
        return self.batched.llm_calls

    def choose(
        self, config: PursuitConfig, state: PursuitState, rng: np.random.Generator
    ) -> tuple[Cell | None, ...]:
        return self.batched.choose_batch([PursuitTurn(config, state, rng)])[0]


@dataclass(frozen=True)
class LDEmergencyPlay:
    """The LD pursuer of one restricted game, and whether it had to play without a written filter."""

    pursuer: OneGameLD
    fallback: bool
    note: str


def ld_emergency_plays(
    base: FunctionBase,
    written: Sequence[WrittenFilter],
    model: LanguageModel,
    *,
    retrieval: str = "bm25",
    k: int = DEFAULT_K,
) -> list[LDEmergencyPlay]:
    """One LD pursuer per written filter: the filter in the area slot, or no area filter when none passed."""
    from logicdistill.retrieval.factory import make_retriever

    accepted = [one for one in written if one.accepted]
    extended = iter(with_written_area_filters(base, accepted))
    fallback = without_function(base, AREA_SLOT) if len(accepted) < len(written) else None
    plays = []
    for one in written:
        if one.accepted:
            game_base, note = next(extended), "student-written filter in the area slot"
        else:
            game_base, note = fallback, f"no filter admitted ({one.refusal})"
        selector = LDSelector(game_base, model, make_retriever(game_base, retrieval), k=k)
        plays.append(LDEmergencyPlay(OneGameLD(selector), not one.accepted, note))
    return plays
