"""Training positions never are benchmark positions; held-out positions are exactly the benchmark's."""

from __future__ import annotations

import numpy as np

from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.tasks import pursuit as pt
from logicdistill.tasks import twentyone as tt
from logicdistill.training import positions


def pursuit_key(point) -> tuple:
    return (tuple(map(tuple, point.state["blues"])), tuple(point.state["orange"]))


def test_held_out_pursuit_positions_are_the_test_starts_open_then_restricted():
    points = positions.heldout_pursuit_points(6)
    starts = pg.test_starts()
    assert [p.emergency for p in points] == [False] * 3 + [True] * 3
    config, state = pg.restricted_test_games()[0]
    assert points[3].state_text == pt.state_text(config, state, 0)
    assert [pursuit_key(p) for p in points[:3]] == [(s.blues, s.orange) for s in starts[:3]]


def test_training_pursuit_positions_are_disjoint_from_held_out_ones():
    held_out = {pursuit_key(p) for p in positions.heldout_pursuit_points(400)}
    trained = positions.pursuit_points(300, np.random.default_rng(7), emergency_fraction=0.4)
    assert not held_out & {pursuit_key(p) for p in trained}
    assert 0 < sum(p.emergency for p in trained) < 300


def test_a_drawn_benchmark_start_is_skipped(monkeypatch):
    positions._test_positions()  # the benchmark's starts, computed before drawing is patched
    test_start = pg.test_starts()[0]
    drawn = iter([test_start])
    real = pg.random_start
    monkeypatch.setattr(pg, "random_start", lambda config, rng: next(drawn, None) or real(config, rng))
    points = positions.pursuit_points(1, np.random.default_rng(0), emergency_fraction=0.0)
    assert len(points) == 1 and pursuit_key(points[0]) != (test_start.blues, test_start.orange)


def test_a_drawn_benchmark_deal_is_skipped_and_held_out_deals_are_the_benchmarks(monkeypatch):
    positions._test_deals()  # the benchmark's deals, computed before dealing is patched
    benchmark_deal = tg.deal_from_seed(tg.DEAL_SEEDS[0])
    calls = []
    real = tg.deal

    def deal(rng):
        calls.append(1)
        return benchmark_deal if len(calls) == 1 else real(rng)

    monkeypatch.setattr(tg, "deal", deal)
    points = positions.twentyone_points(1, np.random.default_rng(0))
    assert len(points) == 1 and len(calls) == 2  # the benchmark deal was drawn and thrown away
    monkeypatch.undo()
    held_out = positions.heldout_twentyone_points(4)
    assert [p.state["seat"] for p in held_out] == [0, 1, 0, 1]
    assert held_out[0].state_text == tt.selection_text(benchmark_deal, 0)
