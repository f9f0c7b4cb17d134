"""Episode files of trained agents are tied to their adapter: a retrained adapter plays its games again."""

from __future__ import annotations

from logicdistill.agents.registry import Models
from logicdistill.evaluation.benchmark import ADAPTER_WEIGHTS, episode_path, model_name
from logicdistill.evaluation.harness import in_play_path
from logicdistill.tasks.base import TaskName


def adapter(folder, weights: bytes):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "adapter_config.json").write_text("{}")
    (folder / ADAPTER_WEIGHTS).write_bytes(weights)
    return folder


def test_a_retrained_adapter_moves_the_old_episodes_aside(tmp_path):
    ld = adapter(tmp_path / "ld", b"first")
    models = Models(ld_adapters={TaskName.TWENTYONE: ld})
    path = episode_path(tmp_path / "out", "twentyone-ld-vs-threshold", "ld", models, TaskName.TWENTYONE)
    path.write_text('{"index": 0}\n')
    in_play_path(path).write_text('{"1": {}}')
    again = episode_path(tmp_path / "out", "twentyone-ld-vs-threshold", "ld", models, TaskName.TWENTYONE)
    assert again == path and path.read_text() == '{"index": 0}\n'  # same adapter: resume
    assert in_play_path(path).is_file()

    adapter(ld, b"second")  # retrained
    fresh = episode_path(tmp_path / "out", "twentyone-ld-vs-threshold", "ld", models, TaskName.TWENTYONE)
    assert fresh == path and not path.exists()
    assert not in_play_path(path).exists()  # the old adapter's games in play are not resumed either
    [stale] = (tmp_path / "out" / "episodes").glob("*.stale-*.jsonl")
    assert stale.read_text() == '{"index": 0}\n'


def test_agents_without_an_adapter_keep_their_file(tmp_path):
    path = episode_path(tmp_path, "pursuit-reference-vs-optimal", "reference", Models(), TaskName.PURSUIT)
    assert path == tmp_path / "episodes" / "pursuit-reference-vs-optimal.jsonl"


def test_episodes_played_at_another_precision_are_not_resumed(tmp_path):
    kd = adapter(tmp_path / "kd", b"weights")
    stem, task = "pursuit-kd-vs-optimal", TaskName.PURSUIT
    path = episode_path(tmp_path / "out", stem, "kd", Models(kd_adapters={task: kd}), task)
    path.write_text('{"index": 0}\n')
    digest = path.with_suffix(".adapter").read_text().strip()
    assert " " not in digest  # float32 on cpu: the digest alone, as before precision was recorded

    fast = Models(kd_adapters={task: kd}, dtype="bfloat16", device="cuda")
    assert episode_path(tmp_path / "out", stem, "kd", fast, task) == path and not path.exists()
    assert path.with_suffix(".adapter").read_text().strip() == f"{digest} (bfloat16 on cuda)"
    [stale] = (tmp_path / "out" / "episodes").glob("*.stale-*.jsonl")
    assert stale.name == f"{stem}.stale-{digest}.jsonl"
    path.write_text('{"index": 1}\n')
    episode_path(tmp_path / "out", stem, "kd", Models(kd_adapters={task: kd}), task)  # back to float32
    assert (tmp_path / "out" / "episodes" / f"{stem}.stale-{digest}-bfloat16-on-cuda.jsonl").is_file()


def test_rows_of_the_untuned_student_are_tied_to_its_precision_too(tmp_path):
    out, stem, task = tmp_path / "out", "pursuit-prompted-vs-optimal", TaskName.PURSUIT
    path = out / "episodes" / f"{stem}.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text('{"index": 0}\n')  # played before rows were marked: float32 on cpu
    assert episode_path(out, stem, "prompted", Models(), task, "optimal") == path and path.is_file()
    assert not path.with_suffix(".adapter").exists()  # the defaults: no mark, as before

    fast = Models(dtype="bfloat16")
    assert episode_path(out, stem, "prompted", fast, task, "optimal") == path and not path.exists()
    assert path.with_suffix(".adapter").read_text().strip() == "(bfloat16 on cpu)"
    assert (out / "episodes" / f"{stem}.stale-unknown.jsonl").read_text() == '{"index": 0}\n'
    assert model_name("prompted", fast, "(bfloat16 on cpu)") == "smollm2-135m (bfloat16 on cpu)"
    assert model_name("prompted", Models(), "unknown") == "smollm2-135m"


def test_the_llm_evader_marks_any_agent_and_scripted_rows_stay_unmarked(tmp_path):
    fast, task = Models(dtype="bfloat16"), TaskName.PURSUIT
    beside_llm = episode_path(tmp_path, "pursuit-reference-vs-llm", "reference", fast, task, "llm")
    assert beside_llm.with_suffix(".adapter").read_text().strip() == "(bfloat16 on cpu)"
    scripted = episode_path(tmp_path, "pursuit-reference-vs-optimal", "reference", fast, task, "optimal")
    assert not scripted.with_suffix(".adapter").exists()
