"""Training settings, presets, run-directory planning and adapter metadata files (no model loaded)."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from logicdistill.errors import UserError
from logicdistill.training.adapter_metadata import METADATA_FILE, read_metadata
from logicdistill.training.config import RESUME_KEYS, RUNTIME_KEYS, TrainConfig, help_text
from logicdistill.training.presets import PRESETS, get_preset
from logicdistill.training.run_dir import RUN_FILE, Fingerprint, RunMode, plan_run, start_run


@pytest.mark.parametrize(
    "changes",
    [
        {"lora_r": 0},
        {"batch_size": 0},
        {"lora_dropout": 1.0},
        {"learning_rate": 0.0},
        {"epochs": -1.0},
        {"max_steps": 0},
        {"max_steps": -2},
        {"max_examples": 0},
        {"target_modules": ()},
        {"device": "tpu"},
        {"threads": 0},
    ],
)
def test_bad_settings_are_user_errors(changes):
    with pytest.raises(UserError):
        TrainConfig(**changes)


def test_every_setting_has_help_and_resume_keys_leave_out_runtime_ones():
    for f in fields(TrainConfig):
        assert help_text(f.name)
    with pytest.raises(KeyError):
        help_text("warp_speed")
    assert set(RESUME_KEYS) == {f.name for f in fields(TrainConfig)} - RUNTIME_KEYS
    assert "learning_rate" in RESUME_KEYS and "threads" not in RESUME_KEYS


def test_presets_are_named_and_grow_from_smoke_to_full():
    smoke, demo, full = get_preset("smoke"), get_preset("demo"), get_preset("full")
    assert set(PRESETS) == {"smoke", "demo", "full"} and demo.name == "demo"
    assert smoke.ld_pursuit.positions < demo.ld_pursuit.positions
    assert demo.ld_pursuit.positions < full.ld_pursuit.positions
    assert demo.ld_twentyone.positions < full.ld_twentyone.positions
    assert demo.kd.games is not None and full.kd.games is None  # full: all 221 starts / deals
    assert demo.train.epochs <= full.train.epochs
    with pytest.raises(UserError, match="unknown preset 'huge' \\(known: smoke, demo, full\\)"):
        get_preset("huge")


def test_fingerprints_name_what_changed():
    base = Fingerprint.of(TrainConfig(), "a" * 64)
    assert base.differences(Fingerprint.of(TrainConfig(threads=3), "a" * 64)) == []
    changed = Fingerprint.of(TrainConfig(lora_r=8), "b" * 64).differences(base)
    assert changed == ["lora_r was 16, now 8", "the dataset's examples changed (sha256 differs)"]
    assert Fingerprint.from_json(base.to_json()) == base


def test_a_run_recorded_before_a_setting_existed_resumes_as_its_default():
    now = Fingerprint.of(TrainConfig(), "a" * 64)
    older = Fingerprint(tuple((key, value) for key, value in now.settings if key != "bf16"), "a" * 64)
    assert now.differences(older) == []
    assert Fingerprint.of(TrainConfig(bf16=True), "a" * 64).differences(older) == ["bf16 was false, now true"]


def test_plan_refuses_files_and_unreadable_runs(tmp_path):
    fingerprint = Fingerprint.of(TrainConfig(), "a" * 64)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="is a file"):
        plan_run(tmp_path / "file", fingerprint, overwrite=False, resume=False)
    assert plan_run(tmp_path / "new", fingerprint, overwrite=False, resume=False).mode is RunMode.FRESH
    assert not (tmp_path / "new").exists()  # planning writes nothing
    run = tmp_path / "run"
    plan = plan_run(run, fingerprint, overwrite=False, resume=False)
    start_run(plan, fingerprint)
    resumed = plan_run(run, fingerprint, overwrite=False, resume=True)
    assert resumed.mode is RunMode.FRESH and "saved no checkpoint" in resumed.note
    (run / RUN_FILE).write_text("{broken")
    with pytest.raises(UserError, match="unreadable"):
        plan_run(run, fingerprint, overwrite=False, resume=True)


def test_reading_metadata_of_a_folder_without_a_finished_adapter(tmp_path):
    with pytest.raises(UserError, match="not a finished logicdistill adapter"):
        read_metadata(tmp_path)
    (tmp_path / METADATA_FILE).write_text(json.dumps({"format_version": 1}))
    with pytest.raises(UserError, match="cannot read"):
        read_metadata(tmp_path)
