"""Read and write training datasets: one JSONL file, a metadata header line, then one example per line.

Line 1 is ``{"logicdistill_dataset": <format version>, "metadata": {...}}``; every
further line is one example (``{"kind": ..., ...}``, see :mod:`.records`). The
header carries the sha256 of the example lines, so a dataset that was edited or
cut short is refused on reading instead of silently training on something else.
An empty dataset is refused both ways. Building examples is not this file's job.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from logicdistill.errors import UserError
from logicdistill.functions.store import to_data
from logicdistill.tasks.base import TaskName
from logicdistill.training.records import (
    DATASET_FORMAT_VERSION,
    EXAMPLE_TYPES,
    BaseSource,
    Cost,
    Counts,
    DatasetKind,
    DatasetMetadata,
    Example,
    ExampleKind,
    TeacherSource,
    legacy_selection_prompt,
)

HEADER_KEY = "logicdistill_dataset"


@dataclass(frozen=True)
class Dataset:
    """A dataset in memory: its metadata and its examples, in file order."""

    metadata: DatasetMetadata
    examples: tuple[Example, ...]


def example_lines(examples: Sequence[Example]) -> list[str]:
    return [json.dumps(ex.to_json(), ensure_ascii=False, sort_keys=True) for ex in examples]


def lines_sha256(lines: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


def count_examples(examples: Sequence[Example]) -> Counts:
    kinds = [ex.kind for ex in examples]
    return Counts(
        selection=kinds.count(ExampleKind.SELECTION),
        writing=kinds.count(ExampleKind.WRITING),
        kd=kinds.count(ExampleKind.KD),
    )


def seal(metadata: DatasetMetadata, examples: Sequence[Example]) -> Dataset:
    """The dataset with counts and sha256 in its metadata filled in from ``examples``."""
    if not examples:
        raise UserError("the dataset has no examples: nothing to train on")
    sealed = replace(
        metadata, counts=count_examples(examples), examples_sha256=lines_sha256(example_lines(examples))
    )
    return Dataset(sealed, tuple(examples))


def merge_datasets(datasets: Sequence[Dataset], seed: int) -> Dataset:
    """One dataset holding the examples of ``datasets`` (same kind) in a seeded shuffled order.

    Its metadata keeps each part's metadata; counts and teacher cost are the sums.
    The shuffle makes the first N examples of the merged file a mix of all parts.
    """
    if not datasets:
        raise UserError("nothing to merge: no dataset given")
    if len(datasets) == 1:
        return datasets[0]
    kinds = {d.metadata.dataset for d in datasets}
    if len(kinds) > 1:
        raise UserError(f"cannot merge datasets of different kinds: {sorted(k.value for k in kinds)}")
    sources = {d.metadata.teacher_source for d in datasets}
    if len(sources) > 1:
        raise UserError(
            f"cannot merge datasets with different teacher sources: {sorted(s.value for s in sources)}"
        )
    prompts = {d.metadata.selection_prompt for d in datasets}
    if len(prompts) > 1:
        raise UserError(
            f"cannot merge datasets built with different selection prompts (versions {sorted(prompts)}): "
            "build the older ones again"
        )
    examples = [ex for d in datasets for ex in d.examples]
    order = np.random.default_rng(seed).permutation(len(examples))
    first = datasets[0].metadata
    costs = [d.metadata.generation_cost for d in datasets]
    metadata = DatasetMetadata(
        format_version=DATASET_FORMAT_VERSION,
        dataset=first.dataset,
        task=None,
        created=first.created,
        teacher_source=first.teacher_source,
        teacher_model=first.teacher_model,
        base=None,
        generator_seed=None,
        writing_seed=None,
        game_seeds=(),
        opponent=None,
        counts=Counts(),
        generation_cost=Cost(
            sum(c.calls for c in costs),
            _sum_known(c.prompt_tokens for c in costs),
            _sum_known(c.completion_tokens for c in costs),
        ),
        examples_sha256="",
        notes=(f"merged from {len(datasets)} datasets, shuffled with seed {seed}",),
        parts=tuple(d.metadata for d in datasets),
        selection_prompt=prompts.pop(),
    )
    return seal(metadata, [examples[int(i)] for i in order])


def _sum_known(values) -> int | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


def save_dataset(dataset: Dataset, path: str | Path) -> Path:
    """Write ``dataset`` to ``path`` (through a temporary file, renamed into place)."""
    path = Path(path)
    lines = example_lines(dataset.examples)
    if not lines:
        raise UserError("the dataset has no examples: nothing to write")
    if lines_sha256(lines) != dataset.metadata.examples_sha256:
        raise ValueError("the dataset's metadata does not match its examples; build it with seal()")
    header = json.dumps({HEADER_KEY: DATASET_FORMAT_VERSION, "metadata": to_data(dataset.metadata)})
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    staging.replace(path)
    return path


def load_dataset(path: str | Path) -> Dataset:
    """Read a dataset file; a UserError names anything wrong with it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"no such dataset file: {path}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"cannot read dataset {path}: {err}") from None
    lines = text.splitlines()
    if not lines:
        raise UserError(f"dataset {path} is empty (no header, no examples)")
    header = _json_line(lines[0], path, 1)
    if not isinstance(header, dict) or HEADER_KEY not in header:
        raise UserError(f"{path} is not a logicdistill dataset (line 1 is not its header)")
    if header[HEADER_KEY] != DATASET_FORMAT_VERSION:
        raise UserError(
            f"{path}: dataset format {header[HEADER_KEY]!r}, this version of logicdistill reads "
            f"{DATASET_FORMAT_VERSION}"
        )
    try:
        metadata = metadata_from_json(header["metadata"])
    except (KeyError, TypeError, ValueError) as err:
        raise UserError(f"{path}: malformed dataset metadata ({type(err).__name__}: {err})") from None
    body = [line for line in lines[1:] if line.strip()]
    if not body:
        raise UserError(f"dataset {path} has no examples: nothing to train on")
    if lines_sha256(body) != metadata.examples_sha256:
        raise UserError(f"dataset {path} was changed after it was written (sha256 of its examples differs)")
    examples = tuple(_example(line, path, i + 2) for i, line in enumerate(body))
    return Dataset(metadata, examples)


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _json_line(line: str, path: Path, number: int) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise UserError(f"{path}:{number}: not valid JSON ({err.msg})") from None


def _example(line: str, path: Path, number: int) -> Example:
    data = _json_line(line, path, number)
    if not isinstance(data, dict):
        raise UserError(f"{path}:{number}: an example must be a JSON object")
    try:
        kind = ExampleKind(data.get("kind"))
    except ValueError:
        known = ", ".join(k.value for k in ExampleKind)
        raise UserError(
            f"{path}:{number}: unknown example kind {data.get('kind')!r} (known: {known})"
        ) from None
    try:
        return EXAMPLE_TYPES[kind].from_json(data)
    except (KeyError, TypeError, ValueError) as err:
        raise UserError(
            f"{path}:{number}: malformed {kind.value} example ({type(err).__name__}: {err})"
        ) from None


def metadata_from_json(data: dict) -> DatasetMetadata:
    base = data["base"]
    task = data["task"]
    kind = DatasetKind(data["dataset"])
    return DatasetMetadata(
        format_version=int(data["format_version"]),
        dataset=kind,
        task=None if task is None else TaskName(task),
        created=str(data["created"]),
        teacher_source=TeacherSource(data["teacher_source"]),
        teacher_model=data["teacher_model"],
        base=None if base is None else _base_source(base),
        generator_seed=data["generator_seed"],
        writing_seed=data["writing_seed"],
        game_seeds=tuple(int(s) for s in data["game_seeds"]),
        opponent=data["opponent"],
        counts=Counts(**data["counts"]),
        generation_cost=Cost(**data["generation_cost"]),
        examples_sha256=str(data["examples_sha256"]),
        notes=tuple(str(n) for n in data["notes"]),
        parts=tuple(metadata_from_json(part) for part in data.get("parts", ())),
        selection_prompt=data.get("selection_prompt", legacy_selection_prompt(kind)),
    )


def _base_source(data: dict) -> BaseSource:
    return BaseSource(
        task=TaskName(data["task"]),
        origin=str(data["origin"]),
        model=data["model"],
        created=str(data["created"]),
        sha256=str(data["sha256"]),
        path=data["path"],
        cost=Cost(**data["cost"]),
    )
