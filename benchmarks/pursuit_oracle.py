"""Speed and headline numbers of the pursuit oracle (SPEC §4).

Run: ``.venv/bin/python benchmarks/pursuit_oracle.py``. Prints the cold
build time of the 21x21 T1 table (fresh temp cache folder), the warm load
time from disk, the per-query time of ``capture_time``, and the mean T* and
lower bound over the 200 test starts and the 200 restricted-area games.
It uses a private temp cache, so it neither reads nor fills the user's.
"""

from __future__ import annotations

import os
import tempfile
import time

import numpy as np

from logicdistill.games.pursuit import PursuitConfig, restricted_test_games, test_starts
from logicdistill.games.pursuit_oracle import build_oracle, clear_memo, oracle_for
from logicdistill.paths import CACHE_ENV

REPEATS = 5
QUERIES = 20_000


def _best_of(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _summary(games) -> tuple[float, float, int]:
    t_star, bound, never = [], [], 0
    for config, state in games:
        oracle = oracle_for(config)
        t = oracle.capture_time(state.blues, state.orange)
        lb = oracle.lower_bound(state.blues, state.orange)
        if t is None:
            never += 1
            continue
        t_star.append(t)
        bound.append(lb)
    return float(np.mean(t_star)), float(np.mean(bound)), never


def main() -> None:
    config = PursuitConfig()
    with tempfile.TemporaryDirectory() as folder:
        os.environ[CACHE_ENV] = folder
        clear_memo()
        cold = _best_of(lambda: build_oracle(config, use_disk_cache=False))
        build_oracle(config)  # write the cache file once
        warm = _best_of(lambda: build_oracle(config))
        oracle = oracle_for(config)
        starts = test_starts(config)
        rng = np.random.default_rng(0)
        picks = [starts[i] for i in rng.integers(len(starts), size=QUERIES)]
        start = time.perf_counter()
        for s in picks:
            oracle.capture_time(s.blues, s.orange)
        per_query = (time.perf_counter() - start) / QUERIES

        print(f"T1 + standing-evader tables 21x21, cold build, best of {REPEATS}: {cold * 1e3:.1f} ms")
        print(f"same tables, warm load from disk cache, best of {REPEATS}: {warm * 1e3:.2f} ms")
        print(f"cold / warm: {cold / warm:.0f}x")
        print(f"capture_time query: {per_query * 1e6:.2f} us ({QUERIES} queries)")

        t_open, lb_open, never_open = _summary([(config, s) for s in starts])
        print(
            f"200 test starts (open 21x21): mean T* {t_open:.3f}, mean lower bound {lb_open:.3f}, "
            f"impossible {never_open}"
        )
        start = time.perf_counter()
        t_area, lb_area, never_area = _summary(restricted_test_games())
        area_time = time.perf_counter() - start
        print(
            f"200 restricted-area games: mean T* {t_area:.3f}, mean lower bound {lb_area:.3f}, "
            f"impossible {never_area} ({area_time:.1f} s incl. 200 table builds)"
        )
        clear_memo()


if __name__ == "__main__":
    main()
