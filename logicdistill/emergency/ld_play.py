"""Table 2's LD row: the student writes each game's filter (Eq. 6), then selects the chain (Algorithm 1).

For a restricted board, the written filter takes the place of the base's area
filter: same name, same manual entry, the slot the student learned to fill
first at the filter stage. Selection prompts show names and manual lines, never
code, so one selector over the reference base chooses for every game and the
games move in lock-step through the evaluation harness; each game's chain runs
through its own executor, the one holding its written filter. When nothing was
admitted for a game, its area slot keeps every move (the student plays without
an area filter, and entering the area counts as an illegal choice). Each
episode record carries its game's written filter and whether it forbids
exactly the area. Left out: writing the filters (:mod:`.writer`), the
fixed-chain row (:mod:`.table2`) and playing (the harness).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from logicdistill.agents.batched import PursuitTurn
from logicdistill.agents.composed import ComposedExecutor
from logicdistill.agents.ld import LDPursuer, LDSelector
from logicdistill.emergency.extend import emergency_spec
from logicdistill.emergency.writer import WrittenFilter
from logicdistill.errors import UserError
from logicdistill.functions import FunctionBase
from logicdistill.functions.validate import check_specs
from logicdistill.games.pursuit import N_BLUE, PursuitConfig
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


def without_area_filter(base: FunctionBase, slot: str = AREA_SLOT) -> FunctionBase:
    """``base`` whose ``slot`` keeps every move: the play of a game for which no filter was admitted."""
    keep_all = f'def {slot}(moves, state):\n    """No emergency filter was admitted: keep every move."""\n'
    keep_all += "    return list(moves)\n"
    return replace(
        base, functions=tuple(replace(f, source=keep_all) if f.name == slot else f for f in base.functions)
    )


class WrittenFilterPursuer(LDPursuer):
    """The LD pursuer on restricted boards: one selector, each board's own executor (by its config)."""

    def __init__(
        self,
        selector: LDSelector,
        executors: Mapping[PursuitConfig, ComposedExecutor],
        written: Mapping[PursuitConfig, WrittenFilter],
        name: str = "ld",
    ) -> None:
        super().__init__(selector, name)
        self.by_board = dict(executors)
        self.written = dict(written)

    def executors(self, turns: Sequence[PursuitTurn]) -> list[ComposedExecutor]:
        return [self.by_board[t.config] for t in turns for _ in range(N_BLUE)]

    def annotation(self, config: PursuitConfig) -> dict:
        """What an episode record keeps about its board's written filter."""
        one = self.written[config]
        return {
            "written_filter": {
                "description": one.description,
                "accepted": one.accepted,
                "exact": one.accepted and set(one.forbidden_cells) == set(config.restricted),
                "code": one.code,
                "refusal": one.refusal,
            }
        }


def written_filter_pursuer(
    selector: LDSelector, boards: Sequence[PursuitConfig], written: Sequence[WrittenFilter], name: str = "ld"
) -> WrittenFilterPursuer:
    """The pursuer for ``boards``, ``written[i]`` the filter for ``boards[i]`` (admissions in one batch)."""
    base = selector.base
    accepted = iter(with_written_area_filters(base, [w for w in written if w.accepted]))
    fallback = None
    executors = {}
    for board, one in zip(boards, written, strict=True):
        if one.accepted:
            executors[board] = ComposedExecutor(next(accepted))
        else:
            fallback = fallback or ComposedExecutor(without_area_filter(base))
            executors[board] = fallback
    return WrittenFilterPursuer(selector, executors, dict(zip(boards, written, strict=True)), name)


def written_note(records: Sequence[dict]) -> str:
    """The row's note on the filters behind its episodes: how many were admitted, how many exact."""
    filters = [r["written_filter"] for r in records if "written_filter" in r]
    admitted = sum(f["accepted"] for f in filters)
    exact = sum(f["exact"] for f in filters)
    return (
        f"filters written by the student (Eq. 6): {admitted}/{len(filters)} admitted, "
        f"{exact}/{len(filters)} forbid exactly the area; the student selected every chain"
    )
