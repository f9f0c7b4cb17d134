"""The transformers backend: a local causal LM (bundled GGUF, local folder or Hub id) behind LanguageModel.

Chats are rendered with the tokenizer's chat template (``add_generation_prompt=True``);
selection scores each candidate as the text right after that assistant-turn start
(fast path in :mod:`logicdistill.llm.scoring`). Generation is batched: the tokens
every prompt of a batch starts with run once and are kept between calls
(:mod:`logicdistill.llm.prefix_cache`), then each prompt's own tokens, padded on their
left; temperature 0 is greedy and deterministic, sampling is seeded per call.
PEFT LoRA adapters can be attached (folded into the weights by default) and
detached; the training loop itself lives elsewhere (``logicdistill.training``),
which reaches the weights through ``hf_model`` / ``tokenizer``. Resolving names to
folders is :mod:`checkpoints`' job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from logicdistill.errors import UserError
from logicdistill.llm.base import (
    DEFAULT_GENERATION,
    Chat,
    GenerationConfig,
    Role,
    Selection,
    check_chats,
    check_selection_inputs,
    selection_from_scores,
    truncate_at_stop,
)
from logicdistill.llm.prefix_cache import PrefixCache, batch_cache
from logicdistill.llm.scoring import (
    DEFAULT_KEEP_TOKENS,
    DEFAULT_PACK_TOKENS,
    PrefixScorer,
    naive_scores,
    supports_packing,
)
from logicdistill.llm.usage import UsageMeter, default_meter

FALLBACK_TEMPLATE_SUFFIX = "assistant:"  # used only when a tokenizer has no chat template


class DType(StrEnum):
    FLOAT32 = "float32"
    BFLOAT16 = "bfloat16"
    FLOAT16 = "float16"


@dataclass(frozen=True)
class LocalModelConfig:
    """Settings of a local model. One place for threads, dtype and batch sizes."""

    threads: int | None = field(default=None, metadata={"help": "torch CPU threads (None: torch's default)"})
    dtype: DType = field(default=DType.FLOAT32, metadata={"help": "weight and activation dtype"})
    device: str = field(default="cpu", metadata={"help": "torch device, e.g. cpu or cuda"})
    generate_batch_size: int = field(default=16, metadata={"help": "chats per generate() pass"})
    pack_tokens: int = field(
        default=DEFAULT_PACK_TOKENS, metadata={"help": "query tokens per packed selection pass"}
    )
    keep_tokens: int = field(
        default=DEFAULT_KEEP_TOKENS,
        metadata={"help": "selection tokens whose keys/values one call keeps for the next"},
    )
    fast_selection: bool = field(
        default=True, metadata={"help": "prefix KV cache + packed candidates (False: naive reference)"}
    )
    fast_generation: bool = field(
        default=True,
        metadata={"help": "run the batch's shared prompt prefix once, kept between calls (False: plain)"},
    )
    merge_adapter: bool = field(
        default=True,
        metadata={"help": "fold an attached LoRA adapter into the weights (False: run it beside them)"},
    )


class TransformersModel:
    """A local causal LM with chat generation, selection by likelihood and LoRA adapters."""

    def __init__(
        self,
        source: str | Path,
        *,
        name: str | None = None,
        config: LocalModelConfig = LocalModelConfig(),
        role: Role = Role.STUDENT,
        meter: UsageMeter | None = None,
    ) -> None:
        import torch

        self.source = str(source)
        self.name = name or self.source
        self.config = config
        self.role = role
        self.meter = meter if meter is not None else default_meter()
        if config.threads is not None:
            torch.set_num_threads(config.threads)
        check_device(config.device)
        self.tokenizer = _load_tokenizer(self.source)
        self._base = self._load_weights()
        self._model: Any = self._base
        self.adapter: Path | None = None
        self._scorer = PrefixScorer(pack_tokens=config.pack_tokens, keep_tokens=config.keep_tokens)
        self._prompt_prefixes = PrefixCache()  # generation's; selection's prefix is the scorer's

    # -- access for training and benchmarks ------------------------------------------------------------

    @property
    def hf_model(self) -> Any:
        """The torch module in use (a ``PeftModel`` while an adapter is attached)."""
        return self._model

    @property
    def generation_prefix(self) -> PrefixCache:
        """The prompt prefix that generation keeps between calls (its length, the tokens it ran)."""
        return self._prompt_prefixes

    @property
    def context_length(self) -> int | None:
        text_config = self._base.config.get_text_config(decoder=True)
        return getattr(text_config, "max_position_embeddings", None)

    # -- chat rendering --------------------------------------------------------------------------------

    def render(self, chat: Chat) -> str:
        """The prompt text: the chat template with the assistant turn opened."""
        messages = [{"role": m.role, "content": m.content} for m in chat]
        if self.tokenizer.chat_template:
            return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        turns = "".join(f"{m['role']}: {m['content']}\n" for m in messages)
        return turns + FALLBACK_TEMPLATE_SUFFIX

    def prompt_ids(self, chat: Chat) -> list[int]:
        return list(self.tokenizer(self.render(chat), add_special_tokens=False)["input_ids"])

    def selection_ids(
        self, chats: Sequence[Chat], candidates: Sequence[Sequence[str]]
    ) -> tuple[list[list[int]], list[list[list[int]]]]:
        """Token ids of each prompt and of each candidate as it follows that prompt.

        The candidate's ids come from tokenizing prompt + candidate together (so
        merges at the seam match what the model would see); if that changes the
        prompt's own tokens, the candidate is tokenized on its own instead.
        """
        check_chats(chats)
        check_selection_inputs(chats, candidates)
        texts = [self.render(c) for c in chats]
        prompts = [list(ids) for ids in self.tokenizer(texts, add_special_tokens=False)["input_ids"]]
        joined = self.tokenizer(
            [t + option for t, options in zip(texts, candidates, strict=True) for option in options],
            add_special_tokens=False,
        )["input_ids"]
        conts: list[list[list[int]]] = []
        cursor = 0
        for prompt, options in zip(prompts, candidates, strict=True):
            row = []
            for option in options:
                ids = list(joined[cursor])
                cursor += 1
                if ids[: len(prompt)] == prompt and len(ids) > len(prompt):
                    row.append(ids[len(prompt) :])
                else:
                    row.append(list(self.tokenizer(option, add_special_tokens=False)["input_ids"]))
            conts.append(row)
        limit = self.context_length
        for i, (prompt, row) in enumerate(zip(prompts, conts, strict=True)):
            longest = len(prompt) + max(len(ids) for ids in row)
            if limit is not None and longest > limit:
                raise UserError(
                    f"selection prompt {i} with its longest candidate is {longest} tokens, "
                    f"over the context length {limit} of {self.name}"
                )
        return prompts, conts

    # -- LanguageModel -----------------------------------------------------------------------------------

    def select(self, chats: Sequence[Chat], candidates: Sequence[Sequence[str]]) -> list[Selection]:
        prompts, conts = self.selection_ids(chats, candidates)
        if not prompts:
            return []
        if self.config.fast_selection and supports_packing(self._model):
            scores = self._scorer.score(self._model, prompts, conts)
        else:
            scores = naive_scores(self._model, prompts, conts)
        for prompt in prompts:
            self.meter.record(self.role, prompt_tokens=len(prompt))
        return [selection_from_scores(row) for row in scores]

    def generate(self, chats: Sequence[Chat], config: GenerationConfig = DEFAULT_GENERATION) -> list[str]:
        check_chats(chats)
        replies: list[str] = []
        size = self.config.generate_batch_size
        for start in range(0, len(chats), size):
            replies += self._generate_batch(chats[start : start + size], config)
        return replies

    def _generate_batch(self, chats: Sequence[Chat], config: GenerationConfig) -> list[str]:
        import torch
        import transformers

        texts = [self.render(c) for c in chats]
        prompts = [list(ids) for ids in self.tokenizer(texts, add_special_tokens=False)["input_ids"]]
        lengths = [len(p) for p in prompts]
        limit = self.context_length
        if limit is not None and max(lengths) + config.max_new_tokens > limit:
            raise UserError(
                f"a prompt of {max(lengths)} tokens plus max_new_tokens={config.max_new_tokens} "
                f"is over the context length {limit} of {self.name}"
            )
        eos = self._base.generation_config.eos_token_id
        if eos is None:
            eos = self.tokenizer.eos_token_id
        settings = transformers.GenerationConfig(
            max_new_tokens=config.max_new_tokens,
            do_sample=not config.greedy,
            temperature=config.temperature if not config.greedy else None,
            top_p=None,
            top_k=None,
            pad_token_id=self.tokenizer.pad_token_id,
            eos_token_id=eos,
            stop_strings=list(config.stop) or None,
        )
        device = self.config.device
        with (
            torch.inference_mode(),
            torch.random.fork_rng(devices=[] if torch.device(device).type == "cpu" else None),
        ):
            if not config.greedy and config.seed is not None:
                torch.manual_seed(config.seed)
            cache, shared = None, 0
            if self.config.fast_generation and supports_packing(self._model):
                prefix = self._prompt_prefixes.prepare(self._model, prompts)
                cache, shared = batch_cache(prefix, len(prompts)), len(prefix.ids)
            ids, mask = padded_after_prefix(prompts, shared, self.tokenizer.pad_token_id)
            out = self._model.generate(
                input_ids=torch.tensor(ids, device=device),
                attention_mask=torch.tensor(mask, device=device),
                past_key_values=cache,
                generation_config=settings,
                tokenizer=self.tokenizer,
            )
        new = out[:, len(ids[0]) :].tolist()
        eos_ids = set(eos) if isinstance(eos, list) else {eos}
        replies = []
        for prompt_len, tokens in zip(lengths, new, strict=True):
            used = next((i + 1 for i, t in enumerate(tokens) if t in eos_ids), len(tokens))
            text = self.tokenizer.decode(tokens[:used], skip_special_tokens=True)
            replies.append(truncate_at_stop(text, config.stop))
            self.meter.record(self.role, prompt_tokens=prompt_len, completion_tokens=used)
        return replies

    # -- adapters ----------------------------------------------------------------------------------------

    def attach_adapter(self, path: str | Path) -> None:
        """Attach a PEFT LoRA adapter folder (replacing any attached one).

        With ``merge_adapter`` (the default) the adapter is folded into the weights, so a
        forward pass costs what the base model's does; :meth:`detach_adapter` then loads the
        base weights again.
        """
        from peft import PeftModel

        folder = Path(path)
        if not (folder / "adapter_config.json").is_file():
            raise UserError(f"{folder} is not a PEFT adapter folder (no adapter_config.json)")
        self.detach_adapter()
        try:
            self._model = PeftModel.from_pretrained(self._base, str(folder))
        except Exception as err:  # peft raises ValueError / RuntimeError / KeyError for mismatched adapters
            self._base = self._load_weights()  # the failed attempt may have injected layers: start clean
            self._model = self._base
            raise UserError(f"adapter {folder} does not fit model {self.name}: {_first_line(err)}") from err
        self._model.eval()
        if self.config.merge_adapter:
            self._model.merge_adapter()
        self.adapter = folder
        self._invalidate_caches()

    def detach_adapter(self) -> None:
        """Remove the attached adapter (if any) and return to the base weights."""
        if self.adapter is None:
            return
        # a merged adapter changed the weights: load them again (exact) rather than subtract it
        self._base = self._load_weights() if self.config.merge_adapter else self._model.unload()
        self._model = self._base
        self.adapter = None
        self._invalidate_caches()

    def _invalidate_caches(self) -> None:
        self._scorer.invalidate()
        self._prompt_prefixes.invalidate()

    # -- loading -----------------------------------------------------------------------------------------

    def _load_weights(self) -> Any:
        import torch
        from transformers import AutoModelForCausalLM

        try:
            model = AutoModelForCausalLM.from_pretrained(
                self.source, dtype=getattr(torch, self.config.dtype.value)
            )
        except (OSError, ValueError) as err:
            raise UserError(f"cannot load model {self.source!r}: {_first_line(err)}") from err
        return model.to(self.config.device).eval()


def check_device(device: str) -> None:
    """Nothing when torch can run a model on ``device`` here; a :class:`UserError` saying why not."""
    import torch

    try:
        kind = torch.device(device).type
    except RuntimeError as err:
        raise UserError(f"unknown torch device {device!r}: try cpu, cuda (or cuda:N) or mps") from err
    available = {
        "cpu": lambda: True,
        "cuda": torch.cuda.is_available,
        "mps": lambda: torch.backends.mps.is_available(),
    }.get(kind)
    if available is None:
        raise UserError(f"device {device!r}: only cpu, cuda and mps are supported")
    if not available():
        raise UserError(f"device {device!r}: this torch sees no {kind} device here (cpu always is)")


def padded_after_prefix(
    prompts: Sequence[Sequence[int]], shared: int, pad_id: int
) -> tuple[list[list[int]], list[list[int]]]:
    """Token rows of equal length and their attention masks: the first ``shared`` tokens (the
    same in every prompt), then padding, then each prompt's own tokens, so that every prompt
    ends where generation starts. ``shared=0`` is plain left padding."""
    width = max(len(p) for p in prompts)
    ids, mask = [], []
    for prompt in prompts:
        gap = width - len(prompt)
        ids.append([*prompt[:shared], *[pad_id] * gap, *prompt[shared:]])
        mask.append([1] * shared + [0] * gap + [1] * (len(prompt) - shared))
    return ids, mask


def _load_tokenizer(source: str) -> Any:
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(source)
    except (OSError, ValueError) as err:
        raise UserError(f"cannot load tokenizer of {source!r}: {_first_line(err)}") from err
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
