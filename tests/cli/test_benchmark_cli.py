"""``logicdistill benchmark`` on a tiny subset: tables in JSON / CSV / Markdown, skipped rows, bad names."""

import json

from logicdistill.cli import main


def test_benchmark_writes_tables_and_says_why_rows_are_missing(tmp_path, monkeypatch):
    monkeypatch.delenv("LOGICDISTILL_BASE_URL", raising=False)
    out, md = tmp_path / "res", tmp_path / "RESULTS.md"
    args = ["benchmark", "--agents", "reference,llm-teacher,kd", "--evaders", "optimal"]
    args += ["--limit", "2", "--games", "4", "--out", str(out), "--results-md", str(md)]
    args += ["--kd-adapter", str(tmp_path / "none")]
    assert main(args) == 0
    data = json.loads((out / "benchmark.json").read_text())
    rows = {(r["table"], r["agent"]): r for r in data["rows"]}
    ref = rows[("pursuit", "reference")]
    assert ref["n"] == 2 and ref["success"] == 1.0 and ref["steps_over_tstar"] <= 1.0
    assert {"fail_no_violation", "fail_violation", "mean_steps", "success_ci"} <= set(ref)
    game = rows[("twentyone", "reference")]
    assert game["n"] == 4 and abs(game["victory"] + game["loss"] + game["draw"] - 1) < 1e-9
    assert (
        rows[("pursuit", "llm-teacher")]["n"] == 0 and "endpoint" in rows[("pursuit", "llm-teacher")]["note"]
    )
    assert "adapter" in rows[("twentyone", "kd")]["note"]
    assert data["subset"] is True and "SUBSET" in md.read_text()
    models = data["models"]
    assert (models["dtype"], models["device"], models["threads"]) == ("float32", "cpu", None)
    assert "Tables: pursuit: 2 of 200 starts against optimal; twentyone: 4 of 2,000 games." in md.read_text()
    assert (out / "tables.csv").read_text().startswith("table,agent")
    assert (out / "report.html").is_file() and (out / "figures" / "trajectories.png").is_file()
    # resumable: a second run replays nothing and gives the same numbers
    assert main(args) == 0
    again = json.loads((out / "benchmark.json").read_text())
    assert [r.get("success") for r in again["rows"]] == [r.get("success") for r in data["rows"]]
    assert len((out / "episodes" / "pursuit-reference-vs-optimal.jsonl").read_text().splitlines()) == 2
    # every invocation says which code ran it (this checkout: a git commit)
    assert again["code"].startswith("git ") and again["sessions_code"] == [again["code"]] * 2
    assert f"code: {again['code']}" in md.read_text()
    assert again["sessions_command"] == [again["command"]] * 2 and "--limit 2" in again["command"]


def test_sessions_recorded_before_code_versions_read_as_unknown(tmp_path):
    out = tmp_path / "res"
    out.mkdir()
    (out / "sessions.json").write_text("[12.5]\n")  # the format before code versions were kept
    args = ["benchmark", "--agents", "reference", "--tables", "twentyone", "--games", "2"]
    assert main([*args, "--out", str(out), "--results-md", str(tmp_path / "R.md")]) == 0
    data = json.loads((out / "benchmark.json").read_text())
    assert data["sessions_wall_seconds"][0] == 12.5 and data["sessions_code"][0] is None


def test_unknown_agent_is_one_line(capsys):
    assert main(["benchmark", "--agents", "wizard"]) == 2
    assert "unknown agent" in capsys.readouterr().err


def test_a_device_torch_cannot_use_is_one_line_before_anything_is_written(tmp_path, capsys):
    assert (
        main(["benchmark", "--agents", "reference", "--device", "banana", "--out", str(tmp_path / "o")]) == 2
    )
    assert "unknown torch device 'banana'" in capsys.readouterr().err and not (tmp_path / "o").exists()


def _lines(path):
    return path.read_text().splitlines()


def test_report_only_plays_nothing_and_says_how_much_each_row_holds(tmp_path):
    out, md = tmp_path / "res", tmp_path / "R.md"
    played = ["benchmark", "--agents", "reference", "--evaders", "optimal", "--limit", "2", "--games", "4"]
    assert main([*played, "--out", str(out), "--results-md", str(md)]) == 0
    episodes = {p.name: _lines(p) for p in (out / "episodes").glob("*.jsonl")}
    report = ["benchmark", "--agents", "reference,prompted", "--evaders", "optimal", "--limit", "3"]
    report += ["--games", "6", "--out", str(out), "--results-md", str(md), "--report-only"]
    assert main(report) == 0
    assert {p.name: _lines(p) for p in (out / "episodes").glob("*.jsonl")} == episodes  # nothing played
    data = json.loads((out / "benchmark.json").read_text())
    rows = {(r["table"], r["agent"]): r for r in data["rows"]}
    assert (rows[("pursuit", "reference")]["n"], rows[("pursuit", "reference")]["planned"]) == (2, 3)
    assert (rows[("twentyone", "reference")]["n"], rows[("twentyone", "reference")]["planned"]) == (4, 6)
    assert rows[("pursuit", "prompted")]["n"] == 0 and "no episodes" in rows[("pursuit", "prompted")]["note"]
    assert data["report_only"] is True and data["subset"] is True
    assert len(data["sessions_command"]) == 1 and "--report-only" not in data["sessions_command"][0]
    text = md.read_text()
    assert "| 2 of 3 |" in text and "| 4 of 6 |" in text and "played nothing" in text
    assert "reference vs optimal: partial, 2 of 3 games so far" in text


def test_report_only_leaves_out_a_table_and_evader_that_no_agent_played(tmp_path):
    out, md = tmp_path / "res", tmp_path / "R.md"
    played = [
        "benchmark",
        "--agents",
        "reference",
        "--tables",
        "pursuit",
        "--evaders",
        "optimal",
        "--limit",
        "2",
    ]
    assert main([*played, "--out", str(out), "--results-md", str(md)]) == 0
    report = ["benchmark", "--agents", "reference,prompted", "--tables", "pursuit,pursuit-restricted"]
    report += ["--evaders", "llm,optimal", "--limit", "2", "--out", str(out), "--results-md", str(md)]
    assert main([*report, "--report-only"]) == 0
    rows = json.loads((out / "benchmark.json").read_text())["rows"]
    assert [(r["table"], r["agent"], r["opponent"], r["n"]) for r in rows] == [
        ("pursuit", "reference", "optimal", 2),
        ("pursuit", "prompted", "optimal", 0),  # its block was played: the row says why it is empty
    ]


def test_report_only_names_the_adapter_the_episodes_were_played_with_even_when_it_is_not_here(tmp_path):
    out = tmp_path / "res"
    args = ["benchmark", "--agents", "reference", "--tables", "twentyone", "--games", "2"]
    assert main([*args, "--out", str(out), "--results-md", str(tmp_path / "R.md")]) == 0
    episodes = out / "episodes"
    (episodes / "twentyone-kd-vs-threshold.jsonl").write_text(
        (episodes / "twentyone-reference-vs-threshold.jsonl").read_text()
    )
    (episodes / "twentyone-kd-vs-threshold.adapter").write_text("0123456789ab\n")
    report = ["benchmark", "--agents", "kd", "--tables", "twentyone", "--games", "2", "--report-only"]
    report += [
        "--kd-adapter",
        str(tmp_path / "absent"),
        "--out",
        str(out),
        "--results-md",
        str(tmp_path / "R.md"),
    ]
    assert main(report) == 0
    [row] = json.loads((out / "benchmark.json").read_text())["rows"]
    assert row["n"] == 2 and row["model"] == "smollm2-135m + KD adapter 0123456789ab"
    assert "KD adapter 0123456789ab" in (tmp_path / "R.md").read_text()
    saved = {str(i): {"seed": i, "state": {"step": step}} for i, step in ((5, 3), (6, 9))}
    (episodes / "twentyone-kd-vs-threshold.inplay.json").write_text(json.dumps(saved))
    assert main(report) == 0
    [row] = json.loads((out / "benchmark.json").read_text())["rows"]
    assert row["note"].startswith("2 more in play, saved at steps 3 to 9: the same command")


def test_an_interrupted_invocation_stays_in_the_sessions_without_a_wall_time(tmp_path, monkeypatch):
    import logicdistill.evaluation.benchmark as benchmark

    out, md = tmp_path / "res", tmp_path / "R.md"
    args = ["benchmark", "--agents", "reference", "--tables", "twentyone", "--games", "2"]
    args += ["--out", str(out), "--results-md", str(md)]

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(benchmark, "run_plan", interrupted)
        assert main(args) == 130
    [first] = json.loads((out / "sessions.json").read_text())
    assert first["wall_seconds"] is None and first["command"].endswith(str(md)) and first["started"]
    assert main(args) == 0
    data = json.loads((out / "benchmark.json").read_text())
    assert data["sessions_wall_seconds"][0] is None and data["sessions_wall_seconds"][1] >= 0
    assert "unfinished (interrupted, or still running): no wall time" in md.read_text()


def test_a_teacher_endpoint_that_fails_mid_benchmark_stops_with_one_line_and_the_run_resumes(
    tmp_path, monkeypatch, capsys
):
    from tests.llm.stub_server import StubEndpoint, completion

    monkeypatch.setenv("LOGICDISTILL_CACHE", str(tmp_path / "cache"))  # no replies replayed from disk
    out = tmp_path / "res"
    args = ["benchmark", "--agents", "llm-teacher", "--tables", "twentyone", "--teacher", "openai:stub"]
    args += ["--out", str(out), "--results-md", str(tmp_path / "R.md")]
    episodes = out / "episodes" / "twentyone-llm-teacher-vs-threshold.jsonl"
    with StubEndpoint(lambda request: completion("stand")) as stub:
        monkeypatch.setenv("LOGICDISTILL_BASE_URL", stub.base_url)
        assert main([*args, "--games", "4"]) == 0
        kept = _lines(episodes)
        stub.answer = lambda request: 401  # the key is revoked while the benchmark goes on
        assert main([*args, "--games", "8"]) == 2
        err = capsys.readouterr().err
        error = err.strip().splitlines()[-1]
        assert error.startswith("logicdistill: error:") and "401" in error and "Traceback" not in err
        assert _lines(episodes) == kept  # nothing lost, nothing half-written
        sessions = json.loads((out / "sessions.json").read_text())
        assert [s["wall_seconds"] is None for s in sessions] == [False, True]  # says it did not finish

        stub.answer = lambda request: completion("stand")
        assert main([*args, "--games", "8"]) == 0
    lines = _lines(episodes)
    assert lines[:4] == kept and sorted(json.loads(line)["index"] for line in lines) == list(range(8))


def test_threads_reach_the_local_models_and_the_record(tmp_path, monkeypatch):
    from logicdistill.agents import registry

    built, real = [], registry.Models

    def recording(**settings):
        built.append(real(**settings))
        return built[-1]

    monkeypatch.setattr(registry, "Models", recording)
    out = tmp_path / "res"
    args = ["benchmark", "--agents", "reference", "--tables", "twentyone", "--games", "1", "--threads", "1"]
    assert main([*args, "--out", str(out), "--results-md", str(tmp_path / "R.md")]) == 0
    assert [m.threads for m in built] == [1]
    assert json.loads((out / "benchmark.json").read_text())["models"]["threads"] == 1


def test_by_default_it_writes_under_runs_benchmark_and_never_into_docs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["benchmark", "--agents", "reference", "--tables", "twentyone", "--games", "1"]
    assert main(args) == 0
    out = tmp_path / "runs" / "benchmark"
    assert (out / "benchmark.json").is_file() and (out / "RESULTS.md").is_file()
    assert not (tmp_path / "docs").exists()


def test_a_report_of_every_row_but_the_unreachable_teacher_is_the_full_protocol(tmp_path, monkeypatch):
    monkeypatch.delenv("LOGICDISTILL_BASE_URL", raising=False)
    out, episodes = tmp_path / "res", tmp_path / "res" / "episodes"
    played = ["benchmark", "--agents", "reference", "--evaders", "optimal", "--limit", "1", "--games", "1"]
    assert main([*played, "--out", str(out)]) == 0
    for stem, count in (("pursuit-reference-vs-optimal", 200), ("twentyone-reference-vs-threshold", 2000)):
        first = json.loads(_lines(episodes / f"{stem}.jsonl")[0])  # every game as a copy of the first
        lines = "".join(json.dumps({**first, "index": i}) + "\n" for i in range(count))
        (episodes / f"{stem}.jsonl").write_text(lines)
    (episodes / "pursuit-reference-vs-llm.jsonl").write_text(
        (episodes / "pursuit-reference-vs-optimal.jsonl").read_text()
    )
    report = ["benchmark", "--agents", "reference,llm-teacher", "--report-only", "--out", str(out)]
    assert main(report) == 0
    data = json.loads((out / "benchmark.json").read_text())
    assert data["subset"] is False and "SUBSET" not in (out / "RESULTS.md").read_text()
    monkeypatch.setenv("LOGICDISTILL_BASE_URL", "http://127.0.0.1:9/v1")  # an endpoint: its rows are due
    assert main(report) == 0
    assert json.loads((out / "benchmark.json").read_text())["subset"] is True
