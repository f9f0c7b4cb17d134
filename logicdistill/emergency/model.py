"""Which model writes emergency functions: the student with the LD adapter when there is one.

Default: the bundled student (``smollm2-135m``) with the LD adapter at
``runs/demo/ld-adapter`` (relative to the working folder) when that folder
exists, else the untuned student; :class:`WriterModel` says which, so every
output can name it. A given adapter folder must exist. Its metadata file
(``logicdistill-adapter.json``), when present, names the student it was
trained on. Left out: any generation (:mod:`.writer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from logicdistill.emergency.config import DEFAULT_ADAPTER
from logicdistill.errors import UserError
from logicdistill.llm.base import LanguageModel
from logicdistill.llm.factory import DEFAULT_STUDENT

GENERATION_THREADS = 1  # on a shared CPU one thread is faster than several fighting over the cores


@dataclass(frozen=True)
class WriterChoice:
    """The student spec and adapter folder to load, and one line saying which it is."""

    student: str
    adapter: Path | None
    label: str


@dataclass(frozen=True)
class WriterModel:
    model: LanguageModel
    choice: WriterChoice


def choose_writer(adapter: str | Path | None = None, student: str | None = None) -> WriterChoice:
    """The model to load: ``adapter`` if given (must exist), else the default adapter if present."""
    if adapter is not None:
        folder = Path(adapter).expanduser()
        if not folder.is_dir():
            raise UserError(f"adapter folder {folder} does not exist")
    else:
        default = Path(DEFAULT_ADAPTER)
        folder = default if default.is_dir() else None
    spec = student or (_trained_on(folder) if folder else None) or DEFAULT_STUDENT
    if folder is None:
        label = f"{spec} (untuned: no LD adapter at {DEFAULT_ADAPTER})"
    else:
        label = f"{spec} + LD adapter {folder}"
    return WriterChoice(spec, folder, label)


def load_writer(choice: WriterChoice | None = None) -> WriterModel:
    """Load the model ``choice`` names (default: :func:`choose_writer`'s); heavy: imports torch."""
    from logicdistill.llm import load_model
    from logicdistill.llm.local import LocalModelConfig

    choice = choice or choose_writer()
    local = LocalModelConfig(threads=GENERATION_THREADS)
    model = load_model(choice.student, local=local, adapter=choice.adapter)
    return WriterModel(model, choice)


def _trained_on(folder: Path) -> str | None:
    """The student spec the adapter's metadata names, if it can be read."""
    try:
        from logicdistill.training.adapter_metadata import read_metadata

        return read_metadata(folder).student.spec
    except (UserError, ImportError, OSError, KeyError, ValueError, TypeError):
        return None
