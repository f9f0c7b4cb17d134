"""benchmarks/agent_speed.py on the tiny checkpoint: a row per task and agent, ratios from rows, bad input."""

import json

import pytest

from tests.benchmarks.scripts import load_script


def make_adapter(checkpoint, folder, seed):
    """An untrained LoRA adapter that fits the checkpoint: speed does not depend on what it learned."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    base = AutoModelForCausalLM.from_pretrained(checkpoint)
    config = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    get_peft_model(base, config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from tests.llm.tiny import build_tiny_checkpoint

    folder = tmp_path_factory.mktemp("tiny-speed")
    checkpoint = build_tiny_checkpoint(folder / "student", context=4096)  # agent prompts are long
    return checkpoint, make_adapter(checkpoint, folder / "ld", 1), make_adapter(checkpoint, folder / "kd", 2)


@pytest.fixture(autouse=True)
def _private_cache_and_torch_threads(tmp_path, monkeypatch):
    import torch

    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)  # --threads sets them for the whole process


def test_every_agent_plays_both_tasks_and_the_ratio_comes_from_the_rows(tiny, tmp_path, capsys):
    student, ld, kd = tiny
    out = tmp_path / "speed.json"
    args = ["--student", str(student), "--ld-adapter", str(ld), "--kd-adapter", str(kd)]
    args += ["--games", "1", "--pursuit-games", "1", "--max-steps", "2", "--threads", "1"]
    args += ["--out", str(out)]  # one thread: a busy machine does not slow the tiny model down 10x
    assert load_script("agent_speed").main(args) == 0
    printed = capsys.readouterr().out
    data = json.loads(out.read_text())
    rows = {(r["task"], r["agent"]): r for r in data["rows"]}
    assert set(rows) == {(t, a) for t in ("twentyone", "pursuit") for a in ("ld", "kd", "prompted")}
    for row in rows.values():
        assert row["games"] == 1 and row["decisions"] >= 1 and row["seconds"] > 0
        assert row["decisions_per_s"] == pytest.approx(row["decisions"] / row["seconds"])
        assert row["llm_calls_per_decision"] == pytest.approx(row["llm_calls"] / row["decisions"])
    assert rows[("pursuit", "ld")]["decisions"] <= 2  # --max-steps caps the pursuit games
    assert rows[("twentyone", "kd")]["llm_calls_per_decision"] == 1.0  # one generation per move
    assert rows[("twentyone", "ld")]["llm_calls_per_decision"] >= 1.0  # one selection per stage
    for task in ("twentyone", "pursuit"):
        ratio = next(r for r in data["ratios"] if r["task"] == task and r["versus"] == "kd")
        expected = rows[(task, "ld")]["decisions_per_s"] / rows[(task, "kd")]["decisions_per_s"]
        assert ratio["ratio"] == pytest.approx(expected)
        assert ratio["met"] == (expected >= 3.0)
        assert f"{task}: LD / KD decisions/s = {expected:.2f}" in printed
    assert {"platform", "cpu_count"} <= set(data["machine"]) and data["machine"]["torch_threads"] == 1
    assert data["adapters"] == {"ld": str(ld), "kd": str(kd)} and "--games 1" in data["command"]
    assert "| task | agent |" in printed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "no LD adapter"),
        (["--agents", "ld,prompted"], "must include ld and kd"),
        (["--games", "0"], "--games must be at least 1"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(args, message, tmp_path, capsys):
    out = tmp_path / "speed.json"
    missing = ["--ld-adapter", str(tmp_path / "none"), "--kd-adapter", str(tmp_path / "none")]
    assert load_script("agent_speed").main([*missing, *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
