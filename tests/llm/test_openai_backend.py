"""The OpenAI-compatible backend against a scripted loopback stub: requests, retries, errors, cache, usage."""

from __future__ import annotations

import math
import socket
import time

import pytest

from logicdistill.errors import UserError
from logicdistill.llm import GenerationConfig, ModelAnswerError, Role, chat
from logicdistill.llm.endpoint import EndpointConfig
from logicdistill.llm.openai_backend import OpenAIModel, SelectionMode
from tests.llm.stub_server import completion

QUESTION = chat(("system", "Be brief."), ("user", "Pick a move."))


def make(stub, meter, cache, **settings) -> OpenAIModel:
    selection = settings.pop("selection", SelectionMode.AUTO)
    endpoint = EndpointConfig(model="stub-model", base_url=stub.base_url, api_key="sk-test", **settings)
    return OpenAIModel(endpoint, role=Role.TEACHER, meter=meter, cache=cache, selection=selection)


def test_generate_sends_the_chat_and_returns_the_reply(stub, meter, response_cache):
    stub.answer = lambda request: completion("move north", prompt=11, done=2)
    model = make(stub, meter, response_cache)
    assert model.generate([QUESTION], GenerationConfig(max_new_tokens=5, seed=3, stop=("END",))) == [
        "move north"
    ]
    sent = stub.requests[0]
    assert sent["model"] == "stub-model"
    assert sent["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Pick a move."},
    ]
    assert (sent["max_tokens"], sent["temperature"], sent["seed"], sent["stop"]) == (5, 0.0, 3, ["END"])
    assert stub.headers[0]["Authorization"] == "Bearer sk-test"
    usage = meter.report()
    assert (usage.teacher.calls, usage.teacher.prompt_tokens, usage.teacher.completion_tokens) == (1, 11, 2)
    assert usage.student.calls == 0


def test_replies_keep_the_order_of_the_chats_under_concurrency(stub, meter, response_cache):
    stub.answer = lambda request: completion(request["messages"][-1]["content"].upper())
    chats = [chat(("user", f"word{i}")) for i in range(12)]
    model = make(stub, meter, response_cache, concurrency=4)
    assert model.generate(chats) == [f"WORD{i}" for i in range(12)]


def test_stop_strings_are_applied_even_if_the_server_ignores_them(stub, meter, response_cache):
    stub.answer = lambda request: completion("first line\nsecond line")
    model = make(stub, meter, response_cache)
    assert model.generate([QUESTION], GenerationConfig(stop=("\n",))) == ["first line"]


def test_identical_deterministic_requests_are_served_from_the_disk_cache(stub, meter, response_cache):
    stub.answer = lambda request: completion("cached answer")
    first = make(stub, meter, response_cache)
    assert first.generate([QUESTION]) == ["cached answer"]
    again = make(stub, meter, response_cache)  # a new process would build a new model object
    assert again.generate([QUESTION]) == ["cached answer"]
    assert len(stub.requests) == 1
    usage = meter.report().teacher
    assert (usage.calls, usage.cached_calls) == (1, 1)
    files = list(response_cache.folder.rglob("*"))
    assert [f.suffix for f in files if f.is_file()] == [".json"]  # no temp files left behind


def test_sampling_without_a_seed_is_not_cached(stub, meter, response_cache):
    model = make(stub, meter, response_cache)
    model.generate([QUESTION], GenerationConfig(temperature=0.7))
    model.generate([QUESTION], GenerationConfig(temperature=0.7))
    assert len(stub.requests) == 2


def test_the_cache_key_changes_with_every_request_field(stub, meter, response_cache):
    model = make(stub, meter, response_cache)
    model.generate([QUESTION], GenerationConfig(max_new_tokens=5))
    model.generate([QUESTION], GenerationConfig(max_new_tokens=6))
    model.generate([chat(("user", "Pick a move!"))], GenerationConfig(max_new_tokens=5))
    assert len(stub.requests) == 3


@pytest.mark.parametrize("failure", [500, 503, 429, 0])
def test_transient_failures_are_retried_with_backoff(stub, meter, response_cache, failure):
    stub.script = [failure, failure]
    stub.answer = lambda request: completion("after retries")
    model = make(stub, meter, response_cache, max_retries=3)
    start = time.perf_counter()
    assert model.generate([QUESTION]) == ["after retries"]
    assert len(stub.requests) == 3
    assert (
        time.perf_counter() - start >= 0.5
    )  # two waits of the client's backoff (0.5 s, then 1 s, with jitter)


def test_failures_beyond_the_retry_budget_are_one_line_errors(stub, meter, response_cache):
    stub.script = [503, 503]
    model = make(stub, meter, response_cache, max_retries=1)
    with pytest.raises(UserError, match=r"answered HTTP 503 \(after up to 1 retries\)") as err:
        model.generate([QUESTION])
    assert "\n" not in str(err.value)
    assert len(stub.requests) == 2


def test_a_refused_key_is_a_clear_error_and_is_not_retried(stub, meter, response_cache):
    stub.script = [401]
    model = make(stub, meter, response_cache)
    with pytest.raises(UserError, match=r"refused the API key.*LOGICDISTILL_API_KEY"):
        model.generate([QUESTION])
    assert len(stub.requests) == 1


def test_an_unknown_model_is_a_clear_error(stub, meter, response_cache):
    stub.script = [404]
    with pytest.raises(UserError, match="no model 'stub-model'"):
        make(stub, meter, response_cache).generate([QUESTION])


def test_an_unreachable_endpoint_is_a_clear_error(meter, response_cache):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again when the block ends: nothing listens there
    endpoint = EndpointConfig(model="m", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0, timeout_s=5)
    model = OpenAIModel(endpoint, meter=meter, cache=response_cache)
    with pytest.raises(UserError, match=rf"cannot reach the model endpoint http://127.0.0.1:{port}/v1"):
        model.generate([QUESTION])


def test_selection_reads_label_logprobs(stub, meter, response_cache):
    top = [("2", -0.1), (" 2", -3.0), ("1", -2.5), ("Option", -4.0)]
    stub.answer = lambda request: completion("2", top=top)
    model = make(stub, meter, response_cache)
    [picked] = model.select([QUESTION], [["north", "south", "stay"]])
    sent = stub.requests[0]
    assert (sent["logprobs"], sent["top_logprobs"], sent["max_tokens"]) == (True, 20, 1)
    assert "1. north\n2. south\n3. stay" in sent["messages"][-1]["content"]
    assert picked.index == 1
    assert picked.scores[0] == -2.5
    assert picked.scores[1] == pytest.approx(math.log(math.exp(-0.1) + math.exp(-3.0)))
    assert picked.scores[2] == -math.inf


def test_selection_falls_back_to_a_validated_written_answer_without_logprobs(stub, meter, response_cache):
    stub.script = [completion("3"), completion("I choose 3.")]  # the first reply carries no logprobs
    model = make(stub, meter, response_cache)
    [picked] = model.select([QUESTION], [["north", "south", "stay"]])
    assert picked.index == 2
    assert picked.scores == (-math.inf, -math.inf, 0.0)
    assert "logprobs" not in stub.requests[1]
    stub.answer = lambda request: completion("Option 1")
    [again] = model.select([chat(("user", "Another move."))], [["north", "south"]])
    assert again.index == 0
    assert "logprobs" not in stub.requests[-1]  # it remembers that this server gives none


def test_an_invalid_written_answer_gets_one_reminder(stub, meter, response_cache):
    stub.script = [completion("hmm"), completion("2")]
    model = make(stub, meter, response_cache, selection=SelectionMode.CHOICE)
    [picked] = model.select([QUESTION], [["north", "south"]])
    assert picked.index == 1
    reminder = stub.requests[1]["messages"]
    assert reminder[-2] == {"role": "assistant", "content": "hmm"}
    assert "from 1 to 2" in reminder[-1]["content"]


def test_two_invalid_written_answers_raise(stub, meter, response_cache):
    stub.script = [completion("7"), completion("none of them")]
    model = make(stub, meter, response_cache, selection=SelectionMode.CHOICE)
    with pytest.raises(ModelAnswerError, match="named no option 1-2"):
        model.select([QUESTION], [["north", "south"]])


def test_logprob_mode_refuses_a_server_without_logprobs(stub, meter, response_cache):
    stub.answer = lambda request: completion("1")
    model = make(stub, meter, response_cache, selection=SelectionMode.LOGPROBS)
    with pytest.raises(UserError, match="returns no token logprobs"):
        model.select([QUESTION], [["north", "south"]])


def test_empty_candidate_lists_are_refused_before_any_request(stub, meter, response_cache):
    model = make(stub, meter, response_cache)
    with pytest.raises(UserError, match="empty"):
        model.select([QUESTION], [[]])
    assert stub.requests == []
