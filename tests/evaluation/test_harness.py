"""Lock-step episodes match one-at-a-time play, and an interrupted run resumes without loss or repeats."""

import json

import numpy as np

from logicdistill.agents.batched import ScriptedEvader, ScriptedPlayer, ScriptedPursuer
from logicdistill.evaluation.harness import (
    HARNESS_SEED,
    play_pursuit,
    play_twentyone,
    pursuit_games,
    read_done,
    twentyone_games,
)
from logicdistill.games.pursuit_policies import make_evader, make_pursuer
from logicdistill.games.runner import run_pursuit, run_twentyone
from logicdistill.games.twentyone_policies import make_opponent


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
    second = play_pursuit(games, pursuer, ScriptedEvader(make_evader("greedy", config)), path, ticks.append)
    assert ticks == [1, 1, 1]  # the game found done counts first, so a bar ends at 3 of 3
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


def test_games_play_in_waves_each_saved_before_the_next_starts(tmp_path):
    games = pursuit_games(5)
    config = games[0].config
    whole = play_pursuit(
        games,
        ScriptedPursuer(make_pursuer("greedy", config)),
        ScriptedEvader(make_evader("random", config)),
        tmp_path / "whole.jsonl",
    )
    path = tmp_path / "waves.jsonl"
    pursuer = Batches(make_pursuer("greedy", config), path)
    waves = play_pursuit(games, pursuer, ScriptedEvader(make_evader("random", config)), path, wave=2)
    assert [(r["outcome"], r["steps"]) for r in waves] == [(r["outcome"], r["steps"]) for r in whole]
    assert max(size for size, _ in pursuer.seen) == 2
    saved = [saved for _, saved in pursuer.seen]
    assert saved[0] == 0 and 4 in saved  # the third wave was asked only once the first four were saved
