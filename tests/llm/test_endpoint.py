"""Endpoint settings from arguments and environment variables."""

from __future__ import annotations

import pytest

from logicdistill.errors import UserError
from logicdistill.llm.endpoint import PLACEHOLDER_KEY, EndpointConfig, resolve_endpoint


def test_arguments_win_over_the_environment(monkeypatch, no_endpoint_env):
    monkeypatch.setenv("LOGICDISTILL_BASE_URL", "http://env:1/v1")
    monkeypatch.setenv("LOGICDISTILL_API_KEY", "env-key")
    monkeypatch.setenv("LOGICDISTILL_MODEL", "env-model")
    assert resolve_endpoint() == EndpointConfig(
        model="env-model", base_url="http://env:1/v1", api_key="env-key"
    )
    given = resolve_endpoint("m", base_url="http://arg:2/v1", api_key="arg-key")
    assert (given.model, given.base_url, given.api_key) == ("m", "http://arg:2/v1", "arg-key")


def test_openai_variables_are_the_fallback(monkeypatch, no_endpoint_env):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    config = resolve_endpoint("gpt-x")
    assert (config.base_url, config.api_key) == (None, "sk-openai")


def test_a_local_server_needs_no_key(no_endpoint_env):
    assert resolve_endpoint("m", base_url="http://127.0.0.1:9/v1").api_key == PLACEHOLDER_KEY


def test_missing_settings_are_one_line_errors(no_endpoint_env):
    with pytest.raises(UserError, match="LOGICDISTILL_BASE_URL"):
        resolve_endpoint("m")
    with pytest.raises(UserError, match="LOGICDISTILL_MODEL"):
        resolve_endpoint(base_url="http://127.0.0.1:9/v1")


def test_the_key_is_not_shown_in_the_repr():
    assert "secret" not in repr(EndpointConfig(model="m", api_key="secret"))
