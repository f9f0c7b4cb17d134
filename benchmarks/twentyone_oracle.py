"""Headline numbers and speed of the 21-points oracle (SPEC §4).

Run: ``.venv/bin/python benchmarks/twentyone_oracle.py``. Prints the exact
optimal victory / draw / loss against ``threshold`` for each seat, averaged
exactly over the shuffle and over the 1,000 ``DEAL_SEEDS`` deals (both seats
together = the 2,000-game benchmark protocol); the same for ``threshold``
playing against ``threshold`` (policy evaluation) for comparison; and the
per-query solve time of an opening deal, cold (empty memo) and memoised.
Each group starts from an empty memo; the time in brackets is that line's.
"""

from __future__ import annotations

import time

from logicdistill.games.twentyone import DEAL_SEEDS, N_SEATS, deal_from_seed
from logicdistill.games.twentyone_oracle import (
    Odds,
    clear_cache,
    deals_average,
    shuffle_average,
    solve_state,
)
from logicdistill.games.twentyone_policies import make_opponent

TIMED_DEALS = 20
REPEATS = 5


def _line(label: str, odds: Odds, seconds: float | None = None) -> str:
    timing = "" if seconds is None else f"   ({seconds:.1f} s)"
    return (
        f"  {label:<34} victory {100 * odds.win:6.2f}%  draw {100 * odds.draw:5.2f}%  "
        f"loss {100 * odds.loss:6.2f}%{timing}"
    )


def _timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def _both_seats(per_seat: list[Odds]) -> Odds:
    return Odds(*(sum(getattr(o, f) for o in per_seat) / len(per_seat) for f in ("win", "draw", "loss")))


def _report(title: str, me_policy) -> dict[str, Odds]:
    opponent = make_opponent("threshold")
    print(title)
    results: dict[str, Odds] = {}
    for where, fn in (
        ("shuffle", lambda seat: shuffle_average(opponent, seat, me_policy=me_policy)),
        (
            f"{len(DEAL_SEEDS)} deals",
            lambda seat: deals_average(DEAL_SEEDS, opponent, seat, me_policy=me_policy),
        ),
    ):
        clear_cache()  # each group starts cold; its second seat reuses the first seat's memo
        per_seat = []
        for seat in range(N_SEATS):
            odds, seconds = _timed(fn, seat)
            print(_line(f"{where}, seat {seat + 1}", odds, seconds))
            per_seat.append(odds)
        results[where] = _both_seats(per_seat)
        print(_line(f"{where}, both seats", results[where]))
    return results


def _query_times() -> tuple[float, float]:
    """Mean seconds per opening-deal query: cold (memo cleared before each) and memoised (best of REPEATS)."""
    opponent = make_opponent("threshold")
    states = [deal_from_seed(seed) for seed in DEAL_SEEDS[:TIMED_DEALS]]
    cold = 0.0
    for state in states:
        clear_cache()
        _, seconds = _timed(solve_state, state, 0, opponent)
        cold += seconds
    warm = min(_timed(lambda: [solve_state(s, 0, opponent) for s in states])[1] for _ in range(REPEATS))
    return cold / len(states), warm / len(states)


def main() -> None:
    best = _report("optimal (exact expectimax) against threshold:", None)
    baseline = _report("threshold against threshold (policy evaluation):", make_opponent("threshold"))
    for where in best:
        print(
            f"threshold / optimal victory rate ({where}, both seats): "
            f"{baseline[where].win / best[where].win:.3f}"
        )
    cold, warm = _query_times()
    print(f"per-query solve time of an opening deal (mean over {TIMED_DEALS} deals, seat 1):")
    print(f"  cold (empty memo): {1e3 * cold:8.2f} ms")
    print(f"  memoised:          {1e6 * warm:8.2f} µs")


if __name__ == "__main__":
    main()
