"""Documented seed ranges of the training data (SPEC §2 "every run records all seeds").

Every range here is disjoint from the benchmark's (``TEST_START_SEEDS``,
``AREA_SEEDS``, ``DEAL_SEEDS``), from the KD starts of the pursuit game
(``KD_START_SEEDS``) and from the admission samples (40,000-41,015); a test
checks it. The pursuit KD starts themselves are the game's ``kd_starts()``;
only 21 points needs a KD range of its own, defined here. Nothing here draws
a random number.
"""

from __future__ import annotations

# 21 points, KD data: 221 deals (as many as the pursuit KD starts), each played from both seats.
KD_DEAL_SEEDS: tuple[int, ...] = tuple(range(22_000, 22_221))

# LD data: one generator seed per dataset; the states are drawn from np.random.default_rng(seed).
LD_SEED = 60_000
# Emergency (function-writing) examples: their own generator seed, so adding selection states does not
# change them.
WRITING_SEED = 61_000
