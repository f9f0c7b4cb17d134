"""The on-disk reply cache: canonical keys, round trips, damaged files."""

from __future__ import annotations

from logicdistill.llm.response_cache import CachedReply, ResponseCache, request_key

REQUEST = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0.0}


def test_key_is_sha256_of_canonical_json_independent_of_key_order():
    shuffled = {"temperature": 0.0, "messages": [{"content": "hi", "role": "user"}], "model": "m"}
    assert request_key(REQUEST) == request_key(shuffled)
    assert len(request_key(REQUEST)) == 64
    assert request_key(REQUEST) != request_key({**REQUEST, "temperature": 0.5})


def test_round_trip_with_and_without_logprobs(tmp_path):
    cache = ResponseCache(tmp_path)
    assert cache.get(REQUEST) is None
    reply = CachedReply(text="héllo", prompt_tokens=3, completion_tokens=1, top_logprobs=(("1", -0.5),))
    cache.put(REQUEST, reply)
    assert cache.get(REQUEST) == reply
    plain = {**REQUEST, "model": "other"}
    cache.put(plain, CachedReply(text="x", prompt_tokens=1, completion_tokens=1))
    assert cache.get(plain).top_logprobs is None


def test_a_damaged_file_is_a_miss_and_is_overwritten(tmp_path):
    cache = ResponseCache(tmp_path)
    cache.put(REQUEST, CachedReply(text="a", prompt_tokens=1, completion_tokens=1))
    [path] = [p for p in tmp_path.rglob("*.json")]
    path.write_text("{not json", encoding="utf-8")
    assert cache.get(REQUEST) is None
    cache.put(REQUEST, CachedReply(text="b", prompt_tokens=1, completion_tokens=1))
    assert cache.get(REQUEST).text == "b"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [path.name]
