"""The real bundled student (with the LD adapter when runs/demo/ld-adapter exists) through the whole gate.

Slow: loads the model and generates. What the student writes is not fixed
here (that is measured by benchmarks/emergency_writing.py); what is checked is
that every candidate got a verdict, that an accepted filter passes the
function gate on its own and forbids exactly what it is said to forbid, and
that a refusal carries its reasons.
"""

from __future__ import annotations

import pytest

from logicdistill.emergency import WritingConfig, write_filter
from logicdistill.emergency.model import load_writer
from logicdistill.emergency.probe import probe_filter
from logicdistill.functions import check_function
from logicdistill.tasks.base import Contract

pytestmark = pytest.mark.slow

RULE = "a 5x5 restricted area with corners (8, 8) and (12, 12); no dot may enter it."


@pytest.fixture(autouse=True)
def _cache_in_tmp():
    """Keep the user's cache here: converting the bundled model again would take half a minute."""


def test_the_student_writes_a_checked_filter_or_says_why_not():
    loaded = load_writer()
    config = WritingConfig(samples=2, max_new_tokens=96)
    written = write_filter(loaded.model, RULE, config)
    assert written.model == loaded.model.name
    first, retried = written.candidates[:2], written.candidates[2:]
    assert len(retried) in (0, config.retries)
    assert bool(retried) == (not any(c.trusted for c in first))  # retries only when none looked right
    assert all(c.passed or c.reasons for c in written.candidates)
    if written.accepted:
        assert check_function(written.code, Contract.MOVE_FILTER).accepted
        again = probe_filter(written.code, config.board_size, entry=written.entry)
        assert again.ok and again.forbidden == written.forbidden_cells
    else:
        assert written.refusal and written.code == "" and written.forbidden_cells == ()
