"""The order training examples are fed in: shuffled, but each batch of examples of similar length.

A batch is padded to its longest example, and the padding costs as much compute
as real tokens. The LD data mix three lengths (pursuit selections of about 420
tokens, 21-points ones of about 300, function writing of about 250), so random
batches of 4 carried about 17-20% padding. :class:`SimilarLengthSampler` draws a
random permutation each epoch from ``seed + epoch`` (as accelerate's
``SeedableRandomSampler``, which stands in for a random order in the trainer,
does: the data loader tells the sampler its epoch with ``set_epoch``, so an
interrupted run resumes on the same batches), sorts each window of
``window_batches`` batches' worth of examples by length, cuts the windows into
batches and shuffles the batches. The order stays random;
the batches are close to uniform in length.

Left out on purpose: anything distributed (one process trains here) and
batches that change size with the length (every batch has ``batch_size``
examples, the last one perhaps fewer, so the optimiser's schedule is unchanged).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

# Batches per sorted window: larger windows make batches more uniform, the order less mixed.
WINDOW_BATCHES = 16


class SimilarLengthSampler:
    """Indices of a dataset: random order, batches of ``batch_size`` examples of similar ``lengths``."""

    def __init__(
        self, lengths: Sequence[int], batch_size: int, seed: int = 0, window_batches: int = WINDOW_BATCHES
    ) -> None:
        if batch_size < 1 or window_batches < 1:
            raise ValueError("batch_size and window_batches must be at least 1")
        self.lengths = list(lengths)
        self.batch_size = batch_size
        self.window = batch_size * window_batches
        self.seed = seed
        self.epoch = 0

    def set_epoch(self, epoch: int) -> None:
        """The epoch the next iteration is (the data loader calls this before each)."""
        self.epoch = epoch

    def __len__(self) -> int:
        return len(self.lengths)

    def __iter__(self) -> Iterator[int]:
        import torch

        generator = torch.Generator()
        generator.manual_seed(self.seed + self.epoch)
        order = torch.randperm(len(self.lengths), generator=generator).tolist()
        batches = []
        for start in range(0, len(order), self.window):
            window = sorted(order[start : start + self.window], key=self.lengths.__getitem__)
            batches += [window[i : i + self.batch_size] for i in range(0, len(window), self.batch_size)]
        # only the last window can leave a short batch: it goes last, where a random order would put it
        full = [b for b in batches if len(b) == self.batch_size]
        short = [b for b in batches if len(b) < self.batch_size]
        for i in torch.randperm(len(full), generator=generator).tolist():
            yield from full[i]
        for batch in short:
            yield from batch
        self.epoch += 1


def padded_tokens(lengths: Sequence[int], order: Sequence[int], batch_size: int) -> int:
    """Tokens the model runs for ``order`` cut into batches, each padded to its longest example."""
    total = 0
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        total += len(batch) * max(lengths[i] for i in batch)
    return total
