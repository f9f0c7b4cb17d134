"""The bundled student (SmolLM2-135M-Instruct GGUF) through the transformers backend."""

from __future__ import annotations

import json

import pytest

from logicdistill.errors import UserError
from logicdistill.llm import GenerationConfig, chat, load_model
from logicdistill.llm.checkpoints import bundled_gguf, converted_checkpoint
from logicdistill.llm.scoring import naive_scores

pytestmark = pytest.mark.slow

RULES = "You choose functions for a pursuit game on a 21x21 grid. " * 12


@pytest.fixture(scope="module")
def student():
    return load_model("smollm2-135m")


def test_the_gguf_is_converted_once_into_a_plain_checkpoint(student):
    folder = converted_checkpoint(bundled_gguf("smollm2-135m"))
    config = json.loads((folder / "config.json").read_text())
    assert "quantization_config" not in config and config["model_type"] == "llama"
    stamp = (folder / "model.safetensors").stat().st_mtime_ns
    assert converted_checkpoint(bundled_gguf("smollm2-135m")) == folder
    assert (folder / "model.safetensors").stat().st_mtime_ns == stamp
    assert student.name == "smollm2-135m" and student.context_length == 8192


def test_known_answer_selection(student):
    [pick] = student.select(
        [chat(("user", "Which word is a color? Answer with one word."))], [["seven", "blue"]]
    )
    assert pick.index == 1


def test_fast_selection_matches_naive_scoring(student):
    chats = [
        chat(("system", RULES), ("user", f"Blue at ({i}, {2 * i}). Stage {i}. Which function?"))
        for i in range(3)
    ]
    options = [["move_toward_orange", "stay_in_place", "filter_occupied"]] * 3
    picks = student.select(chats, options)
    prompts, conts = student.selection_ids(chats, options)
    naive = naive_scores(student.hf_model, prompts, conts)
    for pick, row in zip(picks, naive, strict=True):
        assert pick.scores == pytest.approx(row, abs=1e-3)
        assert pick.index == max(range(len(row)), key=row.__getitem__)


def test_greedy_generation_is_deterministic(student):
    config = GenerationConfig(max_new_tokens=12)
    questions = [chat(("user", "Name a color.")), chat(("user", "Say hello."))]
    first = student.generate(questions, config)
    assert all(reply.strip() for reply in first)
    assert student.generate(questions, config) == first


def test_a_prompt_over_the_context_length_is_refused(student):
    with pytest.raises(UserError, match="over the context length 8192"):
        student.select([chat(("user", "north " * 9000))], [["stay"]])
