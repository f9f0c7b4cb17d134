"""Start and stop llama-cpp-python's OpenAI-compatible server on loopback, serving the bundled GGUF.

Used by the integration tests only. Every wait is bounded; the process is
ended by its own id. The server's log goes to a file beside the test's temp files.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

READY_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class LlamaServer:
    """One ``python -m llama_cpp.server`` process; ``start``/``stop`` may be repeated on the same port."""

    def __init__(self, model: Path, log: Path, *, port: int | None = None, threads: int = 2) -> None:
        self.model = model
        self.log = log
        self.port = port or free_port()
        self.threads = threads
        self._process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/v1"

    def start(self) -> None:
        command = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(self.model), "--model_alias", "smollm2-135m",
            "--host", HOST, "--port", str(self.port),
            "--n_ctx", "2048", "--n_threads", str(self.threads), "--n_threads_batch", str(self.threads),
        ]  # fmt: skip
        with self.log.open("a") as out:
            self._process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited early; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"llama.cpp server not ready after {READY_TIMEOUT_S} s; see {self.log}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)
