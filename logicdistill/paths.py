"""Where logicdistill keeps files it can rebuild: oracle tables, converted models, caches.

One place for the cache location: ``LOGICDISTILL_CACHE`` if set, else
``~/.cache/logicdistill``. Nothing here creates files except the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "LOGICDISTILL_CACHE"


def cache_dir(*parts: str) -> Path:
    """The cache folder (or a sub-folder of it), created if missing."""
    root = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "logicdistill")
    path = root.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path
