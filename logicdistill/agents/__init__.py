"""Agents that play the games: here, the function-base executor shared by the reference and LD agents.

Model-driven agents (prompted, KD, LD student) live in their own modules
and reuse :mod:`.composed` to run the functions they select.
"""

from logicdistill.agents.composed import (
    ChainPicker,
    ComposedExecutor,
    Decision,
    FirstListedChain,
    FixedChain,
    FunctionBasePlayer,
    FunctionBasePursuer,
)

__all__ = [
    "ChainPicker",
    "ComposedExecutor",
    "Decision",
    "FirstListedChain",
    "FixedChain",
    "FunctionBasePlayer",
    "FunctionBasePursuer",
]
