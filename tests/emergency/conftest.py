"""Shared fixtures: a scripted student, and the oracle cache in a temporary folder."""

from __future__ import annotations

import pytest

from logicdistill.llm.fake import FakeLanguageModel


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def scripted():
    """``scripted(replies)``: a fake student answering with ``replies`` in order."""

    def make(replies):
        return FakeLanguageModel(list(replies))

    return make
