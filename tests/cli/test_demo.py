"""The demo runs end to end on a tiny subset and writes a summary that matches what it printed."""

import json

from logicdistill.cli import main


def test_demo_writes_summary(tmp_path, capsys):
    assert main(["demo", "--pursuit-games", "3", "--deals", "4", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert [row["agent"] for row in summary["pursuit"]] == ["oracle", "greedy"]
    oracle_row = summary["pursuit"][0]
    assert oracle_row["n"] == 3 and oracle_row["success"]["k"] == 3
    assert oracle_row["steps_over_tstar"]["value"] <= 1.0  # each dot playing T1-optimally captures by T*
    assert all(row["n"] == 8 for row in summary["twentyone"])
    assert "Pursuit" in printed and "21 points" in printed


def test_demo_rejects_bad_sizes(capsys):
    assert main(["demo", "--pursuit-games", "0"]) == 2
    assert "pursuit-games" in capsys.readouterr().err
