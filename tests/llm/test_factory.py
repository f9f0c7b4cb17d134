"""load_model: every supported spec, and a clear error (with nothing written) for everything else."""

from __future__ import annotations

import pytest

from logicdistill.errors import UserError
from logicdistill.llm import Role, load_model
from logicdistill.llm.local import TransformersModel
from logicdistill.llm.openai_backend import OpenAIModel
from logicdistill.paths import CACHE_ENV


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    folder = tmp_path / "ld-cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def written_files(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_checkpoint_folder_loads_as_a_local_model(tiny_checkpoint):
    model = load_model(str(tiny_checkpoint), role=Role.OPPONENT)
    assert isinstance(model, TransformersModel)
    assert (model.name, model.role) == (tiny_checkpoint.name, Role.OPPONENT)


def test_openai_specs_take_the_model_from_the_spec_or_the_environment(monkeypatch, no_endpoint_env):
    monkeypatch.setenv("LOGICDISTILL_BASE_URL", "http://127.0.0.1:9/v1")
    model = load_model("openai:glm-4", role=Role.TEACHER)
    assert isinstance(model, OpenAIModel)
    assert (model.name, model.endpoint.base_url, model.role) == (
        "openai:glm-4",
        "http://127.0.0.1:9/v1",
        Role.TEACHER,
    )
    monkeypatch.setenv("LOGICDISTILL_MODEL", "qwen2.5")
    assert load_model("openai:", base_url="http://127.0.0.1:8/v1").name == "openai:qwen2.5"


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("", "empty model name"),
        ("gpt5-tiny", "unknown model 'gpt5-tiny'; use one of: smollm2-135m"),
        ("./missing/model.gguf", "does not exist"),
        ("/nowhere/model", "does not exist"),
    ],
)
def test_bad_specs_are_one_line_errors(spec, problem, empty_cache):
    with pytest.raises(UserError, match=problem):
        load_model(spec)
    assert written_files(empty_cache) == []


def test_an_endpoint_spec_without_settings_is_an_error(no_endpoint_env):
    with pytest.raises(UserError, match="LOGICDISTILL_BASE_URL"):
        load_model("openai:some-model")


def test_adapters_are_for_local_models_only(no_endpoint_env):
    with pytest.raises(UserError, match="local models only"):
        load_model("openai:m", base_url="http://127.0.0.1:9/v1", adapter="/tmp/lora")


def test_a_folder_that_is_not_a_checkpoint_is_refused(tmp_path):
    with pytest.raises(UserError, match=r"no config\.json"):
        load_model(str(tmp_path))


def test_a_file_that_is_not_gguf_is_refused_before_conversion(tmp_path, empty_cache):
    fake = tmp_path / "weights.gguf"
    fake.write_bytes(b"PK\x03\x04 not a gguf file")
    with pytest.raises(UserError, match="not a GGUF file"):
        load_model(str(fake))
    assert written_files(empty_cache) == []


def test_a_corrupt_gguf_file_is_refused_and_leaves_no_converted_folder(tmp_path, empty_cache):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + bytes(range(256)) * 4)
    with pytest.raises(UserError, match="cannot read GGUF file"):
        load_model(str(broken))
    assert written_files(empty_cache) == []
    assert [p.name for p in (empty_cache / "models").iterdir()] == []


def test_a_bad_adapter_on_a_local_model_is_an_error(tiny_checkpoint, tmp_path):
    with pytest.raises(UserError, match="not a PEFT adapter folder"):
        load_model(str(tiny_checkpoint), adapter=tmp_path)
