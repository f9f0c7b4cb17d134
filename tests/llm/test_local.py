"""The transformers backend on a tiny random checkpoint: templates, selection, generation, adapters."""

from __future__ import annotations

import shutil

import pytest

from logicdistill.errors import UserError
from logicdistill.llm import GenerationConfig, LanguageModel, Role, chat
from logicdistill.llm.local import (
    DType,
    LocalModelConfig,
    TransformersModel,
    check_device,
    padded_after_prefix,
)

CHATS = [
    chat(("system", "rules manual"), ("user", "the blue dot moves north")),
    chat(("user", "state step 3")),
    chat(("system", "rules manual"), ("user", "cell (4, 5)")),
]
OPTIONS = [["move_north", "stay"], ["filter_cells", "closest_cell", "stay"], ["move_south", "move_north"]]


@pytest.fixture(scope="module")
def tiny(tiny_checkpoint):
    return TransformersModel(tiny_checkpoint, name="tiny")


def test_it_is_a_language_model(tiny):
    assert isinstance(tiny, LanguageModel) and tiny.name == "tiny" and tiny.context_length == 384


def test_prompts_use_the_chat_template_with_the_assistant_turn_open(tiny):
    text = tiny.render(CHATS[1])
    assert text == "<|im_start|>user\nstate step 3<|im_end|>\n<|im_start|>assistant\n"


def test_candidates_are_the_tokens_after_the_prompt(tiny):
    prompts, conts = tiny.selection_ids(CHATS[:1], [["move_north"]])
    joint = tiny.tokenizer(tiny.render(CHATS[0]) + "move_north", add_special_tokens=False)["input_ids"]
    assert prompts[0] + conts[0][0] == joint


def test_fast_selection_equals_the_naive_reference(tiny_checkpoint, tiny, meter):
    naive = TransformersModel(tiny_checkpoint, config=LocalModelConfig(fast_selection=False), meter=meter)
    fast = tiny.select(CHATS, OPTIONS)
    slow = naive.select(CHATS, OPTIONS)
    assert [s.index for s in fast] == [s.index for s in slow]
    for a, b in zip(fast, slow, strict=True):
        assert a.scores == pytest.approx(b.scores, abs=1e-4)
    assert meter.report().student.calls == 3


def test_selection_over_the_context_length_is_refused(tiny):
    long = chat(("user", "north " * 400))
    with pytest.raises(UserError, match="over the context length 384"):
        tiny.select([long], [["stay"]])


def test_empty_candidate_lists_are_refused(tiny):
    with pytest.raises(UserError, match="empty"):
        tiny.select(CHATS[:1], [[]])


def test_greedy_generation_is_deterministic_and_independent_of_the_batch(tiny):
    config = GenerationConfig(max_new_tokens=6)
    together = tiny.generate(CHATS, config)
    assert together == tiny.generate(CHATS, config)
    assert together == [tiny.generate([c], config)[0] for c in CHATS]


def test_sampling_is_reproducible_with_a_seed(tiny):
    config = GenerationConfig(max_new_tokens=8, temperature=5.0, seed=11)
    first = tiny.generate(CHATS, config)
    assert tiny.generate(CHATS, config) == first
    others = {
        tuple(tiny.generate(CHATS, GenerationConfig(max_new_tokens=8, temperature=5.0, seed=s)))
        for s in range(4)
    }
    assert len(others) > 1


def test_generation_meters_tokens_for_the_role(tiny_checkpoint, meter):
    model = TransformersModel(tiny_checkpoint, role=Role.OPPONENT, meter=meter)
    model.generate(CHATS[:2], GenerationConfig(max_new_tokens=4))
    usage = meter.report().opponent
    assert usage.calls == 2 and 2 <= usage.completion_tokens <= 8
    assert usage.prompt_tokens == sum(len(model.prompt_ids(c)) for c in CHATS[:2])


def test_generation_over_the_context_length_is_refused(tiny):
    with pytest.raises(UserError, match="over the context length"):
        tiny.generate(CHATS[:1], GenerationConfig(max_new_tokens=380))


def test_a_tokenizer_without_chat_template_gets_a_plain_layout(tiny_checkpoint, tmp_path):
    folder = tmp_path / "plain"
    shutil.copytree(tiny_checkpoint, folder)
    (folder / "chat_template.jinja").unlink(missing_ok=True)
    model = TransformersModel(folder)
    model.tokenizer.chat_template = None
    assert model.render(CHATS[0]) == "system: rules manual\nuser: the blue dot moves north\nassistant:"


def make_adapter(checkpoint, folder, *, seed=1):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    base = AutoModelForCausalLM.from_pretrained(checkpoint)
    config = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    get_peft_model(base, config).save_pretrained(folder)
    return folder


def test_adapters_attach_and_detach(tiny_checkpoint, tmp_path):
    model = TransformersModel(tiny_checkpoint)
    before = model.select(CHATS, OPTIONS)
    model.attach_adapter(make_adapter(tiny_checkpoint, tmp_path / "lora"))
    assert model.adapter == tmp_path / "lora"
    with_adapter = model.select(CHATS, OPTIONS)
    assert any(
        a.scores != pytest.approx(b.scores, abs=1e-3) for a, b in zip(before, with_adapter, strict=True)
    )
    model.detach_adapter()
    assert model.adapter is None
    for a, b in zip(before, model.select(CHATS, OPTIONS), strict=True):
        assert a.scores == pytest.approx(b.scores, abs=1e-5)


def test_a_merged_adapter_answers_like_one_run_beside_the_weights(tiny_checkpoint, tmp_path):
    folder = make_adapter(tiny_checkpoint, tmp_path / "lora")
    merged = TransformersModel(tiny_checkpoint)
    beside = TransformersModel(tiny_checkpoint, config=LocalModelConfig(merge_adapter=False))
    for model in (merged, beside):
        model.attach_adapter(folder)

    def merged_flags(model):
        return {m.merged for m in model.hf_model.modules() if hasattr(m, "merged")}

    assert merged_flags(merged) == {True} and merged_flags(beside) == {False}
    for a, b in zip(merged.select(CHATS, OPTIONS), beside.select(CHATS, OPTIONS), strict=True):
        assert a.scores == pytest.approx(b.scores, abs=1e-4)
    config = GenerationConfig(max_new_tokens=6)
    assert merged.generate(CHATS, config) == beside.generate(CHATS, config)


def test_an_adapter_of_another_model_is_refused_and_leaves_the_model_intact(tiny_checkpoint, tmp_path):
    from tests.llm.tiny import build_tiny_checkpoint

    other = build_tiny_checkpoint(tmp_path / "wider", hidden=48)
    model = TransformersModel(tiny_checkpoint)
    before = model.select(CHATS, OPTIONS)
    with pytest.raises(UserError, match="does not fit model"):
        model.attach_adapter(make_adapter(other, tmp_path / "wide-lora"))
    assert model.adapter is None
    for a, b in zip(before, model.select(CHATS, OPTIONS), strict=True):
        assert a.scores == pytest.approx(b.scores, abs=1e-5)


def test_a_folder_without_adapter_config_is_refused(tiny, tmp_path):
    with pytest.raises(UserError, match="not a PEFT adapter folder"):
        tiny.attach_adapter(tmp_path)


RULES = "rules manual: the blue dot moves north south east or west"
RULE_CHATS = [
    chat(("system", RULES), ("user", "cell (4, 5)")),
    chat(("system", RULES), ("user", "state step 3 cell (0, 1)")),
    chat(("system", RULES), ("user", "the orange dot at (7, 8) moves toward the blue dot")),
]


@pytest.mark.parametrize(
    "config",
    [GenerationConfig(max_new_tokens=8), GenerationConfig(max_new_tokens=8, temperature=2.0, seed=3)],
)
def test_generation_from_the_shared_prefix_equals_plain_generation(tiny_checkpoint, tiny, config):
    plain = TransformersModel(tiny_checkpoint, config=LocalModelConfig(fast_generation=False))
    for chats in (RULE_CHATS, CHATS, RULE_CHATS[1:], RULE_CHATS[:1]):
        assert tiny.generate(chats, config) == plain.generate(chats, config)


def test_the_shared_prefix_runs_once_while_the_prompts_start_with_it(tiny_checkpoint):
    model = TransformersModel(tiny_checkpoint)
    config = GenerationConfig(max_new_tokens=4)
    model.generate(RULE_CHATS, config)
    computed = model.generation_prefix.computed_tokens
    shared = model.generation_prefix.length
    assert shared > 10 and computed == shared
    model.generate(RULE_CHATS[::-1], config)
    assert model.generation_prefix.computed_tokens == computed


def test_prompts_are_padded_between_the_shared_prefix_and_their_own_tokens():
    ids, mask = padded_after_prefix([[1, 2, 3], [1, 2, 4, 5, 6]], 2, 0)
    assert ids == [[1, 2, 0, 0, 3], [1, 2, 4, 5, 6]]
    assert mask == [[1, 1, 0, 0, 1], [1, 1, 1, 1, 1]]
    assert padded_after_prefix([[7], [8, 9]], 0, 0) == ([[0, 7], [8, 9]], [[0, 1], [1, 1]])


def test_in_bfloat16_fast_selection_agrees_with_naive_and_generation_is_batch_independent(tiny_checkpoint):
    half = TransformersModel(tiny_checkpoint, config=LocalModelConfig(dtype=DType.BFLOAT16))
    assert str(next(half.hf_model.parameters()).dtype) == "torch.bfloat16"
    naive = TransformersModel(
        tiny_checkpoint, config=LocalModelConfig(dtype=DType.BFLOAT16, fast_selection=False)
    )
    fast, slow = half.select(CHATS, OPTIONS), naive.select(CHATS, OPTIONS)
    assert [len(s.scores) for s in fast] == [len(o) for o in OPTIONS]
    for a, b in zip(fast, slow, strict=True):  # bfloat16 rounds: the two paths agree to its precision
        assert a.scores == pytest.approx(b.scores, abs=0.1)
    config = GenerationConfig(max_new_tokens=6)
    assert half.generate(CHATS, config) == half.generate(CHATS[::-1], config)[::-1]


@pytest.mark.parametrize(
    ("device", "why"),
    [("banana", "unknown torch device"), ("xla", "only cpu, cuda and mps"), ("cuda", "no cuda device")],
)
def test_a_device_torch_cannot_use_here_is_refused_before_loading(tiny_checkpoint, monkeypatch, device, why):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # as on a machine without a GPU
    with pytest.raises(UserError, match=why):
        TransformersModel(tiny_checkpoint, config=LocalModelConfig(device=device))
    check_device("cpu")
