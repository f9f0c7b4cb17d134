"""Lock-step play matches one-at-a-time play; an interrupted run resumes without loss or repeats."""

import json

import numpy as np
import pytest

from logicdistill.agents.batched import ScriptedEvader, ScriptedPlayer, ScriptedPursuer
from logicdistill.evaluation import harness
from logicdistill.evaluation.harness import (
    HARNESS_SEED,
    in_play_path,
    play_pursuit,
    play_twentyone,
    pursuit_games,
    read_done,
    twentyone_games,
)
from logicdistill.evaluation.metrics import illegal_blue_kinds
from logicdistill.games.pursuit_policies import make_evader, make_pursuer
from logicdistill.games.runner import run_pursuit, run_twentyone
from logicdistill.games.twentyone_policies import make_opponent
from tests.evaluation.breaking import Breaking


class Counting(ScriptedPursuer):
    def __init__(self, policy):
        super().__init__(policy)
        self.positions = 0

    def choose_batch(self, turns):
        self.positions += len(turns)
        return super().choose_batch(turns)


def test_lockstep_pursuit_matches_sequential_play(tmp_path):
    games = pursuit_games(4)
    config = games[0].config
    records = play_pursuit(
        games,
        ScriptedPursuer(make_pursuer("greedy", config)),
        ScriptedEvader(make_evader("random", config)),
        tmp_path / "e.jsonl",
    )
    for game, record in zip(games, records, strict=True):
        rng = np.random.default_rng([HARNESS_SEED, game.seed])
        episode = run_pursuit(
            config, game.start, make_pursuer("greedy", config), make_evader("random", config), rng
        )
        assert (record["outcome"], record["steps"]) == (episode.outcome.value, episode.steps)


def test_an_interrupted_run_resumes_without_loss_or_repeats(tmp_path):
    games = pursuit_games(3)
    config = games[0].config
    path = tmp_path / "e.jsonl"
    first = play_pursuit(
        games,
        ScriptedPursuer(make_pursuer("oracle", config)),
        ScriptedEvader(make_evader("greedy", config)),
        path,
    )
    lines = path.read_text().splitlines()
    path.write_text(lines[0] + "\n" + lines[1][:20])  # one episode kept, one torn line
    kept = json.loads(lines[0])["index"]
    pursuer = Counting(make_pursuer("oracle", config))
    ticks: list[int] = []
    notes: list[str] = []

    def progress(n: int, note: str | None = None) -> None:
        ticks.extend([n] if n else [])
        notes.extend([note] if note else [])

    second = play_pursuit(games, pursuer, ScriptedEvader(make_evader("greedy", config)), path, progress)
    assert ticks == [1, 1, 1]  # the game found done counts first, so a bar ends at 3 of 3
    assert notes[0] == "2 in play at step 1"  # then after every round, while games are in play
    assert all(note.endswith(f"step {k}") for k, note in enumerate(notes, start=1))
    assert [r["steps"] for r in second] == [r["steps"] for r in first]
    assert sorted(read_done(path)) == [0, 1, 2]
    assert pursuer.positions == sum(r["steps"] for r in first if r["index"] != kept)


def test_twentyone_lockstep_matches_sequential_play(tmp_path):
    games = twentyone_games(6)
    optimal, threshold = make_opponent("optimal"), make_opponent("threshold")
    records = play_twentyone(games, ScriptedPlayer(optimal), ScriptedPlayer(threshold), tmp_path / "t.jsonl")
    for game, record in zip(games, records, strict=True):
        seats = (optimal, threshold) if game.seat == 0 else (threshold, optimal)
        episode = run_twentyone(game.start, seats, np.random.default_rng(0))
        assert record["result"] == episode.results[game.seat].value


class Batches(ScriptedPursuer):
    """Records the size of every batch it is asked and how many episodes the file held then."""

    def __init__(self, policy, path):
        super().__init__(policy)
        self.path, self.seen = path, []

    def choose_batch(self, turns):
        saved = len(self.path.read_text().splitlines()) if self.path.is_file() else 0
        self.seen.append((len(turns), saved))
        return super().choose_batch(turns)


def test_at_most_wave_games_play_at_once_and_an_ended_game_makes_room_at_once(tmp_path):
    games = pursuit_games(5)
    config = games[0].config
    whole = play_pursuit(
        games,
        ScriptedPursuer(make_pursuer("greedy", config)),
        ScriptedEvader(make_evader("random", config)),
        tmp_path / "whole.jsonl",
    )
    path = tmp_path / "window.jsonl"
    pursuer = Batches(make_pursuer("greedy", config), path)
    window = play_pursuit(games, pursuer, ScriptedEvader(make_evader("random", config)), path, wave=2)
    assert [(r["outcome"], r["steps"]) for r in window] == [(r["outcome"], r["steps"]) for r in whole]
    # two in play until fewer than two are left: a game that ends is replaced in the next round
    assert all(size == 2 for size, saved in pursuer.seen if saved <= len(games) - 2)
    assert pursuer.seen[0] == (2, 0) and pursuer.seen[-1][0] == 1


class StopsAfter:
    """Wraps a batched side: answers ``calls`` batches, then raises as a Ctrl-C would; counts positions."""

    def __init__(self, side, calls):
        self.side, self.calls, self.positions = side, calls, 0

    @property
    def llm_calls(self):
        return 0

    def choose_batch(self, turns):
        if self.calls == 0:
            raise KeyboardInterrupt
        self.calls -= 1
        self.positions += len(turns)
        return self.side.choose_batch(turns)


def _interrupted_then_resumed(play, games, side, other, path, stop_after, monkeypatch):
    """Play until ``side`` raises after ``stop_after`` batches (saving every round), then resume."""
    monkeypatch.setattr(harness, "CHECKPOINT_SECONDS", 0.0)
    first = StopsAfter(side, stop_after)
    with pytest.raises(KeyboardInterrupt):
        play(games, first, other, path)
    assert in_play_path(path).is_file()
    second = StopsAfter(side, -1)
    records = play(games, second, other, path)
    assert not in_play_path(path).exists()  # the run ended: nothing is in play any more
    return records, first.positions, second.positions


def _no_speed(record):
    return {k: v for k, v in record.items() if k != "speed"}


def test_an_interrupted_pursuit_run_resumes_from_its_last_saved_round(tmp_path, monkeypatch):
    games = pursuit_games(4)
    config = games[0].config
    pursuer, evader = (
        ScriptedPursuer(make_pursuer("greedy", config)),
        ScriptedEvader(make_evader("random", config)),
    )
    whole = play_pursuit(games, pursuer, evader, tmp_path / "whole.jsonl")
    records, before, after = _interrupted_then_resumed(
        play_pursuit, games, pursuer, evader, tmp_path / "e.jsonl", 5, monkeypatch
    )
    # same moves, trails, flags (the random evader's generators were restored); only the seconds differ
    assert [_no_speed(r) for r in records] == [_no_speed(r) for r in whole]
    assert before == 4 * 5 and after == sum(r["steps"] for r in whole) - before  # no round played twice


def test_an_interrupted_twentyone_run_resumes_from_its_last_saved_round(tmp_path, monkeypatch):
    games = twentyone_games(8)
    player, opponent = ScriptedPlayer(make_opponent("random")), ScriptedPlayer(make_opponent("threshold"))
    whole = play_twentyone(games, player, opponent, tmp_path / "whole.jsonl")
    records, before, after = _interrupted_then_resumed(
        play_twentyone, games, player, opponent, tmp_path / "t.jsonl", 1, monkeypatch
    )
    assert [(r["result"], r["moves"]) for r in records] == [(r["result"], r["moves"]) for r in whole]
    agent_moves = sum(m.startswith("agent:") for r in whole for m in r["moves"])
    assert before > 0 and after == agent_moves - before


def test_records_keep_the_choices_and_say_why_each_illegal_one_was(tmp_path):
    games = pursuit_games(2)
    config = games[0].config
    evader = ScriptedEvader(make_evader("greedy", config))
    records = play_pursuit(games, Breaking(), evader, tmp_path / "e.jsonl")
    for record in records:
        assert record["steps"] == 4 and record["outcome"] == "fail_violation"  # 8 illegal > 7
        assert record["choices"] == [[None, [-1, 0], record["trail"][t][2]] for t in range(4)]
    assert illegal_blue_kinds(records) == {
        "no move": 8, "off board": 8, "restricted": 0, "too far": 0, "onto evader": 0
    }  # fmt: skip
    assert illegal_blue_kinds([{k: v for k, v in records[0].items() if k != "choices"}]) is None
