"""``logicdistill-adapter.json``: what a trained adapter is, what it learned from, and what training cost.

Written beside the PEFT files when a run finishes (see :mod:`.run_dir`), read
back by reports and benchmarks. It names the base model (spec and resolved
folder), the dataset (path, sha256 of the file and of its examples, its teacher
source and the teacher cost behind it), the settings and seeds, the sizes, the wall
time of every session and the tokens seen, and the machine it ran on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from logicdistill.errors import UserError
from logicdistill.functions.store import to_data
from logicdistill.training.prompts import SELECTION_PROMPT_VERSION
from logicdistill.training.records import Cost, Counts, DatasetKind, TeacherSource, legacy_selection_prompt

ADAPTER_FORMAT_VERSION = 1
METADATA_FILE = "logicdistill-adapter.json"


@dataclass(frozen=True)
class StudentInfo:
    spec: str  # as given (e.g. smollm2-135m)
    name: str
    source: str  # the folder or Hub id the weights were loaded from


@dataclass(frozen=True)
class DataInfo:
    path: str | None
    file_sha256: str | None
    examples_sha256: str
    kind: DatasetKind
    task: str | None  # None: a dataset merged over both games
    teacher_source: TeacherSource
    teacher_model: str | None
    base_sha256: str | None  # the function base behind the data (LD, offline KD)
    counts: Counts  # examples in the dataset file
    used: int  # examples trained on (max_examples may cut the file)
    teacher_cost: Cost  # teacher calls spent building the dataset (0 offline)
    base_cost: Cost | None  # what writing the function base cost, from its provenance
    selection_prompt: int | None = None  # LD: the selection prompt version the examples were built with


@dataclass(frozen=True)
class TrainingInfo:
    steps: int
    epochs: float
    trainable_params: int
    total_params: int
    tokens_seen: int  # non-padding tokens through the model, all sessions (Trainer's count)
    epoch_tokens: int  # tokens of one pass over the examples used (prompt + completion)
    epoch_completion_tokens: int  # of which completion tokens (those with loss)
    final_loss: float | None  # the last logged training loss
    sessions_s: tuple[float, ...]  # wall time of each session (more than one after a resume)
    resumed_from: str | None  # checkpoint name of the last resume

    @property
    def wall_time_s(self) -> float:
        return float(sum(self.sessions_s))


@dataclass(frozen=True)
class MachineInfo:
    platform: str
    python: str
    torch: str
    cpu_count: int
    threads: int
    device: str


@dataclass(frozen=True)
class AdapterMetadata:
    format_version: int
    created: str
    student: StudentInfo
    data: DataInfo
    config: tuple[tuple[str, str], ...]  # every TrainConfig field, JSON-encoded values
    training: TrainingInfo
    machine: MachineInfo

    def to_json(self) -> dict:
        data = to_data(self)
        data["config"] = {key: json.loads(value) for key, value in self.config}
        data["training"]["wall_time_s"] = round(self.training.wall_time_s, 3)
        return data


def read_metadata(folder: str | Path) -> AdapterMetadata:
    """The metadata of a finished adapter folder (UserError when there is none or it is malformed)."""
    path = Path(folder) / METADATA_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _decode(data)
    except FileNotFoundError:
        raise UserError(f"{folder} has no {METADATA_FILE}: not a finished logicdistill adapter") from None
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise UserError(f"cannot read {path}: {type(err).__name__}: {err}") from None


def stale_selection_prompt(folder: str | Path) -> str | None:
    """Why the LD adapter in ``folder`` does not fit today's selection prompts (None: it fits, or it
    is not a logicdistill LD adapter, e.g. a bare PEFT folder, whose prompts nobody recorded)."""
    if not (Path(folder) / METADATA_FILE).is_file():
        return None
    data = read_metadata(folder).data
    if data.kind is not DatasetKind.LD or data.selection_prompt == SELECTION_PROMPT_VERSION:
        return None
    return (
        f"the LD adapter {folder} was trained on selection prompts version {data.selection_prompt}, "
        f"and this logicdistill asks in version {SELECTION_PROMPT_VERSION}"
    )


def _cost(data: dict | None) -> Cost | None:
    return None if data is None else Cost(**data)


def _decode(data: dict) -> AdapterMetadata:
    d, t = data["data"], data["training"]
    training = {k: v for k, v in t.items() if k != "wall_time_s"}
    training["sessions_s"] = tuple(training["sessions_s"])
    return AdapterMetadata(
        format_version=int(data["format_version"]),
        created=str(data["created"]),
        student=StudentInfo(**data["student"]),
        data=DataInfo(
            **{
                **d,
                "kind": DatasetKind(d["kind"]),
                "teacher_source": TeacherSource(d["teacher_source"]),
                "counts": Counts(**d["counts"]),
                "teacher_cost": Cost(**d["teacher_cost"]),
                "base_cost": _cost(d["base_cost"]),
                "selection_prompt": d.get(
                    "selection_prompt", legacy_selection_prompt(DatasetKind(d["kind"]))
                ),
            }
        ),
        config=tuple((key, json.dumps(value)) for key, value in data["config"].items()),
        training=TrainingInfo(**training),
        machine=MachineInfo(**data["machine"]),
    )
