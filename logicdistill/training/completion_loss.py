"""The training loss on completions only, with the LM head run on the completion positions alone.

An LD example is a prompt of a few hundred tokens and a completion of a few (a
function's name): the loss is on the completion, but TRL's ``SFTTrainer`` (1.16)
projects every position through the 49k-word LM head on devices without Triton,
the CPU included, and then again in the backward pass; on the 2-core VM that was
about 40% of each training step (``benchmarks/training_speed.py`` measures it).
:func:`completion_loss` runs the model's backbone, keeps the hidden states whose
next token is labelled, and projects only those: the same loss (the summed
negative log-likelihood over the labelled tokens, divided by their count or by
the trainer's ``num_items_in_batch``), the same gradients, a fraction of the
work. ``training.sft.trainer_class`` puts it into ``SFTTrainer``.

Left out on purpose: TRL's per-step entropy and token-accuracy log entries (they
need every logit of the labelled positions, which this loss has, but nothing of
ours reads them), evaluation (``return_outputs``), and any model but a causal LM
whose backbone is ``base_model`` and whose head is ``get_output_embeddings()``.
"""

from __future__ import annotations

from typing import Any

IGNORED = -100  # label of a token without loss (the prompt), as transformers and TRL mark it
NOT_MODEL_INPUTS = ("labels", "completion_mask", "assistant_masks")


def completion_loss(model: Any, inputs: dict[str, Any], num_items_in_batch: Any = None) -> Any:
    """Mean next-token loss over the positions whose label is not ``IGNORED`` (see the module doc)."""
    import torch

    causal_lm = model.get_base_model() if hasattr(model, "get_base_model") else model  # through PEFT
    backbone_inputs = {k: v for k, v in inputs.items() if k not in NOT_MODEL_INPUTS}
    hidden = causal_lm.base_model(**backbone_inputs, use_cache=False).last_hidden_state
    labels = inputs["labels"][:, 1:]
    scored = labels != IGNORED
    logits = causal_lm.get_output_embeddings()(hidden[:, :-1][scored]).float()
    total = torch.nn.functional.cross_entropy(logits, labels[scored], reduction="sum")
    count = scored.sum() if num_items_in_batch is None else num_items_in_batch
    return total / torch.as_tensor(count, device=total.device).clamp(min=1)
