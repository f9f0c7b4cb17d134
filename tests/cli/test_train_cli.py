"""`logicdistill train ld|kd` and `train data ld|kd`: tiny runs on the tiny checkpoint; one-line errors."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from logicdistill.cli import main
from logicdistill.functions.store import save
from logicdistill.llm import FakeLanguageModel, Role
from logicdistill.training import sft
from logicdistill.training.adapter_metadata import METADATA_FILE, read_metadata
from logicdistill.training.dataset_file import load_dataset
from logicdistill.training.records import TeacherSource
from logicdistill.training.seeds import LD_SEED, WRITING_SEED
from tests.functions.bases import twentyone_base
from tests.training.helpers import TINY_MAX_LENGTH, Interrupted, interrupt_after_save


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> str:
    from tests.llm.tiny import build_tiny_checkpoint

    return str(build_tiny_checkpoint(tmp_path_factory.mktemp("tiny-llama")))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))


def fast(tiny: str, steps: int = 1) -> list[str]:
    """The flags that make a run take about a second."""
    limits = ["--max-steps", str(steps), "--max-length", str(TINY_MAX_LENGTH), "--batch-size", "2"]
    return ["--student", tiny, *limits, "--threads", "1", "--no-progress"]


def error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("logicdistill: error: "), captured.err
    return lines[0]


def test_data_ld_writes_a_dataset_and_prints_counts_and_provenance(tmp_path, capsys):
    out = tmp_path / "ld.jsonl"
    assert main(["train", "data", "ld", str(out), "--positions", "2", "--writing", "1"]) == 0
    text = capsys.readouterr().out.splitlines()
    dataset = load_dataset(out)
    counts = dataset.metadata.counts
    kinds = f"(selection {counts.selection}, writing 1)"
    assert text[0] == f"wrote {out}: {counts.total} LD examples {kinds} for pursuit, twentyone"
    assert text[1] == "teacher: reference-function-base, no teacher call"
    assert (
        f"positions seed {LD_SEED}, writing seed {WRITING_SEED}" in text[2] and "shipped reference" in text[2]
    )
    assert main(["train", "data", "ld", str(out)]) == 2
    assert "already exists: pass --overwrite" in error_line(capsys)
    argv = [
        "train",
        "data",
        "ld",
        str(out),
        "--task",
        "twentyone",
        "--positions",
        "1",
        "--overwrite",
        "--json",
    ]
    assert main(argv) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] == str(out) and summary["tasks"] == ["twentyone"]
    assert summary["counts"] == {"selection": 3, "writing": 0, "kd": 0, "total": 3}
    assert summary["parts"][0]["generator_seed"] == LD_SEED and summary["parts"][0]["base"]["path"] is None


def test_data_ld_from_a_base_file_takes_its_game(tmp_path, capsys):
    base = save(twentyone_base(), tmp_path / "mine.json")
    out = tmp_path / "ld.jsonl"
    argv = ["train", "data", "ld", str(out), "--base", str(base), "--positions", "2", "--candidates", "stage"]
    assert main([*argv, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["tasks"] == ["twentyone"] and summary["parts"][0]["base"]["path"] == str(base)
    assert summary["parts"][0]["notes"][0] == "candidates: stage"
    assert (
        main(["train", "data", "ld", str(tmp_path / "x.jsonl"), "--base", str(base), "--task", "pursuit"])
        == 2
    )
    assert "is a twentyone base, not a pursuit one" in error_line(capsys)


def test_data_kd_offline_and_with_an_l_llm_teacher(tmp_path, monkeypatch, capsys):
    out = tmp_path / "kd.jsonl"
    assert main(["train", "data", "kd", str(out), "--games", "1"]) == 0
    text = capsys.readouterr().out
    assert "teacher: reference-function-base, no teacher call" in text and "1 games against greedy" in text
    seen = {}

    def loader(spec, **kwargs):
        seen.update(spec=spec, **kwargs)
        return FakeLanguageModel(lambda chat: "stand", name=spec, role=kwargs["role"], meter=kwargs["meter"])

    monkeypatch.setattr("logicdistill.llm.factory.load_model", loader)
    url = "http://127.0.0.1:9/v1"
    argv = ["train", "data", "kd", str(tmp_path / "llm.jsonl"), "--task", "twentyone", "--games", "2"]
    assert main([*argv, "--teacher-model", "openai:glm-4", "--teacher-url", url, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert seen["spec"] == "openai:glm-4" and seen["base_url"] == url and seen["role"] is Role.TEACHER
    assert summary["teacher_source"] == "l-llm" and summary["teacher_model"] == "openai:glm-4"
    assert summary["teacher_cost"]["calls"] == summary["counts"]["kd"] > 0
    assert load_dataset(tmp_path / "llm.jsonl").metadata.teacher_source is TeacherSource.L_LLM
    both = ["train", "data", "kd", str(tmp_path / "both.jsonl"), "--teacher-url", url, "--base", "x.json"]
    assert main(both) == 2
    assert "either a function base (--base) or an L-LLM" in error_line(capsys)


def test_train_ld_on_both_games_then_refuse_then_overwrite(tmp_path, tiny, capsys):
    out = tmp_path / "ld-adapter"
    argv = ["train", "ld", str(out), "--positions", "1", "--writing", "1", *fast(tiny)]
    assert main([*argv, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)  # trainer log lines went to stderr
    assert summary["adapter"] == str(out) and summary["mode"] == "fresh" and summary["steps"] == 1
    assert summary["task"] is None and summary["kind"] == "ld" and summary["used"] == summary["examples"] > 0
    assert summary["final_loss"] is not None and summary["tokens_seen"] > 0 and summary["wall_time_s"] > 0
    assert summary["teacher_source"] == "reference-function-base" and summary["teacher_cost"]["calls"] == 0
    meta = read_metadata(out)
    assert meta.student.spec == tiny and dict(meta.config)["learning_rate"] == "0.001"  # the demo preset's
    before = (out / METADATA_FILE).read_text()
    assert main(argv) == 2
    assert "already holds a trained adapter: pass --overwrite" in error_line(capsys)
    assert (out / METADATA_FILE).read_text() == before
    assert main([*argv, "--overwrite", "--lora-r", "4", "--seed", "3"]) == 0
    text = capsys.readouterr().out
    assert f"adapter: {out} (removed the previous run in {out})" in text
    assert "data: LD pursuit + twentyone" in text and "training: 1 steps" in text and "final loss" in text
    config = dict(read_metadata(out).config)
    assert (config["lora_r"], config["seed"]) == ("4", "3")


def test_train_kd_saves_its_dataset_and_trains_again_on_it(tmp_path, tiny, capsys):
    data = tmp_path / "kd.jsonl"
    argv = [
        "train",
        "kd",
        str(tmp_path / "a"),
        "--task",
        "twentyone",
        "--games",
        "1",
        "--save-dataset",
        str(data),
    ]
    assert main([*argv, *fast(tiny), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["dataset"] == str(data) and summary["task"] == "twentyone" and summary["kind"] == "kd"
    assert read_metadata(tmp_path / "a").data.path == str(data)
    again = ["train", "kd", str(tmp_path / "b"), "--dataset", str(data), *fast(tiny), "--max-examples", "2"]
    assert main(again) == 0
    assert "2 of" in capsys.readouterr().out
    assert main(["train", "ld", str(tmp_path / "c"), "--dataset", str(data), *fast(tiny)]) == 2
    assert "holds KD data: train it with `train kd`" in error_line(capsys)
    assert not (tmp_path / "c").exists()


def test_lora_targets_flag_puts_lora_on_the_named_layers_and_refuses_unknown_ones(tmp_path, tiny, capsys):
    argv = ["train", "kd", str(tmp_path / "mlp"), "--task", "twentyone", "--games", "1", *fast(tiny)]
    assert main([*argv, "--lora-targets", "q_proj, gate_proj,down_proj"]) == 0
    capsys.readouterr()
    assert (
        dict(read_metadata(tmp_path / "mlp").config)["target_modules"]
        == '["q_proj", "gate_proj", "down_proj"]'
    )
    adapter = json.loads((tmp_path / "mlp" / "adapter_config.json").read_text())
    assert sorted(adapter["target_modules"]) == ["down_proj", "gate_proj", "q_proj"]
    bad = ["train", "kd", str(tmp_path / "bad"), "--task", "twentyone", "--games", "1", *fast(tiny)]
    assert main([*bad, "--lora-targets", "q_proj,mlp_in"]) == 2
    line = error_line(capsys)  # one line: --no-progress also hides the student's loading bar
    assert "LoRA target(s) mlp_in are not linear layers of the student" in line and "gate_proj" in line
    assert not (tmp_path / "bad").exists()


def test_bf16_flag_trains_in_mixed_precision_and_is_recorded(tmp_path, tiny, capsys, monkeypatch):
    given = []
    real = sft.sft_arguments
    monkeypatch.setattr(
        sft, "sft_arguments", lambda config, plan: given.append(real(config, plan)) or given[-1]
    )
    argv = ["train", "kd", str(tmp_path / "bf"), "--task", "twentyone", "--games", "1", *fast(tiny)]
    assert main([*argv, "--bf16"]) == 0
    assert given[-1].bf16 and dict(read_metadata(tmp_path / "bf").config)["bf16"] == "true"
    assert main([*argv[:2], str(tmp_path / "fp"), *argv[3:]]) == 0
    assert not given[-1].bf16 and dict(read_metadata(tmp_path / "fp").config)["bf16"] == "false"
    losses = [read_metadata(tmp_path / run).training.final_loss for run in ("bf", "fp")]
    assert losses[0] != pytest.approx(losses[1], rel=1e-6)  # the same batches, rounded to bfloat16 or not


def test_an_interrupted_run_resumes_through_the_command(tmp_path, tiny, monkeypatch, capsys):
    out = tmp_path / "adapter"
    argv = [
        "train",
        "ld",
        str(out),
        "--task",
        "twentyone",
        "--positions",
        "2",
        *fast(tiny, steps=2),
        "--json",
    ]
    original = sft._trainer

    def interrupted(model, rows, config, plan, callbacks):
        return original(
            model, rows, replace(config, save_steps=1), plan, [*callbacks, interrupt_after_save(1)]
        )

    monkeypatch.setattr(sft, "_trainer", interrupted)
    with pytest.raises(Interrupted):
        main(argv)
    monkeypatch.undo()
    capsys.readouterr()
    assert main(argv) == 2
    assert "interrupted training run (last checkpoint: checkpoint-1): pass --resume" in error_line(capsys)
    assert main([*argv, "--resume"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["mode"] == "resume" and summary["resumed_from"] == "checkpoint-1" and summary["steps"] == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["train", "ld", "{out}", "--preset", "huge"], "unknown preset 'huge'"),
        (["train", "ld", "{out}", "--base", "{tmp}/b.json", "--task", "both"], "not both"),
        (["train", "ld", "{out}", "--base", "{tmp}/missing.json"], "no such function base file"),
        (["train", "kd", "{out}", "--dataset", "{tmp}/missing.jsonl"], "no such dataset file"),
        (["train", "kd", "{out}", "--dataset", "{tmp}/empty.jsonl"], "is empty"),
        (["train", "ld", "{out}", "--dataset", "{tmp}/empty.jsonl", "--positions", "3"], "drop --positions"),
        (["train", "ld", "{out}", "--overwrite", "--resume"], "contradict"),
        (["train", "ld", "{out}", "--candidates", "all"], "unknown --candidates 'all'"),
        (["train", "ld", "{out}", "--task", "chess"], "unknown task 'chess'"),
        (["train", "ld", "{out}", "--epochs", "0"], "must be positive"),
        (["train", "kd", "{out}", "--api-key-env", "KEY"], "--api-key-env is for an L-LLM teacher"),
        (["train", "data", "ld", "{tmp}"], "is a folder"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys, argv, message):
    (tmp_path / "empty.jsonl").write_text("")
    before = sorted(tmp_path.rglob("*"))
    filled = [a.format(out=tmp_path / "out", tmp=tmp_path) for a in argv]
    assert main(filled) == 2
    assert message in error_line(capsys)
    assert sorted(tmp_path.rglob("*")) == before


def test_help_lists_the_commands_and_uses_the_settings_help(capsys):
    assert main(["train", "--help"]) == 0
    text = capsys.readouterr().out
    assert all(name in text for name in ("ld", "kd", "data"))
    assert main(["train", "ld", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "peak AdamW learning rate (linear decay) (default: the preset's)" in text
    assert "sampled positions; each gives one example per stage" in text
