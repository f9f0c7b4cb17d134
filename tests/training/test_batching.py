"""Similar-length batches: every example once per epoch, random order, less padding, seeded like torch's."""

from __future__ import annotations

import pytest

from logicdistill.training.batching import SimilarLengthSampler, padded_tokens

# the LD mix: pursuit selections, 21-points selections, function writing
LENGTHS = [420] * 64 + [300] * 48 + [250] * 16 + [260, 410, 305]  # 131: one short batch


def test_an_epoch_is_every_example_once():
    order = list(SimilarLengthSampler(LENGTHS, 4))
    assert sorted(order) == list(range(len(LENGTHS))) and len(order) == len(LENGTHS)


def test_batches_carry_less_padding_than_random_ones():
    import torch

    sampler = SimilarLengthSampler(LENGTHS, 4)
    generator = torch.Generator().manual_seed(0)
    shuffled = sum(
        padded_tokens(LENGTHS, torch.randperm(len(LENGTHS), generator=generator).tolist(), 4)
        for _ in range(20)
    )
    similar = sum(padded_tokens(LENGTHS, list(sampler), 4) for _ in range(20))
    real = 20 * sum(LENGTHS)
    assert similar - real < (shuffled - real) / 3


def test_the_order_follows_the_seed_and_the_epoch():
    first, again = SimilarLengthSampler(LENGTHS, 4, seed=1), SimilarLengthSampler(LENGTHS, 4, seed=1)
    epoch_one, epoch_two = list(first), list(first)  # each iteration moves to the next epoch
    assert epoch_one != epoch_two
    assert list(again) == epoch_one
    again.set_epoch(1)
    assert list(again) == epoch_two
    assert list(SimilarLengthSampler(LENGTHS, 4, seed=2)) != epoch_one


def test_the_batch_order_is_mixed_not_sorted_by_length():
    order = list(SimilarLengthSampler(LENGTHS, 4))
    batch_lengths = [max(LENGTHS[i] for i in order[k : k + 4]) for k in range(0, 128, 4)]
    assert batch_lengths != sorted(batch_lengths) and batch_lengths != sorted(batch_lengths, reverse=True)


def test_padded_tokens_counts_each_batch_at_its_longest():
    assert padded_tokens([1, 5, 2, 2, 3], [0, 1, 2, 3, 4], 2) == 2 * 5 + 2 * 2 + 1 * 3


def test_sizes_below_one_are_refused():
    with pytest.raises(ValueError):
        SimilarLengthSampler(LENGTHS, 0)
