"""The fixed positions on which the mutated variants of the built-in tasks' functions are run for examples.

Pursuit: one open-board position, and one with a 5x5 restricted square next
to the deciding dot (for the restricted-area filter's variants). 21 points:
deal 11 seen from seat 1 (a soft 16 against 16, so ace handling matters).
Built with the tasks' own state dict and state text, so the examples read
like the reference manual's.
"""

from __future__ import annotations

from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.retrieval.distractors.entries import Setting
from logicdistill.tasks import pursuit as pt
from logicdistill.tasks import twentyone as tt
from logicdistill.tasks.base import TaskName

PURSUIT_POSITION = pg.PursuitState(blues=((3, 4), (10, 12), (18, 3)), orange=(7, 8), step=3)
PURSUIT_AREA = pg.rectangle(4, 2, 8, 6)  # covers none of the pieces; B1's moves east enter it
PURSUIT_DOT = 0
TWENTYONE_DEAL_SEED = 11
TWENTYONE_SEAT = 0


def example_setting(task: TaskName, emergency: bool = False) -> Setting:
    """The example position of ``task`` (pursuit: with the restricted area when ``emergency``)."""
    if task is TaskName.PURSUIT:
        config = pg.PursuitConfig(restricted=PURSUIT_AREA if emergency else frozenset())
        pg.validate_start(config, PURSUIT_POSITION)
        return Setting.of(
            pt.state_text(config, PURSUIT_POSITION, PURSUIT_DOT),
            pt.state_dict(config, PURSUIT_POSITION, PURSUIT_DOT),
        )
    state = tg.deal_from_seed(TWENTYONE_DEAL_SEED)
    return Setting.of(tt.state_text(state, TWENTYONE_SEAT), tt.state_dict(state, TWENTYONE_SEAT))
