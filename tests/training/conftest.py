"""Shared fixtures of the training tests: the tiny random Llama checkpoint, tiny datasets, a private cache.

Nothing here loads the bundled student: every model is the tiny checkpoint of
:mod:`tests.llm.tiny` (built once per session in about a second) or a fake.
"""

from __future__ import annotations

import pytest

from logicdistill.training.ld_data import LDConfig, build_ld_dataset, resolve_base


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory):
    from tests.llm.tiny import build_tiny_checkpoint

    return build_tiny_checkpoint(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="session")
def tiny_ld_dataset():
    """Six 21-points selection examples (two positions, three stages each): cheap to train on."""
    return build_ld_dataset(resolve_base("twentyone"), LDConfig(positions=2))
