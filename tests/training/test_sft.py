"""LoRA fine-tuning on the tiny checkpoint: files and metadata, refusals, interruption and resume."""

from __future__ import annotations

import json

import pytest

from logicdistill.errors import UserError
from logicdistill.llm import Message, load_model
from logicdistill.llm.local import LocalModelConfig
from logicdistill.training.adapter_metadata import METADATA_FILE, read_metadata, stale_selection_prompt
from logicdistill.training.dataset_file import load_dataset, merge_datasets
from logicdistill.training.ld_data import LDConfig, build_ld_dataset, resolve_base
from logicdistill.training.prompts import SELECTION_PROMPT_VERSION
from logicdistill.training.records import TeacherSource
from logicdistill.training.run_dir import CHECKPOINTS, RUN_FILE, RunMode
from logicdistill.training.sft import DATASET_FILE, train_adapter
from tests.training.helpers import Interrupted, interrupt_after_save, tiny_config


def test_a_run_writes_the_adapter_its_data_and_metadata_and_the_adapter_loads(tmp_path, tiny_checkpoint):
    pursuit = build_ld_dataset(resolve_base("pursuit"), LDConfig(positions=1, writing=1))
    twentyone = build_ld_dataset(resolve_base("twentyone"), LDConfig(positions=1))
    dataset = merge_datasets([pursuit, twentyone], seed=0)
    out = tmp_path / "adapter"
    result = train_adapter(dataset, out, tiny_config(tiny_checkpoint))
    names = {p.name for p in out.iterdir()}
    assert {
        "adapter_config.json",
        "adapter_model.safetensors",
        METADATA_FILE,
        RUN_FILE,
        DATASET_FILE,
    } <= names
    assert CHECKPOINTS not in names  # removed after a finished run
    assert result.plan.mode is RunMode.FRESH and result.out == out
    meta = read_metadata(out)
    assert meta == result.metadata
    assert meta.training.steps == 2 and meta.training.resumed_from is None
    assert meta.training.final_loss is not None and meta.training.final_loss > 0
    assert meta.training.tokens_seen > 0 and len(meta.training.sessions_s) == 1
    assert 0 < meta.training.trainable_params < meta.training.total_params
    assert 0 < meta.training.epoch_completion_tokens < meta.training.epoch_tokens
    assert meta.data.task is None and meta.data.used == dataset.metadata.counts.total
    assert meta.data.teacher_source is TeacherSource.REFERENCE_BASE and meta.data.teacher_cost.calls == 0
    assert meta.data.path == str(out / DATASET_FILE) and len(meta.data.file_sha256) == 64
    assert meta.student.spec == str(tiny_checkpoint) and meta.machine.threads == 1
    assert dict(meta.config)["max_steps"] == "2"
    assert load_dataset(out / DATASET_FILE).examples == dataset.examples
    saved = json.loads((out / METADATA_FILE).read_text())
    assert saved["training"]["wall_time_s"] == pytest.approx(sum(saved["training"]["sessions_s"]), abs=1e-3)
    assert meta.data.selection_prompt == SELECTION_PROMPT_VERSION and stale_selection_prompt(out) is None

    student = load_model(str(tiny_checkpoint), adapter=out, local=LocalModelConfig(threads=1))
    assert student.adapter == out
    chat = (Message("user", "Stage: decide. Candidates: hit, stand."),)
    picked = student.select([chat], [["hit", "stand"]])[0]
    assert picked.index in (0, 1)


def test_an_ld_adapter_trained_on_older_selection_prompts_is_refused_with_the_remedy(
    tmp_path, monkeypatch, tiny_checkpoint, tiny_ld_dataset
):
    from logicdistill.agents.registry import Models, make_player
    from logicdistill.tasks.base import TaskName

    out = tmp_path / "adapter"
    train_adapter(tiny_ld_dataset, out, tiny_config(tiny_checkpoint))
    saved = json.loads((out / METADATA_FILE).read_text())
    del saved["data"]["selection_prompt"]  # written before adapters recorded it: version 1
    (out / METADATA_FILE).write_text(json.dumps(saved))
    assert read_metadata(out).data.selection_prompt == 1
    models = Models(student=str(tiny_checkpoint), ld_adapters={TaskName.TWENTYONE: out})
    with pytest.raises(UserError, match=r"selection prompts version 1, .* version 2: train it again"):
        make_player("ld", models)
    # the demo trains its own stale adapter again (overwriting it), and reuses one it was given
    from logicdistill.evaluation import demo_run
    from logicdistill.training import sft

    calls = []
    monkeypatch.setattr(sft, "train_adapter", lambda *args, **kwargs: calls.append(kwargs))
    assert demo_run.ensure_adapter("ld", out, "smoke", str(tiny_checkpoint)).trained_now is False
    assert demo_run.ensure_adapter("ld", out, "smoke", str(tiny_checkpoint), replace_stale=True).trained_now
    assert calls == [{"resume": False, "overwrite": True}]
    saved["data"]["kind"] = "kd"  # a KD adapter asks no selection: nothing to check
    (out / METADATA_FILE).write_text(json.dumps(saved))
    assert stale_selection_prompt(out) is None and stale_selection_prompt(tmp_path) is None


def test_the_last_step_is_logged_even_between_logging_steps(tmp_path, tiny_checkpoint, tiny_ld_dataset):
    config = tiny_config(tiny_checkpoint, max_steps=1, logging_steps=5)
    meta = train_adapter(tiny_ld_dataset, tmp_path / "a", config).metadata
    assert meta.training.steps == 1 and meta.training.final_loss is not None


def test_an_existing_adapter_or_foreign_folder_is_refused_and_overwrite_replaces(
    tmp_path, tiny_checkpoint, tiny_ld_dataset
):
    out = tmp_path / "adapter"
    config = tiny_config(tiny_checkpoint, max_steps=1, max_examples=3)
    first = train_adapter(tiny_ld_dataset, out, config)
    assert first.metadata.data.used == 3 and first.metadata.data.counts.total == 6
    before = (out / METADATA_FILE).read_text()
    with pytest.raises(UserError, match="already holds a trained adapter"):
        train_adapter(tiny_ld_dataset, out, config)
    with pytest.raises(UserError, match="contradict"):
        train_adapter(tiny_ld_dataset, out, config, overwrite=True, resume=True)
    assert (out / METADATA_FILE).read_text() == before
    again = train_adapter(tiny_ld_dataset, out, config, overwrite=True)
    assert again.plan.note == f"removed the previous run in {out}"
    assert (out / METADATA_FILE).read_text() != before
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"meow")
    for overwrite in (False, True):
        with pytest.raises(UserError, match="not a logicdistill adapter directory"):
            train_adapter(tiny_ld_dataset, foreign, config, overwrite=overwrite)
    assert (foreign / "cat.jpg").read_bytes() == b"meow"


def test_bad_input_under_overwrite_keeps_the_previous_adapter(tmp_path, tiny_checkpoint, tiny_ld_dataset):
    out = tmp_path / "adapter"
    train_adapter(tiny_ld_dataset, out, tiny_config(tiny_checkpoint, max_steps=1))
    before = (out / METADATA_FILE).read_text()
    too_short = tiny_config(tiny_checkpoint, max_steps=1, max_length=64)
    with pytest.raises(UserError, match="over max_length 64"):
        train_adapter(tiny_ld_dataset, out, too_short, overwrite=True)
    with pytest.raises(UserError, match="does not exist"):
        train_adapter(tiny_ld_dataset, out, tiny_config("./no/such/model.gguf"), overwrite=True)
    assert (out / METADATA_FILE).read_text() == before


def test_an_interrupted_run_resumes_from_its_checkpoint(tmp_path, tiny_checkpoint, tiny_ld_dataset):
    out = tmp_path / "adapter"
    config = tiny_config(tiny_checkpoint)  # two steps, a checkpoint after each
    with pytest.raises(Interrupted):
        train_adapter(tiny_ld_dataset, out, config, callbacks=[interrupt_after_save(1)])
    assert not (out / METADATA_FILE).exists()
    assert (out / CHECKPOINTS / "checkpoint-1" / "trainer_state.json").is_file()
    with pytest.raises(UserError, match=r"interrupted training run \(last checkpoint: checkpoint-1\)"):
        train_adapter(tiny_ld_dataset, out, config)
    changed = tiny_config(tiny_checkpoint, learning_rate=1e-3)
    with pytest.raises(UserError, match=r"cannot resume.*learning_rate"):
        train_adapter(tiny_ld_dataset, out, changed, resume=True)
    other_data = build_ld_dataset(resolve_base("twentyone"), LDConfig(positions=1))
    with pytest.raises(UserError, match="dataset's examples changed"):
        train_adapter(other_data, out, config, resume=True)
    # Settings that do not change the result may differ.
    resumed = train_adapter(tiny_ld_dataset, out, tiny_config(tiny_checkpoint, threads=2), resume=True)
    assert resumed.plan.mode is RunMode.RESUME and resumed.plan.note == "resuming from checkpoint-1"
    training = resumed.metadata.training
    assert training.steps == 2 and training.resumed_from == "checkpoint-1"
    assert len(training.sessions_s) == 2 and training.final_loss is not None
    assert not (out / CHECKPOINTS).exists()


def test_resume_of_an_empty_folder_starts_fresh(tmp_path, tiny_checkpoint, tiny_ld_dataset):
    out = tmp_path / "empty"
    out.mkdir()
    result = train_adapter(tiny_ld_dataset, out, tiny_config(tiny_checkpoint, max_steps=1), resume=True)
    assert result.plan.mode is RunMode.FRESH and "starting fresh" in result.plan.note


def test_an_endpoint_cannot_be_fine_tuned(tmp_path, monkeypatch, tiny_ld_dataset):
    monkeypatch.setenv("LOGICDISTILL_BASE_URL", "http://127.0.0.1:9/v1")
    with pytest.raises(UserError, match="needs a local model"):
        train_adapter(tiny_ld_dataset, tmp_path / "a", tiny_config("openai:glm-4"))
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("similar_lengths", [True, False])
def test_a_resumed_run_ends_with_the_weights_of_an_uninterrupted_one(
    tmp_path, tiny_checkpoint, tiny_ld_dataset, similar_lengths
):
    from safetensors.torch import load_file

    config = tiny_config(tiny_checkpoint, max_steps=5, similar_lengths=similar_lengths)  # 3 steps an epoch
    whole = train_adapter(tiny_ld_dataset, tmp_path / "whole", config)
    with pytest.raises(Interrupted):
        train_adapter(tiny_ld_dataset, tmp_path / "parts", config, callbacks=[interrupt_after_save(4)])
    train_adapter(tiny_ld_dataset, tmp_path / "parts", config, resume=True)
    first = load_file(str(whole.out / "adapter_model.safetensors"))
    second = load_file(str(tmp_path / "parts" / "adapter_model.safetensors"))
    assert first.keys() == second.keys()
    assert all(first[k].equal(second[k]) for k in first)
