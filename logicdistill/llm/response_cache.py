"""On-disk cache of endpoint replies, keyed by sha256 of the canonical request JSON (as DSPy does).

Teacher work is paid once and a run replays exactly. One JSON file per reply
under ``cache_dir("responses")``, written to a temporary file and renamed, so
a reader never sees half a file. The API key is never part of a request here.
Eviction is left out on purpose: delete the folder to start over.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from logicdistill.paths import cache_dir

CACHE_FORMAT = 1


@dataclass(frozen=True)
class CachedReply:
    """What is kept of one chat completion."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    # first generated token's alternatives as (token, logprob), when logprobs were asked for and given
    top_logprobs: tuple[tuple[str, float], ...] | None = None


def canonical_json(request: dict[str, object]) -> str:
    return json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def request_key(request: dict[str, object]) -> str:
    return hashlib.sha256(canonical_json(request).encode("utf-8")).hexdigest()


class ResponseCache:
    """get/put of :class:`CachedReply` by request; a damaged file counts as a miss."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir("responses")

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, request: dict[str, object]) -> CachedReply | None:
        path = self._path(request_key(request))
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            if record.get("format") != CACHE_FORMAT or record.get("request") != json.loads(
                canonical_json(request)
            ):
                return None
            reply = record["reply"]
            top = reply.get("top_logprobs")
            return CachedReply(
                text=reply["text"],
                prompt_tokens=int(reply["prompt_tokens"]),
                completion_tokens=int(reply["completion_tokens"]),
                top_logprobs=tuple((str(t), float(lp)) for t, lp in top) if top is not None else None,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, request: dict[str, object], reply: CachedReply) -> None:
        path = self._path(request_key(request))
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"format": CACHE_FORMAT, "request": request, "reply": asdict(reply)}
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(canonical_json(record))
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
