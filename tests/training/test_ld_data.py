"""LD datasets: counts per kind, answers among the candidates, seeded determinism, emergency chains, bases."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from logicdistill.errors import UserError
from logicdistill.functions.guard import GuardedFunction
from logicdistill.functions.schema import FunctionSpec, Origin
from logicdistill.functions.store import save
from logicdistill.games.pursuit import DEFAULT_SIZE
from logicdistill.reference.catalog import (
    CANDIDATE_MOVES,
    FILTER_RESTRICTED_AREA,
    FILTER_VALID_MOVES,
    SELECT_BEST_MOVE,
)
from logicdistill.tasks.base import Contract, TaskName
from logicdistill.training.candidates import CandidateMode
from logicdistill.training.emergency_data import writing_examples
from logicdistill.training.ld_data import LDConfig, LoadedBase, build_ld_dataset, resolve_base
from logicdistill.training.prompts import emergency_chat
from logicdistill.training.records import ExampleKind, SelectionExample, TeacherSource, WritingExample
from logicdistill.training.seeds import LD_SEED, WRITING_SEED
from tests.functions.bases import pursuit_base, twentyone_base

PURSUIT_PLAIN = (CANDIDATE_MOVES, FILTER_VALID_MOVES, SELECT_BEST_MOVE)
PURSUIT_EMERGENCY = (CANDIDATE_MOVES, FILTER_RESTRICTED_AREA, FILTER_VALID_MOVES, SELECT_BEST_MOVE)


def selections(dataset) -> list[SelectionExample]:
    return [ex for ex in dataset.examples if ex.kind is ExampleKind.SELECTION]


def chains(dataset) -> list[tuple[tuple[str, ...], bool]]:
    """Each position's chain (its examples in order) and whether it had a restricted area."""
    out = []
    for ex in selections(dataset):
        if not ex.applied:
            out.append(([], ex.emergency))
        out[-1][0].append(ex.answer)
    return [(tuple(chain), emergency) for chain, emergency in out]


@pytest.fixture(scope="module")
def pursuit_data():
    return build_ld_dataset(resolve_base("pursuit"), LDConfig(positions=8, writing=3, emergency_fraction=0.5))


def test_counts_per_kind_follow_the_chains(pursuit_data):
    meta = pursuit_data.metadata
    found = chains(pursuit_data)
    assert len(found) == 8 and {e for _, e in found} == {True, False}  # both kinds of position
    assert meta.counts.selection == 4 * 8 == len(selections(pursuit_data))  # one chain on every board
    assert meta.counts.writing == 3 and meta.counts.kd == 0
    assert meta.counts.total == len(pursuit_data.examples)
    assert meta.dataset.value == "ld" and meta.task is TaskName.PURSUIT
    assert (meta.generator_seed, meta.writing_seed) == (LD_SEED, WRITING_SEED)
    assert meta.teacher_source is TeacherSource.REFERENCE_BASE and meta.generation_cost.calls == 0
    assert meta.base is not None and meta.base.path is None and meta.base.origin == "reference"


def test_twentyone_gets_no_writing_examples():
    data = build_ld_dataset(resolve_base("twentyone"), LDConfig(positions=3, writing=5))
    assert data.metadata.counts.writing == 0 and data.metadata.writing_seed is None
    assert data.metadata.counts.selection == 9  # three stages per position
    assert all(chain == ("hand_value", "bust_risk", "decide_exact") for chain, _ in chains(data))


def test_every_board_runs_the_area_filter_before_the_base_filter(pursuit_data):
    # the area filter is a no-op without restricted cells, so one chain is right on open boards too
    assert {chain for chain, _ in chains(pursuit_data)} == {PURSUIT_EMERGENCY}
    for ex in selections(pursuit_data):
        if ex.stage == "filter_moves" and ex.applied == (CANDIDATE_MOVES,):
            assert ex.answer == FILTER_RESTRICTED_AREA
        assert ("Restricted cells: none" not in ex.chat[1].content) == ex.emergency


def test_a_base_without_the_reference_chain_learns_its_first_listed_chain():
    loaded = LoadedBase(pursuit_base(), None)
    data = build_ld_dataset(loaded, LDConfig(positions=2, writing=0, candidates=CandidateMode.BASE))
    assert {chain for chain, _ in chains(data)} == {("generate_moves", "filter_legal", "select_closest")}


@pytest.mark.parametrize("mode", list(CandidateMode))
def test_every_answer_is_among_its_candidates_which_the_prompt_does_not_list(mode):
    loaded = resolve_base("pursuit")
    data = build_ld_dataset(loaded, LDConfig(positions=4, writing=0, candidates=mode, k=4))
    assert data.metadata.notes[0] == f"candidates: {mode.value}"
    for ex in selections(data):
        assert ex.answer in ex.candidates and len(set(ex.candidates)) == len(ex.candidates)
        assert not set(ex.applied) & set(ex.candidates)  # a function already run is never offered again
        user = ex.chat[1].content
        assert user.endswith(f"\nRun so far: {', '.join(ex.applied) or 'none'}.\nStage: {ex.stage}.")
        assert not any(name in user for name in ex.candidates)  # they are the scored answers, not text
        names = {spec.name for spec in loaded.base.functions} - set(ex.applied)
        stage = {spec.name for spec in loaded.base.for_stage(ex.stage)} - set(ex.applied)
        if mode is CandidateMode.STAGE:
            # the filter asks also list the next stage's function (picking it ends the filters)
            extra = {"select_best_move"} if ex.stage == "filter_moves" else set()
            assert set(ex.candidates) == stage | extra
        elif mode is CandidateMode.BASE:
            assert set(ex.candidates) == names
        else:  # the whole base, then at most k - len(base) distractors
            assert names <= set(ex.candidates) and len(ex.candidates) <= max(4, len(names))


def test_same_seed_same_dataset_other_seed_other_positions():
    loaded = resolve_base("pursuit")
    first = build_ld_dataset(loaded, LDConfig(positions=5, writing=2))
    again = build_ld_dataset(loaded, LDConfig(positions=5, writing=2))
    other = build_ld_dataset(loaded, LDConfig(positions=5, writing=2, seed=LD_SEED + 1))
    assert first.examples == again.examples
    assert first.metadata.examples_sha256 == again.metadata.examples_sha256
    assert other.metadata.examples_sha256 != first.metadata.examples_sha256
    writes = [ex for ex in other.examples if ex.kind is ExampleKind.WRITING]
    assert writes == [ex for ex in first.examples if ex.kind is ExampleKind.WRITING]  # own seed


class MissingAnswer:
    """A candidate source (a retriever stand-in) that never returns the right function."""

    name = "missing"

    def __init__(self, base) -> None:
        self.base = base

    def candidates(self, queries):
        return [tuple(s for s in self.base.functions if s.stage != q.stage)[:3] for q in queries]


def test_a_retriever_that_misses_still_gives_the_answer_among_the_candidates():
    loaded = resolve_base("twentyone")
    data = build_ld_dataset(loaded, LDConfig(positions=2), source=MissingAnswer(loaded.base))
    assert data.metadata.notes[0] == "candidates: missing"
    for ex in selections(data):
        assert ex.answer in ex.candidates and len(ex.candidates) == 2  # K is kept: the last one gave way


def test_writing_examples_drop_exactly_their_areas():
    board = [(x, y) for x in range(DEFAULT_SIZE) for y in range(DEFAULT_SIZE)]
    state = {"size": DEFAULT_SIZE, "restricted": [], "orange": (0, 0), "position": (1, 1)}
    for ex in writing_examples(12, np.random.default_rng(3)):
        assert isinstance(ex, WritingExample) and ex.chat == emergency_chat(ex.description)
        result = GuardedFunction("written", ex.source, Contract.MOVE_FILTER)(board, state)
        assert result.ok
        inside = {(x, y) for x, y in board for x0, y0, x1, y1 in ex.areas if x0 <= x <= x1 and y0 <= y <= y1}
        assert result.value == [c for c in board if c not in inside]


def test_a_base_file_records_its_path_and_a_teacher_base_its_source(tmp_path):
    written = replace(
        pursuit_base(),
        provenance=replace(
            pursuit_base().provenance, origin=Origin.TEACHER, model="openai:glm-4", teacher_calls=3
        ),
    )
    path = save(written, tmp_path / "taught.json")
    loaded = resolve_base(str(path))
    assert loaded.path == path
    data = build_ld_dataset(loaded, LDConfig(positions=3, writing=1))
    meta = data.metadata
    assert meta.teacher_source is TeacherSource.TEACHER_BASE and meta.teacher_model == "openai:glm-4"
    assert meta.base.path == str(path) and meta.base.cost.calls == 3 and len(meta.base.sha256) == 64
    # A base without the reference names: its manual's first function per stage is the label.
    assert {chain for chain, _ in chains(data)} == {("generate_moves", "filter_legal", "select_closest")}


def test_bad_bases_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="no such function base file"):
        resolve_base(str(tmp_path / "missing.json"))
    with pytest.raises(UserError, match="no functions"):
        build_ld_dataset(LoadedBase(replace(twentyone_base(), functions=()), None))
    broken = FunctionSpec(
        "decide_by_risk",
        "decide",
        "decide_by_risk(risk, state)",
        'def decide_by_risk(risk, state):\n    """Fails."""\n    return [][1]\n',
        "Fails.",
    )
    base = twentyone_base()
    failing = replace(base, functions=(*base.functions[:2], broken))
    with pytest.raises(UserError, match="failed on all 2 sampled positions"):
        build_ld_dataset(LoadedBase(failing, None), LDConfig(positions=2))


@pytest.mark.parametrize(
    "changes",
    [{"positions": 0}, {"writing": -1}, {"k": 0}, {"emergency_fraction": 1.5}],
)
def test_bad_ld_settings_are_user_errors(changes):
    with pytest.raises(UserError):
        LDConfig(**changes)
