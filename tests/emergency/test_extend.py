"""A written filter joins the pursuit base, runs in the chain where it belongs, and play falls back safely."""

from __future__ import annotations

import pytest

from logicdistill.agents.composed import first_listed
from logicdistill.emergency import (
    WritingConfig,
    add_written_filter,
    emergency_chain,
    emergency_pursuer,
    write_filter,
)
from logicdistill.emergency.games import games_on, play_game
from logicdistill.errors import UserError
from logicdistill.functions import validate_base
from logicdistill.games.pursuit import Outcome, PursuitConfig, rectangle
from logicdistill.reference import load_reference
from tests.emergency import sources

SIZE = 9
AREA = (3, 3, 5, 5)
RULE = "the rectangle with corners (3, 3) and (5, 5) is restricted."
CONFIG = WritingConfig(retries=0, samples=1, board_size=SIZE)
SEEDS = range(1_000, 1_004)


@pytest.fixture(scope="module")
def base():
    return load_reference("pursuit")


def written_by(reply: str):
    from logicdistill.llm.fake import FakeLanguageModel

    return write_filter(FakeLanguageModel([reply]), RULE, CONFIG)


def test_the_extended_base_passes_the_same_validation(base):
    extended = add_written_filter(base, written_by(sources.area_filter(*AREA)), "filter_storm_area")
    check = validate_base(extended)
    assert check.valid, (check.problems, [v for v in check.verdicts if not v.accepted])
    spec = extended.function("filter_storm_area")
    assert spec.stage == "filter_moves" and spec.signature == "filter_storm_area(moves, state)"
    guide = next(g for g in extended.manual.stages if g.stage == "filter_moves")
    assert guide.functions[-1] == "filter_storm_area" and "filter_storm_area" in guide.when
    assert RULE in extended.manual.rules[-1]
    assert len(extended.functions) == len(base.functions) + 1 and base.functions == extended.functions[:-1]


def test_the_written_filter_runs_before_the_base_filter(base):
    extended = add_written_filter(base, written_by(sources.area_filter(*AREA)), "filter_storm_area")
    plain = first_listed(base)
    chain = emergency_chain(extended, "filter_storm_area")
    stages = [extended.function(n).stage for n in chain]
    assert stages == ["generate_moves", "filter_moves", "filter_moves", "select_move"]
    assert chain[1] == "filter_storm_area" and [n for n in chain if n != "filter_storm_area"] == list(plain)


def test_a_correct_filter_plays_without_violations(base):
    setup = emergency_pursuer(written_by(sources.area_filter(*AREA)), base)
    assert not setup.fallback
    config = PursuitConfig(size=SIZE, restricted=rectangle(*AREA))
    episodes = [play_game(setup, g, "greedy") for g in games_on(config, SEEDS)]
    assert all(e.illegal == 0 and e.outcome is Outcome.SUCCESS for e in episodes)
    assert setup.pursuer.failures == []


def test_a_wrong_filter_shows_up_as_illegal_choices(base):
    """A filter that forbids too little lets the dots walk into the true area: the game counts it."""
    setup = emergency_pursuer(written_by(sources.area_filter(3, 3, 3, 3)), base)
    config = PursuitConfig(size=SIZE, restricted=rectangle(*AREA))
    episodes = [play_game(setup, g, "greedy") for g in games_on(config, range(1_000, 1_012))]
    assert sum(e.illegal for e in episodes) > 0


@pytest.mark.parametrize("reply", [sources.LOOPING, sources.ESCAPING_IMPORT, sources.NO_CODE])
def test_without_an_admitted_filter_play_falls_back_to_the_base_chain(base, reply):
    written = written_by(reply)
    setup = emergency_pursuer(written, base)
    assert setup.fallback and setup.chain == first_listed(base) and "falling back" in setup.note
    config = PursuitConfig(size=SIZE, restricted=rectangle(*AREA))
    episode = play_game(setup, games_on(config, SEEDS)[0], "greedy")
    assert episode.outcome in tuple(Outcome)


def test_a_refused_filter_cannot_join_a_base(base):
    with pytest.raises(UserError, match="no admitted filter"):
        add_written_filter(base, written_by(sources.LOOPING))


def test_names_must_be_new_and_the_task_pursuit(base):
    written = written_by(sources.area_filter(*AREA))
    with pytest.raises(UserError, match="already has a function"):
        add_written_filter(base, written, "filter_valid_moves")
    with pytest.raises(UserError, match="pursuit"):
        add_written_filter(load_reference("twentyone"), written)


def test_a_filter_named_like_the_base_entry_needs_no_wrapper(base):
    written = written_by(sources.area_filter(*AREA, name="filter_storm_area"))
    extended = add_written_filter(base, written, "filter_storm_area")
    assert extended.function("filter_storm_area").source == written.code
