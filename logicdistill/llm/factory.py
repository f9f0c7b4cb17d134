"""``load_model(spec)``: one way to get any model by a short string.

Specs (see docs/models.md):

- ``smollm2-135m`` — a bundled model by short name (GGUF converted once, cached);
- ``openai:<model>`` — an OpenAI-compatible endpoint; ``openai:`` alone takes the
  model from ``LOGICDISTILL_MODEL``; base URL and key from arguments or environment;
- a path to a ``.gguf`` file (converted once, cached) or to a checkpoint folder;
- ``hf:<id>`` or ``<org>/<name>`` — a Hugging Face model id (needs the Hub or its local cache).

Everything wrong with a spec is a :class:`UserError` raised before anything is
written. The backends themselves live in :mod:`local` and :mod:`openai_backend`.
"""

from __future__ import annotations

import re
from pathlib import Path

from logicdistill.errors import UserError
from logicdistill.llm.base import LanguageModel, Role
from logicdistill.llm.checkpoints import BUNDLED, bundled_gguf, check_gguf, converted_checkpoint
from logicdistill.llm.local import LocalModelConfig, TransformersModel
from logicdistill.llm.usage import UsageMeter

OPENAI_PREFIX = "openai:"
HF_PREFIX = "hf:"
HF_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
DEFAULT_STUDENT = "smollm2-135m"


def describe_specs() -> str:
    names = ", ".join(sorted(BUNDLED))
    return f"{names}, openai:<model>, a .gguf file, a checkpoint folder, or hf:<org>/<name>"


def load_model(
    spec: str,
    *,
    role: Role = Role.STUDENT,
    meter: UsageMeter | None = None,
    local: LocalModelConfig | None = None,
    adapter: str | Path | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
) -> LanguageModel:
    """The model named by ``spec`` (see the module doc), playing ``role``, metered into ``meter``."""
    spec = spec.strip()
    if not spec:
        raise UserError(f"empty model name; use one of: {describe_specs()}")
    if spec.startswith(OPENAI_PREFIX) or spec == "openai":
        if adapter is not None:
            raise UserError("LoRA adapters apply to local models only, not to an endpoint")
        from logicdistill.llm.endpoint import resolve_endpoint
        from logicdistill.llm.openai_backend import OpenAIModel

        endpoint = resolve_endpoint(spec[len(OPENAI_PREFIX) :] or None, base_url=base_url, api_key=api_key)
        return OpenAIModel(endpoint, role=role, meter=meter)
    source, name = _local_source(spec)
    model = TransformersModel(source, name=name, config=local or LocalModelConfig(), role=role, meter=meter)
    if adapter is not None:
        model.attach_adapter(adapter)
    return model


def _local_source(spec: str) -> tuple[str, str]:
    """The folder or Hub id transformers should load, and the display name."""
    if spec in BUNDLED:
        return str(converted_checkpoint(bundled_gguf(spec))), spec
    if spec.startswith(HF_PREFIX):
        return spec[len(HF_PREFIX) :], spec[len(HF_PREFIX) :]
    path = Path(spec).expanduser()
    if path.is_file():
        check_gguf(path)
        return str(converted_checkpoint(path)), path.name
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise UserError(f"{path} is not a model checkpoint folder (no config.json)")
        return str(path), path.name
    if spec.endswith(".gguf") or spec.startswith((".", "/", "~")):
        raise UserError(f"model file {spec} does not exist")
    if HF_ID.match(spec):
        return spec, spec
    raise UserError(f"unknown model {spec!r}; use one of: {describe_specs()}")
