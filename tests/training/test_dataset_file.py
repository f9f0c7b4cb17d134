"""Dataset files: round trip, refusal of edited / cut / malformed files, merging."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from logicdistill.errors import UserError
from logicdistill.tasks.base import TaskName
from logicdistill.training.dataset_file import (
    HEADER_KEY,
    count_examples,
    lines_sha256,
    load_dataset,
    merge_datasets,
    save_dataset,
    seal,
)
from logicdistill.training.kd_data import KDConfig, build_kd_dataset
from logicdistill.training.ld_data import LDConfig, build_ld_dataset, resolve_base
from logicdistill.training.prompts import SELECTION_PROMPT_VERSION
from logicdistill.training.records import Counts, TeacherSource


@pytest.fixture(scope="module")
def pursuit_ld():
    return build_ld_dataset(resolve_base("pursuit"), LDConfig(positions=3, writing=2))


@pytest.fixture(scope="module")
def twentyone_ld():
    return build_ld_dataset(resolve_base("twentyone"), LDConfig(positions=2))


def test_round_trip_keeps_metadata_and_examples(tmp_path, pursuit_ld, twentyone_ld):
    for dataset in (pursuit_ld, twentyone_ld, merge_datasets([pursuit_ld, twentyone_ld], seed=1)):
        path = save_dataset(dataset, tmp_path / "sub" / "data.jsonl")
        again = load_dataset(path)
        assert again == dataset
        assert not list(path.parent.glob(".*.tmp"))  # written through a staging file
    header = json.loads(path.read_text().splitlines()[0])
    assert header[HEADER_KEY] == 1 and header["metadata"]["counts"]["writing"] == 2


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_edited_cut_and_malformed_files_are_refused(tmp_path, pursuit_ld):
    good = save_dataset(pursuit_ld, tmp_path / "good.jsonl").read_text().splitlines()
    header, body = good[0], good[1:]
    edited = json.loads(body[0])
    edited["answer" if "answer" in edited else "source"] = "something_else"
    cases = {
        "changed after it was written": [header, json.dumps(edited, sort_keys=True), *body[1:]],
        "changed after": [header, *body[:-1]],  # cut short
        "has no examples": [header],
        "not a logicdistill dataset": [json.dumps({"metadata": {}}), *body],
        "not valid JSON": ["{nope", *body],
    }
    for message, lines in cases.items():
        with pytest.raises(UserError, match=message):
            load_dataset(write_lines(tmp_path / "bad.jsonl", lines))
    newer = json.loads(header)
    newer[HEADER_KEY] = 99
    with pytest.raises(UserError, match="dataset format 99"):
        load_dataset(write_lines(tmp_path / "bad.jsonl", [json.dumps(newer), *body]))
    del newer["metadata"]["counts"]
    newer[HEADER_KEY] = 1
    with pytest.raises(UserError, match="malformed dataset metadata"):
        load_dataset(write_lines(tmp_path / "bad.jsonl", [json.dumps(newer), *body]))
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(UserError, match="is empty"):
        load_dataset(tmp_path / "empty.jsonl")
    with pytest.raises(UserError, match="no such dataset file"):
        load_dataset(tmp_path / "missing.jsonl")


def test_an_unknown_or_malformed_example_names_its_line(tmp_path, pursuit_ld):
    good = save_dataset(pursuit_ld, tmp_path / "good.jsonl").read_text().splitlines()
    for body, message in (
        ([json.dumps({"kind": "poem"})], ":2: unknown example kind 'poem'"),
        ([json.dumps({"kind": "selection", "task": "pursuit"})], ":2: malformed selection example"),
    ):
        header = json.loads(good[0])
        header["metadata"]["examples_sha256"] = lines_sha256(body)  # consistent, so the example is read
        with pytest.raises(UserError, match=message):
            load_dataset(write_lines(tmp_path / "bad.jsonl", [json.dumps(header), *body]))


def test_empty_datasets_are_refused(pursuit_ld):
    with pytest.raises(UserError, match="no examples"):
        seal(pursuit_ld.metadata, [])
    with pytest.raises(UserError, match="nothing to merge"):
        merge_datasets([], seed=0)


def test_merge_sums_counts_keeps_parts_and_shuffles_by_seed(pursuit_ld, twentyone_ld):
    merged = merge_datasets([pursuit_ld, twentyone_ld], seed=3)
    meta = merged.metadata
    assert meta.task is None and meta.tasks == (TaskName.PURSUIT, TaskName.TWENTYONE)
    assert meta.parts == (pursuit_ld.metadata, twentyone_ld.metadata)
    total = pursuit_ld.metadata.counts.total + twentyone_ld.metadata.counts.total
    assert meta.counts == count_examples(merged.examples) and meta.counts.total == total
    assert sorted(map(repr, merged.examples)) == sorted(
        map(repr, pursuit_ld.examples + twentyone_ld.examples)
    )
    assert merged.examples != pursuit_ld.examples + twentyone_ld.examples  # shuffled
    assert merge_datasets([pursuit_ld, twentyone_ld], seed=3).examples == merged.examples
    assert merge_datasets([pursuit_ld, twentyone_ld], seed=4).examples != merged.examples
    assert merge_datasets([pursuit_ld], seed=3) is pursuit_ld
    assert meta.counts == Counts(
        selection=pursuit_ld.metadata.counts.selection + twentyone_ld.metadata.counts.selection, writing=2
    )


def test_files_without_a_selection_prompt_version_are_version_1_and_mixed_versions_do_not_merge(
    tmp_path, pursuit_ld, twentyone_ld
):
    lines = save_dataset(pursuit_ld, tmp_path / "new.jsonl").read_text().splitlines()
    header = json.loads(lines[0])
    assert header["metadata"]["selection_prompt"] == SELECTION_PROMPT_VERSION
    del header["metadata"]["selection_prompt"]
    old = load_dataset(write_lines(tmp_path / "old.jsonl", [json.dumps(header), *lines[1:]]))
    assert old.metadata.selection_prompt == 1
    with pytest.raises(UserError, match="different selection prompts \\(versions \\[1, 2\\]\\)"):
        merge_datasets([old, twentyone_ld], seed=0)
    kd = build_kd_dataset(TaskName.TWENTYONE, KDConfig(games=1), base=resolve_base("twentyone"))
    assert kd.metadata.selection_prompt is None


def test_merge_refuses_mixed_kinds_and_teachers(pursuit_ld):
    kd = build_kd_dataset(TaskName.TWENTYONE, KDConfig(games=1), base=resolve_base("twentyone"))
    with pytest.raises(UserError, match="different kinds"):
        merge_datasets([pursuit_ld, kd], seed=0)
    other = replace(kd, metadata=replace(kd.metadata, teacher_source=TeacherSource.L_LLM))
    with pytest.raises(UserError, match="different teacher sources"):
        merge_datasets([kd, other], seed=0)


def test_save_refuses_a_dataset_whose_metadata_does_not_match(tmp_path, pursuit_ld):
    tampered = replace(pursuit_ld, examples=pursuit_ld.examples[1:])
    with pytest.raises(ValueError, match="seal"):
        save_dataset(tampered, tmp_path / "x.jsonl")
    assert not (tmp_path / "x.jsonl").exists()
