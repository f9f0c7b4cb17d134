"""Fast selection (shared-prefix KV cache + packed candidates) equals the naive full-sequence scores."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logicdistill.llm.prefix_cache import common_prefix_length
from logicdistill.llm.scoring import PrefixScorer, naive_scores, supports_packing

TOLERANCE = 1e-9  # the tiny model runs in float64, so a different pass shape cannot hide a wrong mask


@pytest.fixture(scope="module")
def tiny_model(tiny_checkpoint):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(tiny_checkpoint).double().eval()


def assert_close(fast, naive):
    assert len(fast) == len(naive)
    for row_fast, row_naive in zip(fast, naive, strict=True):
        assert row_fast == pytest.approx(row_naive, abs=TOLERANCE)


@given(st.lists(st.lists(st.integers(0, 3), max_size=6), min_size=1, max_size=5))
def test_common_prefix_length_is_the_longest_shared_prefix(rows):
    n = common_prefix_length(rows)
    assert all(row[:n] == rows[0][:n] for row in rows)
    assert n == min(len(r) for r in rows) or len({tuple(r[: n + 1]) for r in rows}) > 1


def test_common_prefix_length_known_answers():
    assert common_prefix_length([]) == 0
    assert common_prefix_length([[1, 2, 3], [1, 2, 4], [1, 2]]) == 2
    assert common_prefix_length([[5, 6]]) == 2


def test_llama_uses_the_packed_path(tiny_model):
    assert supports_packing(tiny_model)


token = st.integers(3, 300)
problem = st.tuples(
    st.lists(token, min_size=0, max_size=40),  # shared prefix
    st.lists(  # per prompt: own suffix (>= 1 token) and 1-4 candidates of 1-5 tokens
        st.tuples(
            st.lists(token, min_size=1, max_size=12),
            st.lists(st.lists(token, min_size=1, max_size=5), min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([1, 24, 10_000]),  # pack budget: one prompt per pass, a few, all
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(problem)
def test_fast_scores_equal_naive_scores(tiny_model, case):
    shared, rows, pack = case
    prompts = [shared + suffix for suffix, _ in rows]
    conts = [options for _, options in rows]
    fast = PrefixScorer(pack_tokens=pack).score(tiny_model, prompts, conts)
    assert_close(fast, naive_scores(tiny_model, prompts, conts))


shared_problem = st.tuples(
    st.lists(token, max_size=20),  # static prefix
    st.lists(st.lists(token, min_size=1, max_size=8), min_size=1, max_size=2),  # texts several prompts share
    st.lists(  # per prompt: which shared text, its own tail, candidates from 4 tokens (so they share starts)
        st.tuples(
            st.integers(0, 1),
            st.lists(token, max_size=6),
            st.lists(st.lists(st.integers(3, 6), min_size=1, max_size=4), min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([1, 24, 10_000]),
    st.sampled_from([0, 5, 10_000]),  # tokens kept between calls
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shared_problem)
def test_prompts_and_candidates_that_share_tokens_score_as_if_alone(tiny_model, case):
    static, middles, rows, pack, keep = case
    prompts = [static + middles[which % len(middles)] + tail for which, tail, _ in rows]
    conts = [options for _, _, options in rows]
    scorer = PrefixScorer(pack_tokens=pack, keep_tokens=keep)
    assert_close(scorer.score(tiny_model, prompts, conts), naive_scores(tiny_model, prompts, conts))
    # the next calls start from the tokens this one kept: the same prompts reversed, then each one longer
    again = prompts[::-1]
    assert_close(scorer.score(tiny_model, again, conts[::-1]), naive_scores(tiny_model, again, conts[::-1]))
    longer = [[*prompt, 7 + i] for i, prompt in enumerate(prompts)]
    assert_close(scorer.score(tiny_model, longer, conts), naive_scores(tiny_model, longer, conts))


def test_tokens_computed_in_one_call_are_not_computed_again_in_the_next(tiny_model):
    static = list(range(10, 40))
    states = [[100 + i, 101, 102, 103] for i in range(3)]
    options = [[[90], [91, 92]]] * 3
    scorer = PrefixScorer()
    scorer.score(tiny_model, [[*static, *state, 7] for state in states], options)
    assert scorer.prefix_length == 30 and scorer.computed_tokens == 3 * 6  # state, 7 and 91 (read for 92)
    second = [[*static, *state, 8, 9] for state in states]  # the next round: each state again, then more
    assert_close(scorer.score(tiny_model, second, options), naive_scores(tiny_model, second, options))
    assert scorer.computed_tokens == 3 * 6 + 3 * 3  # only 8, 9 and 91 after them are new


def test_shared_tokens_run_once_per_pass():
    from logicdistill.llm.scoring import _Trie

    trie = _Trie()
    first = trie.insert([1, 2, 3, 4])
    second = trie.insert([1, 2, 5])
    assert first[:2] == second[:2] and len(trie.ids) == 5
    assert trie.parent == [-1, 0, 1, 2, 1] and trie.depth == [0, 1, 2, 3, 2]


def test_the_prefix_is_computed_once_and_kept_while_every_prompt_starts_with_it(tiny_model):
    static = list(range(10, 60))
    batch = [[*static, 70 + i, 80, 81] for i in range(4)]
    options = [[[90], [91, 92]]] * 4
    scorer = PrefixScorer()
    first = scorer.score(tiny_model, batch, options)
    assert scorer.prefix_length == 50 and scorer.prefix_computed_tokens == 50
    assert_close(first, naive_scores(tiny_model, batch, options))
    scorer.score(tiny_model, batch[1:3], options[1:3])  # same static prefix: nothing recomputed
    assert scorer.prefix_computed_tokens == 50
    single = [[*static, 99, 98]]
    alone = scorer.score(tiny_model, single, options[:1])  # still starts with the prefix: kept as it is
    assert scorer.prefix_length == 50 and scorer.prefix_computed_tokens == 50
    assert_close(alone, naive_scores(tiny_model, single, options[:1]))
    other = [[5, *static], [5, 6, *static]]  # shares nothing with the cache: rebuilt from scratch
    assert_close(scorer.score(tiny_model, other, options[:2]), naive_scores(tiny_model, other, options[:2]))
    assert scorer.prefix_length == 1


def test_identical_prompts_keep_their_last_token_out_of_the_prefix(tiny_model):
    prompts = [[10, 11, 12]] * 3
    options = [[[20], [21]], [[21], [20]], [[22, 23]]]
    scorer = PrefixScorer()
    assert_close(scorer.score(tiny_model, prompts, options), naive_scores(tiny_model, prompts, options))
    assert scorer.prefix_length == 2


def test_invalidate_forgets_the_prefix(tiny_model):
    scorer = PrefixScorer()
    scorer.score(tiny_model, [[1, 2, 3]], [[[4]]])
    scorer.invalidate()
    assert scorer.prefix_length == 0
