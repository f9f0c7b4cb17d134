"""Emergencies (SPEC §1 Eq. 6): the student writes a new filter function for a new rule at test time.

Given a rule in words (e.g. "a 5x5 restricted area with corners (8, 8) and
(12, 12); no dot may enter it"), :func:`write_filter` asks the student for
several candidate ``filter_moves(moves, state)`` functions, checks each exactly
as every function of a base is checked (static check, admission in a
resource-limited child, the ``move_filter`` contract), runs the admitted ones
on the whole board to find the cells they forbid, and keeps one that passes -
or says why none does. :func:`add_written_filter` puts it into a pursuit
function base as a filter-stage candidate; :func:`emergency_pursuer` plays the
chain candidate moves -> written filter -> base filter -> select, falling back
to the base chain when nothing was admitted. The CLI is
``logicdistill emergency``; the measurements are in docs/emergencies.md.
"""

from logicdistill.emergency.config import DEFAULT_ADAPTER, WritingConfig
from logicdistill.emergency.extend import (
    EmergencyPlay,
    add_written_filter,
    add_written_filters,
    emergency_chain,
    emergency_pursuer,
    emergency_pursuers,
    emergency_spec,
)
from logicdistill.emergency.writer import Candidate, WrittenFilter, write_filter, write_filters

__all__ = [
    "DEFAULT_ADAPTER",
    "Candidate",
    "EmergencyPlay",
    "WritingConfig",
    "WrittenFilter",
    "add_written_filter",
    "add_written_filters",
    "emergency_chain",
    "emergency_pursuer",
    "emergency_pursuers",
    "emergency_spec",
    "write_filter",
    "write_filters",
]
