"""Bundled all-MiniLM-L6-v2: right functions rank high, the index is reused, a fine-tuned folder loads."""

from __future__ import annotations

import numpy as np
import pytest

from logicdistill.functions.store import save
from logicdistill.retrieval.distractors import build_distractor_base
from logicdistill.retrieval.factory import make_retriever, open_retriever
from logicdistill.retrieval.finetune import METADATA_FILE, FinetuneConfig, finetune, read_metadata
from logicdistill.retrieval.index import IndexStatus
from logicdistill.retrieval.labels import labelled_queries
from logicdistill.retrieval.recall import ranks
from logicdistill.tasks.base import TaskName
from logicdistill.training.positions import heldout_points

pytestmark = pytest.mark.slow

TOP_SHARE = 0.2  # the right function must be in the top 20% of the base; chance: 0.2 per query


@pytest.fixture(scope="module")
def mid_base():
    """Both games' reference functions among other tasks' functions and mutated variants (72 functions)."""
    return build_distractor_base(TaskName.PURSUIT, duplicates=0)


def test_right_functions_rank_high_and_the_index_is_reused(tmp_path, mid_base):
    path = save(mid_base, tmp_path / "mid.json")
    labelled = [q for task in TaskName for q in labelled_queries(heldout_points(task, 4))]
    k = int(len(mid_base.functions) * TOP_SHARE)
    retriever = open_retriever(path, "dense")
    found = ranks(retriever, labelled, k)
    assert retriever.index_status is IndexStatus.BUILT
    missed = [(q.answer, q.query.stage) for q, r in zip(labelled, found, strict=True) if r is None]
    assert not missed, f"not in the top {k}: {missed}"
    again = open_retriever(path, "dense")
    np.testing.assert_allclose(again.embeddings, retriever.embeddings)
    assert again.index_status is IndexStatus.LOADED
    norms = np.linalg.norm(again.embeddings, axis=1)
    np.testing.assert_allclose(norms, 1.0, atol=1e-4)


def test_finetuned_folder_loads_by_make_retriever(tmp_path, mid_base):
    out = tmp_path / "tuned"
    config = FinetuneConfig(positions_per_task=1, batch_size=4, max_seq_length=64, warmup_steps=0)
    result = finetune(mid_base, out, config)
    meta = read_metadata(out)
    assert (out / METADATA_FILE).is_file() and meta is not None
    assert meta["rows"] == result.rows > 0 and meta["steps"] == result.steps > 0
    assert meta["start_model"] == "all-MiniLM-L6-v2"
    before = make_retriever(mid_base, "dense")
    after = make_retriever(mid_base, "dense", model=out)
    assert after.encoder.name == str(out.resolve())
    assert after.encoder.model.max_seq_length == config.max_seq_length  # searched as it was trained
    query = labelled_queries(heldout_points(TaskName.PURSUIT, 1))[:1]
    assert not np.allclose(after.scores([query[0].query]), before.scores([query[0].query]))
