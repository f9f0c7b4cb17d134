"""``logicdistill retrieve``, ``retrieve-base``, ``retrieve-finetune``: output, JSON, one-line errors."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from logicdistill.cli import main
from logicdistill.functions.store import load, save
from logicdistill.reference import load_reference
from logicdistill.retrieval import models
from logicdistill.retrieval.fakes import HashingEncoder
from logicdistill.retrieval.index import index_dir_for
from logicdistill.tasks.base import TaskName


class FakeSentenceTransformerEncoder(HashingEncoder):
    """Stands in for the real model inside the command (same constructor argument)."""

    def __init__(self, model=None) -> None:
        if model is not None:
            models.resolve_model(model)  # the same checks on the folder as the real one
        super().__init__(name=str(model or "fake"))


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch, tmp_path):
    monkeypatch.setattr(models, "SentenceTransformerEncoder", FakeSentenceTransformerEncoder)
    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def base_file(tmp_path):
    return save(load_reference(TaskName.PURSUIT), tmp_path / "pursuit.json")


def test_json_output_lists_k_hits_best_first(base_file, capsys):
    state = '{"blues": [[1, 1], [5, 5], [9, 9]], "orange": [3, 8], "restricted": [[0, 5], [0, 6]]}'
    argv = ["retrieve", str(base_file), "--stage", "filter_moves", "--state", state, "-k", "3", "--json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"]["stage"] == "filter_moves" and "Restricted cells" in out["query"]["state"]
    assert len(out["hits"]) == 3
    scores = [h["score"] for h in out["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert {h["function"] for h in out["hits"]} <= {f.name for f in load(base_file).functions}
    assert index_dir_for(base_file).is_dir()  # the dense index is saved beside the base


def test_text_output_and_bm25(base_file, capsys):
    argv = ["retrieve", str(base_file), "--stage", "filter_moves", "--method", "bm25", "-k", "2"]
    argv += ["--applied", "candidate_moves"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("bm25 top-2 of 4 functions for stage filter_moves (pursuit)")
    assert len(lines) == 3 and all("[" in line for line in lines[1:])


def test_k_above_the_base_size_shows_every_function(base_file, capsys):
    assert main(["retrieve", str(base_file), "--stage", "select_move", "-k", "50", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["hits"]) == 4


def test_task_other_than_the_bases(base_file, capsys):
    state = '{"me": ["A", "7"], "opponent": ["10", "6"]}'
    argv = [
        "retrieve",
        str(base_file),
        "--task",
        "twentyone",
        "--stage",
        "decide",
        "--state",
        state,
        "--json",
    ]
    assert main(argv) == 0
    assert "Your hand: AS 7S" in json.loads(capsys.readouterr().out)["query"]["state"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--stage", "decide"], "no stage 'decide'"),
        (["--stage", "select_move", "-k", "0"], "k must be"),
        (["--stage", "select_move", "-k", "100000"], "at most"),
        (["--stage", "select_move", "--method", "faiss"], "unknown retrieval method"),
        (["--stage", "select_move", "--task", "chess"], "unknown task"),
        (["--stage", "select_move", "--state", "{oops"], "not valid JSON"),
        (["--stage", "select_move", "--method", "bm25", "--model", "x"], "only used by the dense"),
        (["--stage", "select_move", "--model", "/no/such/folder"], "no such retriever model folder"),
    ],
)
def test_bad_input_is_one_line_exit_2(base_file, capsys, extra, message):
    assert main(["retrieve", str(base_file), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_missing_and_empty_and_malformed_bases(tmp_path, base_file, capsys):
    assert main(["retrieve", str(tmp_path / "nope.json"), "--stage", "select_move"]) == 2
    assert "no such function base file" in capsys.readouterr().err
    empty = save(replace(load(base_file), functions=()), tmp_path / "empty.json")
    assert main(["retrieve", str(empty), "--stage", "select_move"]) == 2
    assert "no functions" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    assert main(["retrieve", str(broken), "--stage", "select_move"]) == 2
    assert "format_version" in capsys.readouterr().err


def test_retrieve_base_writes_a_loadable_base_and_never_overwrites(tmp_path, capsys):
    out = tmp_path / "distractors.json"
    assert main(["retrieve-base", str(out), "--task", "twentyone", "--seed", "3", "--duplicates", "1"]) == 0
    base = load(out)
    assert base.task is TaskName.TWENTYONE
    assert f"wrote {out}: {len(base.functions)} functions" in capsys.readouterr().out
    before = out.read_bytes()
    assert main(["retrieve-base", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_retrieve_finetune_refuses_a_used_folder_and_bad_settings(tmp_path, base_file, capsys):
    used = tmp_path / "model"
    used.mkdir()
    (used / "x").write_text("keep")
    assert main(["retrieve-finetune", str(base_file), str(used)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["retrieve-finetune", str(base_file), str(tmp_path / "m2"), "--negatives", "best"]) == 2
    assert "negatives must be one of" in capsys.readouterr().err
    assert main(["retrieve-finetune", str(base_file), str(tmp_path / "m3"), "--positions", "1"]) == 2
    assert "reference chain" in capsys.readouterr().err  # the reference base alone lacks 21 points' functions
