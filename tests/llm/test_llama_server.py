"""Integration: the OpenAI-compatible backend against a real server (llama-cpp-python) on loopback."""

from __future__ import annotations

import math
import threading
import time

import pytest

from logicdistill.errors import UserError
from logicdistill.llm import GenerationConfig, Role, chat
from logicdistill.llm.endpoint import EndpointConfig
from logicdistill.llm.openai_backend import OpenAIModel, SelectionMode
from tests.llm.llama_server import LlamaServer

pytestmark = pytest.mark.slow

GREETING = chat(("system", "You are terse."), ("user", "Say hello to the blue dot."))
QUESTIONS = [
    chat(("user", "Which word is a color?")),
    chat(
        ("system", "You pick functions for a game."),
        ("user", "The blue dot must get closer. Which function?"),
    ),
]
OPTIONS = [["blue", "seven"], ["move_toward_orange", "stay_in_place", "print_board"]]
SHORT = GenerationConfig(max_new_tokens=16)


def endpoint(server: LlamaServer, **settings) -> EndpointConfig:
    return EndpointConfig(model="smollm2-135m", base_url=server.base_url, **settings)


def test_generation_answers_and_is_metered(llama_server, meter, response_cache):
    model = OpenAIModel(endpoint(llama_server), role=Role.TEACHER, meter=meter, cache=response_cache)
    replies = model.generate([GREETING, QUESTIONS[0]], SHORT)
    assert all(isinstance(r, str) and r.strip() for r in replies)
    uncached = OpenAIModel(endpoint(llama_server, use_cache=False), meter=meter)
    again = uncached.generate([GREETING, QUESTIONS[0]], SHORT)
    # Not asserted equal: the server reuses the previous request's KV prefix, and greedy replies
    # differed in 1 of 3 runs on 2026-12-03 (the bundled backend's determinism: test_bundled.py).
    assert all(isinstance(r, str) and r.strip() for r in again)
    usage = meter.report().teacher
    assert usage.calls == 4 and usage.cached_calls == 0
    assert usage.prompt_tokens > 40 and 0 < usage.completion_tokens <= 4 * 16


def test_selection_reads_the_servers_token_logprobs(llama_server, meter, response_cache):
    model = OpenAIModel(endpoint(llama_server), meter=meter, cache=response_cache)
    picks = model.select(QUESTIONS, OPTIONS)
    assert model._logprobs_given is True
    for pick, options in zip(picks, OPTIONS, strict=True):
        assert len(pick.scores) == len(options)
        assert math.isfinite(pick.scores[pick.index]) and pick.scores[pick.index] == max(pick.scores)
        assert all(s <= 0 for s in pick.scores)


def test_written_choice_answers_are_validated(llama_server, meter, response_cache):
    model = OpenAIModel(
        endpoint(llama_server), meter=meter, cache=response_cache, selection=SelectionMode.CHOICE
    )
    picks = model.select(QUESTIONS, OPTIONS)
    for pick, options in zip(picks, OPTIONS, strict=True):
        assert 0 <= pick.index < len(options)
        assert pick.scores[pick.index] == 0.0 and sum(s == 0.0 for s in pick.scores) == 1


def test_a_server_stopped_mid_run_is_retried_and_the_cache_replays(
    bundled_gguf_path, tmp_path, meter, response_cache
):
    server = LlamaServer(bundled_gguf_path, tmp_path / "server.log")
    server.start()
    try:
        model = OpenAIModel(
            endpoint(server, max_retries=8), role=Role.TEACHER, meter=meter, cache=response_cache
        )
        [first] = model.generate([GREETING], SHORT)
        server.stop()

        # the endpoint is down: a cached request still replays, exactly
        assert model.generate([GREETING], SHORT) == [first]
        assert meter.report().teacher.cached_calls == 1

        # an uncached request keeps retrying (with backoff) until the restarted server answers
        restart = threading.Thread(target=lambda: (time.sleep(1.0), server.start()), daemon=True)
        started = time.perf_counter()
        restart.start()
        [reply] = model.generate([QUESTIONS[0]], SHORT)
        restart.join(timeout=120)
        assert reply.strip()
        assert time.perf_counter() - started > 1.0
        assert meter.report().teacher.calls == 2

        server.stop()
        impatient = OpenAIModel(endpoint(server, max_retries=0), meter=meter, cache=response_cache)
        with pytest.raises(UserError, match=f"cannot reach the model endpoint {server.base_url}"):
            impatient.generate([QUESTIONS[1]], SHORT)
    finally:
        server.stop()
