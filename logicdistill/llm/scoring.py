"""Selection by likelihood on a local model: log p(candidate | prompt) for K candidates of many prompts.

Two scorers over token ids (the tokenizer and chat template are the caller's job):

- :func:`naive_scores` runs each prompt + candidate as one full sequence, one at a time.
  It is the reference the benchmark compares with.
- :class:`PrefixScorer` is the fast path. The longest common token prefix of the
  batch (the static rules/manual text) goes through the model once and its KV cache
  is kept between calls while every prompt starts with it (else it is cropped or
  rebuilt: :mod:`logicdistill.llm.prefix_cache`). Then several prompts are packed into
  one row as a token trie: every prompt's suffix followed by each of its K candidates,
  merged where they share tokens (the position text that the three blue dots of one
  game share, candidates' common first tokens), with a custom attention mask so that
  every token sees the prefix, its ancestors in the trie and itself only, and position
  ids = prefix length + depth. Logits are projected onto the vocabulary only where a
  candidate token is read, and a candidate's last token never runs.
- Each call keeps the keys/values of the trie tokens it ran (up to ``keep_tokens``)
  for the next call: Algorithm 1 asks about the same position stage after stage, so
  the next round's prompts repeat the state text and only their new tail runs
  (measured by ``benchmarks/ld_decide_speed.py``; numbers in docs/models.md).

Left out on purpose: sliding-window attention (such models use :func:`naive_scores`,
see :func:`supports_packing`), and batching several packed rows side by side (the
prefix cache would have to be copied per row; one row per pass is faster on CPU).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from logicdistill.llm.prefix_cache import Prefix, PrefixCache, TokenIds, common_prefix_length

DEFAULT_PACK_TOKENS = 512  # query tokens per packed forward pass (256-1024 measured alike on 2 CPU cores)
# tokens whose keys/values a call keeps for the next (46 KB each for the 135M student)
DEFAULT_KEEP_TOKENS = 16_384


def supports_packing(model: Any) -> bool:
    """True when every attention layer is full causal attention, so a custom 4D mask is exact."""
    config = model.config.get_text_config(decoder=True)
    layer_types = getattr(config, "layer_types", None)
    if layer_types:
        return all(kind == "full_attention" for kind in layer_types)
    return getattr(config, "sliding_window", None) is None or not getattr(config, "use_sliding_window", True)


def log_softmax(logits: Any) -> Any:
    """Log-probabilities over the last axis, in at least float32 (half-precision logits are widened)."""
    import torch

    return torch.log_softmax(logits.to(torch.promote_types(logits.dtype, torch.float32)), dim=-1)


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
                logprobs = log_softmax(logits)
                targets = torch.tensor(list(option), device=device)
                row.append(float(logprobs.gather(1, targets[:, None]).sum()))
            out.append(row)
    return out


class PrefixScorer:
    """Scores continuations with a cached shared prefix and packed candidates (see the module doc)."""

    def __init__(
        self, pack_tokens: int = DEFAULT_PACK_TOKENS, keep_tokens: int = DEFAULT_KEEP_TOKENS
    ) -> None:
        self.pack_tokens = pack_tokens
        self.keep_tokens = keep_tokens
        self._prefixes = PrefixCache()
        self._prefix: Prefix | None = None  # the prefix the kept tokens follow
        self._kept: _Kept | None = None
        self.computed_tokens = 0  # trie tokens run through the model after the prefix

    @property
    def prefix_length(self) -> int:
        return self._prefixes.length

    @property
    def prefix_computed_tokens(self) -> int:
        """Tokens run through the model to build or extend prefixes."""
        return self._prefixes.computed_tokens

    def invalidate(self) -> None:
        """Forget the cached prefix and tokens (call after the weights change, e.g. an adapter is on)."""
        self._prefixes.invalidate()
        self._prefix = None
        self._kept = None

    def score(
        self, model: Any, prompts: Sequence[TokenIds], continuations: Sequence[Sequence[TokenIds]]
    ) -> list[list[float]]:
        """Sum of token log-probs of each continuation given its prompt."""
        import torch

        with torch.inference_mode():
            prefix = self._prepare_prefix(model, prompts)
            p = len(prefix.ids)
            trie = _Trie()
            reads: list[list[list[int]]] = []  # per prompt, candidate: the node read for each token
            for prompt, options in zip(prompts, continuations, strict=True):
                own = len(prompt) - p
                paths = [trie.insert([*prompt[p:], *option]) for option in options]
                reads.append([path[own - 1 : -1] for path in paths])
            targets: dict[int, set[int]] = {}  # read node -> the candidate tokens its logits predict
            for options, rows in zip(continuations, reads, strict=True):
                for option, row in zip(options, rows, strict=True):
                    for node, token in zip(row, option, strict=True):
                        targets.setdefault(node, set()).add(token)
            run = _Run(prefix, trie, self._kept, self.keep_tokens)
            groups = [
                sorted({n for i in group for row in reads[i] for n in trie.path(row[-1])})
                for group in self._groups(prompts, continuations, p)
            ]
            for nodes, later in zip(groups, [*groups[1:], []], strict=True):
                missing = [n for n in nodes if n not in run.where or (n in targets and n not in run.logprobs)]
                self._pass(model, run, missing, targets, set(later))
            self._keep(run)
        return [
            [
                float(sum(run.logprobs[n][t] for n, t in zip(row, option, strict=True)))
                for option, row in zip(options, rows, strict=True)
            ]
            for options, rows in zip(continuations, reads, strict=True)
        ]

    # -- the shared prefix -------------------------------------------------------------------------------

    def _prepare_prefix(self, model: Any, prompts: Sequence[TokenIds]) -> Prefix:
        """The cached prefix (:class:`PrefixCache`); the kept tokens are dropped with an old prefix."""
        prefix = self._prefixes.prepare(model, prompts)
        if prefix is not self._prefix:
            self._prefix = prefix
            self._kept = None
        return prefix

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
            candidates = sum(len(o) for o in options)
            fresh = len(prompt) - max(common_prefix_length([prompt, previous]), prefix_len)
            if groups and size + fresh + candidates <= self.pack_tokens:
                groups[-1].append(i)
                size += fresh + candidates
            else:
                groups.append([i])
                size = len(prompt) - prefix_len + candidates
            previous = prompt
        return groups

    def _pass(
        self, model: Any, run: _Run, queries: list[int], targets: dict[int, set[int]], later: set[int]
    ) -> None:
        """Run ``queries`` (trie nodes, parents first) in one forward pass over the prefix and the
        stored keys/values of their ancestors; store theirs where the next pass (``later``) or the
        next call may use them, and keep the log-probs of ``targets``."""
        import numpy as np
        import torch
        from transformers import DynamicCache

        if not queries:
            return
        asked = set(queries)
        past: set[int] = set()
        for node in queries:
            parent = run.trie.parent[node]
            while parent >= 0 and parent not in asked and parent not in past:
                past.add(parent)
                parent = run.trie.parent[parent]
        past_nodes = sorted(past, key=lambda n: run.where[n])
        order = past_nodes + queries
        local = {node: i for i, node in enumerate(order)}
        sees = np.zeros((len(order), len(order)), dtype=bool)  # a node sees its ancestors and itself
        for node in sorted(order):
            parent = run.trie.parent[node]
            if parent >= 0:
                sees[local[node]] = sees[local[parent]]
            sees[local[node], local[node]] = True
        device = model.device
        p, q = len(run.prefix.ids), len(queries)
        mask = torch.cat(
            [
                torch.ones(q, p, dtype=torch.bool, device=device),
                torch.from_numpy(sees[len(past_nodes) :]).to(device),
            ],
            dim=1,
        )[None, None]
        layers = run.gather(past_nodes)
        reads = [i for i, node in enumerate(queries) if node in targets and node not in run.logprobs]
        out = model(
            input_ids=torch.tensor([[run.trie.ids[n] for n in queries]], device=device),
            position_ids=torch.tensor([[p + run.trie.depth[n] for n in queries]], device=device),
            attention_mask=mask,
            past_key_values=DynamicCache(ddp_cache_data=layers) if layers else DynamicCache(),
            use_cache=True,
            logits_to_keep=torch.tensor(reads or [q - 1], device=device),
        )
        self.computed_tokens += q
        run.store(queries, [(layer.keys, layer.values) for layer in out.past_key_values.layers], later)
        logprobs = log_softmax(out.logits[0])
        for row, i in enumerate(reads):
            wanted = sorted(targets[queries[i]])
            values = logprobs[row, wanted].tolist()
            run.logprobs[queries[i]] = dict(zip(wanted, values, strict=True))

    def _keep(self, run: _Run) -> None:
        """Keep up to ``keep_tokens`` of the tokens this call stored, first in trie order, with their
        keys/values, for the next call to start from (one whose ancestor was left out is never reached)."""
        nodes = sorted(run.where)[: self.keep_tokens]
        self._kept = _Kept(
            run.trie, {n: i for i, n in enumerate(nodes)}, run.gather(nodes, with_prefix=False)
        )


class _Trie:
    """Token sequences merged on their common prefixes; nodes numbered parents first."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.parent: list[int] = []  # -1: a child of the cached prefix
        self.depth: list[int] = []
        self.children: list[dict[int, int]] = []
        self.roots: dict[int, int] = {}

    def path(self, node: int) -> list[int]:
        """``node`` and its ancestors."""
        out = []
        while node >= 0:
            out.append(node)
            node = self.parent[node]
        return out

    def insert(self, tokens: TokenIds) -> list[int]:
        """The node of each token of ``tokens``, adding the ones not there yet."""
        nodes: list[int] = []
        here, parent = self.roots, -1
        for token in tokens:
            node = here.get(token)
            if node is None:
                node = here[token] = len(self.ids)
                self.ids.append(token)
                self.parent.append(parent)
                self.depth.append(len(nodes))
                self.children.append({})
            nodes.append(node)
            here, parent = self.children[node], node
        return nodes


@dataclass
class _Kept:
    """The last call's trie and the keys/values of some of its nodes (``index``: node -> slot)."""

    trie: _Trie
    index: dict[int, int]
    layers: list[tuple[Any, Any]]

    def located(self, trie: _Trie) -> dict[int, tuple[int, int]]:
        """Where the keys/values of ``trie``'s nodes already are: node -> (bank 0, slot)."""
        where: dict[int, tuple[int, int]] = {}
        stack = [(trie.roots, self.trie.roots)]
        while stack:
            new, old = stack.pop()
            for token, node in new.items():
                kept = old.get(token)
                if kept in self.index:
                    where[node] = (0, self.index[kept])
                    stack.append((trie.children[node], self.trie.children[kept]))
        return where


class _Run:
    """One ``score`` call: the trie, where each node's keys/values are (bank, index), the banks
    (bank 0: the kept tokens of the last call; then one per pass) and the log-probs read so far."""

    def __init__(self, prefix: Prefix, trie: _Trie, kept: _Kept | None, budget: int) -> None:
        self.prefix = prefix
        self.trie = trie
        self.where = kept.located(trie) if kept else {}
        self.banks: list[list[tuple[Any, Any]]] = [kept.layers if kept else []]
        self.logprobs: dict[int, dict[int, float]] = {}
        self.budget = budget - len(self.where)  # tokens this call may still keep for the next

    def store(self, nodes: Sequence[int], layers: list[tuple[Any, Any]], later: set[int]) -> None:
        """Store the keys/values of ``nodes``, the last ones in ``layers``, where the next pass needs
        them (``later``) or while the budget lasts (a token not stored is run again when needed)."""
        import torch

        chosen = []
        for i, node in enumerate(nodes):
            if node in later or self.budget > 0:
                self.budget -= node not in later
                chosen.append(i)
        if not chosen:
            return
        for slot, i in enumerate(chosen):
            self.where[nodes[i]] = (len(self.banks), slot)
        index = torch.tensor(chosen, device=layers[0][0].device) + (layers[0][0].shape[2] - len(nodes))
        self.banks.append([(k.index_select(2, index), v.index_select(2, index)) for k, v in layers])

    def gather(self, nodes: Sequence[int], with_prefix: bool = True) -> list[tuple[Any, Any]]:
        """Keys/values of ``nodes`` in that order, per layer, after the prefix's unless told not to."""
        import torch

        parts = [list(self.prefix.layers)] if with_prefix and self.prefix.layers else []
        i = 0
        while i < len(nodes):  # one slice per run of nodes from the same bank
            bank = self.where[nodes[i]][0]
            j = i
            while j < len(nodes) and self.where[nodes[j]][0] == bank:
                j += 1
            index = torch.tensor([self.where[n][1] for n in nodes[i:j]], device=self.banks[bank][0][0].device)
            parts.append([(k.index_select(2, index), v.index_select(2, index)) for k, v in self.banks[bank]])
            i = j
        if len(parts) <= 1:
            return parts[0] if parts else []
        return [
            (
                torch.cat([part[layer][0] for part in parts], dim=2),
                torch.cat([part[layer][1] for part in parts], dim=2),
            )
            for layer in range(len(parts[0]))
        ]
