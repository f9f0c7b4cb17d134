"""The completion-only loss equals the model's own loss and gradients, on a padded LoRA batch."""

from __future__ import annotations

import pytest

from logicdistill.training.completion_loss import IGNORED, completion_loss


def lora_model(checkpoint):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(checkpoint)
    config = LoraConfig(r=4, lora_alpha=8, lora_dropout=0.0, target_modules=["q_proj", "v_proj"])
    model = get_peft_model(model, config)
    for name, parameter in model.named_parameters():  # B starts at zero: give the adapter a real effect
        if "lora_B" in name:
            torch.nn.init.normal_(parameter, std=0.5)
    return model


def padded_batch():
    """Two rows of different lengths, right-padded, the loss on each row's last few tokens only."""
    import torch

    ids = torch.tensor([[5, 17, 40, 41, 42, 60, 61, 0, 0], [7, 8, 9, 10, 11, 12, 13, 70, 71]])
    attention = torch.tensor([[1, 1, 1, 1, 1, 1, 1, 0, 0], [1] * 9])
    labels = torch.full_like(ids, IGNORED)
    labels[0, 5:7] = ids[0, 5:7]
    labels[1, 6:9] = ids[1, 6:9]
    return {"input_ids": ids, "attention_mask": attention, "labels": labels}


def loss_and_grads(model, loss_fn):
    model.zero_grad()
    loss = loss_fn()
    loss.backward()
    grads = {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}
    return loss.detach(), grads


def test_the_loss_and_gradients_are_the_models_own(tiny_checkpoint):
    import torch

    model = lora_model(tiny_checkpoint)
    batch = padded_batch()
    own, own_grads = loss_and_grads(model, lambda: model(**batch).loss)
    ours, our_grads = loss_and_grads(model, lambda: completion_loss(model, batch))
    assert torch.allclose(ours, own, atol=1e-5)
    assert own_grads.keys() == our_grads.keys() and own_grads
    for name, grad in own_grads.items():
        # float32 sums in another order (threads): within 1e-5 plus a millionth of the gradient's scale
        assert (our_grads[name] - grad).abs().max() <= 1e-5 + 1e-6 * grad.abs().max(), name
        assert grad.abs().sum() > 0, name  # the check compares real gradients


def test_num_items_in_batch_divides_the_summed_loss(tiny_checkpoint):
    import torch

    model = lora_model(tiny_checkpoint)
    batch = padded_batch()
    mean = completion_loss(model, batch)
    scored = int((batch["labels"][:, 1:] != IGNORED).sum())
    summed_over_ten = completion_loss(model, batch, num_items_in_batch=torch.tensor(10))
    assert summed_over_ten.item() == pytest.approx(mean.item() * scored / 10, rel=1e-5)


def test_a_batch_without_labelled_tokens_gives_a_zero_loss(tiny_checkpoint):
    model = lora_model(tiny_checkpoint)
    batch = padded_batch()
    batch["labels"][:] = IGNORED
    assert completion_loss(model, batch).item() == 0.0
