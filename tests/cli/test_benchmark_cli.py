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
    assert f"Code: {again['code']}" in md.read_text()


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
