"""Fine-tuning data and settings (no training here; the slow test trains)."""

from __future__ import annotations

import numpy as np
import pytest

from logicdistill.errors import UserError
from logicdistill.retrieval.distractors import build_distractor_base
from logicdistill.retrieval.factory import make_retriever
from logicdistill.retrieval.fakes import HashingEncoder
from logicdistill.retrieval.finetune import FinetuneConfig, finetune, training_queries, training_triples
from logicdistill.retrieval.text import document_text, query_text
from logicdistill.tasks.base import TaskName
from logicdistill.training.positions import heldout_points


@pytest.fixture(scope="module")
def distractor_base():
    return build_distractor_base(TaskName.PURSUIT)


def test_training_positions_are_seeded_and_not_held_out():
    config = FinetuneConfig(positions_per_task=6)
    first = training_queries(config, np.random.default_rng(config.seed))
    again = training_queries(config, np.random.default_rng(config.seed))
    assert first == again
    held = {q.query.state for task in TaskName for q in _held(task)}
    assert not {q.query.state for q in first} & held
    assert {q.task for q in first} == set(TaskName)


def _held(task):
    from logicdistill.retrieval.labels import labelled_queries

    return labelled_queries(heldout_points(task, 10))


def test_random_negatives_share_the_stage_and_are_wrong(distractor_base):
    config = FinetuneConfig(positions_per_task=4, negatives="random")
    labelled = training_queries(config, np.random.default_rng(1))
    rows = training_triples(distractor_base, labelled, np.random.default_rng(2))
    docs = {document_text(s, distractor_base.manual): s for s in distractor_base.functions}
    for item, row in zip(labelled, rows, strict=True):
        assert row.anchor == query_text(item.query)
        assert docs[row.positive].name == item.answer
        negative = docs[row.negative]
        assert negative.name != item.answer and negative.stage == item.query.stage


def test_mined_negatives_come_from_the_miners_top_wrong_hits(distractor_base):
    labelled = training_queries(FinetuneConfig(positions_per_task=3), np.random.default_rng(3))
    miner = make_retriever(distractor_base, "dense", encoder=HashingEncoder())
    rows = training_triples(distractor_base, labelled, np.random.default_rng(4), miner=miner)
    tops = miner.search([q.query for q in labelled], 6)
    docs = {document_text(s, distractor_base.manual): s.name for s in distractor_base.functions}
    for item, row, top in zip(labelled, rows, tops, strict=True):
        wrong = [h.function for h in top if h.function != item.answer][:5]
        assert docs[row.negative] in wrong


def test_base_without_the_reference_functions_is_refused():
    from logicdistill.reference import load_reference

    labelled = training_queries(FinetuneConfig(positions_per_task=1), np.random.default_rng(0))
    with pytest.raises(UserError, match="reference chain"):
        training_triples(load_reference(TaskName.PURSUIT), labelled, np.random.default_rng(0))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"positions_per_task": 0},
        {"emergency_fraction": 1.5},
        {"epochs": 0},
        {"batch_size": 1},
        {"negatives": "best"},
        {"max_seq_length": 4},
        {"learning_rate": 0.0},
        {"tasks": ()},
    ],
)
def test_bad_settings_are_user_errors(kwargs):
    with pytest.raises(UserError):
        FinetuneConfig(**kwargs)


def test_existing_output_folder_is_never_overwritten(tmp_path, distractor_base):
    out = tmp_path / "model"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(UserError, match="not empty"):
        finetune(distractor_base, out, FinetuneConfig(positions_per_task=1))
    assert (out / "keep.txt").read_text() == "mine"
