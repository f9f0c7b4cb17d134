"""Shared fixtures: a tiny base built from the reference functions, and a cache folder per test."""

from __future__ import annotations

from dataclasses import replace

import pytest

from logicdistill.functions.schema import FunctionBase
from logicdistill.reference import load_reference
from logicdistill.tasks.base import TaskName


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def pursuit_base() -> FunctionBase:
    return load_reference(TaskName.PURSUIT)


def renamed(base: FunctionBase, old: str, new: str) -> FunctionBase:
    """``base`` with one function renamed (its manual entries left as they are)."""
    functions = tuple(replace(f, name=new) if f.name == old else f for f in base.functions)
    return replace(base, functions=functions)
