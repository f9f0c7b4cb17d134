"""Settings of an OpenAI-compatible endpoint, from flags or environment variables (named once, here).

Precedence: an explicit argument, then ``LOGICDISTILL_*``, then (key and URL
only) the openai client's own ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL``. A local
server needs no key; a placeholder is sent. Talking to the endpoint is
:mod:`logicdistill.llm.http`'s job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from logicdistill.errors import UserError

BASE_URL_ENV = "LOGICDISTILL_BASE_URL"
API_KEY_ENV = "LOGICDISTILL_API_KEY"
MODEL_ENV = "LOGICDISTILL_MODEL"
OPENAI_KEY_ENV = "OPENAI_API_KEY"
OPENAI_URL_ENV = "OPENAI_BASE_URL"
PLACEHOLDER_KEY = "no-key"  # sent to servers that need none (llama.cpp, vLLM, Ollama without auth)


@dataclass(frozen=True)
class EndpointConfig:
    """Where and how to call an OpenAI-compatible chat endpoint."""

    model: str = field(metadata={"help": "model name the server knows"})
    base_url: str | None = field(
        default=None, metadata={"help": "e.g. http://127.0.0.1:8080/v1; None: OpenAI"}
    )
    api_key: str = field(default=PLACEHOLDER_KEY, repr=False, metadata={"help": "bearer key (never cached)"})
    timeout_s: float = field(default=120.0, metadata={"help": "per-request timeout in seconds"})
    max_retries: int = field(
        default=5,
        metadata={"help": "retries on 408/409/429/5xx and dropped connections (openai client backoff)"},
    )
    concurrency: int = field(default=4, metadata={"help": "requests in flight at once"})
    use_cache: bool = field(default=True, metadata={"help": "replay identical requests from the disk cache"})

    def __post_init__(self) -> None:
        if not self.model:
            raise UserError(f"no model name for the endpoint: give one or set {MODEL_ENV}")
        if self.timeout_s <= 0 or self.max_retries < 0 or self.concurrency < 1:
            raise UserError("endpoint timeout must be > 0, retries >= 0 and concurrency >= 1")


def resolve_endpoint(
    model: str | None = None,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
) -> EndpointConfig:
    """An :class:`EndpointConfig` from arguments, falling back to the environment variables.

    Other settings keep their defaults; change them with ``dataclasses.replace``.
    """
    model = model or os.environ.get(MODEL_ENV, "")
    base_url = base_url or os.environ.get(BASE_URL_ENV) or os.environ.get(OPENAI_URL_ENV) or None
    key = api_key or os.environ.get(API_KEY_ENV) or os.environ.get(OPENAI_KEY_ENV)
    if key is None:
        if base_url is None:
            raise UserError(
                f"no endpoint configured: set {BASE_URL_ENV} (a local server) or {API_KEY_ENV} (OpenAI)"
            )
        key = PLACEHOLDER_KEY
    return EndpointConfig(model=model, base_url=base_url, api_key=key)
