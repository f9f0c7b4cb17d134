"""The demo end to end on the tiny checkpoint: trains both adapters once, plays, reports, then reuses them."""

import json

import pytest

from logicdistill.cli import main


@pytest.fixture(scope="module")
def tiny_student(tmp_path_factory):
    from tests.llm.tiny import build_tiny_checkpoint

    return str(
        build_tiny_checkpoint(tmp_path_factory.mktemp("tiny-demo"), context=4096)
    )  # demo prompts are long


def test_demo_trains_plays_reports_and_then_reuses_the_adapters(tmp_path, tiny_student, capsys):
    sizes = ["--preset", "smoke", "--pursuit-games", "1", "--games", "2"]
    args = ["demo", "--student", tiny_student, *sizes, "--out", str(tmp_path)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    tables = json.loads((tmp_path / "tables.json").read_text())
    agents = {(row["table"], row["agent"]) for row in tables["rows"]}
    assert agents == {("pursuit", a) for a in ("ld", "prompted", "reference")} | {
        ("twentyone", a) for a in ("ld", "kd", "prompted", "reference")
    }
    reference = next(r for r in tables["rows"] if r["agent"] == "reference" and r["table"] == "pursuit")
    assert reference["n"] == 1 and reference["success"] == 1.0
    for kind in ("ld", "kd"):
        meta = json.loads((tmp_path / f"{kind}-adapter" / "logicdistill-adapter.json").read_text())
        assert meta["data"]["teacher_source"] == "reference-function-base"  # offline: never called a teacher
    assert "trained now" in printed and (tmp_path / "report.html").is_file()
    models = json.loads((tmp_path / "demo.json").read_text())["models"]
    assert (models["dtype"], models["device"], models["threads"]) == ("float32", "cpu", None)
    weights = tmp_path / "ld-adapter" / "adapter_model.safetensors"
    before = weights.stat().st_mtime_ns
    assert main(args) == 0
    assert "reused" in capsys.readouterr().out and weights.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pursuit-games", "0"], "pursuit-games"),
        (["--preset", "huge"], "unknown preset"),
        (["--ld-adapter", "/nonexistent/adapter"], "no adapter"),
        (["--evaders", ","], "at least one evader"),
        (["--device", "banana"], "unknown torch device"),
    ],
)
def test_demo_refuses_bad_input_in_one_line(args, message, tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "out"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
