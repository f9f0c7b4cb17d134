"""Contract checks on one call of a stage function: is the output of the right kind for its inputs?

Used twice: by admission on sample inputs (with a mutation check on top)
and by the run-time guard on every call, so a function that was admitted
but misbehaves on an unseen input still fails cleanly. Each check returns
the output normalised to plain data (cells as ``(x, y)`` tuples) or raises
:class:`ContractViolation` with a reason. Which stage has which contract is
data in :mod:`logicdistill.tasks`; sample inputs live in :mod:`.samples`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from logicdistill.games.pursuit import BLUE_OFFSETS, BLUE_REACH, manhattan
from logicdistill.games.twentyone import Action
from logicdistill.tasks import stage_for_contract
from logicdistill.tasks.base import Contract

MAX_SHOWN = 120  # characters of a bad value quoted in a reason


class ContractViolation(Exception):
    """The output breaks the stage's contract; the message says how."""


def check_output(contract: Contract, args: Sequence[object], output: object) -> object:
    """The normalised output of a call with ``args``, or raise :class:`ContractViolation`."""
    return _CHECKS[contract](args, output)


def arity(contract: Contract) -> int:
    """How many positional arguments a function with this contract takes."""
    return len(stage_for_contract(contract)[1].params)


def show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."


def _cell(value: object) -> tuple[int, int] | None:
    if type(value) is tuple and len(value) == 2 and type(value[0]) is int and type(value[1]) is int:
        return value  # the common case, kept cheap: this runs on every guarded call
    if isinstance(value, tuple | list) and len(value) == 2:
        x, y = value
        if type(x) is int and type(y) is int:
            return (x, y)
    return None


def _cells(output: object, what: str) -> list[tuple[int, int]]:
    if not isinstance(output, list | tuple):
        raise ContractViolation(f"returned {show(output)}, expected a list of {what}")
    cells = []
    for item in output:
        cell = _cell(item)
        if cell is None:
            raise ContractViolation(f"returned an element {show(item)} that is not an (x, y) pair of ints")
        cells.append(cell)
    return cells


def _generator(args: Sequence[object], output: object) -> list[tuple[int, int]]:
    (state,) = args
    cells = _cells(output, "candidate moves")
    if not cells:
        raise ContractViolation("returned no candidate moves (staying in place is always a candidate)")
    if len(set(cells)) != len(cells):
        raise ContractViolation(f"returned duplicate moves: {show(output)}")
    if len(cells) > len(BLUE_OFFSETS):
        raise ContractViolation(f"returned {len(cells)} moves, at most {len(BLUE_OFFSETS)} are possible")
    position = state["position"]
    for cell in cells:
        if manhattan(cell, position) > BLUE_REACH:
            raise ContractViolation(
                f"returned {cell}, which is farther than {BLUE_REACH} from the dot's position {position}"
            )
    return cells


def _filter(args: Sequence[object], output: object) -> list[tuple[int, int]]:
    moves, _state = args
    cells = _cells(output, "moves")
    given = [_cell(m) for m in moves]
    allowed = set(given)
    if len(allowed) == len(given) and len(set(cells)) == len(cells):  # no repeats: a set test suffices
        for cell in cells:
            if cell not in allowed:
                raise ContractViolation(
                    f"returned {cell}, which is not one of its input moves (not a subset)"
                )
        return cells
    spare = Counter(given)
    for cell in cells:
        if spare[cell] <= 0:
            raise ContractViolation(f"returned {cell}, which is not one of its input moves (not a subset)")
        spare[cell] -= 1
    return cells


def _selector(args: Sequence[object], output: object) -> tuple[int, int]:
    moves, _state = args
    cell = _cell(output)
    if cell is None:
        raise ContractViolation(f"returned {show(output)}, expected one (x, y) move")
    if cell not in {_cell(m) for m in moves}:
        raise ContractViolation(f"returned {cell}, which is not one of its candidate moves")
    return cell


def _number(output: object, what: str) -> float | int:
    if type(output) not in (int, float) or not math.isfinite(output):
        raise ContractViolation(f"returned {show(output)}, expected {what}")
    return output


def _evaluator(args: Sequence[object], output: object) -> float | int:
    return _number(output, "a finite number (int or float)")


def _risk(args: Sequence[object], output: object) -> float:
    value = _number(output, "a number in [0, 1]")
    if not 0 <= value <= 1:
        raise ContractViolation(f"returned {show(output)}, expected a number in [0, 1]")
    return float(value)


def _decision(args: Sequence[object], output: object) -> str:
    if type(output) is not str or output not in (Action.HIT.value, Action.STAND.value):
        raise ContractViolation(f'returned {show(output)}, expected the string "hit" or "stand"')
    return output


_CHECKS: dict[Contract, Callable[[Sequence[object], object], object]] = {
    Contract.MOVE_GENERATOR: _generator,
    Contract.MOVE_FILTER: _filter,
    Contract.MOVE_SELECTOR: _selector,
    Contract.HAND_EVALUATOR: _evaluator,
    Contract.RISK_ESTIMATOR: _risk,
    Contract.TWENTYONE_DECISION: _decision,
}
