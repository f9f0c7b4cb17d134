"""``logicdistill teach``: fake teachers through the real command, a closed endpoint, a real local server."""

import json
import socket
import subprocess
import sys
import time

import pytest

from logicdistill.cli import main
from logicdistill.functions.store import load
from logicdistill.functions.validate import validate_base
from logicdistill.llm import FakeLanguageModel, Role, UsageMeter
from tests.functions import teacher_answers as answers


def use_teacher(monkeypatch, *replies):
    seen = {}

    def loader(spec, **kwargs):
        seen.update(spec=spec, **kwargs)
        return FakeLanguageModel(list(replies), name=spec, role=Role.TEACHER, meter=UsageMeter())

    monkeypatch.setattr("logicdistill.llm.factory.load_model", loader)
    return seen


def test_good_teacher_writes_a_valid_base(tmp_path, monkeypatch, capsys):
    seen = use_teacher(monkeypatch, answers.good_pursuit_answer())
    out = tmp_path / "pursuit.json"
    url = "http://127.0.0.1:9/v1"
    assert main(["teach", "pursuit", "--teacher", "openai:glm-4", "--base-url", url, "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}: 3 functions for 3 stages after 1 teacher rounds")
    assert seen["spec"] == "openai:glm-4" and seen["base_url"] == url and seen["role"] is Role.TEACHER
    base = load(out)
    assert base.provenance.model == "openai:glm-4" and base.provenance.endpoint == url
    assert validate_base(base).valid


def test_repair_rounds_and_json_summary(tmp_path, monkeypatch, capsys):
    use_teacher(monkeypatch, answers.broken_pursuit_answer(), answers.repair_answer())
    out = tmp_path / "b.json"
    assert main(["teach", "pursuit", "--teacher", "t", "--out", str(out), "--rounds", "2", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] == str(out) and summary["rounds"] == 2
    assert sorted(r["function"] for r in summary["rejected"]) == ["filter_legal", "select_closest"]


def test_a_teacher_that_never_succeeds_writes_a_report_and_exits_1(tmp_path, monkeypatch, capsys):
    use_teacher(monkeypatch, answers.malicious_answer())
    out = tmp_path / "p.json"
    assert main(["teach", "pursuit", "--teacher", "t", "--out", str(out), "--rounds", "1"]) == 1
    text = capsys.readouterr().out
    assert "no function base after 1 teacher rounds" in text and "call to 'open' is not allowed" in text
    assert not out.exists()
    report = json.loads((tmp_path / "p.report.json").read_text())
    assert {r["function"] for r in report["report"]["rejected"]} == set(answers.MALICIOUS)
    assert report["answers"] == [answers.malicious_answer()]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pursuit"], "no teacher configured"),
        (["chess", "--teacher", "t"], "unknown task 'chess'"),
        (["pursuit", "--teacher", "t", "--api-key-env", "LD_TEST_UNSET_KEY"], "LD_TEST_UNSET_KEY"),
        (["pursuit", "--teacher", "t", "--rounds", "0"], "--rounds"),
    ],
)
def test_bad_usage_is_one_line_exit_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.delenv("LD_TEST_UNSET_KEY", raising=False)
    assert main(["teach", *args, "--out", str(tmp_path / "x.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("logicdistill: error:") and message in err and err.strip().count("\n") == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_endpoint_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    from logicdistill.llm.endpoint import EndpointConfig
    from logicdistill.llm.openai_backend import OpenAIModel

    def loader(spec, **kwargs):  # the real backend, without the retry back-off that would make this slow
        config = EndpointConfig(model="m", base_url=kwargs["base_url"], max_retries=0, use_cache=False)
        return OpenAIModel(config, role=Role.TEACHER, meter=UsageMeter())

    monkeypatch.setattr("logicdistill.llm.factory.load_model", loader)
    url = f"http://127.0.0.1:{_free_port()}/v1"
    assert (
        main(["teach", "pursuit", "--teacher", "openai:m", "--base-url", url, "--out", str(tmp_path / "x")])
        == 2
    )
    err = capsys.readouterr().err
    assert "cannot reach the model endpoint" in err and err.strip().count("\n") == 0


@pytest.fixture(scope="module")
def llama_server():
    """llama-cpp-python's OpenAI-compatible server on loopback, serving the bundled SmolLM2 GGUF."""
    from logicdistill.llm.checkpoints import bundled_gguf

    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(bundled_gguf("smollm2-135m")),
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the llama.cpp server did not start")
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_real_local_server_weak_answers_are_rejected_cleanly(tmp_path, capsys, llama_server, monkeypatch):
    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "pursuit.json"
    args = ["teach", "pursuit", "--teacher", "openai:smollm2", "--base-url", llama_server, "--out", str(out),
            "--rounds", "2", "--max-new-tokens", "200"]  # fmt: skip
    status = main(args)
    captured = capsys.readouterr()
    assert status in (0, 1) and captured.err == ""
    if status == 1:  # what a 135M model writes: every rejection comes with reasons
        report = json.loads((tmp_path / "pursuit.report.json").read_text())
        assert report["report"]["rounds"] == 2 and len(report["answers"]) == 2
        assert report["report"]["rejected"] and all(r["reasons"] for r in report["report"]["rejected"])
    else:
        assert validate_base(load(out)).valid
