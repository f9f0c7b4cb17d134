"""Selection by likelihood on a local model: log p(candidate | prompt) for K candidates of many prompts.

Two scorers over token ids (the tokenizer and chat template are the caller's job):

- :func:`naive_scores` runs each prompt + candidate as one full sequence, one at a time.
  It is the reference the benchmark compares with.
- :class:`PrefixScorer` is the fast path. The longest common token prefix of the
  batch (the static rules/manual text) goes through the model once and its KV cache
  is kept between calls (cropped or extended when the next batch shares less or more).
  Then several prompts are packed into one row as a token trie: every prompt's suffix
  followed by each of its K candidates, merged where they share tokens (the position
  text that the three blue dots of one game share, candidates' common first tokens),
  with a custom attention mask so that every token sees the prefix, its ancestors in
  the trie and itself only, and position ids = prefix length + depth. Nothing shared
  is computed twice, and logits are projected onto the vocabulary only where a
  candidate token is read.

Left out on purpose: sliding-window attention (such models use :func:`naive_scores`,
see :func:`supports_packing`), and batching several packed rows side by side (the
prefix cache would have to be copied per row; one row per pass is faster on CPU).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

TokenIds = Sequence[int]
DEFAULT_PACK_TOKENS = 512  # query tokens per packed forward pass (256-1024 measured alike on 2 CPU cores)


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


def supports_packing(model: Any) -> bool:
    """True when every attention layer is full causal attention, so a custom 4D mask is exact."""
    config = model.config.get_text_config(decoder=True)
    layer_types = getattr(config, "layer_types", None)
    if layer_types:
        return all(kind == "full_attention" for kind in layer_types)
    return getattr(config, "sliding_window", None) is None or not getattr(config, "use_sliding_window", True)


def naive_scores(
    model: Any, prompts: Sequence[TokenIds], continuations: Sequence[Sequence[TokenIds]]
) -> list[list[float]]:
    """Sum of token log-probs of each continuation, one full forward pass per (prompt, continuation)."""
    import torch

    device = model.device
    out: list[list[float]] = []
    with torch.inference_mode():
        for prompt, options in zip(prompts, continuations, strict=True):
            row = []
            for option in options:
                ids = torch.tensor([list(prompt) + list(option[:-1])], device=device)
                logits = model(input_ids=ids, logits_to_keep=len(option), use_cache=False).logits[0]
                logprobs = torch.log_softmax(logits.float(), dim=-1)
                targets = torch.tensor(list(option), device=device)
                row.append(float(logprobs.gather(1, targets[:, None]).sum()))
            out.append(row)
    return out


@dataclass
class _Prefix:
    ids: tuple[int, ...]
    layers: list[tuple[Any, Any]]  # (keys, values) per layer, each [1, kv_heads, len(ids), head_dim]


class PrefixScorer:
    """Scores continuations with a cached shared prefix and packed candidates (see the module doc)."""

    def __init__(self, pack_tokens: int = DEFAULT_PACK_TOKENS) -> None:
        self.pack_tokens = pack_tokens
        self._prefix: _Prefix | None = None
        self.prefix_computed_tokens = 0  # tokens run through the model to build or extend prefixes

    @property
    def prefix_length(self) -> int:
        return len(self._prefix.ids) if self._prefix else 0

    def invalidate(self) -> None:
        """Forget the cached prefix (call after the weights change, e.g. an adapter is attached)."""
        self._prefix = None

    def score(
        self, model: Any, prompts: Sequence[TokenIds], continuations: Sequence[Sequence[TokenIds]]
    ) -> list[list[float]]:
        """Sum of token log-probs of each continuation given its prompt."""
        import torch

        with torch.inference_mode():
            prefix = self._prepare_prefix(model, prompts)
            scores: list[list[float]] = [[] for _ in prompts]
            for group in self._groups(prompts, continuations, len(prefix.ids)):
                for i, row in zip(
                    group, self._score_group(model, prefix, prompts, continuations, group), strict=True
                ):
                    scores[i] = row
        return scores

    # -- the shared prefix -------------------------------------------------------------------------------

    def _prepare_prefix(self, model: Any, prompts: Sequence[TokenIds]) -> _Prefix:
        """Make the cached prefix equal the batch's common prefix (each prompt keeps >= 1 own token)."""
        target_len = min(common_prefix_length(prompts), min(len(p) for p in prompts) - 1)
        target = tuple(prompts[0][:target_len])
        old = self._prefix
        keep = common_prefix_length([old.ids, target]) if old else 0
        if old is not None and keep == len(old.ids) == len(target):
            return old
        layers = [(k[:, :, :keep], v[:, :, :keep]) for k, v in old.layers] if old and keep else []
        if len(target) > keep:
            layers = self._extend(model, layers, target[keep:])
        self._prefix = _Prefix(ids=target, layers=layers)
        return self._prefix

    def _extend(
        self, model: Any, layers: list[tuple[Any, Any]], new_ids: Sequence[int]
    ) -> list[tuple[Any, Any]]:
        import torch
        from transformers import DynamicCache

        cache = DynamicCache(ddp_cache_data=layers) if layers else DynamicCache()
        ids = torch.tensor([list(new_ids)], device=model.device)
        out = model(input_ids=ids, past_key_values=cache, use_cache=True, logits_to_keep=1)
        self.prefix_computed_tokens += len(new_ids)
        return [(layer.keys, layer.values) for layer in out.past_key_values.layers]

    # -- packed suffixes + candidates as one token trie ------------------------------------------------

    def _groups(
        self, prompts: Sequence[TokenIds], continuations: Sequence[Sequence[TokenIds]], prefix_len: int
    ) -> list[list[int]]:
        """Consecutive prompts per pass, about ``pack_tokens`` trie nodes each (sharing with the
        previous prompt counted, the common case: the dots of one position come one after another)."""
        groups: list[list[int]] = []
        size = 0
        previous: TokenIds = ()
        for i, (prompt, options) in enumerate(zip(prompts, continuations, strict=True)):
            shared = common_prefix_length([prompt, previous]) if groups else prefix_len
            tokens = len(prompt) - max(shared, prefix_len) + sum(len(o) for o in options)
            if groups and size + tokens <= self.pack_tokens:
                groups[-1].append(i)
                size += tokens
            else:
                groups.append([i])
                size = len(prompt) - prefix_len + sum(len(o) for o in options)
            previous = prompt
        return groups

    def _score_group(
        self,
        model: Any,
        prefix: _Prefix,
        prompts: Sequence[TokenIds],
        continuations: Sequence[Sequence[TokenIds]],
        group: list[int],
    ) -> list[list[float]]:
        import numpy as np
        import torch
        from transformers import DynamicCache

        p = len(prefix.ids)
        trie = _Trie()
        paths = [[trie.insert([*prompts[i][p:], *option]) for option in continuations[i]] for i in group]
        reads: dict[int, int] = {}  # trie node whose logits predict a candidate token -> row of logits
        wanted: list[list[list[tuple[int, int]]]] = []  # per prompt, candidate: (logits row, target)
        for i, prompt_paths in zip(group, paths, strict=True):
            start = len(prompts[i]) - p
            rows = []
            for option, path in zip(continuations[i], prompt_paths, strict=True):
                rows.append(
                    [(reads.setdefault(path[start + j - 1], len(reads)), t) for j, t in enumerate(option)]
                )
            wanted.append(rows)

        device = model.device
        q = len(trie.ids)
        sees = np.zeros((q, q), dtype=bool)  # a node sees its ancestors and itself
        for node, parent in enumerate(trie.parent):
            if parent >= 0:
                sees[node] = sees[parent]
            sees[node, node] = True
        local = torch.from_numpy(sees).to(device)
        mask = torch.cat([torch.ones(q, p, dtype=torch.bool, device=device), local], dim=1)[None, None]
        cache = DynamicCache(ddp_cache_data=prefix.layers) if p else None
        out = model(
            input_ids=torch.tensor([trie.ids], device=device),
            position_ids=torch.tensor([[p + d for d in trie.depth]], device=device),
            attention_mask=mask,
            past_key_values=cache,
            use_cache=cache is not None,
            logits_to_keep=torch.tensor(list(reads), device=device),
        )
        logprobs = torch.log_softmax(out.logits[0].float(), dim=-1)
        flat = [pair for rows in wanted for pairs in rows for pair in pairs]
        index = torch.tensor(flat, device=device).reshape(-1, 2)
        picked = iter(logprobs[index[:, 0], index[:, 1]].tolist())
        return [[float(sum(next(picked) for _ in pairs)) for pairs in rows] for rows in wanted]


class _Trie:
    """Token sequences merged on their common prefixes; nodes numbered parents first."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.parent: list[int] = []  # -1: a child of the cached prefix
        self.depth: list[int] = []
        self._children: list[dict[int, int]] = []
        self._roots: dict[int, int] = {}

    def insert(self, tokens: TokenIds) -> list[int]:
        """The node of each token of ``tokens``, adding the ones not there yet."""
        nodes: list[int] = []
        here, parent = self._roots, -1
        for token in tokens:
            node = here.get(token)
            if node is None:
                node = here[token] = len(self.ids)
                self.ids.append(token)
                self.parent.append(parent)
                self.depth.append(len(nodes))
                self._children.append({})
            nodes.append(node)
            here, parent = self._children[node], node
        return nodes
