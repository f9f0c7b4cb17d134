"""The shared prefix of a batch of prompts, run through the model once and kept between calls.

Selection (:mod:`logicdistill.llm.scoring`) and generation (:mod:`logicdistill.llm.local`)
both start from it: the static rules or manual text that every prompt of a batch
begins with gets its keys/values computed once, and again only for the tokens that
change when the prompts stop beginning with it. A prompt always keeps at least one
token of its own after the prefix (the model must read something to answer).

Left out: more than one cached prefix per cache (two kinds of prompt that alternate on
one model would rebuild it each time: give each caller its own cache), and
sliding-window attention (a cache of the whole prefix is what full attention reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

TokenIds = Sequence[int]


def common_prefix_length(rows: Sequence[TokenIds]) -> int:
    """Length of the longest prefix shared by every row (0 for no rows)."""
    if not rows:
        return 0
    first = rows[0]
    length = min(len(row) for row in rows)
    for row in rows[1:]:
        i = 0
        while i < length and row[i] == first[i]:
            i += 1
        length = i
    return length


@dataclass(frozen=True)
class Prefix:
    """Token ids and their keys/values: per layer ``(keys, values)``, each [1, heads, len(ids), dim]."""

    ids: tuple[int, ...]
    layers: list[tuple[Any, Any]]


class PrefixCache:
    """The last batch's shared prefix with its keys/values (see the module doc)."""

    def __init__(self) -> None:
        self._prefix: Prefix | None = None
        self.computed_tokens = 0  # tokens run through the model to build or extend prefixes

    @property
    def length(self) -> int:
        return len(self._prefix.ids) if self._prefix else 0

    def invalidate(self) -> None:
        """Forget the prefix (call after the weights change, e.g. an adapter is attached)."""
        self._prefix = None

    def prepare(self, model: Any, prompts: Sequence[TokenIds]) -> Prefix:
        """The cached prefix, kept as the same object while every prompt starts with it (and keeps
        at least one token of its own), else cropped to what it shares with the batch's common
        prefix and extended to it. Call under ``torch.inference_mode()``."""
        target_len = min(common_prefix_length(prompts), min(len(p) for p in prompts) - 1)
        target = tuple(prompts[0][:target_len])
        old = self._prefix
        keep = common_prefix_length([old.ids, target]) if old else 0
        if old is not None and keep == len(old.ids):
            return old
        layers = [(k[:, :, :keep], v[:, :, :keep]) for k, v in old.layers] if old and keep else []
        if len(target) > keep:
            layers = self._extend(model, layers, target[keep:])
        self._prefix = Prefix(ids=target, layers=layers)
        return self._prefix

    def _extend(
        self, model: Any, layers: list[tuple[Any, Any]], new_ids: Sequence[int]
    ) -> list[tuple[Any, Any]]:
        import torch
        from transformers import DynamicCache

        cache = DynamicCache(ddp_cache_data=layers) if layers else DynamicCache()
        ids = torch.tensor([list(new_ids)], device=model.device)
        out = model(input_ids=ids, past_key_values=cache, use_cache=True, logits_to_keep=1)
        self.computed_tokens += len(new_ids)
        return [(layer.keys, layer.values) for layer in out.past_key_values.layers]


def batch_cache(prefix: Prefix, batch: int) -> Any:
    """A fresh ``DynamicCache`` holding ``prefix`` for each of ``batch`` rows (views: the cache's
    first update copies them, so the prefix itself is never written to)."""
    from transformers import DynamicCache

    return DynamicCache(
        ddp_cache_data=[(k.expand(batch, -1, -1, -1), v.expand(batch, -1, -1, -1)) for k, v in prefix.layers]
    )
