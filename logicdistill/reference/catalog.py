"""Which reference functions exist, where their sources are, and how the reference policies chain them.

The single place for the names: the build (:mod:`.build`) reads the sources
listed here, the manuals describe them, and :mod:`logicdistill.reference`
hands out the chains. The function code itself lives in ``src/<task>/``;
the manual text in ``manual_<task>.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from logicdistill.tasks.base import TaskName

SOURCE_ROOT = Path(__file__).resolve().parent / "src"
DATA_ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SourceEntry:
    """One reference function: its name (also its ``def`` and file name) and its stage."""

    name: str
    stage: str

    def path(self, task: TaskName) -> Path:
        return SOURCE_ROOT / task.value / f"{self.name}.py"


# Pursuit: candidate moves -> (emergency filter) -> base filter -> select (paper Fig. 4).
CANDIDATE_MOVES = "candidate_moves"
FILTER_VALID_MOVES = "filter_valid_moves"
FILTER_RESTRICTED_AREA = "filter_restricted_area"
SELECT_BEST_MOVE = "select_best_move"
# 21 points: evaluate the hand -> bust risk -> decide.
HAND_VALUE = "hand_value"
BUST_RISK = "bust_risk"
DECIDE_EXACT = "decide_exact"

ENTRIES: dict[TaskName, tuple[SourceEntry, ...]] = {
    TaskName.PURSUIT: (
        SourceEntry(CANDIDATE_MOVES, "generate_moves"),
        SourceEntry(FILTER_VALID_MOVES, "filter_moves"),
        SourceEntry(FILTER_RESTRICTED_AREA, "filter_moves"),
        SourceEntry(SELECT_BEST_MOVE, "select_move"),
    ),
    TaskName.TWENTYONE: (
        SourceEntry(HAND_VALUE, "evaluate_hand"),
        SourceEntry(BUST_RISK, "estimate_risk"),
        SourceEntry(DECIDE_EXACT, "decide"),
    ),
}

# The reference policy's chain per task; the emergency chain composes the restricted-area filter
# before the base filter (SPEC §1 Eq. 6).
CHAINS: dict[TaskName, tuple[str, ...]] = {
    TaskName.PURSUIT: (CANDIDATE_MOVES, FILTER_VALID_MOVES, SELECT_BEST_MOVE),
    TaskName.TWENTYONE: (HAND_VALUE, BUST_RISK, DECIDE_EXACT),
}
EMERGENCY_CHAINS: dict[TaskName, tuple[str, ...]] = {
    TaskName.PURSUIT: (CANDIDATE_MOVES, FILTER_RESTRICTED_AREA, FILTER_VALID_MOVES, SELECT_BEST_MOVE),
}


def data_path(task: TaskName) -> Path:
    """The shipped function base file of ``task``."""
    return DATA_ROOT / f"{task.value}.json"
