"""Can the student learn 21 points' hit / stand from the KD prompt at all? A direct LoRA check.

Run: ``.venv/bin/python benchmarks/kd_twentyone_learnability.py [--dataset runs/kd-21/dataset.jsonl]
[--steps 80] [--every 10] [--learning-rate 1e-3] [--targets q_proj,k_proj,v_proj,o_proj]
[--per-label 48] [--batch 8] [--threads 2]``.

The KD adapters of ``logicdistill train kd`` answer ``hit`` on every 21-points turn
(``benchmarks/kd_twentyone_fit.py``). This script takes the training pipeline out of
the question: a plain PyTorch loop puts LoRA on the student, draws balanced batches
from ``--per-label`` ``hit`` and as many ``stand`` examples of a KD dataset, and
minimises the cross-entropy of the first answer token, ``hit`` against ``stand``,
at the prompt's last position (the KD agent's first generated token). Every
``--every`` steps it prints the mean P(hit) on ``hit`` and on ``stand`` examples and
the accuracy, on 20 training examples per label and on 20 held-out ones per label.
A student that reads the hands pulls the two means apart on held-out examples.

Costs about 18 s a step with batch 8 on the 2-core VM (two threads).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path


def split(dataset: Path, per_label: int, seed: int) -> tuple[list, list]:
    """Balanced training examples and 20 held-out examples per label, drawn by ``seed``."""
    from logicdistill.tasks.base import TaskName
    from logicdistill.training.dataset_file import load_dataset
    from logicdistill.training.records import KDExample

    kd = [ex for ex in load_dataset(dataset).examples if isinstance(ex, KDExample)]
    rows = [ex for ex in kd if ex.task is TaskName.TWENTYONE]
    rng = random.Random(seed)
    by_label = {label: [r for r in rows if r.answer == label] for label in ("hit", "stand")}
    for examples in by_label.values():
        rng.shuffle(examples)
    train = [r for examples in by_label.values() for r in examples[:per_label]]
    held_out = [r for examples in by_label.values() for r in examples[per_label : per_label + 20]]
    return train, held_out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("runs/kd-21/dataset.jsonl"))
    parser.add_argument("--steps", type=int, default=80)
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--targets", default="q_proj,k_proj,v_proj,o_proj")
    parser.add_argument("--per-label", type=int, default=48)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not args.dataset.is_file():
        print(
            f"no dataset at {args.dataset}: `logicdistill train kd ... --task twentyone` writes one",
            file=sys.stderr,
        )
        return 2

    import torch
    from peft import LoraConfig, get_peft_model

    from logicdistill.llm.factory import DEFAULT_STUDENT, load_model
    from logicdistill.llm.local import LocalModelConfig

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    train, held_out = split(args.dataset, args.per_label, args.seed)
    student = load_model(DEFAULT_STUDENT, local=LocalModelConfig(threads=args.threads))
    tokenizer = student.tokenizer
    tokenizer.padding_side = "left"  # the last position is every prompt's own end
    answers = [tokenizer(word, add_special_tokens=False)["input_ids"][0] for word in ("hit", "stand")]
    lora = LoraConfig(r=16, lora_alpha=32, lora_dropout=0.0, target_modules=args.targets.split(","))
    model = get_peft_model(student.hf_model, lora)
    causal_lm = model.get_base_model()

    def two_logits(examples: list) -> tuple:
        texts = [student.render(r.chat) for r in examples]
        batch = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
        last = causal_lm.model(**batch).last_hidden_state[:, -1, :]
        labels = torch.tensor([0 if r.answer == "hit" else 1 for r in examples])
        return last @ causal_lm.get_output_embeddings().weight[answers].T, labels

    def measure(examples: list) -> str:
        with torch.no_grad():
            logits, labels = two_logits(examples)
        p_hit = torch.softmax(logits, dim=1)[:, 0]
        accuracy = ((p_hit < 0.5).long() == labels).float().mean().item()
        return f"{p_hit[labels == 0].mean():.2f} | {p_hit[labels == 1].mean():.2f} | {accuracy:.2f}"

    seen = [r for label in ("hit", "stand") for r in [x for x in train if x.answer == label][:20]]
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.learning_rate)
    print(f"LoRA r=16 on {args.targets}, lr {args.learning_rate}, batch {args.batch}, {len(train)} examples")
    header = "train P(hit) on hit | on stand | accuracy | held-out P(hit) on hit | on stand | accuracy"
    print(f"| step | loss | {header} | s |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    started, loss = time.perf_counter(), float("nan")
    for step in range(args.steps + 1):
        if step % args.every == 0:
            elapsed = time.perf_counter() - started
            print(
                f"| {step} | {loss:.3f} | {measure(seen)} | {measure(held_out)} | {elapsed:.0f} |", flush=True
            )
        if step == args.steps:
            break
        logits, labels = two_logits(rng.sample(train, args.batch))
        step_loss = torch.nn.functional.cross_entropy(logits, labels)
        step_loss.backward()
        optimiser.step()
        optimiser.zero_grad()
        loss = step_loss.item()
    return 0


if __name__ == "__main__":
    sys.exit(main())
