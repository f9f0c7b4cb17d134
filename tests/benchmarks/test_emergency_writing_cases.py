"""benchmarks/emergency_writing.py's cases: every phrasing set is usable rules that training never has."""

import itertools

import numpy as np
import pytest

from logicdistill.emergency.description import description_problems
from logicdistill.games.pursuit import rectangle
from tests.benchmarks.scripts import load_script


@pytest.fixture(scope="module")
def script():
    return load_script("emergency_writing")


SETS = (
    "original",
    "fresh",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
)


@pytest.mark.parametrize("phrasings", SETS)
def test_every_case_is_a_usable_rule_in_a_phrasing_training_never_has(script, phrasings):
    cases = script.make_cases(8, phrasings)
    assert set(script.PHRASINGS) == set(SETS)
    assert [c.kind for c in cases] == [k for k in script.KINDS for _ in range(8)]
    script.check_unseen_phrasings(cases)  # raises SystemExit on a training phrasing
    for case in cases:
        assert description_problems(case.description, case.board_size) == ()
        assert case.truth() and all(cell in case.truth() for area in case.areas for cell in rectangle(*area))


@pytest.mark.parametrize(("one", "other"), list(itertools.combinations(SETS, 2)))
def test_no_two_sets_share_a_sentence_or_an_area(script, one, other):
    first, second = script.make_cases(8, one), script.make_cases(8, other)
    assert not {c.description for c in first} & {c.description for c in second}
    assert not {c.areas for c in first} & {c.areas for c in second}  # other seeds, other areas


def test_a_training_phrasing_is_caught(script):
    from logicdistill.training.emergency_data import describe_area

    area = (3, 4, 6, 8)
    seen = describe_area(area, np.random.default_rng(0))
    case = script.Case("rectangle", "Heads up. " + seen, (area,), 21)
    with pytest.raises(SystemExit, match="coincides with a training phrasing"):
        script.check_unseen_phrasings([case])
