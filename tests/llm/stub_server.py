"""A tiny scripted OpenAI-compatible chat endpoint on loopback, for fast tests of the HTTP backend.

Each request to ``/v1/chat/completions`` is recorded; the reply comes from
``script`` (a list consumed request by request, each a status code or a reply
dict) or, when the list is empty, from ``answer(request) -> reply``. Status
``0`` closes the connection without answering (a dropped connection).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def completion(
    text: str, *, top: list[tuple[str, float]] | None = None, prompt: int = 7, done: int = 3
) -> dict:
    """A chat.completion body with ``text``, optional first-token top_logprobs and usage."""
    logprobs = None
    if top is not None:
        alternatives = [{"token": t, "logprob": lp, "bytes": None} for t, lp in top]
        first = {"token": top[0][0], "logprob": top[0][1], "bytes": None, "top_logprobs": alternatives}
        logprobs = {"content": [first]}
    return {
        "id": "stub-1",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
                "logprobs": logprobs,
            }
        ],
        "usage": {"prompt_tokens": prompt, "completion_tokens": done, "total_tokens": prompt + done},
    }


class StubEndpoint:
    def __init__(self, answer: Callable[[dict], dict] | None = None) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[Any] = []
        self.script: list[int | dict] = []
        self.answer = answer or (lambda request: completion("ok"))
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append(body)
                stub.headers.append(self.headers)  # case-insensitive lookups
                step = stub.script.pop(0) if stub.script else stub.answer(body)
                if step == 0:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                status, payload = (
                    (step, {"error": {"message": f"stub status {step}"}})
                    if isinstance(step, int)
                    else (200, step)
                )
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> StubEndpoint:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
