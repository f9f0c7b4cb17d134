"""Shared fixtures of the model-backend tests: a fresh meter, a private response cache, a stub endpoint.

Converted bundled models stay in the user's cache (converting takes ~30 s);
everything a test writes goes under ``tmp_path``.
"""

from __future__ import annotations

import pytest

from logicdistill.llm.endpoint import API_KEY_ENV, BASE_URL_ENV, MODEL_ENV, OPENAI_KEY_ENV, OPENAI_URL_ENV
from logicdistill.llm.response_cache import ResponseCache
from logicdistill.llm.usage import UsageMeter
from tests.llm.stub_server import StubEndpoint


@pytest.fixture
def meter() -> UsageMeter:
    return UsageMeter()


@pytest.fixture
def response_cache(tmp_path) -> ResponseCache:
    return ResponseCache(tmp_path / "responses")


@pytest.fixture
def stub():
    with StubEndpoint() as endpoint:
        yield endpoint


@pytest.fixture
def no_endpoint_env(monkeypatch):
    """No endpoint settings inherited from the machine's environment."""
    for name in (BASE_URL_ENV, API_KEY_ENV, MODEL_ENV, OPENAI_KEY_ENV, OPENAI_URL_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory):
    from tests.llm.tiny import build_tiny_checkpoint

    return build_tiny_checkpoint(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="session")
def bundled_gguf_path():
    from logicdistill.llm.checkpoints import bundled_gguf

    return bundled_gguf("smollm2-135m")


@pytest.fixture(scope="session")
def llama_server(bundled_gguf_path, tmp_path_factory):
    """A real llama.cpp OpenAI-compatible server on 127.0.0.1, for the whole session."""
    from tests.llm.llama_server import LlamaServer

    server = LlamaServer(bundled_gguf_path, tmp_path_factory.mktemp("llama") / "server.log")
    server.start()
    yield server
    server.stop()
