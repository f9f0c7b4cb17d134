"""Table rows from harness records: the illegal blue choices by kind in JSON, CSV and Markdown."""

import csv
import io
import json

from logicdistill.agents.batched import ScriptedEvader
from logicdistill.evaluation.harness import play_pursuit, pursuit_games
from logicdistill.games.pursuit_policies import make_evader
from logicdistill.reports.tables import csv_text, markdown, pursuit_row, row_json
from tests.evaluation.breaking import Breaking


def _rows(tmp_path):
    games = pursuit_games(2)
    evader = ScriptedEvader(make_evader("greedy", games[0].config))
    records = play_pursuit(games, Breaking(), evader, tmp_path / "e.jsonl")
    old = [{k: v for k, v in r.items() if k != "choices"} for r in records]  # played before choices were kept
    return (
        pursuit_row("pursuit", "kd", "greedy", "m", records, [None, None]),
        pursuit_row("pursuit", "prompted", "greedy", "m", old, [None, None]),
    )


def test_a_row_counts_its_illegal_choices_by_kind_where_the_records_keep_the_choices(tmp_path):
    new, old = _rows(tmp_path)
    kinds = {"no move": 8, "off board": 8, "restricted": 0, "too far": 0, "onto evader": 0}
    assert row_json(new)["illegal_choices"] == kinds
    assert "illegal_choices" not in row_json(old)
    text = markdown([new, old])
    assert "- kd vs greedy: 16 illegal blue choices: no move 8, off board 8\n" in text
    assert "prompted vs greedy: 16 illegal" not in text
    written = list(csv.DictReader(io.StringIO(csv_text([new, old]))))
    assert json.loads(written[0]["illegal_choices"]) == kinds and written[1]["illegal_choices"] == ""
