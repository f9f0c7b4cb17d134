"""The adapter directory of a training run: what may be overwritten or resumed, and the metadata file.

Layout of ``--out DIR``::

    DIR/run.json                     the run's fingerprint (config + dataset sha256), written at the start
    DIR/checkpoints/checkpoint-N/    resumable Trainer checkpoints (removed after a finished run)
    DIR/adapter_config.json, DIR/adapter_model.safetensors   the PEFT adapter, when finished
    DIR/logicdistill-adapter.json    what it was trained on, how, how long: written last

:func:`plan_run` decides, before anything is written, whether a run starts fresh,
resumes from its last checkpoint, or is refused: a finished adapter or an
interrupted run is never overwritten without ``overwrite``, an interrupted run
is resumed only with ``resume`` and only with the same settings and data, and a
folder that is not a logicdistill run is never deleted. Training itself is
:mod:`.sft`'s job.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from logicdistill.errors import UserError
from logicdistill.training.adapter_metadata import METADATA_FILE, AdapterMetadata
from logicdistill.training.config import RESUME_DEFAULTS, RESUME_KEYS, TrainConfig

RUN_FILE = "run.json"
CHECKPOINTS = "checkpoints"
RUN_FORMAT_VERSION = 1
_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")


class RunMode(StrEnum):
    FRESH = "fresh"
    RESUME = "resume"


@dataclass(frozen=True)
class Fingerprint:
    """What must match for a run to be resumed: the settings that shape the result and the data."""

    settings: tuple[tuple[str, str], ...]
    dataset_sha256: str

    @classmethod
    def of(cls, config: TrainConfig, dataset_sha256: str) -> Fingerprint:
        values = asdict(config)
        return cls(tuple((key, json.dumps(values[key])) for key in RESUME_KEYS), dataset_sha256)

    def to_json(self) -> dict:
        return {"settings": dict(self.settings), "dataset_sha256": self.dataset_sha256}

    @classmethod
    def from_json(cls, data: dict) -> Fingerprint:
        return cls(tuple((str(k), str(v)) for k, v in data["settings"].items()), str(data["dataset_sha256"]))

    def differences(self, other: Fingerprint) -> list[str]:
        mine, theirs = dict(self.settings), RESUME_DEFAULTS | dict(other.settings)
        out = [
            f"{key} was {theirs.get(key, 'unset')}, now {mine.get(key, 'unset')}"
            for key in sorted(set(mine) | set(theirs))
            if mine.get(key) != theirs.get(key)
        ]
        if self.dataset_sha256 != other.dataset_sha256:
            out.append("the dataset's examples changed (sha256 differs)")
        return out


@dataclass(frozen=True)
class RunPlan:
    mode: RunMode
    out: Path
    checkpoint: Path | None  # the checkpoint to resume from (None: start at step 0)
    note: str | None = None

    @property
    def checkpoints(self) -> Path:
        return self.out / CHECKPOINTS


def last_checkpoint(out: Path) -> Path | None:
    """The checkpoint with the highest step under ``out/checkpoints`` that the Trainer finished writing."""
    folder = out / CHECKPOINTS
    if not folder.is_dir():
        return None
    found = []
    for child in folder.iterdir():
        match = _CHECKPOINT.match(child.name)
        if match and child.is_dir() and (child / "trainer_state.json").is_file():
            found.append((int(match.group(1)), child))
    return max(found)[1] if found else None


def plan_run(out: str | Path, fingerprint: Fingerprint, *, overwrite: bool, resume: bool) -> RunPlan:
    """Decide how a run into ``out`` starts (see the module doc); wipes ``out`` only for ``overwrite``."""
    out = Path(out)
    if overwrite and resume:
        raise UserError("--overwrite and --resume contradict each other: choose one")
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file, not a directory")
    if not out.exists() or not any(out.iterdir()):
        note = "nothing to resume in an empty directory: starting fresh" if resume else None
        return RunPlan(RunMode.FRESH, out, None, note)
    finished = (out / METADATA_FILE).is_file()
    started = (out / RUN_FILE).is_file()
    if not finished and not started:
        raise UserError(f"{out} exists and is not a logicdistill adapter directory: choose another --out")
    if overwrite:
        shutil.rmtree(out)
        return RunPlan(RunMode.FRESH, out, None, f"removed the previous run in {out}")
    if finished:
        raise UserError(f"{out} already holds a trained adapter: pass --overwrite to replace it")
    checkpoint = last_checkpoint(out)
    where = f"last checkpoint: {checkpoint.name}" if checkpoint else "no checkpoint yet"
    if not resume:
        raise UserError(
            f"{out} holds an interrupted training run ({where}): pass --resume to continue it "
            "or --overwrite to start over"
        )
    previous = read_fingerprint(out)
    changed = fingerprint.differences(previous)
    if changed:
        raise UserError(f"cannot resume the run in {out}: {'; '.join(changed)}")
    if checkpoint is None:
        return RunPlan(
            RunMode.FRESH, out, None, "the interrupted run saved no checkpoint: starting at step 0"
        )
    return RunPlan(RunMode.RESUME, out, checkpoint, f"resuming from {checkpoint.name}")


def read_fingerprint(out: Path) -> Fingerprint:
    try:
        data = json.loads((out / RUN_FILE).read_text(encoding="utf-8"))
        return Fingerprint.from_json(data["fingerprint"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise UserError(f"{out / RUN_FILE} is unreadable ({type(err).__name__}); use --overwrite") from None


def start_run(plan: RunPlan, fingerprint: Fingerprint) -> None:
    """Create the directory and record the fingerprint (kept as is when resuming)."""
    plan.out.mkdir(parents=True, exist_ok=True)
    path = plan.out / RUN_FILE
    if path.is_file():
        return
    payload = {"logicdistill_run": RUN_FORMAT_VERSION, "fingerprint": fingerprint.to_json(), "sessions_s": []}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def add_session(out: Path, seconds: float) -> list[float]:
    """Record one training session's wall time in run.json; all sessions' times so far."""
    path = out / RUN_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sessions_s"] = [*data.get("sessions_s", []), round(seconds, 3)]
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return list(data["sessions_s"])


def finish_run(out: Path, metadata: AdapterMetadata, keep_checkpoints: bool) -> Path:
    """Write the metadata file last (its presence marks a finished adapter), then tidy up."""
    path = out / METADATA_FILE
    staging = out / f".{METADATA_FILE}.tmp"
    staging.write_text(json.dumps(metadata.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    staging.replace(path)
    if not keep_checkpoints:
        shutil.rmtree(out / CHECKPOINTS, ignore_errors=True)
    return path
